"""Amounts of money with their currency ("$2 million", "5,000 Syrian pounds"), for the
``rasd_quantities`` component (:mod:`rasd.extract.quantities`), which writes them to
``doc.spans["money"]`` with value ``{amount, currency}``.

The money pattern runs only in a window around each place a currency is named
(:data:`_MONEY_HINTS`, found with :func:`rasd.extract.finds.word_starts`).
"""

from __future__ import annotations

import re

from rasd.extract.finds import Found, word_starts
from rasd.extract.numbers import NUMBER_PATTERN, ascii_lower, parse_number

_CURRENCIES = {
    "syrian pound": "SYP", "syrian pounds": "SYP", "syp": "SYP", "s.p.": "SYP", "sp": "SYP",
    "syrian lira": "SYP", "syrian liras": "SYP", "dollars": "USD", "dollar": "USD",
    "us dollars": "USD", "u.s. dollars": "USD", "usd": "USD", "$": "USD", "us$": "USD",
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "€": "EUR", "turkish lira": "TRY",
    "turkish liras": "TRY", "lira": "TRY", "tl": "TRY", "try": "TRY",
}
_CUR_AFTER = (
    r"syrian pounds?|syrian liras?|u\.?s\.? dollars|dollars?|usd|syp|s\.p\.|sp|euros?|eur|"
    r"turkish liras?|lira|tl"
)
_SCALE = r"(?:\s+(?P<scale>million|billion|thousand))?"
_MONEY = re.compile(
    rf"(?:(?P<pre>us\$|\$|€|usd|syp|eur)\s?(?P<n1>\d[\d,]*(?:\.\d+)?){_SCALE}\b"
    rf"|\b(?P<n2>{NUMBER_PATTERN})\s+(?P<scale2>million\s+|billion\s+)?(?P<post>{_CUR_AFTER})\b)",
)
#: where a currency may be named (the money pattern runs only around these)
_MONEY_HINTS = ("$", "€", "pound", "lira", "dollar", "usd", "syp", "eur", "s.p.", "sp", "tl")


def find_money(text: str, lower: str | None = None) -> list[Found]:
    """Every amount of money with a currency in ``text`` (looked for only near a currency);
    ``lower``: the text ASCII-lower-cased, where the caller has it."""
    lower = ascii_lower(text) if lower is None else lower
    out = []
    last = -1
    for hint in sorted(word_starts(lower, _MONEY_HINTS)):
        if lower.startswith(("sp", "tl"), hint) and lower[hint + 2:hint + 3].isalpha():
            continue
        lo = max(last, hint - 60)
        for m in _MONEY.finditer(lower, lo, min(len(lower), hint + 40)):
            if m.start() >= last:
                item = _money(m)
                if item is not None:
                    out.append(item)
                    last = m.end()
    return _dedupe_money(out)


def _money(m: re.Match[str]) -> Found | None:
    raw = m.group("n1") or m.group("n2")
    amount = parse_number(raw)
    if amount is None:
        return None
    scale = (m.group("scale") or m.group("scale2") or "").strip()
    amount *= {"million": 1_000_000, "billion": 1_000_000_000, "thousand": 1000}.get(scale, 1)
    cur_raw = m.group("pre") or m.group("post") or ""
    currency = _CURRENCIES.get(" ".join(cur_raw.split()), "USD" if "dollar" in cur_raw else "")
    if not currency:
        return None
    return Found(m.start(), m.end(), {"amount": amount, "currency": currency},
                 f"amount in {currency}")


def _dedupe_money(found: list[Found]) -> list[Found]:
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[Found] = []
    for f in found:
        if not out or f.start >= out[-1].end:
            out.append(f)
    return out
