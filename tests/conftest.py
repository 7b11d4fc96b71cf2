"""Shared test set-up: no network, caches and model homes in temp folders."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_TMP = Path(tempfile.mkdtemp(prefix="park-kg-tests-"))
for var in ("PKUSEG_HOME", "XDG_CACHE_HOME", "HF_HOME", "JUPYTER_RUNTIME_DIR", "MPLCONFIGDIR"):
    os.environ.setdefault(var, str(_TMP / var.lower()))
os.environ["HF_HUB_OFFLINE"] = "1"

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seed_extractions():
    """Extractions of the five seed articles (extracted once per session)."""
    from kg.pipeline import extract_paths

    return extract_paths([SEEDS]).extractions


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """A store built from the seeds (once per session); yields its folder."""
    from kg.pipeline import build
    from kg.settings import Settings

    folder = tmp_path_factory.mktemp("store") / "kg-data"
    build([SEEDS], settings=Settings(store=folder, progress=False))
    return folder
