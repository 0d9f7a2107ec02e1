"""Walk a guide's flow: every answered prefix, the paths to outcomes, the edges.

Design notes (why, not what):

- Edges are data, so all paths can be enumerated. The same walk checks the guide (every
  branch taken, every path ends in an outcome: `check.py`), gives the pages (`guide_views`),
  the CLI listing and the browser test's expectations; the diagram is drawn from the same edges.
- Every answered prefix becomes one page (see `guide_views`). With the municipality step
  last, pages = questions + paths, so the count stays small; `check.py` caps it (MAX_PAGES).
- The municipality step is generated from the catalogue's ids (one answer per municipality
  plus "not on the list"), so a new municipality file adds itself to the guide.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from macros.guides.model import (
    ANY_MUNICIPALITY,
    OTHER_MUNICIPALITY,
    Branch,
    Edge,
    Guide,
    GuidePath,
    Node,
    Step,
)


def _resolve(branches: Sequence[Branch], answers: Mapping[str, str]) -> Branch | None:
    for branch in branches:
        if branch.matches(answers):
            return branch
    return None


def every_prefix(
    guide: Guide,
    municipalities: Sequence[str] | None,
    used: set[int] | None = None,
    other: bool = True,
) -> Iterator[tuple[tuple[Step, ...], str | None, Node]]:
    """Every answered prefix: (steps, node reached or None if no branch matched, last node).

    With `municipalities` None the municipality step is one abstract answer (`*`). Without
    `other` there is no "not on the list" answer (a municipality's own site).
    """

    def visit(
        steps: tuple[Step, ...], node_id: str
    ) -> Iterator[tuple[tuple[Step, ...], str | None, Node]]:
        node = guide.nodes[node_id]
        yield steps, node_id, node
        if node.kind == "outcome":
            return
        if node.kind == "question":
            choices = [(a, node.options[a]) for a in node.options]
        else:
            answers = (
                [ANY_MUNICIPALITY]
                if municipalities is None
                else [*municipalities, *([OTHER_MUNICIPALITY] if other else [])]
            )
            choices = [(a, node.next) for a in answers]
        for answer, branches in choices:
            answered = (*steps, Step(node_id, answer))
            branch = _resolve(branches, {s.node: s.answer for s in answered})
            if branch is None:
                yield answered, None, node
                continue
            if used is not None:
                used.add(id(branch))
            yield from visit(answered, branch.goto)

    if guide.start in guide.nodes:
        yield from visit((), guide.start)


def paths(
    guide: Guide, municipalities: Sequence[str] | None = None, *, other: bool = True
) -> list[GuidePath]:
    """Every path from start to an outcome, in the order of the answers.

    Without `municipalities` the municipality step is one abstract answer (`*`): these are the
    paths an editor reviews. With them, one path per municipality (plus "not on the list"):
    these are the outcome pages.
    """
    return [
        GuidePath(steps, node_id)
        for steps, node_id, node in every_prefix(guide, municipalities, other=other)
        if node_id is not None and node.kind == "outcome"
    ]


def prefixes(
    guide: Guide, municipalities: Sequence[str], *, other: bool = True
) -> list[tuple[tuple[Step, ...], str]]:
    """Every answered prefix and the node it shows: one generated page each."""
    return [
        (steps, node_id)
        for steps, node_id, _ in every_prefix(guide, municipalities, other=other)
        if node_id
    ]


def answer_municipality(guide: Guide, steps: tuple[Step, ...], scope: str) -> tuple[Step, ...]:
    """On a municipality's own site the municipality step answers itself: the steps after an
    answer that leads to it, with the site's municipality added (again, should the flow ask
    twice). Steps that lead elsewhere are returned as they are."""
    while True:
        last = steps[-1] if steps else None
        if last is None:
            node_id = guide.start
        else:
            node = guide.nodes[last.node]
            branches = node.options.get(last.answer, []) if node.kind == "question" else node.next
            branch = _resolve(branches, {s.node: s.answer for s in steps})
            if branch is None:
                return steps
            node_id = branch.goto
        target = guide.nodes.get(node_id)
        if target is None or target.kind != "municipality":
            return steps
        steps = (*steps, Step(node_id, scope))


def edges(guide: Guide) -> list[Edge]:
    """Every edge of the flow, in the order of the file."""
    out = []
    for node in guide.nodes.values():
        if node.kind == "question":
            for answer, branches in node.options.items():
                for i, b in enumerate(branches):
                    out.append(
                        Edge(
                            node.id,
                            answer,
                            b.goto,
                            b.when,
                            len(branches) > 1 and not b.when and i > 0,
                        )
                    )
        elif node.kind == "municipality":
            for i, b in enumerate(node.next):
                out.append(
                    Edge(node.id, None, b.goto, b.when, len(node.next) > 1 and not b.when and i > 0)
                )
    return out
