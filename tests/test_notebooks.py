"""Every notebook runs top to bottom, offline, into a temporary store (outputs are stripped in git)."""
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
NAMES = [p.name for p in NOTEBOOKS]


def _isolate(monkeypatch, tmp: Path) -> None:
    """Store, model and font caches in ``tmp``; matplotlib without a display (Agg)."""
    monkeypatch.setenv("PARK_KG_STORE", str(tmp / "kg-data"))
    monkeypatch.setenv("PKUSEG_HOME", str(tmp / "pkuseg"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp / "cache"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp / "matplotlib"))
    monkeypatch.setenv("MPLBACKEND", "Agg")


def _run(path: Path, tmp: Path, monkeypatch) -> nbformat.NotebookNode:
    from nbclient import NotebookClient

    _isolate(monkeypatch, tmp)
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


def _outputs(nb: nbformat.NotebookNode) -> list:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]


def _html(nb: nbformat.NotebookNode) -> str:
    return "".join(o.get("data", {}).get("text/html", "") for o in _outputs(nb))


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_runs(path, tmp_path, monkeypatch):
    nb = _run(path, tmp_path, monkeypatch)
    errors = [o for o in _outputs(nb) if o.output_type == "error"]
    assert not errors, errors[0].get("evalue") if errors else ""
    assert _outputs(nb)


@pytest.mark.slow
def test_analysis_notebook_shows_tables_and_a_plot(tmp_path, monkeypatch):
    nb = _run(NOTEBOOKS[NAMES.index("02_analysis.ipynb")], tmp_path, monkeypatch)
    outputs = _outputs(nb)
    assert sum("<table" in o.get("data", {}).get("text/html", "") for o in outputs) >= 4
    assert any("image/png" in o.get("data", {}) for o in outputs)
    assert any("communities, modularity" in o.get("text", "") for o in outputs)


@pytest.mark.slow
def test_rules_notebook_highlights_mentions_and_learns_a_name(tmp_path, monkeypatch):
    nb = _run(NOTEBOOKS[NAMES.index("03_rules.ipynb")], tmp_path, monkeypatch)
    html = _html(nb)
    assert html.count('class="entities"') == 2                 # displaCy, before and after
    assert "青岚智造" in html and "杭州星澜动力科技有限公司" in html
    last = nb.cells[-2].outputs[-1]["data"]["text/plain"]     # the entities the gazetteer added
    assert "青岚智造" in last


@pytest.mark.parametrize("path", NOTEBOOKS, ids=NAMES)
def test_notebook_outputs_are_stripped(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    assert all("execution" not in c.get("metadata", {}) for c in code)
    assert "widgets" not in nb.metadata


def test_the_analysis_and_rules_notebooks_exist():
    assert {"01_quickstart.ipynb", "02_analysis.ipynb", "03_rules.ipynb"} <= set(NAMES)
