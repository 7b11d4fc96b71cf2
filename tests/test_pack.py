"""kg.pack: first-pass results as compact bytes read back equal (that ``--jobs 2`` builds what
one process builds is tested in test_pipeline_incremental)."""
from hypothesis import given, settings, strategies as st

from kg.pack import pack_entities, pack_first, unpack_entities, unpack_first
from kg.nlp import analyse_many
from kg.nlp.context import rule_context
from kg.link import link_document
from kg.records import Analysis, Entity, Mention, Span

TEXT = ("杭州星海智能科技有限公司（以下简称“星海智能”）年产50万套热管理系统项目落户云栖小镇。"
        "星海智能董事长周明远表示，项目总投资20亿元。")


def test_a_document_round_trips():
    [an] = analyse_many([TEXT])
    entities = link_document(TEXT, list(an.mentions), rule_context())
    assert unpack_first(TEXT, pack_first(TEXT, an, entities)) == (an, entities)
    assert unpack_entities(TEXT, pack_entities(TEXT, entities)) == entities
    assert len(pack_first(TEXT, an, entities)) < len(__import__("pickle").dumps((an, entities)))


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=30), st.data())
def test_texts_that_are_not_slices_are_kept(text, data):
    s = data.draw(st.integers(0, len(text) - 1))
    e = data.draw(st.integers(s + 1, len(text)))
    own = data.draw(st.sampled_from([text[s:e], "别的"]))
    an = Analysis(mentions=(Mention(text=own, start=s, end=e, type="Company", rule="r", confidence=0.5,
                                    canonical=None),),
                  sentences=(Span(text=own, start=s, end=e),))
    ent = Entity(id="urn:x", type="Company", label=own, aliases=("a",), mentions=(Span(text=own, start=s, end=e),))
    assert unpack_first(text, pack_first(text, an, [ent])) == (an, [ent])

