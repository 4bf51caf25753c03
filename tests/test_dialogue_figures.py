"""Summary figures against dialogues counted by hand, including the divisions by zero."""
from __future__ import annotations

import pytest

from generator.figures import PCT_CR, PCT_OQ, RQ, compute, fmt_pct, fmt_ratio, level
from generator.model import Turn


def P(*codes: str) -> Turn:
    return Turn("practitioner", "...", tuple(codes))


def C(*talk: str) -> Turn:
    return Turn("client", "...", (), tuple(talk))


def test_a_hand_counted_dialogue():
    # 4 questions (3 open, 1 closed), 3 simple + 2 complex reflections, 2 affirm, 1 seeking collaboration,
    # 1 emphasizing autonomy, 1 persuade, 1 persuade with permission, 1 giving information, 0 confront.
    turns = [
        P("question/open"), C("change/desire"),
        P("simple_reflection", "question/open"), C("sustain/reasons"),
        P("complex_reflection/double_sided"), C("change/reasons"),
        P("affirm", "question/closed"), C("neutral"),
        P("simple_reflection"), C("change/ability"),
        P("giving_information"), C("discord"),
        P("persuade"), C("sustain"),
        P("persuade_with_permission", "emphasizing_autonomy"), C("change/commitment"),
        P("complex_reflection/summary", "affirm"), C(),
        P("seeking_collaboration", "simple_reflection/summary", "question/open"),
        P(),  # an uncoded practitioner turn (a greeting) counts as a turn, not as a code
    ]
    f = compute(turns)
    assert f.counts == {
        "giving_information": 1, "persuade": 1, "persuade_with_permission": 1, "question": 4, "simple_reflection": 3,
        "complex_reflection": 2, "affirm": 2, "seeking_collaboration": 1, "emphasizing_autonomy": 1, "confront": 0}
    assert (f.practitioner_turns, f.coded_turns) == (11, 10)
    assert (f.reflections, f.questions) == (5, 4)
    assert f.rq == pytest.approx(5 / 4)
    assert f.pct_cr == pytest.approx(2 / 5)
    assert (f.open_questions, f.closed_questions, f.unmarked_questions) == (3, 1, 0)
    assert f.pct_oq == pytest.approx(3 / 4)
    assert f.adherent == 4  # 2 affirm + 1 seeking collaboration + 1 emphasizing autonomy; PwP is neither
    assert f.non_adherent == 1  # 1 persuade + 0 confront
    assert f.talk == {"change": 4, "sustain": 2, "neutral": 1, "discord": 1}
    assert f.ct_share == pytest.approx(4 / 6)
    assert (fmt_ratio(f.rq), level(f.rq, RQ)) == ("1.25:1", "fair")
    assert (fmt_pct(f.pct_cr), level(f.pct_cr, PCT_CR)) == ("40%", "fair")
    assert (fmt_pct(f.pct_oq), level(f.pct_oq, PCT_OQ)) == ("75%", "good")
    assert fmt_pct(f.ct_share) == "67%"


def test_a_turn_with_two_labels_counts_once_on_each_side():
    # "I know I should cut down, but it's the only thing that helps me sleep": change talk, then sustain talk.
    turns = [P("question/open"), C("change/need", "sustain/reasons"),
             P("simple_reflection"), C("change/desire", "change/need"),  # two kinds of change talk: one change turn
             P("complex_reflection"), C("sustain/ability", "discord"),
             P("question/open"), C("change/commitment")]
    f = compute(turns)
    assert f.talk == {"change": 3, "sustain": 2, "neutral": 0, "discord": 1}
    assert f.ct_share == pytest.approx(3 / 5) and fmt_pct(f.ct_share) == "60%"
    assert (f.reflections, f.questions) == (2, 2)  # the practitioner's figures do not move


def test_zero_questions_gives_no_ratio():
    f = compute([P("simple_reflection"), C("sustain"), P("complex_reflection"), C("change")])
    assert f.questions == 0 and f.reflections == 2
    assert f.rq is None and fmt_ratio(f.rq) == "n/a" and level(f.rq, RQ) == "n/a"
    assert f.pct_oq is None and fmt_pct(f.pct_oq) == "n/a"
    assert fmt_pct(f.pct_cr) == "50%" and level(f.pct_cr, PCT_CR) == "good"


def test_zero_reflections_gives_no_percent_complex():
    f = compute([P("question/closed"), C("neutral"), P("persuade"), C("discord"), P("confront")])
    assert f.reflections == 0
    assert f.rq == 0 and fmt_ratio(f.rq) == "0:1" and level(f.rq, RQ) == "below"
    assert f.pct_cr is None and fmt_pct(f.pct_cr) == "n/a"
    assert f.non_adherent == 2 and f.adherent == 0
    assert f.ct_share is None  # neither change nor sustain talk
    assert f.pct_oq == 0


def test_nothing_coded_at_all():
    f = compute([C(), C()])
    assert f.practitioner_turns == 0 and sum(f.counts.values()) == 0
    assert (f.rq, f.pct_cr, f.pct_oq, f.ct_share) == (None, None, None, None)


def test_questions_without_open_or_closed_are_left_out_of_percent_open():
    f = compute([P("question"), P("question/open"), P("question/closed"), P("question/open")])
    assert f.questions == 4 and f.unmarked_questions == 1
    assert fmt_pct(f.pct_oq) == "67%" and level(f.pct_oq, PCT_OQ) == "fair"  # 2 of 3: beginning proficiency


@pytest.mark.parametrize("value, ratio, pct", [
    (2.0, "2:1", "200%"), (1.0, "1:1", "100%"), (0.5, "0.5:1", "50%"), (1 / 8, "0.13:1", "13%"),
    (2 / 3, "0.67:1", "67%"), (0.0, "0:1", "0%"), (None, "n/a", "n/a")])
def test_formats_round_halves_up_like_the_browser(value, ratio, pct):
    assert fmt_ratio(value) == ratio and fmt_pct(value) == pct


@pytest.mark.parametrize("value, expected", [(0.39, "below"), (0.40, "fair"), (0.49, "fair"), (0.50, "good"), (1.0, "good")])
def test_thresholds_are_inclusive(value, expected):
    assert level(value, PCT_CR) == expected


def test_rq_thresholds_are_1_and_2():
    assert [level(v, RQ) for v in (0.99, 1.0, 1.99, 2.0)] == ["below", "fair", "fair", "good"]


def test_a_verdict_needs_ten_utterances():
    from generator.figures import MIN_COUNT, verdict

    assert MIN_COUNT == 10
    one = compute([P("complex_reflection")])
    assert one.pct_cr == 1.0 and verdict(one.pct_cr, PCT_CR, one.reflections) == "few"  # not "100% good"
    ten = compute([P("complex_reflection")] * 5 + [P("simple_reflection")] * 5)
    assert verdict(ten.pct_cr, PCT_CR, ten.reflections) == "good"
    nine = compute([P("complex_reflection")] * 5 + [P("simple_reflection")] * 4)
    assert verdict(nine.pct_cr, PCT_CR, nine.reflections) == "few"
    assert verdict(None, PCT_CR, 0) == "n/a"


def test_reflections_and_no_question_is_good_not_n_a():
    from generator.figures import rq_verdict

    f = compute([P("simple_reflection")] * 20)
    assert f.rq is None and rq_verdict(f) == "good"
    assert rq_verdict(compute([P("simple_reflection")] * 3)) == "few"
    assert rq_verdict(compute([C()])) == "n/a"
    assert rq_verdict(compute([P("simple_reflection")] * 6 + [P("question")] * 5)) == "fair"


def test_what_a_coding_does_not_cover_is_not_coded():
    from generator.figures import is_coded

    coded = ("simple_reflection", "complex_reflection", "question", "change", "sustain")
    assert is_coded(coded, "rq") and is_coded(coded, "pct_cr") and is_coded(coded, "ct_share")
    assert not is_coded(coded, "pct_oq")  # questions not split into open and closed
    assert not is_coded(coded, "adherent") and not is_coded(coded, "n_affirm") and not is_coded(coded, "talk_neutral")
    assert is_coded(coded, "n_question") and is_coded(coded, "n_total")
    assert is_coded((), "adherent")  # no `coded:` list: everything is coded
