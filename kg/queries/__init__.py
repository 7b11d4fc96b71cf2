"""Named competency queries: documented SPARQL files (``kg/queries/*.rq``) with typed parameters.

Each file starts with a header of ``#`` comment lines, then the query::

    # name: companies-of-park
    # description: Companies located in a park, the park matched by any of its names.
    #   Continuation lines are indented by two spaces or more.
    # param: park | literal | required | the park's name (rdfs:label or skos:altLabel)
    SELECT DISTINCT ?company ?companyName WHERE {
      VALUES (?park) { (UNDEF) }
      …
    }

* ``name`` equals the file name without ``.rq``; ``description`` is one or more lines.
* ``param: NAME | TYPE | DEFAULT | DESCRIPTION``, one line per parameter. ``TYPE`` says how the
  value becomes an RDF term: ``iri`` (a full IRI with ``://`` or ``urn:``, or a ``prefix:name``
  of ``PREFIXES``),
  ``literal`` (a ``"…"@zh`` literal: names, mention texts and sentences are stored in Chinese)
  or ``string`` (a plain ``"…"`` literal: rules, currencies). ``DEFAULT`` is ``required``,
  ``optional`` (unbound: any value matches) or ``default VALUE``.
* The query holds one parameter block ``VALUES (?NAME …) { (UNDEF …) }`` naming every parameter
  in header order. The file is therefore runnable as it is (every parameter unbound), and ``bind``
  replaces that one block by a row of terms made by pyoxigraph (escaped, validated): values are
  never pasted into the query text.

Files are validated on load; errors (``RuleError``) name the file, the line and the fix.

>>> q = bind("companies-of-park", {"park": 'A "quoted" } name'})
>>> 'VALUES (?park) { ("A \\\\"quoted\\\\" } name"@zh) }' in q
True
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Store

from kg.errors import QueryError, RuleError
from kg.rdf.namespace import PREFIXES
from kg.rdf.terms import LANG

QUERIES_DIR = Path(__file__).resolve().parent
PARAM_TYPES = ("iri", "literal", "string")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_PARAM_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_HEADER_LINE = re.compile(r"^#\s?(?P<key>[a-z]+):\s*(?P<value>.*)$")
_BLOCK = re.compile(r"VALUES\s*\((?P<vars>(?:\s*[?$][A-Za-z_][A-Za-z0-9_]*)+)\s*\)\s*\{\s*"
                    r"\((?P<row>(?:\s*UNDEF)+)\s*\)\s*\}")
HEADER_HELP = "see the header format in kg/queries/__init__.py (docs/sparql.md)"


@dataclass(frozen=True)
class Param:
    """A query parameter: the SPARQL variable ``?name`` bound to a term of ``type``."""

    name: str
    type: str
    required: bool
    default: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A named query read from ``path``; ``text`` is the whole file (valid SPARQL)."""

    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path

    def param(self, name: str) -> Param:
        """The parameter ``name``. Raises ``QueryError`` naming the known parameters."""
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query {self.name} has no parameter {name!r}", fix=f"use one of: {known}")


# ---------------------------------------------------------------- loading and validation
def _fail(path: Path, line: int, problem: str, fix: str) -> RuleError:
    return RuleError(f"{path}:{line}: {problem}", fix=fix)


def _header(path: Path, lines: list[str]) -> list[tuple[int, str, str]]:
    """``(line, key, value)`` of the leading comment block; continuation lines are merged."""
    entries: list[tuple[int, str, str]] = []
    for number, raw in enumerate(lines, 1):
        if not raw.startswith("#"):
            break
        if raw.startswith("#  ") and entries:
            line, key, value = entries[-1]
            entries[-1] = (line, key, f"{value} {raw[1:].strip()}".strip())
            continue
        match = _HEADER_LINE.match(raw)
        if match is None:
            if raw.strip("# \t"):
                raise _fail(path, number, f"header line {raw.strip()!r} is not 'KEY: VALUE'",
                            "write '# name: …', '# description: …' or '# param: …'; indent continuations by two spaces")
            continue
        entries.append((number, match["key"], match["value"].strip()))
    return entries


def _param(path: Path, line: int, value: str) -> Param:
    fields = [f.strip() for f in value.split("|", 3)]
    if len(fields) != 4:
        raise _fail(path, line, "a param needs 4 fields separated by '|'",
                    "write '# param: NAME | iri|literal|string | required|optional|default VALUE | DESCRIPTION'")
    name, kind, default, description = fields
    if not _PARAM_NAME.match(name):
        raise _fail(path, line, f"parameter name {name!r} is not a SPARQL variable name", "use letters, digits and _")
    if kind not in PARAM_TYPES:
        raise _fail(path, line, f"parameter type {kind!r} is unknown", f"use one of {', '.join(PARAM_TYPES)}")
    if not description:
        raise _fail(path, line, f"parameter {name} has no description", "say what the value is, with an example")
    if default in ("required", "optional"):
        return Param(name, kind, default == "required", None, description)
    if not default.startswith("default "):
        raise _fail(path, line, f"default {default!r} is not understood", "write required, optional or 'default VALUE'")
    param = Param(name, kind, False, default.removeprefix("default ").strip(), description)
    try:
        term(param, param.default or "")
    except QueryError as err:
        raise _fail(path, line, f"default of {name} is invalid ({err.message})", err.fix) from None
    return param


def _check_block(path: Path, text: str, params: tuple[Param, ...]) -> None:
    blocks = [m for m in _BLOCK.finditer(text) if not _in_comment(text, m.start())]
    line = (text[: blocks[0].start()].count("\n") + 1) if blocks else 1
    expected = " ".join(f"?{p.name}" for p in params)
    if not params:
        if blocks:
            raise _fail(path, line, "a parameter block but no '# param:' line", "declare the parameters or remove the block")
        return
    fix = f"write exactly one 'VALUES ({expected}) {{ ({' '.join('UNDEF' for _ in params)}) }}' in the query"
    if len(blocks) != 1:
        raise _fail(path, line, f"{len(blocks)} parameter blocks (VALUES … {{ (UNDEF …) }}) instead of 1", fix)
    names = [v[1:] for v in blocks[0]["vars"].split()]
    if names != [p.name for p in params] or len(blocks[0]["row"].split()) != len(params):
        raise _fail(path, line, f"the parameter block names ({' '.join(names)}) differ from the header's", fix)


def _in_comment(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return text[line_start:pos].lstrip().startswith("#")


def _check_syntax(path: Path, text: str) -> None:
    try:
        Store().query(text, prefixes=PREFIXES)
    except SyntaxError as err:
        where = re.match(r"error at (\d+):", str(err))
        problem = " ".join(str(err).split())[:200]
        raise _fail(path, int(where[1]) if where else 1, f"SPARQL syntax: {problem}",
                    "correct the query (prefixes of kg.rdf.namespace.PREFIXES are predeclared)") from None


def load_query(path: Path) -> NamedQuery:
    """Read and validate one ``.rq`` file. Raises ``RuleError`` naming the file and line."""
    text = path.read_text(encoding="utf-8")
    entries = _header(path, text.splitlines())
    fields: dict[str, tuple[int, str]] = {}
    params: list[Param] = []
    for line, key, value in entries:
        if key == "param":
            params.append(_param(path, line, value))
        elif key in ("name", "description") and key not in fields:
            fields[key] = (line, value)
        else:
            raise _fail(path, line, f"header key {key!r} is unknown or repeated", "use name, description (once) and param")
    for key in ("name", "description"):
        if not fields.get(key, (0, ""))[1]:
            raise _fail(path, 1, f"the header has no {key}", f"add '# {key}: …' at the top ({HEADER_HELP})")
    line, name = fields["name"]
    if name != path.stem or not _NAME.match(name):
        raise _fail(path, line, f"name {name!r} differs from the file name or is not kebab-case",
                    f"name the query {path.stem!r} (lower-case words joined by '-')")
    seen = [p.name for p in params]
    if len(set(seen)) != len(seen):
        raise _fail(path, line, "a parameter is declared twice", "declare each parameter once")
    _check_block(path, text, tuple(params))
    _check_syntax(path, text)
    return NamedQuery(name, fields["description"][1], tuple(params), text, path)


def load_queries(folder: Path) -> dict[str, NamedQuery]:
    """Every ``*.rq`` file of ``folder`` by name, sorted. Raises ``RuleError`` on the first bad file."""
    return {q.name: q for q in (load_query(p) for p in sorted(folder.glob("*.rq")))}


@lru_cache(maxsize=4)
def _library(folder: Path) -> dict[str, NamedQuery]:
    return load_queries(folder)


def list_queries(folder: Path = QUERIES_DIR) -> list[NamedQuery]:
    """The named queries shipped in ``kg/queries`` (or ``folder``), sorted by name."""
    return list(_library(folder).values())


def get_query(name: str, folder: Path = QUERIES_DIR) -> NamedQuery:
    """The named query ``name``. Raises ``QueryError`` listing the names that exist."""
    library = _library(folder)
    if name not in library:
        raise QueryError(f"no named query {name!r}", fix=f"use one of: {', '.join(library)} (kg query --list)")
    return library[name]


# ---------------------------------------------------------------- binding
def _iri(value: str) -> NamedNode:
    """``prefix:name`` of ``PREFIXES``, ``<IRI>``, or an IRI with ``://`` or ``urn:`` (else ``ValueError``)."""
    prefix, _, local = value.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        return NamedNode(PREFIXES[prefix] + local)
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if "://" not in value and not value.startswith("urn:"):
        raise ValueError(f"unknown prefix {prefix!r}" if local else "no scheme")
    return NamedNode(value)


def term(param: Param, value: str) -> NamedNode | Literal:
    """The RDF term of ``value`` for ``param``. Raises ``QueryError`` for an invalid IRI or text."""
    try:
        if param.type == "iri":
            return _iri(value)
        return Literal(value, language=LANG) if param.type == "literal" else Literal(value)
    except (ValueError, UnicodeError) as err:
        what = "an absolute IRI (<…>, …://… or urn:…) or prefix:name" if param.type == "iri" else "text (valid Unicode)"
        raise QueryError(f"value {value!r} of parameter {param.name} is not {what}: {err}",
                         fix=f"give {what}; known prefixes: {', '.join(PREFIXES)}") from None


def _row(query: NamedQuery, params: Mapping[str, str]) -> str:
    for key in params:
        query.param(key)
    cells = []
    for p in query.params:
        value = params.get(p.name, p.default)
        if value is None and p.required:
            raise QueryError(f"query {query.name} needs the parameter {p.name} ({p.description})",
                             fix=f"give it: kg query --param {p.name}=…, or ?{p.name}=… over HTTP")
        cells.append("UNDEF" if value is None else str(term(p, value)))
    return " ".join(cells)


def bind(query: NamedQuery | str, params: Mapping[str, str] | None = None) -> str:
    """The SPARQL text of ``query`` (a ``NamedQuery`` or a name) with ``params`` bound.

    Missing optional parameters stay ``UNDEF`` (any value matches); defaults apply. Raises
    ``QueryError`` for an unknown query or parameter, a missing required one or an invalid value.
    """
    named = get_query(query) if isinstance(query, str) else query
    row = _row(named, params or {})
    names = " ".join(f"?{p.name}" for p in named.params)
    if not named.params:
        return named.text
    match = next(m for m in _BLOCK.finditer(named.text) if not _in_comment(named.text, m.start()))
    block = f"VALUES ({names}) {{ ({row}) }}"
    return named.text[: match.start()] + block + named.text[match.end():]


def markdown(queries: list[NamedQuery] | None = None) -> str:
    """The list of named queries as Markdown (the generated section of docs/sparql.md)."""
    parts = []
    for q in queries if queries is not None else list_queries():
        parts.append(f"### `{q.name}`\n\n{q.description}\n")
        if q.params:
            parts.append("| parameter | type | default | description |\n| --- | --- | --- | --- |")
            parts.extend(f"| `{p.name}` | {p.type} | {_default_cell(p)} | {_cell(p.description)} |" for p in q.params)
            parts.append("")
    return "\n".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _default_cell(p: Param) -> str:
    return "required" if p.required else ("any" if p.default is None else f"`{p.default}`")


__all__ = [
    "PARAM_TYPES",
    "QUERIES_DIR",
    "NamedQuery",
    "Param",
    "bind",
    "get_query",
    "list_queries",
    "load_queries",
    "load_query",
    "markdown",
    "term",
]
