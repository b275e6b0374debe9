"""Full-text search over reports with one meaning on both backends.

A query is a list of words (and "quoted phrases"); a report matches when it holds all of them,
case and diacritics folded, without stemming: SQLite FTS5 (unicode61) and PostgreSQL
(``rasd_simple``: simple + unaccent) agree on that. Arabic vowel marks (harakat), Quranic signs
and tatweel are dropped from the text before it is indexed (migration 0004) and from the query
(:data:`MARKS`): on their own, both engines would keep them and Python's ``\\w`` would split a
word at each one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, text

TOKEN = re.compile(r'"([^"]+)"|(\w+)', re.UNICODE)
#: dropped from text and queries (the same as migration 0004's, which indexes without them)
MARKS = ("".join(chr(c) for c in range(0x0610, 0x061B)) + "\u0640"
         + "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670")
_DROP = str.maketrans("", "", MARKS)


@dataclass
class Hit:
    report: str
    title: str | None
    published: date | None
    source: str | None
    snippet: str


def terms(query: str) -> list[list[str]]:
    """The query's terms; each a list of words (a phrase has several)."""
    found = []
    for phrase, word in TOKEN.findall(fold(query)):
        words = re.findall(r"\w+", phrase or word, re.UNICODE)
        if words:
            found.append([w.lower() for w in words])
    return found


def fold(value: str) -> str:
    """``value`` without Arabic vowel marks and tatweel (as the full-text index holds it)."""
    return value.translate(_DROP)


def locate(body: str, word: str) -> int:
    """Where ``word`` (folded, lower case) first occurs in ``body``, marks or not; -1 if not."""
    marks = "[" + MARKS + "]*"
    pattern = marks.join(re.escape(ch) for ch in word)
    found = re.search(pattern, body, re.IGNORECASE) if pattern else None
    return found.start() if found else -1


def _fts5_query(parts: list[list[str]]) -> str:
    return " AND ".join('"' + " ".join(words) + '"' for words in parts)


def _pg_query(parts: list[list[str]]) -> str:
    return " & ".join("(" + " <-> ".join(words) + ")" for words in parts)


def _snippet(body: str, parts: list[list[str]], width: int = 160) -> str:
    positions = [p for p in (locate(body, words[0]) for words in parts) if p >= 0]
    at = max(0, min(positions) - width // 3) if positions else 0
    piece = " ".join(body[at:at + width].split())
    return ("…" if at else "") + piece + ("…" if at + width < len(body) else "")


def search(conn: Connection, query: str, limit: int = 50, offset: int = 0) -> list[Hit]:
    """Reports that hold every term of ``query``, best first."""
    parts = terms(query)
    if not parts:
        return []
    if conn.dialect.name == "sqlite":
        sql = text(
            "SELECT r.id, r.title, r.published, r.source_id, r.text FROM reports_fts f "
            "JOIN reports r ON r.rowid = f.rowid WHERE reports_fts MATCH :q "
            "ORDER BY bm25(reports_fts), r.id LIMIT :limit OFFSET :offset")
        params = {"q": _fts5_query(parts), "limit": limit, "offset": offset}
    else:
        sql = text(
            "SELECT id, title, published, source_id, text FROM reports "
            "WHERE search @@ to_tsquery('rasd_simple', :q) "
            "ORDER BY ts_rank(search, to_tsquery('rasd_simple', :q)) DESC, id "
            "LIMIT :limit OFFSET :offset")
        params = {"q": _pg_query(parts), "limit": limit, "offset": offset}
    rows = conn.execute(sql, params).all()
    return [Hit(r[0], r[1], _as_date(r[2]), r[3], _snippet(r[4], parts)) for r in rows]


def _as_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
