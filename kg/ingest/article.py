"""Build ``Article`` records: from a file (``read_article``) or from a string (notebooks)."""
from __future__ import annotations

import hashlib
from pathlib import Path

from kg.errors import InputError
from kg.ingest.chars import cjk_ratio
from kg.ingest.decode import decode_bytes
from kg.ingest.files import read_limited
from kg.ingest.html_text import html_to_text, looks_like_html
from kg.ingest.markdown import markdown_to_text
from kg.ingest.meta import Cleaned, extract_date, extract_title, find_dates
from kg.ingest.rejoin import reflow
from kg.records import Article
from kg.settings import DEFAULT, Settings

TEXT_PATH = "<text>"
DOC_ID_LENGTH = 20
HTML, MARKDOWN, PLAIN = "text/html", "text/markdown", "text/plain"
_SUFFIX_TYPES = {".html": HTML, ".htm": HTML, ".md": MARKDOWN, ".markdown": MARKDOWN}


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def source_of(path: str | Path) -> str:
    """Resolved absolute POSIX path of ``path`` (the file need not exist)."""
    return Path(path).resolve().as_posix()


def doc_id_of(source: str) -> str:
    """Stable document id: the first 20 hex chars of SHA-256 of the resolved POSIX path."""
    return sha256_hex(source.encode("utf-8"))[:DOC_ID_LENGTH]


def media_type_of(path: Path, text: str) -> str:
    """``text/html`` / ``text/markdown`` by suffix, HTML by content, else ``text/plain``."""
    by_suffix = _SUFFIX_TYPES.get(path.suffix.lower())
    if by_suffix is not None:
        return by_suffix
    return HTML if looks_like_html(text) else PLAIN


def clean(text: str, media_type: str) -> Cleaned:
    """Cleaned paragraphs of decoded ``text`` of the given media type."""
    if media_type == HTML:
        page = html_to_text(text)
        return Cleaned(text=reflow(page.text, join_lines=False), title=page.title, date=page.date)
    if media_type == MARKDOWN:
        doc = markdown_to_text(text)
        return Cleaned(text=doc.text, title=doc.title, date=doc.date)
    return Cleaned(text=reflow(text))


def require_chinese(text: str, *, name: str, min_ratio: float) -> None:
    """Raise ``InputError`` naming ``name`` if ``text`` is empty or has too few CJK chars."""
    if not text:
        raise InputError(f"{name}: no text left after cleaning", fix="give a file with text")
    ratio = cjk_ratio(text)
    if ratio < min_ratio:
        raise InputError(
            f"{name}: no Chinese text ({ratio:.1%} CJK characters, {min_ratio:.0%} needed)",
            fix="give a Chinese article, or check its encoding, or lower min_chinese_ratio",
        )


def read_article(path: str | Path, *, settings: Settings = DEFAULT) -> Article:
    """Read, decode and clean one input file into an ``Article``.

    HTML (by suffix or content) loses tags, scripts and styles; markdown loses its markup;
    plain text is reflowed (``reflow``). Title and date come from the markup when it declares
    them, else from the text (``extract_title``, ``extract_date``).

    Raises ``InputError`` naming the file if it is missing, not a regular file, bigger than
    ``settings.max_file_bytes`` (refused before reading), empty, binary, undecodable, or has
    less than ``settings.min_chinese_ratio`` CJK characters.
    """
    name, file = str(path), Path(path)
    data = read_limited(file, name=name, max_bytes=settings.max_file_bytes)
    text, encoding = decode_bytes(data, name=name)
    media_type = media_type_of(file, text)
    cleaned = clean(text, media_type)
    require_chinese(cleaned.text, name=name, min_ratio=settings.min_chinese_ratio)
    source = source_of(file)
    return Article(
        doc_id=doc_id_of(source),
        path=name,
        source=source,
        title=cleaned.title or extract_title(cleaned.text),
        text=cleaned.text,
        date=cleaned.date or extract_date(cleaned.text),
        encoding=encoding,
        media_type=media_type,
        sha256=sha256_hex(data),
    )


def _iso_date(date: str, *, name: str) -> str:
    """``date`` as ISO ``YYYY-MM-DD``. Raises ``InputError`` if it is no calendar date."""
    found = next(find_dates(date), None)
    if found is None:
        raise InputError(f"{name}: date {date!r} is not a calendar date", fix="give YYYY-MM-DD")
    return found[1]


def article_from_text(
    text: str, *, path: str = TEXT_PATH, title: str | None = None, date: str | None = None
) -> Article:
    """An ``Article`` from a string (notebooks, tests): reflowed like a plain-text file.

    ``doc_id`` hashes the text when ``path`` is ``"<text>"``, else the resolved path.

    >>> article_from_text("标题\\n\\n正文第一句。").title
    '标题'

    Raises ``InputError`` if ``date`` is given and is not a calendar date.
    """
    raw = text.encode("utf-8", errors="surrogatepass")
    body = reflow(text)
    source = TEXT_PATH if path == TEXT_PATH else source_of(path)
    return Article(
        doc_id=sha256_hex(raw)[:DOC_ID_LENGTH] if path == TEXT_PATH else doc_id_of(source),
        path=path,
        source=source,
        title=extract_title(body) if title is None else title,
        text=body,
        date=extract_date(body) if date is None else _iso_date(date, name=path),
        sha256=sha256_hex(raw),
    )
