"""Parse one guide file (YAML as written) into the model: structure only.

Design note: types, keys and ids are checked here, each at the editor's `FILE:LINE`; whether
the flow works and what it names exists is `check.py`'s job, so a guide with a broken
reference still parses and all of its problems are reported at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from macros.catalogue import safety
from macros.catalogue.flatten import suggest
from macros.catalogue.yamlload import Map, Seq, line_of
from macros.domain.problems import Problem
from macros.guides.model import (
    AUDIENCES,
    KINDS,
    NODE_KEYS,
    SLUG,
    TOP_KEYS,
    Branch,
    Guide,
    Node,
    NodeText,
)


def _unknown_keys(
    value: Map, allowed: Sequence[str] | set[str], file: str, where: str
) -> list[Problem]:
    problems = []
    for key in value:
        if key not in allowed:
            problems.append(
                Problem(
                    file,
                    value.key_lines.get(key, value.line),
                    f"Ukendt felt «{key}» {where}.{suggest(key, allowed)} "
                    f"Mulige felter: {', '.join(sorted(allowed))}.",
                )
            )
    return problems


def _string(value: object, file: str, line: int, label: str, problems: list[Problem]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        problems.append(Problem(file, line_of(value, line), f"«{label}» skal være en tekst."))
        return None
    bad = safety.bad_character(value)
    if bad:
        # Kept as text, so that it is not also reported as missing; the error stops the build.
        problems.append(Problem(file, line_of(value, line), safety.character_message(label, bad)))
    if not value.strip():
        return None
    return str(value).strip()


def _id_list(
    value: object, file: str, line: int, label: str, problems: list[Problem]
) -> tuple[list[str], dict[str, int]]:
    if value is None:
        return [], {}
    if not isinstance(value, Seq):
        problems.append(
            Problem(file, line_of(value, line), f"«{label}» skal være en liste, fx [R2, R4].")
        )
        return [], {}
    ids, lines = [], {}
    for item, item_line in zip(value, value.item_lines, strict=True):
        if not isinstance(item, str):
            problems.append(Problem(file, item_line, f"Hvert punkt i «{label}» skal være et id."))
            continue
        if item in lines:
            problems.append(Problem(file, item_line, f"«{item}» står to gange i «{label}»."))
            continue
        ids.append(str(item))
        lines[str(item)] = item_line
    return ids, lines


def _parse_next(value: object, file: str, line: int, problems: list[Problem]) -> list[Branch]:
    """A node id, or a list of branches `{when: {question: answer(s)}, goto: node}`."""
    if isinstance(value, str):
        return [Branch(goto=str(value), line=line_of(value, line))]
    if not isinstance(value, Seq) or not value:
        problems.append(
            Problem(
                file,
                line_of(value, line),
                "Skriv id'et på den næste knude, eller en liste af grene med «when» og «goto».",
            )
        )
        return []
    branches = []
    for item, item_line in zip(value, value.item_lines, strict=True):
        if not isinstance(item, Map):
            problems.append(Problem(file, item_line, "En gren skal have «goto» og evt. «when»."))
            continue
        problems.extend(_unknown_keys(item, {"when", "goto"}, file, "i en gren"))
        goto = item.get("goto")
        if not isinstance(goto, str) or not goto.strip():
            problems.append(Problem(file, item_line, "Grenen mangler «goto» (den næste knude)."))
            continue
        when: list[tuple[str, frozenset[str]]] = []
        when_lines: list[int] = []
        cond = item.get("when")
        if cond is not None:
            if not isinstance(cond, Map) or not cond:
                problems.append(
                    Problem(
                        file,
                        line_of(cond, item_line),
                        "«when» skal være spørgsmål og svar, fx {hverdag: meget}.",
                    )
                )
                continue
            for question, answers in cond.items():
                qline = cond.key_lines[question]
                if isinstance(answers, str):
                    options = frozenset([str(answers)])
                elif (
                    isinstance(answers, Seq)
                    and answers
                    and all(isinstance(a, str) for a in answers)
                ):
                    options = frozenset(str(a) for a in answers)
                else:
                    problems.append(
                        Problem(
                            file,
                            qline,
                            f"Svaret på «{question}» i «when» skal være et svar-id eller en liste af svar-id'er.",
                        )
                    )
                    continue
                when.append((question, options))
                when_lines.append(qline)
        branches.append(
            Branch(
                goto=str(goto),
                line=line_of(goto, item_line),
                when=tuple(when),
                when_lines=tuple(when_lines),
            )
        )
    return branches


def _parse_node(
    node_id: str, value: object, file: str, line: int, problems: list[Problem]
) -> Node | None:
    if not SLUG.match(node_id):
        problems.append(
            Problem(
                file,
                line,
                f"Knude-id'et «{node_id}» må kun have små bogstaver a-z, tal og bindestreg.",
            )
        )
    if not isinstance(value, Map):
        problems.append(Problem(file, line, f"Knuden «{node_id}» skal have felter (type, …)."))
        return None
    kind = value.get("type")
    if kind not in KINDS:
        problems.append(
            Problem(
                file,
                line_of(kind, value.line),
                f"«type» for «{node_id}» skal være en af: {', '.join(KINDS)}."
                f"{suggest(str(kind), KINDS) if kind else ''}",
            )
        )
        return None
    node = Node(id=node_id, kind=str(kind), line=line)
    problems.extend(_unknown_keys(value, NODE_KEYS[node.kind], file, f"i knuden «{node_id}»"))
    node.paragraphs, plines = _id_list(value.get("paragraphs"), file, line, "paragraphs", problems)
    node.rules, rlines = _id_list(value.get("rules"), file, line, "rules", problems)
    node.ref_lines = {
        **{f"p:{k}": v for k, v in plines.items()},
        **{f"r:{k}": v for k, v in rlines.items()},
    }
    if node.kind == "question":
        options = value.get("options")
        if not isinstance(options, Map) or len(options) < 2:
            problems.append(
                Problem(
                    file,
                    value.key_lines.get("options", line),
                    f"Spørgsmålet «{node_id}» skal have mindst to svar under «options» "
                    "(svar-id: næste knude).",
                )
            )
        else:
            for answer, target in options.items():
                aline = options.key_lines[answer]
                if not SLUG.match(answer):
                    problems.append(
                        Problem(
                            file,
                            aline,
                            f"Svar-id'et «{answer}» bliver en del af adressen: brug kun små "
                            "bogstaver a-z, tal og bindestreg.",
                        )
                    )
                node.options[answer] = _parse_next(target, file, aline, problems)
                node.option_lines[answer] = aline
    elif node.kind == "municipality":
        if "next" not in value:
            problems.append(Problem(file, line, f"Kommunespørgsmålet «{node_id}» mangler «next»."))
        else:
            node.next = _parse_next(value["next"], file, value.key_lines["next"], problems)
    return node


def _parse_texts(
    value: object, file: str, line: int, problems: list[Problem]
) -> dict[str, NodeText]:
    if not isinstance(value, Map):
        problems.append(Problem(file, line_of(value, line), "«texts» skal have en post pr. knude."))
        return {}
    texts = {}
    for node_id, entry in value.items():
        eline = value.key_lines[node_id]
        if not isinstance(entry, Map):
            problems.append(Problem(file, eline, f"Teksterne til «{node_id}» skal være felter."))
            continue
        text = NodeText(line=eline, key_lines=dict(entry.key_lines))
        for key, item in entry.items():
            kline = entry.key_lines[key]
            if key != "options":
                parsed = _string(item, file, kline, key, problems)
                if parsed is not None:
                    text.fields[key] = parsed
                continue
            if not isinstance(item, Map):
                problems.append(Problem(file, kline, "«options» skal have en tekst pr. svar-id."))
                continue
            text.option_lines = dict(item.key_lines)
            for answer, label in item.items():
                parsed = _string(label, file, item.key_lines[answer], answer, problems)
                if parsed:
                    text.options[answer] = parsed
        texts[node_id] = text
    return texts


def parse_guide(value: object, file: str, expected_id: str) -> tuple[Guide | None, list[Problem]]:
    """Structure only (types, keys, ids); `check_guide` checks the flow and references."""
    problems: list[Problem] = []
    if not isinstance(value, Map):
        return None, [
            Problem(
                file,
                line_of(value, 1),
                "En guide skal være en samling felter: id, title, audience, start, nodes, texts.",
            )
        ]
    problems.extend(_unknown_keys(value, TOP_KEYS, file, "i guiden"))
    for key, required in TOP_KEYS.items():
        if required and value.get(key) is None:
            problems.append(Problem(file, value.line, f"Guiden mangler feltet «{key}»."))
    scalars = {}
    for key in (
        "id",
        "title",
        "audience",
        "description",
        "intro",
        "assessment",
        "other_municipality",
        "start",
    ):
        scalars[key] = _string(
            value.get(key), file, value.key_lines.get(key, value.line), key, problems
        )
    if scalars["id"] and scalars["id"] != expected_id:
        problems.append(
            Problem(
                file,
                value.key_lines["id"],
                f"«id» ({scalars['id']}) skal være det samme som filnavnet ({expected_id}).",
            )
        )
    if scalars["audience"] and scalars["audience"] not in AUDIENCES:
        problems.append(
            Problem(
                file,
                value.key_lines["audience"],
                f"«audience» skal være en af: {', '.join(AUDIENCES)}."
                f"{suggest(scalars['audience'], AUDIENCES)}",
            )
        )
    guide = Guide(
        id=expected_id,
        file=file,
        title=scalars["title"] or expected_id,
        audience=scalars["audience"] if scalars["audience"] in AUDIENCES else "borger",
        description=scalars["description"] or "",
        start=scalars["start"] or "",
        intro=scalars["intro"],
        assessment=scalars["assessment"],
        other_municipality=scalars["other_municipality"],
        lines=dict(value.key_lines),
    )
    guide.outcome_rules, olines = _id_list(
        value.get("outcome_rules"), file, value.line, "outcome_rules", problems
    )
    guide.lines.update({f"r:{k}": v for k, v in olines.items()})
    nodes = value.get("nodes")
    if isinstance(nodes, Map):
        for node_id, node_value in nodes.items():
            node = _parse_node(node_id, node_value, file, nodes.key_lines[node_id], problems)
            if node is not None:
                guide.nodes[node_id] = node
    elif nodes is not None:
        problems.append(
            Problem(file, line_of(nodes, value.line), "«nodes» skal have en post pr. knude.")
        )
    if value.get("texts") is not None:
        guide.texts = _parse_texts(value["texts"], file, value.key_lines["texts"], problems)
    return guide, problems
