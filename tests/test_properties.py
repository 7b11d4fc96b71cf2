"""Properties on arbitrary text: extraction never raises, offsets slice to their text, IRIs are valid."""
import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings, strategies as st

from kg.ingest import article_from_text
from kg.pipeline import extract_articles

CHINESE_NEWS = st.sampled_from(list("杭州有限公司科技园区小镇项目管委会董事长记者■、，。“”（）()·—0123456789 \n年月日亿元万等家企业落户位于投资"))
TEXT = st.one_of(st.text(max_size=200), st.text(alphabet=CHINESE_NEWS, min_size=1, max_size=300))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_extraction_never_raises_and_offsets_hold(text):
    if not text.strip():
        return
    article = article_from_text(text)
    [ex] = extract_articles([article])
    clean = ex.article.text
    for e in ex.entities:
        ox.NamedNode(e.id)                                   # a valid IRI
        for m in e.mentions:
            assert 0 <= m.start < m.end <= len(clean) and clean[m.start:m.end] == m.text
    for r in ex.relations:
        ox.NamedNode(r.head)
        assert clean[r.evidence.start:r.evidence.end] == r.evidence.text
    for a in ex.attributes:
        assert clean[a.evidence.start:a.evidence.end] == a.evidence.text
