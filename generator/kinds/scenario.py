"""A branching practice conversation: each reply leads to the client's next line; endings carry a debrief."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..markup import escape
from ..model import Exercise
from ..render import answer_block, context_block, prompt_block
from ..schema import CODE, ID, TALK, TEXT, list_of, obj

KIND = "scenario"
CHOICE = obj({"text": TEXT, "code": CODE, "feedback": TEXT, "next": ID}, ["text", "code", "feedback", "next"])
ENDING = obj({"outcome": {"enum": ["good", "mixed", "poor"]}, "debrief": TEXT}, ["outcome", "debrief"])
NODE = obj({"id": ID, "client": TEXT, "talk": TALK, "note": TEXT, "choices": list_of(CHOICE, 1), "ending": ENDING},
           ["id", "client"])
PROPERTIES = {"start": ID, "nodes": list_of(NODE, 2)}
REQUIRED = ["nodes"]


@dataclass(frozen=True)
class Choice:
    text: str
    code: str
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
                              tuple(Choice(c["text"], c["code"], c["feedback"], c["next"]) for c in n.get("choices", [])),
                              Ending(end["outcome"], end["debrief"]) if end else None)
    return Scenario(**common, start=data.get("start") or data["nodes"][0]["id"], nodes=nodes)


def check(data: dict, path: tuple, doc) -> None:
    """The graph: known targets, every node reachable from the start, every path able to reach an ending."""
    where: dict[str, int] = {}
    for n, node in enumerate(data["nodes"]):
        p = path + ("nodes", n)
        if node["id"] in where:
            doc.diag(p + ("id",), f"duplicate node id '{node['id']}'")
        where.setdefault(node["id"], n)
        if node.get("ending") and node.get("choices"):
            doc.diag(p + ("ending",), f"node '{node['id']}' has both `choices` and an `ending`", "an ending node has no choices",
                     at_key=True)
        if not node.get("ending") and not node.get("choices"):
            doc.diag(p, f"node '{node['id']}' has neither `choices` nor an `ending`, so the conversation stops there",
                     "add `choices:` that lead on, or an `ending:` with an outcome and a debrief")
    start = data.get("start") or data["nodes"][0]["id"]
    if start not in where:
        doc.diag(path + ("start",), f"the start node '{start}' does not exist. Expected one of: {', '.join(where)}")
        return
    edges: dict[str, list[str]] = {}
    broken = False
    for n, node in enumerate(data["nodes"]):
        for c, choice in enumerate(node.get("choices", [])):
            if choice["next"] not in where:
                doc.diag(path + ("nodes", n, "choices", c, "next"), f"no node has the id '{choice['next']}'",
                         _did_you_mean(choice["next"], where))
                broken = True
            else:
                edges.setdefault(node["id"], []).append(choice["next"])
    if broken:
        return  # reachability would only echo the broken link
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
    can_end = set(ends)
    changed = True
    while changed:
        changed = False
        for node_id, targets in edges.items():
            if node_id not in can_end and any(t in can_end for t in targets):
                can_end.add(node_id)
                changed = True
    for node_id, n in where.items():
        if node_id in reach and node_id not in can_end and node_id not in ends:
            doc.diag(path + ("nodes", n, "id"), f"from node '{node_id}' no path leads to an ending (a loop with no way out)",
                     "let one of its choices lead towards an ending")


def _did_you_mean(name: str, known) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)
    return f"did you mean '{close[0]}'?" if close else ""


def answer(ex: Scenario) -> list:
    return [ex.start, sorted([n.id, [[c.text, c.next] for c in n.choices]] for n in ex.nodes.values())]


def render(ex: Scenario, r) -> str:
    """Without the script, every node is shown as a step with links to the next: readable as a gamebook."""
    s = r.strings
    parts = []
    for node in ex.nodes.values():
        talk = f' <span class="mi-talk mi-talk--{node.talk.split("/")[0]}">{escape(r.talk_label(node.talk))}</span>' if node.talk else ""
        choices = "".join(
            f'<li class="mi-scn__choice" data-next="{c.next}"><a href="#ex-{ex.id}-{c.next}">{r.inline(c.text)}</a>'
            f'<div class="mi-scn__fb" data-search-exclude><span class="mi-code">{escape(r.code_label(c.code))}</span>'
            f"{r.block(c.feedback)}</div></li>"
            for c in node.choices)
        ending = ""
        if node.ending:
            ending = (f'<div class="mi-scn__ending mi-scn__ending--{node.ending.outcome}" data-outcome="{node.ending.outcome}">'
                      f"{r.block(node.ending.debrief)}</div>")
        choice_list = f'<ol class="mi-scn__choices">{choices}</ol>' if choices else ""
        parts.append(
            f'<li class="mi-scn__node" id="ex-{ex.id}-{node.id}" data-node="{node.id}"{" data-start" if node.id == ex.start else ""}>'
            f'<figure class="mi-bubble mi-bubble--client"><figcaption>{escape(s["client_says"])}{talk}</figcaption>'
            f"<blockquote>{r.block(node.client)}</blockquote></figure>"
            f"{choice_list}{ending}</li>")
    return (context_block(ex, r) + prompt_block(ex, r)
            + f'<div class="mi-scn__play" hidden></div>'
            + answer_block(r, f'<ol class="mi-scn" data-start="{ex.start}">{"".join(parts)}</ol>'))


def lms(ex, r):
    return None  # no LMS question type holds this kind; exports skip it and say so
