"""Every docstring example of kg.ingest runs."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kg.ingest

MODULES = sorted(m.name for m in pkgutil.iter_modules(kg.ingest.__path__, "kg.ingest."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
