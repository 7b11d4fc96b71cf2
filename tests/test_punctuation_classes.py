"""The NLP stage reads folded text (full-width ASCII → half-width: ，→ , and ；→ ;) and articles
extracted from PDFs use half-width punctuation: a regex character class that names a full-width
punctuation mark must name its half-width twin too, or a clause runs on past its end."""
import re
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"
CLASS_RE = re.compile(r"\[\^?[^\]]*\]")
LEFT_AS_IS = {"kg/relate/periods.py",      # a docstring example, not a regex
              "kg/ingest/linekind.py"}     # 、． list numbering: a half-width . would take 1.5亿


def one_sided(line: str) -> list[str]:
    return [cls for cls in CLASS_RE.findall(line)
            if any(0xFF01 <= ord(c) <= 0xFF5E and chr(ord(c) - 0xFEE0) not in cls for c in cls)]


@pytest.mark.parametrize("path", sorted(p for p in KG.rglob("*.py")
                                        if p.relative_to(KG.parent).as_posix() not in LEFT_AS_IS),
                         ids=lambda p: p.relative_to(KG.parent).as_posix())
def test_character_classes_name_both_widths(path):
    found = [(n, cls) for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             for cls in one_sided(line)]
    assert found == [], f"{path}: add the half-width twins to these classes: {found}"


def test_the_check_sees_a_one_sided_class():
    assert one_sided('re.split(r"[，。；]", text)') == ["[，。；]"]
    assert one_sided('re.split(r"[，。；,;]", text)') == []
