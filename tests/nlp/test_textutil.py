import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.nlp.textutil import fold, words_regex

ALPHABET = list("科技创园区公司有限(.)*a")


def alternation(words: set[str]) -> re.Pattern[str]:
    """The plain longest-first alternation that ``words_regex`` must match exactly."""
    return re.compile("|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))) or r"(?!x)x")


@settings(max_examples=400, deadline=None)
@given(st.sets(st.text(alphabet=ALPHABET, min_size=1, max_size=5), max_size=12),
       st.text(alphabet=ALPHABET, max_size=40))
def test_words_regex_matches_what_a_longest_first_alternation_matches(words, text):
    trie, plain = words_regex(words), alternation(words)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]
    anchored = re.compile(f"(?:{trie.pattern})$")
    assert bool(anchored.search(text)) == bool(re.search(f"(?:{plain.pattern})$", text))


def test_words_regex_shares_prefixes_and_prefers_the_longest_word():
    pattern = words_regex({"科技", "科创", "科技园"})
    assert pattern.pattern == "科(?:创|技园?)"
    assert pattern.match("科技园区").group() == "科技园"
    assert words_regex(set()).search("任何文字") is None


def test_fold_keeps_length():
    assert fold("ＡＢＣ１２３　杭州") == "ABC123 杭州"
