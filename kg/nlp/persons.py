"""Person names from context: bylines and credits, titles before, cue verbs after,
headline ``姓名：``, and transliterations with ``·``. Every candidate must start with a
family name, be 2–3 characters (4 with a compound family name) and not be a common word."""
from __future__ import annotations

import re

from kg.nlp.context import RuleContext
from kg.nlp.suffix_names import is_place
from kg.nlp.textutil import CJK, words_regex
from kg.records import Mention

MARKERS = ("本报记者", "记者", "通讯员", "实习生", "文字", "作者", "责任编辑", "编辑", "责编", "摄影", "审核", "来源", "联系人",
           "签发人")
# credit labels that are common words too: only as labels (版式:某某, 统筹 某某)
LABELS = ("美编", "版式", "排版", "校对", "摄像", "统筹", "策划", "监制", "终审", "复审", "初审")
LABEL = (f"{words_regex(set(MARKERS)).pattern}|{words_regex(set(LABELS)).pattern}(?=[ \\t:/])"
         "|文/图|图/文|[文图](?=[:/|])")      # 文/某某 图/某某 文/图｜某某
_LABEL_FIRST = "".join(sorted({w[0] for w in MARKERS + LABELS} | set("■▲●文图")))
CREDIT_RE = re.compile(     # the leading look-ahead lets ``re`` skip to candidate characters (3x faster)
    rf"(?=[{_LABEL_FIRST}])(?:[■▲●]|{LABEL})[ \t:/|]*(?:文/)?"
    rf"((?:(?!{LABEL})[{CJK}]{{1,4}}(?:[ \t、,]+|$|(?=[^{CJK}])))+)", re.M)
# 某某 摄 (after a sentence end or white space), （某某/文 某某/摄）: the role word is found
# first and the name read back from it (scanning for the name first tries every position)
PHOTO_RE = re.compile("摄")
SLASH_ROLE_RE = re.compile(r"/[ \t]*(?:文|图|摄影|摄)(?=[\s）)]|$)")
NAME_TAIL_RE = re.compile(rf"([{CJK}]{{2,3}})[ \t]*$")
SPACED_TAIL_RE = re.compile(rf"([{CJK}][ \t]+[{CJK}]{{1,2}})[ \t]*$")
HEADLINE_RE = re.compile(rf"^([{CJK}]{{2,3}})[:：](?=[^\n]{{2,40}}$)", re.M)
SPACED_LINE_RE = re.compile(rf"^[ \t]*((?:[{CJK}]{{1,3}}[ \t]+)+[{CJK}]{{1,3}})[ \t]*$", re.M)
FUNCTION_CHARS = set("与和及对向由被的给让将把为在是同跟用")
NAME_RE = re.compile(f"^[{CJK}]+$")
DEMONSTRATIVES = set("这那哪每某其该此")   # 于这个, 李某: no given name starts so
SPEECH_VERBS = frozenset({"表示", "说", "介绍", "指出", "强调", "认为", "告诉", "坦言", "感慨", "回忆", "透露",
                          "笑着说", "谈到", "提到", "解释", "补充", "坦承", "直言", "答道", "回忆说",
                          "常说", "总说", "常讲", "还说", "也说"})
"""Verbs after which a clause-initial common word (``。林立说``) is still a name."""
NEVER_NAMES = frozenset({"同时", "同样", "方面", "方向", "高度", "周边", "周期", "毕业"})
"""Common words that stay words even before a speech verb (``同时表示``)."""
BOUNDARY = set("，。、；：:,;！？!?“”\"‘’「」『』（）()《》 \t\n—-■")


PARTICLES = frozenset("的了着过吗呢")


def is_name(ctx: RuleContext, name: str, *, rare_ok: bool = False, common_ok: bool = False) -> bool:
    """Whether ``name`` looks like a Chinese personal name (``rare_ok``: the context already
    says a name follows, so rarer family names count too; ``common_ok``: it says so strongly
    enough for a common word such as 林立 or 方圆 to be a name)."""
    family = ctx.surname_size(name, rare_ok=rare_ok)
    given_max = 3 if family == 2 and name[:2] in ctx.rare_surnames else 2     # Japanese: 中村健太郎
    if not 2 <= len(name) <= family + given_max or not ctx.is_surname_start(name, rare_ok=rare_ok) or not NAME_RE.match(name):
        return False
    not_person = ctx.words("not_person")
    given = name[family:]
    if given[:1] in DEMONSTRATIVES or given[-1:] in PARTICLES:
        return False                             # 某悦的: a particle never ends a given name
    return common_ok and name not in NEVER_NAMES or name not in not_person and name[:2] not in not_person


def _mention(text: str, start: int, end: int, rule: str, conf: float) -> Mention:
    return Mention(text=text[start:end], start=start, end=end, type="Person", rule=rule, confidence=conf)


PEN_MARKERS = ("记者", "本报记者", "通讯员")
CREDIT_WORDS = frozenset({"供图", "提供", "摄影", "制图", "绘图", "拍摄", "报道", "整理", "采写", "撰稿"})
"""What follows a credit marker instead of a name (通讯员 供图)."""


def _names_in(ctx: RuleContext, text: str, start: int, end: int, rule: str, *, pen_names: bool = False) -> list[Mention]:
    """Split a run of names (spaces, 、) into mentions; pair letter-spaced single characters."""
    tokens = [(m.start(), m.end()) for m in re.finditer(f"[{CJK}]+", text[start:end])]
    out, i = [], 0
    while i < len(tokens):
        s, e = tokens[i]
        if e - s == 1 and i + 1 < len(tokens) and tokens[i + 1][1] - tokens[i + 1][0] in (1, 2):
            s2, e2 = tokens[i + 1]
            name = text[start + s] + text[start + s2:start + e2]
            if is_name(ctx, name, rare_ok=True):
                out.append(Mention(text=name, start=start + s, end=start + e2, type="Person",
                                   rule=rule + ".spaced", confidence=0.8))
                i += 2
                continue
        token = text[start + s:start + e]
        if is_name(ctx, token, rare_ok=rule != "person.byline"):
            out.append(_mention(text, start + s, start + e, rule, 0.9))
        elif pen_names and _pen_name(ctx, token):
            out.append(_mention(text, start + s, start + e, rule + ".pen_name", 0.6))
        i += 1
    return out


def _pen_name(ctx: RuleContext, token: str) -> bool:
    """A byline name without a family name (通讯员 某宣: the pen names of district press offices):
    two or three characters that are no word, place or stop word."""
    return 2 <= len(token) <= 3 and token not in CREDIT_WORDS and token not in ctx.words("nouns") \
        and token not in ctx.words("verbs") \
        and token not in ctx.words("generic") and not ctx.stops_inside(token) and not ctx.all_places.find(token)


def credits(text: str, ctx: RuleContext) -> list[Mention]:
    """Names after byline and credit markers (■, 记者, 通讯员, 文:, 编辑:, … 摄)."""
    out = []
    for m in CREDIT_RE.finditer(text):
        if ":" in text[m.start():m.start(1)] and _speaks_a_sentence(text, m.start(1)):
            continue                             # 记者：最后，对年轻的…？ an interviewer's question
        pen = m.group().startswith(PEN_MARKERS)
        out += _names_in(ctx, text, m.start(1), m.end(1), "person.credit", pen_names=pen)
    for role in PHOTO_RE.finditer(text):
        span = _name_before_role(text, role.start(), "。")
        if span and is_name(ctx, _unspaced(text, span), common_ok=True):
            out.append(_mention(text, *span, "person.photo_credit", 0.85))
    for role in SLASH_ROLE_RE.finditer(text):
        span = _name_before_role(text, role.start(), "（(")
        if span and is_name(ctx, text[span[0]:span[1]], rare_ok=True):
            out.append(_mention(text, *span, "person.slash_credit", 0.85))
    return out


def _unspaced(text: str, span: tuple[int, int]) -> str:
    """The name of a credit span without its letter spacing (林 某 → 林某)."""
    return re.sub(r"[ \t]", "", text[span[0]:span[1]])


def _name_before_role(text: str, pos: int, boundary: str) -> tuple[int, int] | None:
    """The 2–3 characters (then spaces) right before ``pos``, letter-spaced ones too (林 某 摄),
    when the text starts there or a ``boundary`` character or white space stands before them."""
    m = NAME_TAIL_RE.search(text, max(0, pos - 8), pos) or SPACED_TAIL_RE.search(text, max(0, pos - 8), pos)
    if m is None or m.start(1) > 0 and not (text[m.start(1) - 1] in boundary or text[m.start(1) - 1].isspace()):
        return None
    return m.start(1), m.end(1)


BYLINE_LINE_RE = re.compile(r"^[^\n]{0,40}(?:记者|通讯员)[^\n]{0,60}$", re.M)
BYLINE_TOKEN_RE = re.compile(rf"(?<=[ \t])([{CJK}]{{2,3}}|[{CJK}] [{CJK}]{{1,2}})(?=[ \t）)]|$)", re.M)   # 何倩, 何 倩


def byline_units(text: str, ctx: RuleContext) -> list[Mention]:
    """Names after a reporting unit in a byline line (记者 某某 共享联盟某站 某某 通讯员 某某,
    某某区委报道组 某某): in such a line every spaced two- or three-character name is a person."""
    out = []
    for line in BYLINE_LINE_RE.finditer(text):
        for m in BYLINE_TOKEN_RE.finditer(text, line.start(), line.end()):
            name = m.group(1).replace(" ", "")
            if name not in MARKERS and name not in LABELS and name not in CREDIT_WORDS \
                    and is_name(ctx, name, rare_ok=True, common_ok=True):
                out.append(_mention(text, m.start(1), m.end(1), "person.byline_unit", 0.8))
    return out


def spaced_bylines(text: str, ctx: RuleContext) -> list[Mention]:
    """Lines made only of names separated by spaces (``应 陶 徐 媛``)."""
    out = []
    for m in SPACED_LINE_RE.finditer(text):
        names = _names_in(ctx, text, m.start(1), m.end(1), "person.byline")
        tokens = len(re.findall(f"[{CJK}]+", m.group(1)))
        if names and sum(1 + ("spaced" in n.rule) for n in names) == tokens:
            out += names
    return out


def _name_before(text: str, end: int, ctx: RuleContext) -> int | None:
    """Start of a name ending at ``end`` whose left side is a boundary or a title."""
    for size in (3, 2, 4, 5):
        start = end - size
        if start < 0 or not is_name(ctx, text[start:end]) or (size == 3 and _verb_across(text, end, ctx)):
            continue
        if start == 0 or text[start - 1] in BOUNDARY or text[start - 1] in FUNCTION_CHARS \
                or _ends_with_title(text, start, ctx):
            return start
    return None


def _common_name_before(text: str, end: int, ctx: RuleContext) -> int | None:
    """Start of a two- or three-character name that is also a common word, opening its clause
    right before a speech verb (``。林立说``, ``，方圆表示``)."""
    for size in (2, 3):
        start = end - size
        name = text[start:end] if start >= 0 else ""
        if name and (start == 0 or text[start - 1] in CLAUSE_OPEN) and name[-1] not in PLACE_ENDS \
                and name not in ctx.all_places.entries and is_name(ctx, name, common_ok=True):
            return start
    return None


PLACE_ENDS = set("省市区县镇乡村街局委会院所司厂")
ADVERB_ENDS = set("正也还都又就才曾将便亦仍已并再却在是和与等")
PEER_INTROS = frozenset({"师弟", "师兄", "师妹", "师姐", "学弟", "学长", "学妹", "学姐", "搭档", "同事", "校友"})
"""Words after which only a person's name can follow (``员工``, ``父亲`` may be followed by other nouns)."""
CLAUSE_OPEN = set("，。；：:,;！？!?”\n")


def _verb_across(text: str, end: int, ctx: RuleContext) -> bool:
    """Whether the name's last character starts a verb or cue with what follows (某正|常说, 某早|荣获)."""
    if ctx.after_re.match(text, end - 1):
        return True
    if text[end - 1] in ctx.words("given_name_chars"):
        return False
    verbs = ctx.words("verbs")
    return text[end - 1:end + 1] in verbs or text[end - 1:end + 2] in verbs


def _ends_with_title(text: str, pos: int, ctx: RuleContext) -> bool:
    return ctx.title_ends_at(text, pos)


def _name_after(text: str, start: int, ctx: RuleContext, *, rare_ok: bool = True, common_ok: bool = False) -> int | None:
    """End of a name starting at ``start`` (right after a title) whose right side is a
    boundary, a cue word, a function word or a verb."""
    weak = ctx.words("person_after_weak")
    japanese = text[start:start + 2] in ctx.rare_surnames       # 小林正人: a two-character given name first
    for size in (4, 3, 5, 2) if japanese else (3, 2, 4, 5):
        end = start + size
        if japanese and any(ctx.after_re.match(text, pos) for pos in range(start + 2, end)):
            continue                             # 小林表示, 山田浩说: the verb after the name
        if end > len(text) or not is_name(ctx, text[start:end], rare_ok=rare_ok, common_ok=common_ok) \
                or (size == 3 and _verb_across(text, end, ctx)):
            continue
        if size == 3 and text[end - 1] in ADVERB_ENDS and end < len(text) and text[end] not in BOUNDARY \
                and not ctx.after_re.match(text, end):
            continue                             # 总经理某栋正和同事…: 正 is the adverb of 正和…
        if end == len(text) or text[end] in BOUNDARY or ctx.after_re.match(text, end) \
                or text[end:end + 2] in weak or text[end] in weak or ctx.stop_at(text, end):
            return end
    return None


def titled(text: str, ctx: RuleContext) -> list[Mention]:
    """Names right after a title or an introducing word (总经理某某, 同事某某)."""
    out = []
    for m in ctx.title_re.finditer(text):
        if _addressed(text, m.start(), ctx):
            continue
        start = m.end() + 1 if text[m.end():m.end() + 1] == ":" else m.end()    # 创始人、CEO：某某 (folded colon)
        if start > m.end() and _speaks_a_sentence(text, start):
            continue                             # 记者：梅山的产业…？ a question in an interview
        end = _name_after(text, start, ctx)
        if end is None:                          # 董事长林立说: a common word between a title and a cue
            end = _name_after(text, start, ctx, common_ok=True)
            end = end if end is not None and ctx.after_re.match(text, end) else None
        if end is None and text[m.end():m.end() + 1] == "的":   # 担任副研究员的某某加入团队: a cue after the name
            end = _name_after(text, m.end() + 1, ctx, rare_ok=False)
            start, end = (m.end() + 1, end) if end is not None and ctx.after_re.match(text, end) else (start, None)
        if end is not None:
            out.append(_mention(text, start, end, "person.title_before", 0.85))
    for m in ctx.intro_re.finditer(text):
        strong = m.group() in PEER_INTROS           # 师弟向某: a rarer family name, a common word too
        end = _name_after(text, m.end(), ctx, rare_ok=strong, common_ok=strong)
        if end is not None and (m.start() == 0 or text[m.start() - 1] in BOUNDARY or not is_name_char_cjk(text[m.start() - 1])
                                or len(m.group()) >= 2):
            out.append(_mention(text, m.end(), end, "person.intro_before", 0.7))
    return out


def _speaks_a_sentence(text: str, start: int) -> bool:
    """Whether the line after a speaker label (记者：) is a sentence, not a name: longer than a
    byline, with a sentence end in it (记者：梅山的私募基金产业在全国有名，优势在哪里？)."""
    end = text.find("\n", start)
    line = text[start:end if end >= 0 else len(text)]
    return len(line) > QUESTION_MIN and SENTENCE_END_RE.search(line) is not None


QUESTION_MIN = 6        # 记者：某某。 is a credit; 记者：公司是怎么起步的？ a question
SENTENCE_END_RE = re.compile("[。？！?!]")


def _addressed(text: str, pos: int, ctx: RuleContext) -> bool:
    """``“王主任来厂里``: a lone family name before the title makes it a form of address, and
    what follows is no name."""
    return pos >= 1 and ctx.is_surname_start(text[pos - 1]) and (pos == 1 or text[pos - 2] in BOUNDARY)


def is_name_char_cjk(ch: str) -> bool:
    return bool(NAME_RE.match(ch))


def cued(text: str, ctx: RuleContext) -> list[Mention]:
    """Names right before a speech or action verb (某某表示, 某某说)."""
    out = []
    nouns = ctx.words("nouns")
    for m in ctx.after_re.finditer(text):
        if len(m.group()) < 2 and (m.group() not in "说称" or text[m.start():m.end() + 1] in nouns):
            continue                             # 称号, 说法: a noun, not a speech verb
        start = _name_before(text, m.start(), ctx)
        if start is None and m.group() in SPEECH_VERBS:
            start = _common_name_before(text, m.start(), ctx)
        if start is not None:
            out.append(_mention(text, start, m.start(), "person.cue_after", 0.75))
    return out


def headline(text: str, ctx: RuleContext) -> list[Mention]:
    """A headline that starts with a name and a colon (``某某：…``)."""
    return [_mention(text, m.start(1), m.end(1), "person.headline", 0.7)
            for m in HEADLINE_RE.finditer(text) if is_name(ctx, m.group(1)) and not is_place(m.group(1), ctx)]   # 武义：… heads a county's item


def _translit_start(text: str, dot: int, ctx: RuleContext) -> int | None:
    """Start of the given name before ``·``: 2–5 characters after a boundary or a title, or
    one after a title (扬·某某, 让·某某)."""
    for size in range(1, 6):
        start = dot - size
        if start >= 0 and NAME_RE.match(text[start:dot]) and (
                _ends_with_title(text, start, ctx) or size > 1 and (start == 0 or text[start - 1] in BOUNDARY)):
            return start
    return None


NOT_TRANSLIT_RE = re.compile("[年月日区市县省镇]")   # 某某新区·年度回眸 is a page header


def _translit_parts_ok(left: str, right: str, ctx: RuleContext) -> bool:
    """Both halves read as transliterated names: no dates, counts or place words, no name suffix."""
    return not (NOT_TRANSLIT_RE.search(left + right) or ctx.suffix_end_re.search(left) or "第" in right)


def _translit_end(text: str, dot: int, ctx: RuleContext) -> int | None:
    for size in range(2, 7):
        end = dot + 1 + size
        if end <= len(text) and NAME_RE.match(text[dot + 1:end]) and (
                ctx.after_re.match(text, end) or ctx.title_re.match(text, end) or text[end:end + 1] in BOUNDARY
                or text[end:end + 1] == "第"                  # 某某·施密特第三次: an ordinal follows
                or text[end:end + 1] in FUNCTION_CHARS or ctx.stop_at(text, end)):
            return end
    return None


def transliterated(text: str, ctx: RuleContext) -> list[Mention]:
    """Foreign names written with ``·`` (菲利普·某某) between a title or boundary and a cue."""
    out = []
    for m in re.finditer("·", text):
        start, end = _translit_start(text, m.start(), ctx), _translit_end(text, m.start(), ctx)
        if start is not None and end is not None and (_ends_with_title(text, start, ctx)
                                                      or not text[end:end + 1] in BOUNDARY) \
                and _translit_parts_ok(text[start:m.start()], text[m.start() + 1:end], ctx):
            out.append(_mention(text, start, end, "person.transliteration", 0.8))
    return out


def find_persons(text: str, ctx: RuleContext) -> list[Mention]:
    """Every person mention the context rules find in ``text`` (width-folded)."""
    found = []
    for rule in (credits, spaced_bylines, byline_units, titled, cued, headline, transliterated):
        found += rule(text, ctx)
    return found
