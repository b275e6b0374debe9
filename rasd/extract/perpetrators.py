"""Who did it: the perpetrator and the target of an event, from the report's wording.

Rules, strongest first; each actor records the rule that gave it (``rule``):

1. attack phrase: the party named in the words right before an attack noun — "Russian
   warplanes", "regime and Russian shelling", "the regime's barrel bombs", "IS suicide bomber" —
   or a group mention that holds the attack noun ("regime airstrikes");
2. agent: "by X", "carried out by X", "belonging to X", "blamed on X", "accused X";
3. subject: "X shelled / killed / struck ..." (an active attack verb right after the group), or
   a group the trigger follows with only a few plain words between;
4. claim: "X claimed responsibility" in the sentence;

and, for a violent event still without one (:mod:`rasd.extract.report_attackers`, lower
confidence):

5. signature weapon: a weapon only one party is documented to use ("barrel bombs");
6. the report's attacker: the one side the report names as perpetrator of its other events, or
   as attacker anywhere ("killed by X"); for an air strike on an area one side holds with no
   attacker named at all, the party documented as bombing such areas (an inference, said so).

A group the words mark as the side attacked — "X-held", "held by X", "X positions", "against X",
"killed 20 X fighters" — is a target and never the perpetrator. Where unsure: no perpetrator
(precision first: a wrong name blames the wrong people). Vocabularies are data
(``rasd/taxonomy/perpetrators.yaml``); the patterns here are English syntax.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from rasd.extract.perpetrator_values import (
    ARMED_KINDS,
    VIOLENT,
    GroupRef,
    Lexicon,
    actor_by_id,
    actor_of,
    has_perpetrator,
    lexicon,
    side_key,
)
from rasd.extract.prefilter import fold_pattern, folded, holds_any, literal_words

__all__ = ["ARMED_KINDS", "VIOLENT", "GroupRef", "Lexicon", "actor_by_id", "actor_of", "assign",
           "attack_nouns", "has_perpetrator", "lexicon", "phrase_parties", "side_key"]
_WORD = re.compile(r"[\w.'’-]+|[,&]")
_QUOTES = ("'", "’")
_POSSESSIVES = ("'s", "’s")
_WORD_CHARS = frozenset(".'’-_")
_CONJ = {"and", "or", ",", "&", "and/or"}
_EITHER = fold_pattern(r"\bor\b")
_EITHER_RULE = "attack phrase, one of the parties it names with 'or'"
_TARGET_BEFORE = fold_pattern(
    r"\b(?:against|targeting|targeted|(?:positions?|strongholds?|bastions?|territory|areas?|"
    r"bases?|posts?) (?:of|held by|controlled by)|(?:held|controlled|besieged|surrounded|"
    r"encircled|run|dominated|occupied|seized|captured|retaken|recaptured) by|under (?:the )?"
    r"control of|(?<!blamed )on|at|between|with)\s+(?:the\s+)?(?:[\w'-]+\s+)?$")
_NEUTRAL_BEFORE = fold_pattern(
    r"\b(?:backed|supported|led|reported|documented|confirmed|said|cited|quoted|announced|"
    r"published|aired|trained|armed|funded|sponsored|recognized|recognised|condemned|brokered|"
    r"mediated|hosted|proposed|agreed|signed|"
    r"criticized|criticised|denied|monitored|run|issued|released|posted|according)\s+"
    r"(?:by|to)\s+(?:the\s+)?(?:[\w'-]+\s+)?$")
_AGENT_BEFORE = fold_pattern(
    r"\b(?:by|belong(?:s|ed|ing)? to|attributed to|blamed on|blam(?:ed|es|ing)|accus(?:ed|es|ing)"
    r"|perpetrated by|(?:air ?strikes?|strikes?|raids?|attacks?|bombardment|bombing|shelling)"
    r" (?:of|from))\s+(?:(?:the|a|an|suspected|alleged|possibly|probably|likely|either|"
    r"apparently|what|were|was|are|is|be)\s+){0,3}(?:[\w'-]+\s+)?$")
_TARGET_AFTER = fold_pattern(
    r"^\s*(?:-\s*|['’]s\s+)?(?:held|controlled|run|besieged|dominated|occupied|positions?|"
    r"strongholds?|bastions?|territor(?:y|ies)|areas?|posts?|bases?|hideouts?|headquarters|"
    r"targets?|de facto|capital|lines|enclaves?|pockets?)\b")
_NUMBER_BEFORE = fold_pattern(
    r"(?:(?<![\d/.:-])\b\d{1,3}(?:,\d{3})*(?![\d/.:])|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|"
    r"scores|hundreds|thousands|several|many|some)(?: of)?)\s+(?:the\s+)?$")
_ACTIVE_AFTER = fold_pattern(
    r"^\s*(?:\([^()]{0,60}\)\s*)?(?:(?:terrorists?|militants?|fighters?|jihadists?|gunmen|"
    r"members|forces|troops|units|soldiers|(?:terrorist |jihadist |extremist |armed )?"
    r"(?:group|organi[sz]ation)|suicide bombers?|bombers?)\s+)?"
    r"(?:(?:have|has|had|also|reportedly|allegedly|again|then|later|overnight|early|late|"
    r"on|\w+day|\w+ly)\s+){0,3}(?:killed|kills?|executed|executes?|shot|shoots?|"
    r"shelled|shells|bombed|bombs|bombarded|bombards|struck|strikes|"
    r"hit|hits|targeted|targets|attacked|attacks|pounded|pounds|launched|launch(?:es)?|"
    r"carried out|conducted|fired|fires|dropped|drops|opened fire|massacred|abducted|kidnapped|"
    r"arrested|detained|stormed|raided|blew up|detonated|ambushed|captured|seized|beheaded|"
    r"set off|planted|"
    r"used|uses|destroyed|slaughtered|murdered|assassinated|liquidated|eliminated|eliminates|"
    r"blew|beheads?|crucified|crucifies|rained|unleashed)\b"
    r"(?!\s+(?:(?:down|up|out|off)\s+)?(?:in|by|during|when|as|while)\b)")
_SUBJECT_GAP = re.compile(r"^(?:['’]s)?[\w\s'’-]{0,60}$")
_GAP_STOP = fold_pattern(r"\b(?:and|or|but|that|which|who|against|on\s+(?:the\s+)?positions|"
                       r"killed|dead|died|wounded|injured|were|was|is|are|been|being|said|says|"
                       r"told|reported|accused|blamed|held|controlled|between|with|by)\b")
_MONTH_BEFORE = fold_pattern(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
                           r"\.?\s+\d{1,2}\s+(?:the\s+)?$")
_MEMBER_OF = fold_pattern(r"\b(?:bombers?|attackers?|gunmen|militants|fighters|terrorists|"
                        r"jihadists|members)\s+(?:from|of|belonging to)\s+(?:the\s+)?$")
#: a word each match of _MEMBER_OF holds
_MEMBER_WORDS = ("bomber", "attacker", "gunmen", "militants", "fighters", "terrorists",
                 "jihadists", "members")
_FIGHT_WITH = fold_pattern(r"\bkilled\s+(?:\w+\s+){0,5}?in\s+(?:\w+\s+)?(?:clashes|fighting|"
                         r"battles?|confrontations)\s+with\s+(?:the\s+)?$")
_OPPONENT = fold_pattern(r"\b(?:with|against)\s+(?:the\s+)?(?:[\w'-]+\s+)?$")
_DOWNED = fold_pattern(r"\s+(?:was|were|had been|has been)\s+(?:shot down|downed|brought down|"
                     r"hit|struck|destroyed|targeted|attacked)\b")
_NEUTRAL_VERB = fold_pattern(r"\b(?:brokered|backed|supported|led|mediated|sponsored|reported|"
                           r"trained|armed|funded|condemned|critici[sz]ed|denied|hosted|"
                           r"proposed|agreed|signed|announced)\s+by\b")
_COUNTRY_CUES = ("by ", "carried out", "conducted", "launched", "perpetrated")
_CLAIM = fold_pattern(r"\bclaimed\s+(?:responsibility|the\s+attack|the\s+bombing)\b")


def phrase_parties(text: str, groups: list[GroupRef], limit: int, noun: int) -> list[
        tuple[str, GroupRef | None, tuple[int, int]]]:
    """The parties named by the words right before an attack noun starting at ``noun``:
    (group id, group span or None, word span), in text order."""
    lex = lexicon()
    last = _last_word(text, max(limit, noun - 40), noun)
    if last is None:
        return []
    word = text[last[0]:last[1]]
    bare = _bare(word)
    low = word.lower()
    if not (lex.exact.get(bare) or bare.lower() in lex.modifiers or low in lex.fillers
            or low in _CONJ or any(g.end_char == last[1] for g in groups)):
        return []  # the word before the noun names nobody: the usual case, decided quickly
    by_end = {g.end_char: g for g in groups if g.end_char <= noun}
    words = list(_WORD.finditer(text, max(limit, noun - 90), noun))
    found: list[tuple[str, GroupRef | None, tuple[int, int]]] = []
    pos, taken, i = noun, False, len(words) - 1
    while i >= 0:
        w = words[i]
        if text[w.end():pos].strip():
            break
        group = by_end.get(w.end())
        if group is not None and group.start_char >= limit:
            if not taken:
                found.append((group.entity, group, (group.start_char, group.end_char)))
            taken, pos, i = True, min(group.start_char, w.start()), i - 1
            while i >= 0 and words[i].start() >= group.start_char:
                i -= 1
            continue
        word = w.group()
        bare = _bare(word)
        gid = lex.exact.get(bare) or lex.modifiers.get(bare.lower())
        if word.lower() in _CONJ:
            taken = False
        elif gid is not None:
            if not taken:
                found.append((gid, None, w.span()))
            taken = True
        elif word.lower() not in lex.fillers:
            break
        pos, i = w.start(), i - 1
    return found[::-1]


def _bare(word: str) -> str:
    """A word of more than 2 characters without its possessive ending ("regime's", "rebels'")."""
    if len(word) <= 2:
        return word
    if word.endswith(_POSSESSIVES):
        return word[:-2]
    return word[:-1] if word.endswith(_QUOTES) else word


def _last_word(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """(start, end) of the word (or comma, ampersand) ending ``text[lo:hi]`` before spaces."""
    j = hi
    while j > lo and text[j - 1].isspace():
        j -= 1
    k = j
    while k > lo and (text[k - 1].isalnum() or text[k - 1] in _WORD_CHARS):
        k -= 1
    if k < j:
        return k, j
    return (j - 1, j) if j > lo and text[j - 1] in ",&" else None


def _role_by_context(text: str, g: GroupRef, lo: int) -> tuple[str, str] | None:
    fold = folded(text)  # the patterns run on the folded text (prefilter.case_free)
    b_start = max(lo, g.start_char - 50)
    before = fold[b_start:g.start_char]
    after = fold[g.end_char:g.end_char + 90]
    if _TARGET_AFTER.match(after) or (_NUMBER_BEFORE.search(before)
                                      and not _MONTH_BEFORE.search(before)):
        return "target", "the side attacked"
    if holds_any(fold, b_start, g.start_char, ("by", "to")) and _NEUTRAL_BEFORE.search(before):
        return None
    if holds_any(fold, b_start, g.start_char, ("killed",)) and _FIGHT_WITH.search(before):
        return "perpetrator", "the other side of a deadly fight"
    if holds_any(fold, b_start, g.start_char, _MEMBER_WORDS) and _MEMBER_OF.search(before) \
            and _ACTIVE_AFTER.match(after):
        return "perpetrator", "subject of an attack verb"
    if _TARGET_BEFORE.search(before):
        return "target", "object of attack"
    if _AGENT_BEFORE.search(before):
        return "perpetrator", "by-agent"
    if _ACTIVE_AFTER.match(after):
        return "perpetrator", "subject of an attack verb"
    return None


def attack_nouns(lower: str) -> list[tuple[int, int]]:
    """(start, end) of the attack nouns of a text (A-Z lower-cased), in order."""
    lex = lexicon()
    found = literal_words(lower, lex.noun_words)
    return [m.span() for m in lex.nouns.finditer(lower)] if found is None else found


def assign(text: str, lower: str, event: dict[str, Any], groups: list[GroupRef],
           triggers: list[tuple[int, int, str]],
           nouns_of_text: list[tuple[int, int]] | None = None) -> None:
    """Perpetrators and targets of ``event`` from the armed-group spans of its sentence
    (``groups``) and the attack words of its clause (``triggers``: start, end, event type);
    ``lower`` is ``text`` with A-Z lower-cased; ``nouns_of_text``: :func:`attack_nouns` of the
    whole text where already read."""
    c_start, c_end = event["clause"]
    found: dict[str, dict[str, Any]] = {}
    etype = event["event_type"] or ""
    fold = folded(text)
    if nouns_of_text is None:
        nouns = [(m.start(), m.end(), etype) for m in lexicon().nouns.finditer(lower, c_start,
                                                                             c_end)]
    else:
        i = bisect.bisect_left(nouns_of_text, (c_start,))
        nouns = []
        while i < len(nouns_of_text) and nouns_of_text[i][0] < c_end:
            if nouns_of_text[i][1] <= c_end:
                nouns.append((*nouns_of_text[i], etype))
            i += 1
    for t_start, t_end, etype in triggers + nouns:
        if event["event_type"] and etype != event["event_type"]:
            continue  # another event's words in the clause ("rebels battling" by an air strike)
        if _DOWNED.match(fold, t_end, t_end + 30):
            continue  # "a Russian helicopter was shot down": the party was hit, not hitting
        inside = [g for g in groups if g.start_char <= t_start < g.end_char]
        head = min([g.start_char for g in inside] or [t_start])  # "regime and [Russian jets]"
        parties = phrase_parties(text, groups, c_start, head) + [
            (g.entity, g, (g.start_char, g.end_char)) for g in inside]
        if etype == "Battles" and len(parties) > 1:
            continue  # "regime and rebel clashes": two sides, neither is the attacker
        either = len(parties) > 1 and _EITHER.search(fold, parties[0][2][1], parties[-1][2][0])
        for gid, span, rng in parties:
            rule = _EITHER_RULE if either else "attack phrase"
            actor = actor_of(span, "perpetrator", rule) if span is not None else \
                actor_by_id(gid, "perpetrator", rule, rng)
            found.setdefault(gid, actor)
    _by_context(text, event, groups, found)
    _country_agent(text, event, found)
    _add_claims(text, event, groups, found)
    _opponent(text, event, groups, found)
    event["actors"] = sorted(found.values(), key=_strength)


_ORDER = {"attack phrase": 0, _EITHER_RULE: 0, "by-agent": 1, "subject of an attack verb": 2,
          "subject of trigger": 3, "claimed responsibility": 4,
          "the other side of a deadly fight": 5}


def _strength(actor: dict[str, Any]) -> tuple[int, int, int]:
    return (actor["role"] != "perpetrator", _ORDER.get(actor["rule"], 9),
            (actor["span"] or actor.get("words") or (0, 0))[0])


def _by_context(text: str, event: dict[str, Any], groups: list[GroupRef],
                found: dict[str, dict[str, Any]]) -> None:
    """Rules 2 and 3, and the targets, for the groups of the event's clause."""
    c_start, c_end = event["clause"]
    anchor: tuple[int, int] | None = event["trigger"] or (
        event["counts"][0]["span"] if event["counts"] else None)
    for g in groups:
        if g.entity in found or g.start_char < c_start or g.end_char > c_end:
            continue
        role = _arabic_agent(text, g, c_start) or _role_by_context(text, g, c_start)
        if role is None and anchor and g.end_char <= anchor[0]:
            gap, gap_fold = text[g.end_char:anchor[0]], folded(text)[g.end_char:anchor[0]]
            if _SUBJECT_GAP.match(gap) and not _GAP_STOP.search(gap_fold) and \
                    not _TARGET_AFTER.match(gap_fold):
                role = ("perpetrator", "subject of trigger")
        if role is None and anchor and event["trigger"] and g.start_char >= anchor[1]:
            role = _object_of_trigger(text, anchor, g.start_char)
        if role is not None:
            found[g.entity] = actor_of(g, *role)


_ARABIC = re.compile("[\u0600-\u06ff]")
#: "على يد" / "على أيدي" (at the hands of) right before a group: its agent
_AR_AGENT = re.compile(r"(?<!\w)[وف]?على\s+(?:يد|أيدي|ايدي)\s*$")
#: "على" / "ضد" (on, against) between an Arabic trigger and a group: the side attacked
_AR_AGAINST = re.compile(r"(?<!\w)(?:[وف]?على|[وف]?ضد)(?!\w)")


def _arabic_agent(text: str, g: GroupRef, lo: int) -> tuple[str, str] | None:
    """"قتل ثلاثة مدنيين على يد قوات النظام": the group after "على يد" did it."""
    start = max(lo, g.start_char - 20)
    if text.find("يد", start, g.start_char) < 0:
        return None
    return ("perpetrator", "by-agent") if _AR_AGENT.search(text, start, g.start_char) else None


def _object_of_trigger(text: str, trigger: tuple[int, int], g_start: int) -> tuple[str, str] | None:
    """A group after the trigger is its object in English ("shelled IS positions"). Arabic puts
    the verb first, so a group right after it is mostly its subject ("اعتقل التنظيم": IS
    arrested), and a noun's genitive may be either side ("غارات طائرات النظام" the regime's
    planes' strikes, "اعتقال عناصر التنظيم" the arrest of IS members): after an Arabic trigger
    only a group behind "على" or "ضد" (on, against) is the side attacked, and the others get no
    role rather than a wrong one."""
    if not _ARABIC.search(text, trigger[0], trigger[1]):
        return ("target", "object of trigger")
    return ("target", "object of trigger") if _AR_AGAINST.search(text, trigger[1], g_start) \
        else None


def _country_agent(text: str, event: dict[str, Any], found: dict[str, dict[str, Any]]) -> None:
    """"carried out by the United States": a state's name as the agent of the attack."""
    if any(a["role"] == "perpetrator" for a in found.values()):
        return
    lex = lexicon()
    clause = text[event["clause"][0]:event["clause"][1]]
    if not any(cue in clause for cue in _COUNTRY_CUES):
        return
    m = next((m for m in lex.countries.finditer(text, *event["clause"])
              if not _NEUTRAL_VERB.search(folded(text), max(0, m.start() - 30), m.start() + 3)),
             None)
    if m is None or m.lastgroup is None:
        return
    gid = lex.country_ids[int(m.lastgroup[1:])]
    found.setdefault(gid, actor_by_id(gid, "perpetrator", "by-agent", m.span(m.lastgroup)))


def _add_claims(text: str, event: dict[str, Any], groups: list[GroupRef],
                found: dict[str, dict[str, Any]]) -> None:
    """"<group> claimed responsibility" in the same sentence names the perpetrator."""
    if any(a["role"] == "perpetrator" for a in found.values()):
        return
    for g in groups:
        if _CLAIM.search(folded(text)[g.end_char:g.end_char + 40]):
            found[g.entity] = actor_of(g, "perpetrator", "claimed responsibility")
            return


def _opponent(text: str, event: dict[str, Any], groups: list[GroupRef],
              found: dict[str, dict[str, Any]]) -> None:
    """"20 X fighters were killed in clashes with Y": Y killed them (rule 3, a fight)."""
    if any(a["role"] == "perpetrator" for a in found.values()):
        return
    hit = [a for a in found.values() if a["rule"] == "the side attacked"]
    if len(hit) != 1:
        return
    for g in groups:
        gid = g.entity
        if (gid in found and found[gid]["rule"] != "object of attack") or gid == hit[0]["entity"]:
            continue
        if _OPPONENT.search(folded(text)[max(event["sentence"][0], g.start_char - 40):
                                         g.start_char]):
            found[gid] = actor_of(g, "perpetrator", "the other side of a deadly fight")
            return
