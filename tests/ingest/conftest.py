"""Small files in every format, written for these tests (all fictional)."""

from __future__ import annotations

from email.message import EmailMessage

FICTIONAL_REPORT = (
    "FICTIONAL TEST REPORT. Warplanes struck the vegetable market in Khan Shaykhun on Tuesday, "
    "killing at least 12 civilians, activist Abu Yazan said."
)


def make_pdf(text: str | None) -> bytes:
    """A one-page PDF; with ``text`` None the page has no text layer (like a scan)."""
    content = (b"" if text is None else
               b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return bytes(out)


def make_eml(body: str, attachment: str | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = "Field Reporter <reporter@example.invalid>"
    message["To"] = "desk@example.invalid"
    message["Subject"] = "Fictional field report"
    message["Date"] = "Sat, 08 Apr 2017 10:00:00 +0000"
    message["X-Rasd-Source"] = "Test Network"
    message["X-Rasd-Fictional"] = "true"
    message.set_content(body)
    if attachment is not None:
        message.add_attachment(attachment.encode("utf-8"), maintype="text", subtype="plain",
                               filename="witness.txt")
    return message.as_bytes()


HTML_PAGE = """<!doctype html><html><head><title>Market strike</title>
<meta name="rasd:source" content="Idlib Monitor"><meta name="rasd:published" content="2017-04-05">
<meta name="rasd:fictional" content="true">
<style>body { color: red } .secret { display: none }</style>
<script>var tracker = "SCRIPT-SHOULD-NOT-APPEAR"; document.write("x");</script></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Market strike</h1><p>{report}</p>
<p>Rescue workers said the toll could rise as more bodies were recovered from the rubble of the
market, which had been crowded with families buying food before the evening.</p></article>
<footer>Copyright fictional outlet</footer></body></html>""".replace("{report}", FICTIONAL_REPORT)
