"""A build killed at any moment leaves the store as it was before that build or after it."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.rdf import batch as batch_module
from kg.rdf.store import KGStore
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def _docs(store: Path) -> frozenset[str]:
    with KGStore.open(store, read_only=True) as s:
        return frozenset(str(d["doc_id"]) for d in s.documents())


def _quads(store: Path) -> int:
    with KGStore.open(store, read_only=True) as s:
        return len(s)


def _state(store: Path) -> tuple[frozenset[str], int]:
    """Documents and quad count read through one handle (one snapshot)."""
    with KGStore.open(store, read_only=True) as s:
        return frozenset(str(d["doc_id"]) for d in s.documents()), len(s)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("crash")
    a, b = base / "a", base / "b"
    a.mkdir(), b.mkdir()
    for f in sorted((ROOT / "seeds").glob("*.txt"))[:2]:
        shutil.copy(f, a / f.name)
    for f in [*sorted((ROOT / "seeds").glob("*.txt"))[2:], *sorted((ROOT / "tests/gold/articles").iterdir())]:
        shutil.copy(f, b / f.name)
    return a, b


@pytest.fixture(scope="module")
def states(corpus, tmp_path_factory) -> tuple[Path, tuple, tuple]:
    """A store holding A, and the (documents, quads) states before and after building B on it."""
    a, b = corpus
    base = tmp_path_factory.mktemp("states")
    before, after = base / "before", base / "after"
    build([a], settings=Settings(store=before, progress=False))
    shutil.copytree(before, after)
    build([b], settings=Settings(store=after, progress=False))
    return before, (_docs(before), _quads(before)), (_docs(after), _quads(after))


def test_killed_builds_leave_the_store_before_or_after(corpus, states, tmp_path):
    _, b = corpus
    source, before, after = states
    rng = random.Random(20261121)
    seen = set()
    for i in range(6):
        store = tmp_path / f"s{i}"
        shutil.copytree(source, store)
        proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(b), "--store", str(store), "-q"],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=dict(os.environ, PYTHONHASHSEED="0"))
        time.sleep(rng.uniform(0.5, 6.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        state = (_docs(store), _quads(store))
        assert state in (before, after), f"kill {i}: the store is in between"
        seen.add(state == after)
        build([b], settings=Settings(store=store, progress=False))      # the next build recovers
        assert (_docs(store), _quads(store)) == after
        assert len(list(store.glob("v*"))) <= 3
    assert False in seen, "no kill landed during a build: lengthen the corpus or shorten the delays"


def test_a_write_failing_half_way_publishes_nothing(corpus, states, tmp_path, monkeypatch):
    _, b = corpus
    source, before, _ = states
    store = tmp_path / "s"
    shutil.copytree(source, store)
    calls = {"n": 0}
    real = batch_module.Batch.commit

    def failing(self, raw, **kw):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full (simulated)")
        return real(self, raw, **kw)

    monkeypatch.setattr(batch_module.Batch, "commit", failing)
    monkeypatch.setattr("kg.rdf.store.BATCH_QUADS", 500)     # several transactions per build
    with pytest.raises(Exception, match="disk full"):
        build([b], settings=Settings(store=store, progress=False))
    assert (_docs(store), _quads(store)) == before


def test_readers_get_consistent_answers_while_a_build_writes(corpus, states, tmp_path):
    """Another process builds B; this one keeps querying: every answer is the whole 'before'
    or the whole 'after' state, and a second writer is refused meanwhile."""
    from kg.errors import StoreError

    _, b = corpus
    source, before, after = states
    store = tmp_path / "s"
    shutil.copytree(source, store)
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(b), "--store", str(store), "-q"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONHASHSEED="0"))
    versions = len(list(store.glob("v*")))
    while len(list(store.glob("v*"))) == versions and proc.poll() is None:   # until the build began
        time.sleep(0.01)
    answers, refused = [], 0
    while proc.poll() is None:
        answers.append(_state(store))
        try:
            KGStore.open(store).close()
        except StoreError as err:
            refused += 1
            assert "another kg build is running" in str(err)
        time.sleep(0.05)
    assert proc.returncode == 0, proc.stderr.read()
    answers.append(_state(store))
    assert all(a in (before, after) for a in answers) and answers[-1] == after
    assert answers.count(before) >= 1 and refused >= 1
