"""The course's coding conventions where a machine can see them: text and codes that disagree (MITI 4.2.1 codes
every question as Question unless it confronts; a text that only asks is no reflection; a permission question is
Question plus Seeking Collaboration, the course's reading). Warnings, for the author's eyes: a reply's text is free.
"""
from __future__ import annotations

import re

from . import codes

PERMISSION = re.compile(r"\b(would it be (ok|okay|alright|all right)|is it (ok|okay|alright|all right)|would you mind|"
                        r"may i|could i|can i (share|tell|offer|suggest|give|add|mention)|would you like (me to|to hear)|"
                        r"would you be (up for|interested|open)|(ok|okay) (if|with) (i|me))\b", re.I)
# A question mark inside quoted speech ("she asked 'why?'") is the client's or someone else's, not the reply's.
QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|'[^']*\?'")


def coding_warnings(text: str, values: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    """(message, hint) for each way this practitioner text and its codes disagree."""
    bases = {codes.split(c)[0] for c in values}
    spoken = QUOTED.sub("", text)
    asks = "?" in spoken
    out = []
    if asks and "question" not in bases and "confront" not in bases:
        if PERMISSION.search(spoken):
            out.append(("a permission question with no question code",
                        "code it `codes: [question/closed, seeking_collaboration]`: MITI 4.2.1 codes every question as "
                        "Question, and the course reads asking permission as Seeking Collaboration too"))
        else:
            out.append(("this text asks a question but has no question code",
                        "add `question` (or `question/open`, `question/closed`): every question is a Question unless it "
                        "confronts (then `confront`)"))
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", spoken.strip()) if s]
    if sentences and all(s.rstrip("\"'”’ ").endswith("?") for s in sentences) and bases & set(codes.REFLECTIONS):
        out.append(("a reflection code on a text that only asks",
                    "a question is coded `question`, even one that guesses at meaning; write the reflection as a "
                    "statement, or change the code"))
    return out
