"""The review loop: a person judges the queued pairs at a text prompt (``rasd link --review``).

:func:`review_queue` shows each pair through ``ask`` and turns the answers into judgements:

- ``y`` / ``yes`` / ``same`` — the same person (positive);
- ``n`` / ``no`` / ``different`` — different people (negative: kept apart from then on);
- ``u`` / ``unsure`` / ``?`` — unsure (recorded; the pair leaves the queue);
- ``s`` / ``skip`` / empty — no decision now;
- ``q`` / ``quit`` — stop, keeping the decisions made so far.

Text after a colon is kept as the judgement's comment: ``n: different towns, different units``.
An answer the loop does not understand is asked again (at most ``MAX_TRIES`` times, then skipped).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rasd.model import Decision, Judgement
from rasd.resolve.judgements import judge
from rasd.resolve.link import ReviewPair

ANSWERS: dict[str, Decision | str] = {
    "y": "positive", "yes": "positive", "same": "positive",
    "n": "negative", "no": "negative", "different": "negative",
    "u": "unsure", "unsure": "unsure", "?": "unsure",
    "s": "skip", "skip": "skip", "": "skip",
    "q": "quit", "quit": "quit",
}
MAX_TRIES = 3
HELP = "same person? [y]es / [n]o / [u]nsure / [s]kip / [q]uit (add ': comment')"


def parse_answer(text: str) -> tuple[str | None, str | None]:
    """(action, comment) of one answer; action None when it is not understood."""
    head, _, comment = text.partition(":")
    action = ANSWERS.get(head.strip().lower())
    return action, (comment.strip() or None)


def describe(pair: ReviewPair) -> str:
    """The text shown for one pair: the two names, the score and the features."""
    lines = [f"{pair.names[0]!r}  vs  {pair.names[1]!r}   score {pair.score:.2f}",
             f"  entities {pair.entity_a} / {pair.entity_b}"]
    if pair.explanation.get("why"):
        lines.append(f"  why queued: {pair.explanation['why']}")  # e.g. from a capped block
    for name, weight, agreed, detail in pair.explanation.get("features", []):
        mark = "+" if agreed else ("-" if weight < 0 else " ")
        lines.append(f"  {mark} {name:<12} {weight:+.2f}  {detail}")
    lines.append(HELP)
    return "\n".join(lines)


def review_queue(pairs: Iterable[ReviewPair], ask: Callable[[ReviewPair], str],
                 user: str) -> list[Judgement]:
    """Ask about each pair in turn; the judgements of the answers given (see module doc)."""
    made: list[Judgement] = []
    for pair in pairs:
        action, comment = None, None
        for _ in range(MAX_TRIES):
            action, comment = parse_answer(ask(pair))
            if action is not None:
                break
        if action == "quit":
            break
        if action in ("positive", "negative", "unsure"):
            made.append(judge(pair.mention_a, pair.mention_b, action,  # type: ignore[arg-type]
                              user, comment))
    return made
