"""The review loop with a scripted ``ask`` (fictional pairs)."""

from __future__ import annotations

from rasd.resolve.link import ReviewPair
from rasd.resolve.review import describe, parse_answer, review_queue


def pair(n: int) -> ReviewPair:
    return ReviewPair(id=f"rev-{n}", kind="person", entity_a=f"per-a{n}", entity_b=f"per-b{n}",
                      mention_a=f"men-a{n}", mention_b=f"men-b{n}", score=0.7,
                      explanation={"features": [["surname", 2.5, True, "hasan / hasan"],
                                                ["role", -2.0, False, "military / medical"]]},
                      names=("Colonel al-Hassan", "Suheil al-Hassan"))


def test_answers_become_judgements_with_comments() -> None:
    answers = iter(["y", "n: different towns", "?", "s", "y"])
    made = review_queue([pair(i) for i in range(5)], lambda p: next(answers), "analyst1")
    assert [j.decision for j in made] == ["positive", "negative", "unsure", "positive"]
    assert made[1].comment == "different towns"
    assert all(j.user == "analyst1" and j.subject_kind == "entity-pair" for j in made)
    assert {made[0].subject, made[0].other} == {"men-a0", "men-b0"}


def test_quit_keeps_earlier_decisions_and_nonsense_is_asked_again() -> None:
    answers = iter(["maybe?!", "n", "q", "y"])
    asked: list[str] = []

    def ask(p: ReviewPair) -> str:
        asked.append(p.id)
        return next(answers)

    made = review_queue([pair(0), pair(1), pair(2)], ask, "analyst2")
    assert [j.decision for j in made] == ["negative"]
    assert asked == ["rev-0", "rev-0", "rev-1"]


def test_prompt_shows_names_score_and_features() -> None:
    text = describe(pair(0))
    assert "Colonel al-Hassan" in text and "0.70" in text and "military / medical" in text
    assert parse_answer("YES") == ("positive", None)
