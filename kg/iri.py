"""The one function family that mints IRIs.

IRIs are stable (same input, same IRI), injective in practice (128-bit hash of a
normalised key) and valid for any text: names go into labels, never into IRIs.
"""
from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from functools import lru_cache

from kg.settings import ID_BASE

_KIND = re.compile(r"^[a-z][a-z0-9-]*$")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def normalise_key(text: str) -> str:
    """Fold full/half width (NFKC) and drop white space: the identity of a name."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def mint(kind: str, *parts: str) -> str:
    """Mint ``ID_BASE + kind + '/' + hash(parts)``.

    >>> mint("company", "杭州某某科技有限公司").startswith("https://w3id.org/park-kg/id/company/")
    True

    Raises ``ValueError`` if ``kind`` is not a lowercase ASCII word.
    """
    if not _KIND.match(kind):
        raise ValueError(f"IRI kind must be a lowercase ASCII word, got {kind!r}")
    key = "\u241f".join(normalise_key(p) for p in parts)
    digest = hashlib.sha256(key.encode("utf-8")).digest()[:16]
    return f"{ID_BASE}{kind}/{base64.b32encode(digest).decode('ascii').rstrip('=').lower()}"


@lru_cache(maxsize=65536)
def entity_iri(entity_type: str, canonical_name: str) -> str:
    """IRI of an entity from its type and canonical name."""
    return mint(entity_type.lower(), canonical_name)


def document_iri(doc_id: str) -> str:
    """IRI (and named-graph name) of a document from its stable id."""
    return mint("doc", doc_id)


def node_iri(kind: str, *parts: str) -> str:
    """IRI of an auxiliary node (relation qualifier, evidence, amount …)."""
    return mint(kind, *parts)
