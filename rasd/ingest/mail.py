"""E-mail messages (.eml): the body is a report; each attachment is a report of its own.

The sender's address is protected (it can identify a field reporter): it is kept in the
report's protected fields, never in its metadata or exports.
"""

from __future__ import annotations

import email
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from rasd.ingest.base import Draft, IngestError, clean_text
from rasd.ingest.html import read_html
from rasd.ingest.meta import apply_metadata

Reader = Callable[[bytes, str], list[Draft]]


def _body(message: EmailMessage, name: str) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if part.get_content_subtype() == "html":
        return read_html(content.encode("utf-8"), name)[0].text
    return clean_text(str(content)).strip()


def _attachments(message: EmailMessage, name: str, read: Reader) -> list[Draft]:
    drafts: list[Draft] = []
    for part in message.iter_attachments():
        filename = part.get_filename() or "attachment"
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes) or not payload:
            continue
        drafts.extend(read(payload, f"{name}/{filename}"))
    return drafts


def _published(message: EmailMessage) -> str | None:
    raw = message.get("Date")
    if not raw:
        return None
    try:
        return parsedate_to_datetime(str(raw)).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def read_mail(data: bytes, name: str, read: Reader) -> list[Draft]:
    try:
        message = email.message_from_bytes(data, policy=policy.default)
    except (ValueError, TypeError, IndexError) as exc:
        raise IngestError(f"{name}: unreadable e-mail message ({type(exc).__name__})") from exc
    if not isinstance(message, EmailMessage) or not (message.keys() or message.get_payload()):
        raise IngestError(f"{name}: not an e-mail message")
    body = _body(message, name)
    attachments = _attachments(message, name, read)
    if not body and not attachments:
        raise IngestError(f"{name}: e-mail with no text and no readable attachment")
    draft = Draft(data=data, text=body or "(message without text; see its attachments)",
                  media_type="message/rfc822", name=name, attachments=attachments)
    meta = {"title": message.get("Subject"), "published": _published(message),
            "source": message.get("X-Rasd-Source"), "language": message.get("Content-Language"),
            "fictional": message.get("X-Rasd-Fictional", "false")}
    apply_metadata(draft, meta, name)
    if message.get("From"):
        draft.protected["sender"] = str(message.get("From"))
    return [draft]
