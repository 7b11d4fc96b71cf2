

def test_extraction_digest_is_remembered_per_live_record_only():
    from kg.rdf.convert import extraction_digest
    from kg.records import Article, Extraction

    first = Extraction(article=Article(doc_id="d", path="p", source="s", title="t", text="甲"))
    digest = extraction_digest(first)
    assert extraction_digest(first) == digest
    del first
    other = Extraction(article=Article(doc_id="d", path="p", source="s", title="t", text="乙"))
    assert extraction_digest(other) != digest     # a new record at a reused id is not mistaken
