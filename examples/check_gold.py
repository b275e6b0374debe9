"""Check examples/gold.yaml against the demo corpus in examples/reports/.

Run: ``.venv/bin/python examples/check_gold.py`` (exit status 0 when the gold is consistent).

For every report it reads the text as a careful reader sees it (front matter stripped; the
visible body of an HTML page; the body of a mail or the text of one of its attachments; the
``text`` of a feed row) and verifies that every mention ``text`` and every event ``evidence``
occurs in it, that entity, incident and perpetrator keys exist, and that the values follow the
schema of docs/gold-format.md. Standard library and PyYAML only: it does not use ``rasd``, so it
checks the gold independently of the ingest code.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPORTS = HERE / "reports"
GOLD = HERE / "gold.yaml"

MENTION_KINDS = ("persons", "groups", "places", "dates", "quantities", "money")
ENTITY_KIND = {"persons": "person", "groups": "group"}
ADMIN1 = {"Aleppo", "Idlib", "Raqqa", "Deir ez-Zor", "Hasakah", "Homs", "Hama", "Damascus",
          "Rif Dimashq", "Daraa", "Latakia", "Tartus", "Quneitra", "As-Suwayda"}
EVENT_TYPES = {
    "Battles": {"Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction", "Non-violent transfer of territory",
                               "Other"},
}
VIOLATIONS = {
    "killing_of_civilians", "execution", "arbitrary_detention", "enforced_disappearance",
    "abduction", "torture", "sexual_violence", "enslavement", "child_recruitment",
    "forced_conscription", "attack_on_civilian_objects", "attack_on_medical", "chemical_weapons",
    "indiscriminate_attack", "siege_starvation", "forced_displacement", "looting_extortion",
    "restriction_of_expression", "home_raid",
}
MODALITIES = {"asserted", "planned", "denied", "hypothetical"}
SOURCE_KINDS = {"news", "ngo", "field-network", "monitor", "official"}
SKIP_TAGS = {"head", "script", "style", "nav", "footer", "noscript", "template", "svg"}
MIN_WORDS, MAX_WORDS = 150, 500


# --- reading the reports -------------------------------------------------------------------


def strip_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(metadata, body) of a text that may start with a ``---`` YAML block."""
    text = text.replace("\r\n", "\n")
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text
    meta = yaml.safe_load(text[4:end]) or {}
    return meta, text[end + 4:].lstrip("\n")


class _Visible(HTMLParser):
    """The visible text of a page: no head, scripts, styles, navigation or footer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and values.get("name", "").startswith("rasd:"):
            self.meta[values["name"][5:]] = values.get("content", "")
        if tag in SKIP_TAGS:
            self.skip.append(tag)
        self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skip and self.skip[-1] == tag:
            self.skip.pop()
        self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n\n".join(line for line in lines if line)


def html_text(raw: str) -> tuple[dict[str, Any], str]:
    parser = _Visible()
    parser.feed(raw)
    parser.close()
    return dict(parser.meta), parser.text()


def mail_text(raw: bytes, attachment: str | None) -> tuple[dict[str, Any], str]:
    msg = message_from_bytes(raw, policy=policy.default)
    assert isinstance(msg, EmailMessage)
    meta = {"source": msg["X-Rasd-Source"], "fictional": msg["X-Rasd-Fictional"],
            "subject": msg["Subject"]}
    for part in msg.walk():
        if part.is_multipart():
            continue
        name = part.get_filename()
        if attachment is None and name is None and part.get_content_type() == "text/plain":
            return meta, str(part.get_content()).replace("\r\n", "\n")
        if attachment is not None and name == attachment:
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return strip_front_matter(payload.decode("utf-8"))
    raise KeyError(f"no {'attachment ' + attachment if attachment else 'body'} in the mail")


def feed_row(path: Path, row_id: str) -> tuple[dict[str, Any], str]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if str(row.get("id")) == row_id:
                return row, str(row["text"])
    raise KeyError(f"no row {row_id!r} in {path.name}")


def read_report(file: str) -> tuple[dict[str, Any], str]:
    """(metadata, text) of the report a gold ``file`` value names."""
    name, _, part = file.partition("#")
    path = REPORTS / name
    if path.suffix == ".jsonl":
        return feed_row(path, part)
    if path.suffix == ".eml":
        return mail_text(path.read_bytes(), part or None)
    raw = path.read_text(encoding="utf-8")
    if path.suffix in {".html", ".htm"}:
        return html_text(raw)
    return strip_front_matter(raw)


def corpus_files() -> set[str]:
    """Every report the corpus holds, as gold ``file`` values (feed rows and attachments too)."""
    found: set[str] = set()
    for path in sorted(REPORTS.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(REPORTS).as_posix()
        if path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    found.add(f"{rel}#{json.loads(line)['id']}")
        elif path.suffix == ".eml":
            found.add(rel)
            msg = message_from_bytes(path.read_bytes(), policy=policy.default)
            found.update(f"{rel}#{p.get_filename()}" for p in msg.walk() if p.get_filename())
        else:
            found.add(rel)
    return found


# --- checks --------------------------------------------------------------------------------


class Checker:
    def __init__(self, gold: dict[str, Any]) -> None:
        self.gold = gold
        self.errors: list[str] = []
        self.entities = {e["key"]: e for e in gold.get("entities", [])}
        self.incidents = {i["key"]: i for i in gold.get("incidents", [])}
        self.sources = {s["name"]: s for s in gold.get("sources", [])}

    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def run(self) -> list[str]:
        self.check_tables()
        keys: set[str] = set()
        files: set[str] = set()
        events_per_incident: dict[str, int] = {}
        for report in self.gold.get("reports", []):
            key = str(report.get("key"))
            if key in keys:
                self.error(key, "duplicate report key")
            keys.add(key)
            files.add(str(report.get("file")))
            self.check_report(report, events_per_incident)
        for missing in sorted(corpus_files() - files):
            self.error(missing, "report in examples/reports/ without gold")
        for key in self.incidents:
            if not events_per_incident.get(key):
                self.error(key, "incident without events")
        for report in self.gold.get("reports", []):
            for other in [report.get("copy_of")] if report.get("copy_of") else []:
                if other not in keys:
                    self.error(report["key"], f"copy_of names unknown report {other}")
        return self.errors

    def check_tables(self) -> None:
        for entity in self.entities.values():
            if entity.get("kind") not in {"person", "group", "place"}:
                self.error(entity["key"], f"bad entity kind {entity.get('kind')!r}")
            if not entity.get("name"):
                self.error(entity["key"], "entity without name")
        for source in self.sources.values():
            if source.get("kind") not in SOURCE_KINDS:
                self.error(source["name"], f"bad source kind {source.get('kind')!r}")
            if not source.get("independence_group"):
                self.error(source["name"], "source without independence_group")
        for incident in self.incidents.values():
            count = incident.get("independent_sources")
            if not isinstance(count, int) or count < 1:
                self.error(incident["key"], "independent_sources must be a positive integer")

    def check_report(self, report: dict[str, Any], per_incident: dict[str, int]) -> None:
        key = str(report.get("key"))
        try:
            meta, text = read_report(str(report["file"]))
        except (OSError, KeyError, ValueError) as exc:
            self.error(key, f"cannot read {report.get('file')}: {exc}")
            return
        self.check_metadata(key, report, meta, text)
        for kind in MENTION_KINDS:
            for mention in report.get(kind) or []:
                self.check_mention(key, kind, mention, text)
        for event in report.get("events") or []:
            self.check_event(key, event, text)
            incident = str(event.get("incident"))
            per_incident[incident] = per_incident.get(incident, 0) + 1

    def check_metadata(self, key: str, report: dict[str, Any], meta: dict[str, Any],
                       text: str) -> None:
        if report.get("source") not in self.sources:
            self.error(key, f"source {report.get('source')!r} not in sources")
        if meta.get("source") and meta["source"] != report.get("source"):
            self.error(key, f"source {report.get('source')!r} != file's {meta['source']!r}")
        if str(meta.get("fictional", "")).lower() != "true":
            self.error(key, "the file is not marked fictional: true")
        if meta.get("published") and str(meta["published"]) != str(report.get("published")):
            self.error(key, f"published {report.get('published')} != file's {meta['published']}")
        if report.get("language") not in {"en", "ar"}:
            self.error(key, f"bad language {report.get('language')!r}")
        for cited in report.get("cites") or []:
            if not isinstance(cited, str) or not cited:
                self.error(key, f"bad cites entry {cited!r}")
        words = len(text.split())
        if not MIN_WORDS <= words <= MAX_WORDS:
            self.error(key, f"{words} words, outside {MIN_WORDS}-{MAX_WORDS}")

    def check_mention(self, key: str, kind: str, mention: dict[str, Any], text: str) -> None:
        surface = mention.get("text")
        if not isinstance(surface, str) or not surface or surface not in text:
            self.error(key, f"{kind}: {surface!r} not in the report text")
        if kind in ENTITY_KIND:
            entity = self.entities.get(mention.get("entity", ""))
            if entity is None:
                self.error(key, f"{kind}: {surface!r} names unknown entity {mention.get('entity')}")
            elif entity["kind"] != ENTITY_KIND[kind]:
                self.error(key, f"{kind}: {surface!r} linked to a {entity['kind']} entity")
        elif kind == "places":
            self.check_place(f"{key} {surface!r}", mention)
        elif kind == "dates":
            self.check_dates(f"{key} {surface!r}", mention, "start", "end", "precision")
        elif kind == "quantities":
            self.check_numbers(f"{key} {surface!r}", mention)
        elif kind == "money" and (not isinstance(mention.get("amount"), (int, float))
                                  or not mention.get("currency")):
            self.error(key, f"money {surface!r} needs amount and currency")

    def check_place(self, where: str, place: dict[str, Any]) -> None:
        for field in ("name", "lat", "lon", "geo_precision"):
            if place.get(field) is None:
                self.error(where, f"place without {field}")
        lat, lon = place.get("lat"), place.get("lon")
        if place.get("country", "SY") == "SY" and isinstance(lat, (int, float)) \
                and isinstance(lon, (int, float)) \
                and not (32.3 <= lat <= 37.4 and 35.6 <= lon <= 42.4):
            self.error(where, f"({lat}, {lon}) is not in Syria")
        admin1 = place.get("admin1")
        if place.get("country", "SY") == "SY" and admin1 is not None and admin1 not in ADMIN1:
            self.error(where, f"admin1 {admin1!r} is not a governorate name")
        if place.get("geo_precision") not in {1, 2, 3}:
            self.error(where, f"geo_precision {place.get('geo_precision')!r}")

    def check_dates(self, where: str, item: dict[str, Any], start: str, end: str,
                    precision: str) -> None:
        first, last = item.get(start), item.get(end)
        if not isinstance(first, date) or not isinstance(last, date):
            self.error(where, f"{start}/{end} must be dates, got {first!r}, {last!r}")
        elif first > last:
            self.error(where, f"{start} after {end}")
        if item.get(precision) not in {1, 2, 3, 4}:
            self.error(where, f"{precision} {item.get(precision)!r}")

    def check_numbers(self, where: str, item: dict[str, Any]) -> None:
        if not item.get("kind"):
            self.error(where, "quantity without kind")
        numbers = [item.get(k) for k in ("low", "best", "high")]
        if all(n is None for n in numbers):
            self.error(where, "quantity without low/best/high")
        given = [n for n in numbers if n is not None]
        if any(not isinstance(n, int) for n in given):
            self.error(where, f"non-integer count {numbers}")
        elif given != sorted(given):
            self.error(where, f"low <= best <= high violated: {numbers}")

    def check_event(self, key: str, event: dict[str, Any], text: str) -> None:
        where = f"{key} {event.get('key')}"
        subtypes = EVENT_TYPES.get(event.get("event_type", ""))
        if subtypes is None or event.get("sub_event_type") not in subtypes:
            self.error(where, f"bad type {event.get('event_type')} / {event.get('sub_event_type')}")
        for violation in event.get("violations") or []:
            if violation not in VIOLATIONS:
                self.error(where, f"unknown violation {violation}")
        if event.get("incident") not in self.incidents:
            self.error(where, f"unknown incident {event.get('incident')}")
        perpetrator = event.get("perpetrator")
        if perpetrator is not None and perpetrator not in self.entities:
            self.error(where, f"unknown perpetrator {perpetrator}")
        if event.get("modality") not in MODALITIES:
            self.error(where, f"bad modality {event.get('modality')!r}")
        self.check_dates(where, event, "date_start", "date_end", "time_precision")
        if isinstance(event.get("place"), dict):
            self.check_place(where, event["place"])
        else:
            self.error(where, "event without place")
        evidence = event.get("evidence")
        for phrase in evidence if isinstance(evidence, list) else [evidence]:
            if not isinstance(phrase, str) or not phrase or phrase not in text:
                self.error(where, f"evidence {phrase!r} not in the report text")
        fatalities = event.get("fatalities")
        if fatalities is not None:
            self.check_numbers(where, {"kind": "killed", **fatalities})


def summary(gold: dict[str, Any]) -> str:
    reports = gold.get("reports", [])
    mentions = {k: sum(len(r.get(k) or []) for r in reports) for k in MENTION_KINDS}
    kinds: dict[str, int] = {}
    for entity in gold.get("entities", []):
        kinds[entity["kind"]] = kinds.get(entity["kind"], 0) + 1
    events = sum(len(r.get("events") or []) for r in reports)
    return (f"{len(reports)} reports, {events} events, {len(gold.get('incidents', []))} "
            f"incidents, entities {kinds}, mentions {mentions}")


def main() -> int:
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    errors = Checker(gold).run()
    for line in errors:
        print(line)
    print(summary(gold))
    print("FAILED" if errors else "OK", f"({len(errors)} problems)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
