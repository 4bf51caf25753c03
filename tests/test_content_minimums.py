"""The shipped course meets the minimums the course promises (counts read from `mi-course stats` and the model)."""
from __future__ import annotations

import json
from collections import Counter

import pytest

from conftest import REPO, run_cli
from generator.kinds import KINDS
from generator.site import read_lessons
from generator.validate import load_course

COURSE, _ = load_course(REPO)
EXERCISES = list(COURSE.exercises.values())
STATS = json.loads(run_cli("stats", "--json", cwd=REPO).stdout)
TOPICS = STATS["by_topic"]
PRINCIPLES = ["express-empathy", "develop-discrepancy", "avoid-argumentation", "roll-with-resistance", "support-self-efficacy"]
STAGES = ["precontemplation", "contemplation", "preparation", "action", "maintenance", "relapse"]
OARS = ["open-questions", "affirmations", "reflections", "summaries"]
DARN_CAT = ["ct-desire", "ct-ability", "ct-reasons", "ct-need", "ct-commitment", "ct-activation", "ct-taking-steps"]
SETTINGS = ["addiction", "fitness", "nutrition", "chronic-disease", "smoking", "mental-health", "justice", "adolescents",
            "workplace"]


def count(*topics: str) -> int:
    return sum(1 for e in EXERCISES if set(e.topics) & set(topics))


def test_totals_and_kinds():
    assert STATS["exercises"] >= 250
    assert set(STATS["by_kind"]) == set(KINDS)
    kinds = STATS["by_kind"]
    assert kinds["write_response"] >= 20 and kinds["classify"] >= 15 and kinds["order"] >= 6
    assert kinds["best_response"] >= 40


@pytest.mark.parametrize("topic, minimum", [(t, 8) for t in PRINCIPLES] + [(t, 6) for t in STAGES]
                         + [(t, 12) for t in OARS] + [(t, 4) for t in DARN_CAT])
def test_topic_minimum(topic, minimum):
    assert TOPICS[topic] >= minimum


def test_grouped_minimums():
    assert count("change-talk", "sustain-talk", "discord", *DARN_CAT) >= 40
    assert count("spirit", "engaging", "focusing", "evoking", "planning") >= 20


def test_settings_difficulty_and_review_spread():
    settings = Counter(e.setting for e in EXERCISES)
    assert all(settings[s] >= 3 for s in SETTINGS), settings
    assert set(STATS["by_difficulty"]) == {"1", "2", "3"}
    assert all(e.review.status in ("draft", "reviewed") for e in EXERCISES)


@pytest.mark.parametrize("audience", ["clinician", "coach"])
def test_every_topic_has_enough_for_each_audience(audience):
    for topic in COURSE.taxonomy.topics:
        n = sum(1 for e in EXERCISES if topic in e.topics and (not e.audience or audience in e.audience))
        assert n >= 3, (topic, audience, n)


def test_every_option_explains_why():
    for e in EXERCISES:
        for option in getattr(e, "options", None) or []:
            assert len(option.feedback.split()) >= 3, e.id  # a reason, not just "Correct"
        for item in getattr(e, "items", None) or []:
            assert getattr(item, "feedback", "x") != "" or e.kind == "order", e.id


def test_conversations():
    dialogues = list(COURSE.dialogues.values())
    assert len(dialogues) >= 16
    assert len({d.setting for d in dialogues}) >= 6
    for d in dialogues:
        for t in d.turns:
            assert (t.codes if t.speaker == "practitioner" else t.talk), (d.id, t.text)
    pairs = {frozenset((d.id, d.pair)) for d in dialogues if d.pair and COURSE.dialogues[d.pair].pair == d.id
             and d.style != COURSE.dialogues[d.pair].style}
    assert len(pairs) >= 4
    scenarios = [e for e in EXERCISES if e.kind == "scenario"]
    assert len(scenarios) >= 6
    assert sum(e.setting == "fitness" for e in scenarios) >= 2
    assert sum(e.setting not in ("fitness", "nutrition", "general") for e in scenarios) >= 2
    assert all(sum(n.ending is not None for n in e.nodes.values()) >= 3 for e in scenarios)
    assert STATS["by_kind"]["code_transcript"] >= 4


def test_every_lesson_has_objectives_time_and_references():
    lessons, diags = read_lessons(REPO / "content", REPO)
    assert not [d for d in diags if d.severity == "error"]
    assert len(lessons) >= 15
    for lesson in lessons:
        assert lesson.meta.get("objectives") and isinstance(lesson.meta.get("minutes"), int), lesson.path
