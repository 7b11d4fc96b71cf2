"""User decisions about cross-document merges: a JSON-lines file, one pair per line.

    {"same": ["某某微", "杭州某某微电子股份有限公司"]}
    {"not_same": ["某某", "某某影视股份有限公司"], "type": "Company"}
    # lines starting with # are comments

``same``: the entities that carry these two names (of one type) are one entity, whatever the
rules say. ``not_same``: never merge an entity carrying one name into an entity carrying the
other. Names are compared folded (full/half width) and without white space; ``type``
(optional) limits the decision to one entity type. Every build reads the file again, so an
edit takes effect at the next ``kg build`` (by default the file is ``<store>/decisions.jsonl``;
``kg same`` / ``kg not-same`` append to it).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from kg.errors import RuleError
from kg.iri import normalise_key
from kg.records import ENTITY_TYPES

FILE_NAME = "decisions.jsonl"
FIX = 'write one JSON object per line: {"same": ["A", "B"]} or {"not_same": ["A", "B"]}, optional "type"'


@dataclass(frozen=True)
class Decision:
    """One line of a decisions file."""

    same: bool
    names: tuple[str, str]
    type: str | None
    source: str                    # file:line, for explanations

    @property
    def keys(self) -> tuple[str, str]:
        return normalise_key(self.names[0]), normalise_key(self.names[1])

    @property
    def rule(self) -> str:
        return f"decision.{'same' if self.same else 'not_same'} ({self.source})"

    def applies(self, kind: str) -> bool:
        return self.type is None or self.type == kind


def parse_line(raw: str, where: str) -> Decision | None:
    """One line → a ``Decision`` (``None`` for blank and comment lines). Raises ``RuleError``."""
    if not raw.strip() or raw.lstrip().startswith("#"):
        return None
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as err:
        raise RuleError(f"{where}: not JSON ({err.msg})", fix=FIX) from err
    kinds = [k for k in ("same", "not_same") if isinstance(obj, dict) and k in obj]
    if len(kinds) != 1:
        raise RuleError(f"{where}: expected exactly one of \"same\" or \"not_same\"", fix=FIX)
    names = obj[kinds[0]]
    if not (isinstance(names, list) and len(names) == 2 and all(isinstance(n, str) and n.strip() for n in names)):
        raise RuleError(f"{where}: \"{kinds[0]}\" needs a list of two names", fix=FIX)
    if normalise_key(names[0]) == normalise_key(names[1]):
        raise RuleError(f"{where}: the two names are the same", fix="give two different names")
    kind = obj.get("type")
    if kind is not None and kind not in ENTITY_TYPES:
        raise RuleError(f"{where}: unknown type {kind!r}", fix=f"use one of {', '.join(ENTITY_TYPES)}")
    unknown = set(obj) - {"same", "not_same", "type"}
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}", fix=FIX)
    return Decision(same=kinds[0] == "same", names=(names[0].strip(), names[1].strip()), type=kind, source=where)


def load_decisions(path: Path | None) -> tuple[Decision, ...]:
    """The decisions of ``path`` (none when it is ``None`` or missing). Raises ``RuleError``
    naming the file and line of a malformed entry."""
    if path is None or not Path(path).is_file():
        return ()
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise RuleError(f"cannot read decisions file {path}: {err}", fix="save it as UTF-8 text") from err
    out = [parse_line(raw, f"{path}:{n}") for n, raw in enumerate(lines, 1)]
    return tuple(d for d in out if d is not None)


def append_decision(path: Path, names: tuple[str, str], *, same: bool, kind: str | None = None) -> Decision:
    """Add a decision at the end of ``path`` (created if missing); returns it."""
    obj: dict[str, object] = {"same" if same else "not_same": list(names)}
    if kind:
        obj["type"] = kind
    line = json.dumps(obj, ensure_ascii=False)
    existing = Path(path).read_text(encoding="utf-8") if Path(path).is_file() else ""
    number = len(existing.splitlines()) + 1
    decision = parse_line(line, f"{path}:{number}")
    assert decision is not None
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as handle:
        if existing and not existing.endswith("\n"):
            handle.write("\n")
        handle.write(line + "\n")
    return decision


__all__ = ["Decision", "load_decisions", "append_decision", "parse_line", "FILE_NAME"]
