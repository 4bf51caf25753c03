"""Exercise counts per topic, kind, audience and setting."""
from __future__ import annotations

from collections import Counter

from .model import Course


def course_stats(course: Course) -> dict:
    exs = list(course.exercises.values())
    topics = Counter(t for e in exs for t in e.topics)
    return {
        "exercises": len(exs),
        "dialogues": len(course.dialogues),
        "by_kind": dict(sorted(Counter(e.kind for e in exs).items())),
        "by_topic": {t: topics.get(t, 0) for t in course.taxonomy.topics},
        "by_audience": dict(sorted(Counter(a for e in exs for a in (e.audience or ["(any)"])).items())),
        "by_setting": dict(sorted(Counter(e.setting or "(none)" for e in exs).items())),
        "by_difficulty": dict(sorted(Counter(str(e.difficulty) for e in exs).items())),
        "by_review": dict(sorted(Counter(e.review.status for e in exs).items())),
        "dialogues_by_setting": dict(sorted(Counter(d.setting or "(none)" for d in course.dialogues.values()).items())),
    }


def format_stats(stats: dict) -> str:
    lines = [f"exercises: {stats['exercises']}    dialogues: {stats['dialogues']}"]
    for key in ("by_kind", "by_topic", "by_audience", "by_setting", "by_difficulty", "by_review", "dialogues_by_setting"):
        lines.append("")
        lines.append(key.replace("_", " ") + ":")
        width = max((len(k) for k in stats[key]), default=0)
        lines.extend(f"  {k:<{width}}  {v:>5}" for k, v in stats[key].items())
    return "\n".join(lines)
