#!/usr/bin/env python3
"""Set up park-kg in ./.venv and run a task. Needs only Python 3.11+ and the package registries.

    python3 dev.py demo    # set up, build the KG from seeds/, write the explorer, print a SPARQL answer
    python3 dev.py test    # set up, run the whole test suite
"""
from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"


def run(*cmd: str | Path) -> None:
    subprocess.run([str(c) for c in cmd], cwd=ROOT, check=True)


def setup(extras: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit("park-kg needs Python 3.11 or newer")
    if not PY.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    marker = VENV / f".installed-{extras or 'base'}"
    stamp = str((ROOT / "pyproject.toml").stat().st_mtime)
    if not marker.exists() or marker.read_text() != stamp:
        run(PY, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-e", f".[{extras}]" if extras else ".")
        marker.write_text(stamp)


def main() -> int:
    task = sys.argv[1] if len(sys.argv) > 1 else "demo"
    if task == "demo":
        setup("")
        run(BIN / "kg", "demo", "--seeds", "seeds", *sys.argv[2:])
    elif task == "test":
        setup("test")
        if os.name != "nt":   # chromium, CJK fonts, Virtuoso for the browser/endpoint tests (skip if impossible)
            subprocess.run(["bash", str(ROOT / "scripts" / "system-deps.sh")], cwd=ROOT, check=False)
        env = dict(os.environ, PYTHONHASHSEED="0")
        return subprocess.run([str(PY), "-m", "pytest", *sys.argv[2:]], cwd=ROOT, env=env).returncode
    else:
        sys.exit(f"unknown task {task!r}: use demo or test")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
