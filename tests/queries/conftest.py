"""Fixtures of the named-query tests: the seeds store opened read-only and a runner over it."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from query_helpers import Rows, rows

from kg.rdf.store import KGStore


@pytest.fixture(scope="session")
def seeds(seed_store) -> Iterator[KGStore]:
    with KGStore.open(seed_store, read_only=True) as store:
        yield store


@pytest.fixture(scope="session")
def run(seeds) -> Callable[..., Rows]:
    return lambda query, /, **params: rows(seeds, query, **params)
