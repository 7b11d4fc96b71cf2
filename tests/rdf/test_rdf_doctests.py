"""The examples in kg.rdf docstrings run."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["kg.rdf.namespace", "kg.rdf.convert", "kg.rdf.results", "kg.rdf.terms", "kg.rdf.nary"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
