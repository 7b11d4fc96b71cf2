"""The one place for defaults. The CLI and notebooks build a ``Settings`` and pass it down."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
RULES_DIR = PACKAGE_DIR / "rules"
DATA_DIR = PACKAGE_DIR / "data"


def _ontology_dir() -> Path:
    """``ontology/`` of the repo (editable install) or the copy packed into the wheel."""
    packed = PACKAGE_DIR / "ontology"
    return packed if packed.is_dir() else PACKAGE_DIR.parent / "ontology"


ONTOLOGY_DIR = _ontology_dir()
ONTOLOGY_FILE = ONTOLOGY_DIR / "park-kg.ttl"

ONTOLOGY_NS = "https://w3id.org/park-kg/ontology#"
ID_BASE = "https://w3id.org/park-kg/id/"

SEGMENTERS = ("char", "pkuseg")
INPUT_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Every tunable default of park-kg, in one frozen record."""

    store: Path | str = Path("kg-data")           # store folder, or a SPARQL endpoint URL (docs/remote-store.md)
    segmenter: str = "char"                       # spaCy zh segmenter: char | pkuseg
    pkuseg_model: Path | None = None              # folder of a locally trained pkuseg model
    gazetteers: tuple[Path, ...] = ()             # extra user gazetteer files (JSONL)
    decisions: Path | None = None                 # "same" / "not same" entity pairs (JSONL)
    jobs: int = 1                                 # extraction processes (kg build --jobs)
    max_file_bytes: int = 20_000_000              # larger inputs are refused (split them)
    min_chinese_ratio: float = 0.05               # text with fewer CJK chars is refused
    progress: bool = True                         # show a progress bar on long work
    explorer_file: Path = Path("kg-explorer.html")  # default output of `kg view`

    def with_(self, **changes: object) -> "Settings":
        """A copy with some fields changed (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


DEFAULT = Settings()
