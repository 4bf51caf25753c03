"""Summary figures of a coded conversation, computed at build time (pure functions, no HTML).

Practitioner figures follow MITI 4.2.1 (Moyers, Manuel & Ernst, 2014): counts per behaviour code, the
reflection-to-question ratio, percent complex reflections, and the MI-adherent (Seeking Collaboration + Affirm +
Emphasizing Autonomy) and MI non-adherent (Confront + Persuade) counts. Persuade with Permission is neither.
Percent open questions belongs to MITI 3.1.1 and is kept apart. The client's share of change talk is a
client-language figure (MISC-style): MITI does not code the client, and no threshold exists for it.
A division by zero gives None, shown as "n/a".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable

from . import codes

MANUAL = "MITI 4.2.1 (Moyers, Manuel & Ernst, 2014)"
MANUAL_3 = "MITI 3.1.1"


@dataclass(frozen=True)
class Threshold:
    fair: float
    good: float
    fair_label: str = "fair"
    good_label: str = "good"


# Expert-opinion thresholds, not norms; they assume a coded 20-minute segment.
RQ = Threshold(1.0, 2.0)  # reflections per question: 1:1 fair, 2:1 good
PCT_CR = Threshold(0.40, 0.50)  # complex / all reflections
PCT_OQ = Threshold(0.50, 0.70, "beginning proficiency", "competency")  # MITI 3.1.1 only


@dataclass(frozen=True)
class Figures:
    counts: dict[str, int]  # every MITI 4.2.1 behaviour code, in the manual's order; zeros included
    practitioner_turns: int
    coded_turns: int
    reflections: int  # SR + CR
    questions: int
    open_questions: int
    closed_questions: int  # questions marked closed; unmarked questions count in neither
    rq: float | None  # (SR + CR) / Q
    pct_cr: float | None  # CR / (SR + CR)
    pct_oq: float | None  # open / (open + closed), MITI 3.1.1
    adherent: int  # SeCo + AF + EA
    non_adherent: int  # Confront + Persuade
    talk: dict[str, int] = field(default_factory=dict)  # client turns carrying change, sustain, neutral, discord
    ct_share: float | None = None  # change / (change + sustain)

    @property
    def unmarked_questions(self) -> int:
        return self.questions - self.open_questions - self.closed_questions


def ratio(top: int, bottom: int) -> float | None:
    return None if bottom == 0 else top / bottom


def compute(turns: Iterable) -> Figures:
    """Figures from turns that have `.speaker`, `.codes` (practitioner) and `.talk` (client)."""
    counts = {c: 0 for c in codes.BEHAVIOURS}
    talk = {t: 0 for t in codes.TALK_TYPES}
    open_q = closed_q = prac = coded = 0
    for turn in turns:
        if turn.speaker == "practitioner":
            prac += 1
            coded += bool(turn.codes)
            for value in turn.codes:
                base, detail = codes.split(value)
                counts[base] += 1
                if base == "question":
                    open_q += detail == "open"
                    closed_q += detail == "closed"
        else:
            # A client turn counts once under each talk type it carries: "I should cut down, but it's the only thing
            # that helps me sleep" is one utterance of change talk and one of sustain talk, so it adds to both sides of
            # the change-talk share (MISC-style coding gives each part its code). Two labels of one type (desire and
            # need) still count once: the unit is the client's turn, as the practitioner's is, and a turn that lists
            # more DARN-CAT kinds should not weigh more than one that names its main one.
            for base in dict.fromkeys(codes.split(value)[0] for value in turn.talk):
                talk[base] += 1
    refl = counts["simple_reflection"] + counts["complex_reflection"]
    return Figures(
        counts=counts, practitioner_turns=prac, coded_turns=coded, reflections=refl, questions=counts["question"],
        open_questions=open_q, closed_questions=closed_q,
        rq=ratio(refl, counts["question"]),
        pct_cr=ratio(counts["complex_reflection"], refl),
        pct_oq=ratio(open_q, open_q + closed_q),
        adherent=sum(counts[c] for c in codes.MI_ADHERENT),
        non_adherent=sum(counts[c] for c in codes.MI_NON_ADHERENT),
        talk=talk, ct_share=ratio(talk["change"], talk["change"] + talk["sustain"]))


def level(value: float | None, t: Threshold) -> str:
    """"good", "fair", "below" or "n/a" (no value)."""
    if value is None:
        return "n/a"
    if value >= t.good - 1e-9:
        return "good"
    if value >= t.fair - 1e-9:
        return "fair"
    return "below"


# Fewest utterances behind a verdict: the course's choice, as MITI 4.2.1 sets none (its thresholds assume a coded
# 20-minute segment, which holds dozens of reflections and questions). With n utterances one utterance moves a
# percentage by 100/n points; below 10 that is more than the 10-point band between fair (40%) and good (50%) complex
# reflections, so a single utterance coded the other way could turn one verdict into another.
MIN_COUNT = 10

# What each figure needs coded (a dialogue's `coded:`); a figure missing any of it is "not coded", never 0.
NEEDS: dict[str, tuple[str, ...]] = {
    "rq": ("simple_reflection", "complex_reflection", "question"),
    "pct_cr": ("simple_reflection", "complex_reflection"),
    "adherent": codes.MI_ADHERENT,
    "non_adherent": codes.MI_NON_ADHERENT,
    "pct_oq": ("question/open", "question/closed"),
    "ct_share": ("change", "sustain"),
    "n_total": (),
}


def is_coded(coded: tuple[str, ...], figure: str) -> bool:
    """Whether a coding that covers `coded` (empty: everything) gives `figure` (a NEEDS key, `n_<code>`, `talk_<t>`)."""
    if not coded:
        return True
    needs = NEEDS[figure] if figure in NEEDS else (figure.split("_", 1)[1],)
    return all(n in coded for n in needs)


def verdict(value: float | None, t: Threshold, n: int) -> str:
    """level(), or "few" when fewer than MIN_COUNT utterances stand behind the value."""
    if value is not None and n < MIN_COUNT:
        return "few"
    return level(value, t)


def rq_verdict(f: Figures) -> str:
    """R:Q's verdict from the counts: reflections and no question at all is above every threshold, not "n/a"."""
    if f.reflections + f.questions < MIN_COUNT:
        return "few" if f.reflections + f.questions else "n/a"
    return "good" if f.questions == 0 else level(f.rq, RQ)


def _half_up(value: float, places: str) -> Decimal:
    """Rounds halves up, as the browser's Math.round and toFixed do, so both sides print the same figure."""
    return Decimal(value).quantize(Decimal(places), ROUND_HALF_UP)


def fmt_pct(value: float | None) -> str:
    return "n/a" if value is None else f"{_half_up(value * 100, '1')}%"


def fmt_ratio(value: float | None) -> str:
    """Reflections per question, written as MITI writes its thresholds: 1.5:1."""
    if value is None:
        return "n/a"
    text = f"{_half_up(value, '0.01')}".rstrip("0").rstrip(".")
    return f"{text}:1"
