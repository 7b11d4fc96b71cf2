"""RDF stage: extraction records -> quads -> an Oxigraph store, and back out as tables and graphs.

Nothing is imported here (importing ``kg.rdf`` loads no store). Open the module you need:

* ``kg.rdf.namespace`` - the closed ``KGO`` vocabulary and the ``PREFIXES`` table
* ``kg.rdf.convert``   - ``extraction_quads(ex)``: one ``Extraction`` -> quads of its document graph
* ``kg.rdf.terms``     - the vocabulary terms and canonical literal forms the converter writes
* ``kg.rdf.provenance`` - evidence sentences, entity mentions (NIF) and reified assertions
* ``kg.rdf.nary``       - n-ary facts: MonetaryAmount, org:Membership, schema:Observation,
  schema:QuantitativeValue (project land area, floor area, capacity)
* ``kg.rdf.store``     - ``KGStore``: open/replace/remove/query/select/serialize_results/export
* ``kg.rdf.batch``     - the transactional, diff-based graph writes behind ``replace_documents``
* ``kg.rdf.lock``      - store opening rules (one writer; no reader while a writer runs)
* ``kg.rdf.results``   - result terms as Python values; ``format_table`` for the CLI
* ``kg.rdf.frames``    - notebooks: ``open_rdflib``, ``sparql_frame``, ``to_networkx``

The RDF shape is specified in ``docs/rdf-model.md``; the vocabulary in ``ontology/park-kg.ttl``.
"""
