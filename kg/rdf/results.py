"""SPARQL results as Python values and as a plain-text table (for the CLI, CSV and DataFrames)."""
from __future__ import annotations

import datetime as _dt
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = (
    "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte",
)
_CONVERTERS: dict[str, Callable[[str], object]] = {
    **{_XSD + name: int for name in _INTEGERS},
    _XSD + "decimal": Decimal,
    _XSD + "double": float,
    _XSD + "float": float,
    _XSD + "date": _dt.date.fromisoformat,
    _XSD + "dateTime": _dt.datetime.fromisoformat,
    _XSD + "boolean": lambda text: text in ("true", "1"),
}

Term = NamedNode | BlankNode | Literal | Triple


def py_value(term: Term | None) -> object:
    """A result term as a Python value.

    IRIs and plain or language-tagged literals become ``str``; integers ``int``; decimals
    ``Decimal``; doubles ``float``; dates ``datetime.date``; unbound ``None``. An ill-typed
    literal (e.g. ``"abc"^^xsd:integer``) stays ``str``. Never raises.

    >>> py_value(Literal("0.8", datatype=NamedNode(_XSD + "decimal")))
    Decimal('0.8')
    """
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        convert = _CONVERTERS.get(term.datatype.value)
        if convert is None:
            return term.value
        try:
            return convert(term.value)
        except (ValueError, InvalidOperation):
            return term.value
    return str(term)


def char_width(char: str) -> int:
    """Terminal columns of one character: 2 for wide/full-width (CJK), 0 for combining marks."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    """Terminal columns of a string (CJK characters count 2)."""
    return sum(char_width(c) for c in text)


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns, ending with "…" when cut."""
    if text_width(text) <= width:
        return text
    out, used = [], 0
    for char in text:
        if used + char_width(char) > width - 1:
            break
        out.append(char)
        used += char_width(char)
    return "".join(out) + "…"


def cell(value: object) -> str:
    """A value as one table cell: ``None`` is empty, line breaks become spaces."""
    return "" if value is None else " ".join(str(value).splitlines())


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` columns."""
    return text + " " * (width - text_width(text))


def format_table(
    variables: Sequence[str], rows: Iterable[Sequence[object]], *, max_width: int = 60
) -> str:
    """A plain-text table with aligned columns (wide-character aware), header and rule line.

    >>> print(format_table(["名称", "n"], [["某某小镇", 2]]))
    名称      n
    --------  -
    某某小镇  2
    """
    body = [[clip(cell(v), max_width) for v in row] for row in rows]
    header = [clip(v, max_width) for v in variables]
    widths = [max([text_width(r[i]) for r in (header, *body)]) for i in range(len(header))]
    lines = [header, ["-" * w for w in widths], *body]
    return "\n".join("  ".join(pad(c, w) for c, w in zip(line, widths)).rstrip() for line in lines)


__all__ = ["py_value", "format_table", "text_width", "clip"]
