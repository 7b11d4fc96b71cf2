"""Fixtures of the kg.rdf tests: hand-built extractions and stores in tmp_path or memory."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdf_samples import sample_extraction

from kg.rdf.store import KGStore
from kg.records import Extraction


@pytest.fixture
def sample() -> Extraction:
    return sample_extraction()


@pytest.fixture
def mem_store() -> Iterator[KGStore]:
    with KGStore.open(None) as store:
        yield store


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "kg-data"


@pytest.fixture
def filled_store(store_path: Path, sample: Extraction) -> Iterator[KGStore]:
    with KGStore.open(store_path) as store:
        store.replace_documents([sample, sample_extraction(doc_id="doc-0002", title="第二篇")])
        yield store
