"""A branching practice conversation: each reply leads to the client's next line; endings carry a debrief."""
from __future__ import annotations

from dataclasses import dataclass, field

from ...diagnostics import did_you_mean
from ...dialogue import GROUPS
from ...markup import escape
from ...model import Exercise
from ...frame import context_block, prompt_block
from ...fields import CODE, CODES, ID, TALK, TEXT, list_of, obj
from .._parts import check_reply_codes, reply_codes
from ..contract import Tally

KIND = __name__.rsplit(".", 1)[-1]  # the folder's name
ORDER = 70
CONVERSATION = True  # listed beside the dialogues, in the index of conversations
CHOICE = obj({"text": TEXT, "code": CODE, "codes": CODES, "feedback": TEXT, "next": ID}, ["text", "feedback", "next"])
OUTCOMES = ("good", "mixed", "poor")
ENDING = obj({"outcome": {"enum": list(OUTCOMES)}, "debrief": TEXT}, ["outcome", "debrief"])
NODE = obj({"id": ID, "client": TEXT, "talk": TALK, "note": TEXT, "choices": list_of(CHOICE, 1), "ending": ENDING},
           ["id", "client"])
PROPERTIES = {"start": ID, "nodes": list_of(NODE, 2)}
REQUIRED = ["nodes"]


@dataclass(frozen=True)
class Choice:
    text: str
    codes: tuple[str, ...]  # in the order the reply does them
    feedback: str
    next: str


@dataclass(frozen=True)
class Ending:
    outcome: str
    debrief: str


@dataclass(frozen=True)
class Node:
    id: str
    client: str
    talk: str = ""
    note: str = ""
    choices: tuple[Choice, ...] = ()
    ending: Ending | None = None


@dataclass(kw_only=True)
class Scenario(Exercise):
    kind = KIND
    start: str
    nodes: dict[str, Node] = field(default_factory=dict)


def build(data: dict, common: dict) -> Scenario:
    nodes = {}
    for n in data["nodes"]:
        end = n.get("ending")
        nodes[n["id"]] = Node(n["id"], n["client"], n.get("talk", ""), n.get("note", ""),
                              tuple(Choice(c["text"], reply_codes(c), c["feedback"], c["next"]) for c in n.get("choices", [])),
                              Ending(end["outcome"], end["debrief"]) if end else None)
    return Scenario(**common, start=data.get("start") or data["nodes"][0]["id"], nodes=nodes)


def check(data: dict, path: tuple, doc) -> None:
    """The graph: known targets, every node reachable from the start, every path able to reach an ending.

    Each error names the node (and the choice) and points at the line and column where it is written.
    """
    where: dict[str, int] = {}
    for n, node in enumerate(data["nodes"]):
        p = path + ("nodes", n)
        for c, choice in enumerate(node.get("choices", [])):
            check_reply_codes(choice, p + ("choices", c), doc, f"node '{node['id']}', choice {c + 1}")
        if node["id"] in where:
            first = doc.loc(path + ("nodes", where[node["id"]], "id"))
            doc.diag(p + ("id",), f"duplicate node id '{node['id']}' in this scenario",
                     f"the first node '{node['id']}' is on line {first.line}; node ids must be unique within a scenario")
        where.setdefault(node["id"], n)
        if node.get("ending") and node.get("choices"):
            doc.diag(p + ("ending",), f"node '{node['id']}' has both `choices` and an `ending`", "an ending node has no choices",
                     at_key=True)
        if not node.get("ending") and not node.get("choices"):
            doc.diag(p, f"node '{node['id']}' has neither `choices` nor an `ending`, so the conversation stops there",
                     "add `choices:` that lead on, or an `ending:` with an outcome and a debrief")
    start = data.get("start") or data["nodes"][0]["id"]
    if start not in where:
        doc.diag(path + ("start",), f"the start node '{start}' does not exist", did_you_mean(start, where)
                 or f"Expected one of: {', '.join(where)}")
        return
    edges: dict[str, list[str]] = {}
    broken = False
    for n, node in enumerate(data["nodes"]):
        for c, choice in enumerate(node.get("choices", [])):
            if choice["next"] not in where:
                broken = True
                doc.diag(path + ("nodes", n, "choices", c, "next"),
                         f"node '{node['id']}', choice {c + 1}: `next` names '{choice['next']}', but no node has that id",
                         did_you_mean(choice["next"], where) or f"Expected one of: {', '.join(where)}")
            else:
                edges.setdefault(node["id"], []).append(choice["next"])
    reach, todo = {start}, [start]
    while todo:
        for nxt in edges.get(todo.pop(), []):
            if nxt not in reach:
                reach.add(nxt)
                todo.append(nxt)
    for node_id, n in where.items():
        if node_id not in reach:
            doc.diag(path + ("nodes", n, "id"), f"node '{node_id}' cannot be reached from the start node '{start}'",
                     "point a choice's `next` at it, or remove it")
    ends = {node["id"] for node in data["nodes"] if node.get("ending")}
    if not ends:
        doc.diag(path + ("nodes",), "the scenario has no ending", "give at least one node an `ending:`", at_key=True)
        return
    if broken:
        return  # a wrong `next` is the cause; reporting dead ends on top of it would only repeat it
    can_end = set(ends)
    changed = True
    while changed:
        changed = False
        for node_id, targets in edges.items():
            if node_id not in can_end and any(t in can_end for t in targets):
                can_end.add(node_id)
                changed = True
    for node_id, n in where.items():
        if node_id in reach and node_id not in can_end:
            doc.diag(path + ("nodes", n, "id"),
                     f"from node '{node_id}' no path leads to an ending: its choices only go round in a loop",
                     "let one of its choices lead towards an ending")


def answer(ex: Scenario) -> list:
    return [ex.start, sorted([n.id, [[c.text, c.next] for c in n.choices]] for n in ex.nodes.values())]


def _talk(node: Node, r) -> str:
    if not node.talk:
        return ""
    return (f' <span class="mi-badge mi-badge--{node.talk.split("/")[0]}">'
            f"{escape(r.talk_label(node.talk))}</span>")


def _choice(ex: Scenario, c: Choice, r) -> str:
    """One reply in the map: its text linking to the next node, then its code badges (in order) and feedback."""
    badges = "".join(f'<li class="mi-badge mi-badge--{GROUPS[code.split("/")[0]]}">{escape(r.code_label(code))}</li>'
                     for code in c.codes)
    return (f'<li class="mi-scn__choice" data-next="{c.next}" data-code="{escape(" ".join(c.codes))}">'
            f'<a class="mi-scn__reply" href="#ex-{ex.id}-{c.next}">{r.inline(c.text)}</a>'
            f'<div class="mi-scn__fb"><ul class="mi-badges">{badges}</ul>{r.block(c.feedback)}</div></li>')


def render(ex: Scenario, r) -> str:
    """The play area is filled by the script from the map below. Without the script the map is the exercise:
    every node is a step with links to the next, readable as a gamebook."""
    s = r.strings
    sc = s["scenario"]
    parts = []
    for node in ex.nodes.values():
        choices = "".join(_choice(ex, c, r) for c in node.choices)
        ending = ""
        if node.ending:
            ending = (f'<div class="mi-scn__ending mi-scn__ending--{node.ending.outcome}" data-outcome="{node.ending.outcome}">'
                      f'<p class="mi-scn__outcome">{escape(s["scn_ending"].format(outcome=s["scn_outcome_" + node.ending.outcome]))}</p>'
                      f"{r.block(node.ending.debrief)}</div>")
        note = f'<div class="mi-scn__note">{r.block(node.note)}</div>' if node.note else ""
        choice_list = (f'<p class="mi-scn__ask">{escape(sc["choose"])}</p><ol class="mi-scn__choices">{choices}</ol>'
                       if choices else "")
        parts.append(
            f'<li class="mi-scn__node" id="ex-{ex.id}-{node.id}" data-node="{node.id}" data-talk="{node.talk.split("/")[0]}"'
            f'{" data-start" if node.id == ex.start else ""}>'
            f'<figure class="mi-bubble mi-bubble--client"><figcaption>{escape(s["client_says"])}{_talk(node, r)}</figcaption>'
            f"<blockquote>{r.block(node.client)}</blockquote></figure>"
            f"{note}{choice_list}{ending}</li>")
    tools = (f'<div class="mi-scn__tools" data-search-exclude><button type="button" class="mi-btn" data-scn="back">{escape(s["scn_back"])}</button>'
             f'<button type="button" class="mi-btn" data-scn="restart">{escape(s["scn_restart"])}</button></div>')
    meter = ('<div class="mi-meter"><p class="mi-meter__label"></p><div class="mi-meter__bar" aria-hidden="true">'
             '<span class="mi-meter__change"></span><span class="mi-meter__sustain"></span></div></div>')
    stage = (f'<div class="mi-scn__stage" hidden><ol class="mi-scn__log"></ol>{meter}'
             f'<div class="mi-scn__now"></div>{tools}<p class="mi-scn__seen"></p></div>')
    gamebook = f'<ol class="mi-scn" data-start="{ex.start}">{"".join(parts)}</ol>'
    return (context_block(ex, r) + prompt_block(ex, r) + stage
            + f'<details class="mi-answer mi-scn__map{" mi-shown" if r.reveal else ""}" data-search-exclude{" open" if r.reveal else ""}>'
            + f'<summary>{escape(sc["map"])}</summary>\n'
            + gamebook + "\n</details>")


def lms(ex, r):
    return None  # no LMS question type holds this kind; exports skip it and say so



def tally(ex: Scenario, answer, correct) -> Tally | None:
    """Every ending a learner reached counts, whether or not it was a good one."""
    if not isinstance(answer, dict) or not isinstance(answer.get("endings"), dict):
        return None
    reached = list(answer["endings"].values())[:len(ex.nodes)]  # a scenario has at most one ending a node
    return Tally(endings=tuple(o if o in OUTCOMES else "other" for o in reached))
