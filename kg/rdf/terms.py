"""The vocabulary terms and literal forms the converter writes (shared by ``kg.rdf.convert``,
``kg.rdf.provenance`` and ``kg.rdf.nary``).

Every term is a ``pyoxigraph.NamedNode`` built once; every literal helper emits the canonical
form Oxigraph stores, so converter output equals store content quad for quad.
"""
from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation

from pyoxigraph import Literal, NamedNode
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, XSD

from kg.rdf.namespace import ITSRDF, KGO, NIF, PREFIXES

Triple3 = tuple[NamedNode, NamedNode, NamedNode | Literal]

LANG = "zh"
SCHEMA = PREFIXES["schema"]
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _n(term: str) -> NamedNode:
    return NamedNode(str(term))


def _schema(name: str) -> NamedNode:
    """A schema.org term (rdflib's ``SDO`` lacks the newer Observation properties)."""
    return NamedNode(SCHEMA + name)


class T:
    """Every vocabulary term the converter writes, as a ``pyoxigraph.NamedNode`` (built once)."""

    a, statement, subject, predicate, object = (_n(t) for t in (RDF.type, RDF.Statement, RDF.subject,
                                                                RDF.predicate, RDF.object))
    label, pref_label, alt_label = _n(RDFS.label), _n(SKOS.prefLabel), _n(SKOS.altLabel)
    identifier, source, title, date = (_n(t) for t in (DCTERMS.identifier, DCTERMS.source,
                                                       DCTERMS.title, DCTERMS.date))
    mentions, monetary_amount, value, currency = (_schema(t) for t in ("mentions", "MonetaryAmount",
                                                                       "value", "currency"))
    observation, observation_about, variable_measured = (
        _schema(t) for t in ("Observation", "observationAbout", "variableMeasured"))
    unit_text, observation_date, observation_period = (
        _schema(t) for t in ("unitText", "observationDate", "observationPeriod"))
    quantitative_value, unit_code = _schema("QuantitativeValue"), _schema("unitCode")
    was_derived_from = _n(PROV.wasDerivedFrom)
    nif_string, nif_phrase, anchor_of, begin_index, end_index, reference_context = (
        _n(t) for t in (NIF.String, NIF.Phrase, NIF.anchorOf, NIF.beginIndex, NIF.endIndex,
                        NIF.referenceContext))
    ta_ident_ref = _n(ITSRDF.taIdentRef)
    membership, member, organization, org_role, role_class = (
        _n(t) for t in (ORG.Membership, ORG.member, ORG.organization, ORG.role, ORG.Role))
    document, assertion, evidence_class = _n(KGO.Document), _n(KGO.Assertion), _n(KGO.Evidence)
    source_path, sha256, text = _n(KGO.sourcePath), _n(KGO.sha256), _n(KGO.text)
    merge, merged_entity, merged_into, shared_name = (_n(t) for t in (KGO.Merge, KGO.mergedEntity,
                                                                      KGO.mergedInto, KGO.sharedName))
    extraction_digest, same_as = _n(KGO.extractionDigest), _n("http://www.w3.org/2002/07/owl#sameAs")
    confidence, rule, role, evidence = _n(KGO.confidence), _n(KGO.rule), _n(KGO.role), _n(KGO.evidence)
    investment, qualifier, stage = _n(KGO.investment), _n(KGO.qualifier), _n(KGO.stage)
    statistic, period = _n(KGO.statistic), _n(KGO.period)
    land_area, floor_area, capacity, product = (_n(t) for t in (KGO.landArea, KGO.floorArea, KGO.capacity,
                                                               KGO.product))


XSD_DATE, XSD_DECIMAL, XSD_INTEGER = _n(XSD.date), _n(XSD.decimal), _n(XSD.integer)
XSD_GYEAR, XSD_GYEARMONTH = _n(XSD.gYear), _n(XSD.gYearMonth)


def zh(text: str) -> Literal:
    """A Chinese-tagged literal (``"…"@zh``)."""
    return Literal(text, language=LANG)


def canonical_decimal(value: str | float) -> str | None:
    """The canonical ``xsd:decimal`` form Oxigraph stores ("1.50" -> "1.5", "5E+9" -> "5000000000"),
    or ``None`` if ``value`` is not a finite number.

    Emitting the canonical form keeps converter output and store content equal quad for quad.

    >>> canonical_decimal("0.80"), canonical_decimal("1.65E+9"), canonical_decimal("亿")
    ('0.8', '1650000000', None)
    """
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    out = format(number.normalize(), "f")
    return "0" if out in ("-0", "+0") else out


def decimal_literal(value: float) -> Literal:
    """A confidence or score rounded to 3 places as a canonical ``xsd:decimal`` (0.8 -> "0.8")."""
    return Literal(canonical_decimal(f"{round(value, 3):.3f}") or "0", datatype=XSD_DECIMAL)


def number_literal(value: str) -> Literal:
    """``xsd:decimal`` (canonical) when ``value`` is a finite number (``5E+9`` too), else a plain string."""
    text = canonical_decimal(value)
    return Literal(value) if text is None else Literal(text, datatype=XSD_DECIMAL)


def integer_literal(value: int) -> Literal:
    """An ``xsd:integer`` (the type Oxigraph stores every derived integer type as)."""
    return Literal(str(value), datatype=XSD_INTEGER)


def date_literal(value: str | None) -> Literal | None:
    """``xsd:date`` literal of an ISO ``YYYY-MM-DD`` string that is a real date, else ``None``."""
    if not value or not _ISO_DATE.match(value):
        return None
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return None
    return Literal(value, datatype=XSD_DATE)


def typed_literal(value: str) -> Literal:
    """``xsd:date`` for a valid ISO date, ``xsd:decimal`` for a number, else a plain string."""
    as_date = date_literal(value)
    return number_literal(value) if as_date is None else as_date


__all__ = [
    "T", "Triple3", "LANG", "zh", "canonical_decimal", "decimal_literal", "number_literal",
    "integer_literal", "date_literal", "typed_literal", "XSD_DATE", "XSD_DECIMAL", "XSD_INTEGER",
    "XSD_GYEAR", "XSD_GYEARMONTH",
]
