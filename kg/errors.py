"""User-facing errors. Each names the input and the fix; the CLI prints it on one line."""
from __future__ import annotations


class KGError(Exception):
    """Base class of every error park-kg raises on purpose.

    ``str(err)`` is one line: what went wrong, with which input, and how to fix it.
    """

    code = "E000"

    def __init__(self, message: str, *, fix: str = "") -> None:
        self.message = message
        self.fix = fix
        super().__init__(f"{message}" + (f" (fix: {fix})" if fix else ""))

    def __str__(self) -> str:  # one line, always
        text = f"{self.code} {self.message}"
        return (f"{text}; fix: {self.fix}" if self.fix else text).replace("\n", " ")


class InputError(KGError):
    """A file cannot be read as an article (missing, empty, binary, undecodable, huge)."""

    code = "E100"


class RuleError(KGError):
    """A pattern or gazetteer file is malformed."""

    code = "E200"


class StoreError(KGError):
    """The store cannot be opened or written."""

    code = "E300"


class QueryError(KGError):
    """A SPARQL query is malformed or cannot be answered."""

    code = "E400"
