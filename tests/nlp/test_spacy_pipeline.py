"""The spaCy zh pipeline: char segmenter by default, pkuseg with a locally trained model."""
from pathlib import Path

import pytest

from kg.errors import KGError
from kg.nlp import analyse
from kg.nlp.spacy_pipeline import build_pipeline
from kg.settings import Settings

TEXT = "■记者 周明远\n\n本报讯 当天杭州某旭生物科技股份有限公司总部大楼正式奠基开工。公司董事长杨立新表示，将扎根云栖小镇。"


def test_sentences_end_at_punctuation_and_line_breaks():
    from kg.nlp.spacy_pipeline import sentences
    text = "他说：“好。”然后走了！\n\n标题一行\n第二句；第三句"
    assert [s.text for s in sentences(text)] == ["他说：“好。”", "然后走了！", "标题一行", "第二句；", "第三句"]
    assert all(text[s.start:s.end] == s.text for s in sentences(text))


def test_char_pipeline_sets_ents_and_sentences():
    nlp = build_pipeline(Settings())
    doc = nlp(TEXT)
    assert nlp.pipe_names == ["park_kg_rules"]
    assert {(e.text, e.label_) for e in doc.ents} >= {("杭州某旭生物科技股份有限公司", "Company"), ("云栖小镇", "Park")}
    analysis = analyse(TEXT)
    assert all(TEXT[m.start:m.end] == m.text for m in analysis.mentions)
    assert len(analysis.sentences) >= 3


def test_unknown_segmenter_is_a_clear_error():
    with pytest.raises(KGError, match="segmenter"):
        build_pipeline(Settings(segmenter="bert"))


def test_pkuseg_needs_a_model():
    with pytest.raises(KGError, match="train-segmenter"):
        build_pipeline(Settings(segmenter="pkuseg"))


def test_pkuseg_with_local_model(tmp_path, seeds_dir):
    from kg.nlp.segmenter import train_pkuseg

    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    model = train_pkuseg(texts, tmp_path / "model", iterations=2)
    assert (model / "features.msgpack").exists() and (model / "weights.npz").exists()
    settings = Settings(segmenter="pkuseg", pkuseg_model=model)
    nlp = build_pipeline(settings)
    doc = nlp(TEXT)
    assert len(doc) < len(TEXT) * 0.8          # words, not characters
    assert ("杭州某旭生物科技股份有限公司", "Company") in {(e.text, e.label_) for e in doc.ents}
    assert [m.text for m in analyse(TEXT, settings=settings).mentions] == [m.text for m in analyse(TEXT).mentions]
    reloaded = tmp_path / "pipeline"
    nlp.to_disk(reloaded)
    assert Path(reloaded, "tokenizer").exists()


from hypothesis import given, settings as hsettings, strategies as st  # noqa: E402


@hsettings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中文字 \n\t\u3000ab1，。")), max_size=40))
def test_fast_char_words_equal_spacy_char_segmenter(text):
    import spacy

    from kg.nlp.spacy_pipeline import char_tokens
    doc = spacy.blank("zh").make_doc(text)
    assert char_tokens(text) == ([t.text for t in doc], [bool(t.whitespace_) for t in doc], [t.idx for t in doc])


@hsettings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中文字 \n\t\u3000ab1，。𠀀")), max_size=40))
def test_docs_made_from_string_hashes_equal_spacy_char_segmenter(text):
    from kg.nlp.spacy_pipeline import cached_pipeline, make_docs
    from kg.settings import DEFAULT

    nlp = cached_pipeline(DEFAULT)
    ours, theirs = next(make_docs(nlp, [text])), nlp.make_doc(text)
    assert [(t.orth, t.text, t.whitespace_, t.idx, t.lex_id, t.is_space) for t in ours] == \
        [(t.orth, t.text, t.whitespace_, t.idx, t.lex_id, t.is_space) for t in theirs]
    assert ours.text == text


def _spacy_ents(doc, mentions):
    """What spaCy's own calls make of the mentions: expanded char spans, filtered, set."""
    from spacy.tokens import Span
    from spacy.util import filter_spans

    spans = [doc.char_span(m.start, m.end, label=m.type, alignment_mode="expand") for m in mentions]
    spans = filter_spans([s for s in spans if s is not None])
    doc.set_ents([Span(doc, s.start, s.end, label=s.label_) for s in spans], default="outside")
    return [(t.ent_iob_, t.ent_type_) for t in doc]


@hsettings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("杭州某科技小镇 \n\u3000a1，。")), min_size=1, max_size=40), st.data())
def test_token_spans_and_set_entities_equal_spacy(text, data):
    from kg.nlp.spacy_pipeline import cached_pipeline, make_docs, set_entities, token_spans
    from kg.records import Mention
    from kg.settings import DEFAULT

    nlp = cached_pipeline(DEFAULT)
    mentions = []
    for _ in range(data.draw(st.integers(0, 5))):
        s = data.draw(st.integers(0, len(text) - 1))
        e = data.draw(st.integers(s + 1, len(text)))
        mentions.append(Mention(text=text[s:e], start=s, end=e, type=data.draw(st.sampled_from(["Company", "Park"]))))
    ours = next(make_docs(nlp, [text]))
    set_entities(ours, token_spans(ours, mentions))
    assert [(t.ent_iob_, t.ent_type_) for t in ours] == _spacy_ents(nlp.make_doc(text), mentions)


def test_set_entities_names_the_entities():
    from kg.nlp.spacy_pipeline import cached_pipeline, make_docs, set_entities, token_spans
    from kg.records import Mention
    from kg.settings import DEFAULT

    text = "杭州某某科技有限公司落户某某小镇，董事长张三表示。"
    found = [("杭州某某科技有限公司", "Company"), ("某某小镇", "Park"), ("张三", "Person")]
    mentions = [Mention(text=t, start=text.index(t), end=text.index(t) + len(t), type=k) for t, k in found]
    doc = next(make_docs(cached_pipeline(DEFAULT), [text]))
    set_entities(doc, token_spans(doc, mentions))
    assert [(e.text, e.label_) for e in doc.ents] == found
