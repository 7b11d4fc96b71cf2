"""Ingest stage: files → cleaned ``Article`` records (the only stage that reads input files).

Map of the package (one concern per module):

* ``files``     — ``iter_input_files`` (expand folders), size-limited reading
* ``chars``     — character classes (CJK, sentence-final and clause punctuation)
* ``decode``    — ``decode_bytes``: BOM, UTF-8, UTF-16, GB18030 … → ``str``
* ``html_text`` — HTML → text, title and date (BeautifulSoup + lxml, imported lazily)
* ``markdown``  — markdown → text
* ``normalize`` — newline and white-space normalisation
* ``rejoin``    — ``reflow``: rejoin lines broken by page layout, keep headings and captions
* ``linekind``  — what a line looks like (sentence end, headline, caption, list item, date)
* ``lexicon``   — word evidence for ``reflow`` (spacy-pkuseg word list, document strings)
* ``meta``      — ``extract_title``, ``extract_date``
* ``article``   — ``read_article``, ``article_from_text``
"""
from __future__ import annotations

from kg.ingest.article import article_from_text, read_article
from kg.ingest.decode import decode_bytes
from kg.ingest.files import iter_input_files
from kg.ingest.html_text import html_to_text
from kg.ingest.markdown import markdown_to_text
from kg.ingest.meta import extract_date, extract_title
from kg.ingest.rejoin import reflow

__all__ = [
    "article_from_text",
    "decode_bytes",
    "extract_date",
    "extract_title",
    "html_to_text",
    "iter_input_files",
    "markdown_to_text",
    "read_article",
    "reflow",
]
