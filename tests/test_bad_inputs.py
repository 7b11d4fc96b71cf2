"""Bad inputs through the real CLI: each is reported by name with its reason, the good ones are
built, the exit code is 1, nothing is read that need not be (issue 5)."""
from __future__ import annotations

import io
import os
import random
import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.cli import main
from kg.rdf.store import KGStore

PAGE = """<!doctype html><html><head><title>钱塘新区产业园</title>
<script>var secret = "脚本内容不应出现";</script><style>p { color: red } /* 样式内容 */</style></head>
<body onload="alert('加载处理器')">
<p onclick="steal()">杭州钱塘新区大创小镇今年新引进企业十家，总投资五十亿元。</p>
<script>document.write("另一段脚本文字")</script><noscript>请启用脚本</noscript>
<img src="x.png" onerror="alert('错误处理器')"><a href="javascript:alert('链接脚本')" onmouseover="hover()">园区官网</a>
<p>园区负责人表示，将继续优化营商环境。</p></body></html>
"""
SCRIPT_TEXTS = ("脚本内容", "样式内容", "加载处理器", "另一段脚本", "请启用脚本", "错误处理器", "链接脚本",
                "steal", "hover", "alert")
HUGE_BYTES = 200 * 2**20


def _zip_bytes() -> bytes:
    """A small zip archive (binary with NUL bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", "园区新闻。" * 100)
    return buffer.getvalue()


def _write_huge(path: Path) -> None:
    """200 MiB: a Chinese first line, then a hole (sparse: no disk space used)."""
    with path.open("wb") as handle:
        handle.write("大创小镇新闻。\n".encode())
        handle.truncate(HUGE_BYTES)


# name → (how to make it, what the reason says)
BAD_FILES: dict[str, tuple[Callable[[Path], object], str]] = {
    "empty.txt": (lambda p: p.write_bytes(b""), "the file is empty"),
    "blank.txt": (lambda p: p.write_text(" \n\u3000\n\t\n", encoding="utf-8"), "no text left"),
    "random.txt": (lambda p: p.write_bytes(random.Random(5).randbytes(4096)), "binary data"),
    "image.html": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
                   "binary data"),
    "archive.md": (lambda p: p.write_bytes(_zip_bytes()), "binary data"),
    "undecodable.txt": (lambda p: p.write_bytes(b"abc\xff\xfe\x80\x81 text \xc3\x28 more"),
                        "undecodable bytes"),
    "damaged.txt": (lambda p: p.write_bytes("园区企业。".encode() * 50 + b"\xff\xfe" + "完".encode()),
                    "not valid UTF-8"),
    "english.txt": (lambda p: p.write_text("An English report on parks.\n" * 20, encoding="utf-8"),
                    "no Chinese text"),
    "scripts-only.html": (lambda p: p.write_text("<html><body><script>x()</script></body></html>",
                                                 encoding="utf-8"), "no text left"),
    "huge.txt": (_write_huge, "209.7 MB is more than the limit of 20 MB for one article"),
    "pipe.txt": (os.mkfifo, "not a regular file"),
    "dangling.txt": (lambda p: p.symlink_to(p.parent / "gone"), "no such file or folder"),
}


@pytest.fixture()
def mixed(tmp_path: Path, seeds_dir: Path) -> Path:
    """``in/`` with the seed articles, a good HTML page and every kind of bad file."""
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt")):
        shutil.copyfile(seed, folder / seed.name)
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    for name, (make, _) in BAD_FILES.items():
        make(folder / name)
    return folder


@pytest.fixture()
def no_huge_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if anything opens ``huge.txt`` (it must be refused by its size alone)."""
    real_open = Path.open

    def guarded(self: Path, *args, **kwargs):
        if self.name == "huge.txt":
            pytest.fail("huge.txt was opened: a file over the limit must be refused unread")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded)


def skipped(err: str) -> dict[str, str]:
    """``{path: reason}`` of the ``kg: skipped PATH: REASON`` lines of stderr; every other line
    is a one-line ``kg: …`` message (a count of the failures), never a traceback."""
    out = {}
    for line in err.splitlines():
        assert line.startswith("kg: ") and "Traceback" not in line, line
        if line.startswith("kg: skipped "):
            path, reason = line.removeprefix("kg: skipped ").split(": ", 1)
            out[path] = reason
    return out


def stored_paths(store: Path) -> set[str]:
    """``dcterms:source`` of every document in ``store``."""
    with KGStore.open(store, read_only=True) as kg:
        return {str(doc["path"]) for doc in kg.documents()}


def stored_text(store: Path, path: str) -> str:
    """``kgo:text`` of the document read from ``path``."""
    with KGStore.open(store, read_only=True) as kg:
        _, rows = kg.select(f'SELECT ?t WHERE {{ ?d dcterms:source "{path}" ; kgo:text ?t }}')
    [[text]] = rows
    return str(text)


def good_paths(folder: Path, seeds_dir: Path) -> set[str]:
    return {str(folder / p.name) for p in seeds_dir.glob("*.txt")} | {str(folder / "page.html")}


def test_every_bad_file_is_reported_and_the_good_ones_are_built(
    mixed: Path, tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str], no_huge_open: None
) -> None:
    store = tmp_path / "store"
    code = main(["build", str(mixed), str(tmp_path / "missing"), "--store", str(store), "-q"])
    out, err = capsys.readouterr()
    assert code == 1
    reasons = skipped(err)
    expected = {str(mixed / name): reason for name, (_, reason) in BAD_FILES.items()}
    expected[str(tmp_path / "missing")] = "no such file or folder"
    assert reasons.keys() == expected.keys()
    for path, reason in reasons.items():
        assert reason.startswith(f"E100 {path}: ") and expected[path] in reason and "; fix: " in reason
    assert "Traceback" not in err and out.startswith("built 6 documents")
    assert stored_paths(store) == good_paths(mixed, seeds_dir)


def test_html_scripts_and_event_handlers_never_reach_the_text(
    mixed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    page = str(mixed / "page.html")
    assert main(["build", page, "--store", str(store), "-q"]) == 0
    text = stored_text(store, page)
    assert "大创小镇今年新引进企业十家" in text and "优化营商环境" in text and "园区官网" in text
    assert not [s for s in SCRIPT_TEXTS if s in text]


def test_missing_path_is_named_and_the_rest_is_built(
    tmp_path: Path, seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seed = min(seeds_dir.glob("*.txt"))
    store = tmp_path / "store"
    code = main(["build", "no/such 文件夹/", str(seed), "--store", str(store), "-q"])
    out, err = capsys.readouterr()
    assert code == 1 and out.startswith("built 1 documents")
    assert skipped(err) == {
        "no/such 文件夹/": "E100 no/such 文件夹/: no such file or folder; fix: check the path; give existing files or folders"
    }
    assert stored_paths(store) == {str(seed)}


def test_only_missing_paths_build_nothing_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", str(tmp_path / "a"), str(tmp_path / "b"), "--store", str(tmp_path / "s"), "-q"]) == 1
    out, err = capsys.readouterr()
    assert out.startswith("built 0 documents") and list(skipped(err)) == [str(tmp_path / "a"), str(tmp_path / "b")]


def test_extract_reports_bad_files_and_prints_the_good_ones(
    mixed: Path, capsys: pytest.CaptureFixture[str], no_huge_open: None
) -> None:
    assert main(["extract", str(mixed / "page.html"), str(mixed / "huge.txt"), str(mixed / "empty.txt")]) == 1
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1 and '"doc": "' + str(mixed / "page.html") in out
    assert list(skipped(err)) == [str(mixed / "huge.txt"), str(mixed / "empty.txt")]


BAD_EVERY = 97   # every 97th file of the big folder is bad (103 of 10,000)
BAD_KINDS = (b"", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"no Chinese here at all\n",
             b"abc\xff\xfe\x80\x81 text \xc3\x28 more")
SYLLABLES = "安宝博辰达鼎帆丰港瀚禾恒泓华汇佳嘉金锦景骏凯康朗立联林隆茂铭诺鹏启千瑞盛晟舜泰通拓万维伟翔欣新信星旭"


def write_many(folder: Path, count: int) -> set[str]:
    """``count`` small articles in 10 sub-folders (every ``BAD_EVERY``-th one bad); the bad paths."""
    bad: set[str] = set()
    for i in range(count):
        path = folder / f"part{i % 10}" / f"{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        if i % BAD_EVERY == 0:
            path.write_bytes(BAD_KINDS[i // BAD_EVERY % len(BAD_KINDS)])
            bad.add(str(path))
            continue
        name = SYLLABLES[i % len(SYLLABLES)] + SYLLABLES[i // len(SYLLABLES) % len(SYLLABLES)]
        path.write_text(f"{name}科技落户大创小镇\n\n2023年5月，杭州{name}科技有限公司与大创小镇签约，"
                        f"总投资{i % 90 + 1}亿元。", encoding="utf-8")
    return bad


def test_ten_thousand_files_some_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Measured: about 25 s on 2 cores (10k tiny documents through the whole build)."""
    folder, store, count = tmp_path / "many", tmp_path / "store", 10_000
    bad = write_many(folder, count)
    started = time.perf_counter()
    code = main(["build", str(folder), "--store", str(store), "-q"])
    seconds = time.perf_counter() - started
    out, err = capsys.readouterr()
    assert code == 1 and skipped(err).keys() == bad
    assert out.startswith(f"built {count - len(bad)} documents")
    with KGStore.open(store, read_only=True) as kg:
        [[n]] = kg.select("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kgo:Document }")[1]
    assert n == count - len(bad)
    assert seconds < 240, f"10,000 small files took {seconds:.0f} s"
