"""Link the mentions of one document into entities.

1. declared aliases (以下简称) and derived short names give every full name its names;
2. companies named inside project names (某某智控未来产业中心 → 某某智控) are added;
3. every name is searched again in the whole text (propagation);
4. mentions that share a name belong to one entity; a short name shared by two
   different full names stays apart (ambiguous).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from operator import attrgetter

import ahocorasick_rs

from kg.iri import entity_iri, normalise_key
from kg.link.aliases import DECLARED_RE, REGION_RE, declared_alias, derived_aliases, legal_core, strip_places
from kg.nlp.context import RuleContext
from kg.nlp.enumerations import good_item, list_runs, rewalk_first
from kg.nlp.gazetteer import Gazetteer
from kg.nlp.recognise import covered
from kg.nlp.resolve import longest_first
from kg.nlp.suffix_names import PHASES
from kg.nlp.textutil import fold
from kg.records import Entity, Mention, Span

MATE_TYPES = ("Company", "Park", "Project")   # lists of "platforms" mix institutions and firms
ITEM_SEPARATORS = frozenset("、和及")           # 以及 ends in 及
LEGAL_END = ("有限公司", "股份公司", "总公司", "分公司", "集团", "公司")
GROUP = "集团"


def key(text: str) -> str:
    """The identity of a surface form: width folded, no white space."""
    return normalise_key(text)


class NameTable:
    """Names → cluster ids, with types; ambiguous short names are remembered."""

    def __init__(self) -> None:
        self.owner: dict[str, int] = {}
        self.kind: dict[int, str] = {}
        self.names: dict[int, set[str]] = defaultdict(set)
        self.ambiguous: set[str] = set()
        self.preferred: dict[int, str] = {}    # a gazetteer's canonical name of the cluster

    def new(self, kind: str, names: list[str]) -> int:
        cid = len(self.kind)
        self.kind[cid] = kind
        for name in names:
            self.claim(cid, name)
        return cid

    def claim(self, cid: int, name: str) -> None:
        k = key(name)
        other = self.owner.get(k)
        if other is not None and other != cid:
            self.ambiguous.add(k)
            return
        self.owner[k] = cid
        self.names[cid].add(name)

    def lookup(self, name: str) -> int | None:
        k = key(name)
        return None if k in self.ambiguous else self.owner.get(k)

    def move(self, name: str, dst: int) -> None:
        """Give ``name`` to cluster ``dst``, taking it from the cluster that had it."""
        k = key(name)
        if (src := self.owner.get(k)) is not None and src != dst:
            self.names[src].discard(name)
        self.owner[k] = dst
        self.names[dst].add(name)

    def merge(self, src: int, dst: int) -> None:
        """Give every name of cluster ``src`` to cluster ``dst``."""
        if src == dst:
            return
        for name in self.names.pop(src, set()):
            self.owner[key(name)] = dst
            self.names[dst].add(name)
        if src in self.preferred:
            self.preferred.setdefault(dst, self.preferred.pop(src))


def _full_first(mentions: list[Mention]) -> list[Mention]:
    """Names the user gazetteers know first (their names are taken before a regional
    subsidiary 某某航空科技（杭州）有限公司 derives the parent's brand), then longer names first."""
    return sorted(mentions, key=lambda m: (m.rule != "gazetteer:user", -len(m.text), m.start))


def _aliases(m: Mention, parks: list[str], ctx: RuleContext) -> list[str]:
    """Derived short names, plus an organisation's name without the park it belongs to
    (杭州某某投资区湖西管委会 → 湖西管委会)."""
    folded = fold(m.text)
    names = derived_aliases(folded, m.type, ctx)
    if m.type == "Organization":
        for form in (folded, strip_places(folded, ctx)):
            park = next((p for p in parks if form.startswith(p) and len(form) - len(p) >= 3), None)
            rest = form[len(park):] if park else ""
            if rest and rest not in ctx.suffix_rules:
                names.append(rest)
                break
    return names


def _joinable(table: NameTable, m: Mention, aliases: list[str], ctx: RuleContext) -> int | None:
    """An existing cluster of the same type that owns one of ``aliases``. Two legal company
    names join only when they differ in the legal form alone (某某股份有限公司 / 某某有限公司);
    杭州某某科技有限公司 and 宁波某某科技有限公司 stay apart, and so do 浙江某某股份有限公司 and its
    regional subsidiary 某某（杭州）有限公司."""
    if m.type == "Company" and m.text.endswith(LEGAL_END):
        cid = table.lookup(legal_core(fold(m.text), ctx))
        if cid is None:                       # 法国某某集团 after a known 某某集团
            cid = table.lookup(strip_places(fold(m.text), ctx))
        if cid is None or table.kind[cid] != "Company":
            return None
        return cid if _same_region(m, table.names[cid]) and _same_level(m, table.names[cid]) else None
    for alias in aliases:
        cid = table.lookup(alias) if alias not in ctx.suffix_rules else None   # 经济开发区: a kind joins no two zones
        if cid is not None and table.kind[cid] == m.type and not _other_industry(m, alias, table.names[cid], ctx) \
                and not (m.type == "Company" and m.text.endswith(FOREIGN_LEGAL_END) and not _same_region(m, table.names[cid])):
            return cid
    return None


FOREIGN_LEGAL_END = ("株式会社", "GmbH", "AG", "Inc.", "Ltd.")


def _same_level(m: Mention, names: set[str]) -> bool:
    """Whether a legal name and the cluster's legal names agree on being a group: 某某集团有限公司
    and 中国某某股份有限公司 are a group and its listed company, not one company."""
    group = "集团" in m.text
    return all(("集团" in n) == group for n in names if n.endswith(LEGAL_ENDS_STRICT))


LEGAL_ENDS_STRICT = ("有限公司", "股份公司", "有限责任公司")


def _same_region(m: Mention, names: set[str]) -> bool:
    """Whether a legal name and a cluster agree on the region in brackets: 某某（杭州）有限公司 is the
    subsidiary of 浙江某某股份有限公司 or 日本某某株式会社, not the same company."""
    region = REGION_RE.search(fold(m.text))
    regions = {r.group() for r in map(REGION_RE.search, map(fold, names)) if r}
    return region.group() in regions if region else not regions


def _other_industry(m: Mention, alias: str, names: set[str], ctx: RuleContext) -> bool:
    """Whether a company short name joins a cluster only through its bare brand while naming an
    industry the cluster's names do not: 某昌化学 is not 某昌新材料（宁波）有限公司 (a parent and its
    subsidiary share the brand)."""
    if m.type != "Company":
        return False
    core = strip_places(fold(m.text), ctx)
    rest = core[len(alias):] if core.startswith(alias) else ""
    return bool(rest) and rest in ctx.words("industry") and not any(rest in n for n in names)


def build_table(text: str, mentions: list[Mention], ctx: RuleContext) -> NameTable:
    """Clusters for the full names of the document, with their derived and declared names."""
    table = NameTable()
    parks = sorted({m.text for m in mentions if m.type == "Park"}, key=len, reverse=True)
    typed = {(m.text, m.type) for m in mentions}
    texts = {m.text for m in mentions}
    for m in _full_first(mentions):
        cid = table.lookup(m.text)
        if cid is None or table.kind[cid] != m.type:
            # a derived name that the text uses for something of another type is not an alias
            aliases = [a for a in _aliases(m, parks, ctx) if a not in texts or (a, m.type) in typed]
            if m.canonical:                   # a gazetteer short form joins its full name (滨江 → 滨江区)
                aliases.append(m.canonical)
            cid = _joinable(table, m, aliases, ctx)
            if cid is None:
                cid = table.new(m.type, [m.text])
            else:
                table.claim(cid, m.text)
            for alias in aliases:
                if table.lookup(alias) is None and key(alias) not in table.ambiguous:
                    table.claim(cid, alias)
        declared = declared_alias(text, m)
        if declared:
            other = table.lookup(declared)
            if other is not None and other != cid and m.type == "Company" and not _same_region(m, table.names[other]):
                table.move(declared, cid)         # the brand a subsidiary 某某（杭州）有限公司 derived is the parent's short name
            elif other is not None and other != cid and table.kind[other] == table.kind[cid]:
                table.merge(other, cid)           # 某某新区（原某某湾新区）: the former name was read first
            else:
                table.claim(cid, declared)
            if FORMER_NAME_RE.match(text, m.end):
                table.preferred.setdefault(cid, m.text.replace(" ", ""))   # the current name is the label
        if m.canonical:                       # a user-gazetteer alias: its entry's full name
            table.claim(cid, m.canonical)
            table.preferred.setdefault(cid, m.canonical)
            if m.type == "Company" and table.lookup(core := legal_core(fold(m.canonical), ctx)) is None:
                table.claim(cid, core)            # 某能控股集团 in the text is the entry 某能控股集团有限公司
    return table


def titled_persons(mentions: list[Mention], table: NameTable, ctx: RuleContext) -> None:
    """A person named by family name and title (某局长, 某主任, 某总) is the one person of the
    document with that family name, when there is exactly one."""
    full = {cid for m in mentions if m.type == "Person" and (cid := table.lookup(m.text)) is not None
            and not ctx.title_end_re.search(m.text)}
    for m in mentions:
        if m.type != "Person" or not (found := ctx.title_end_re.search(m.text)) or found.start() not in (1, 2):
            continue
        family = m.text[:found.start()]
        same = {cid for cid in full if any(n.startswith(family) and len(n) > len(family) for n in table.names[cid])}
        own = table.lookup(m.text)
        if len(same) == 1 and own is not None and own not in same:
            table.merge(own, same.pop())


def embedded_companies(text: str, mentions: list[Mention], table: NameTable, ctx: RuleContext) -> None:
    """Companies named at the start of project names (某某智控未来产业中心 → 某某智控, 某某): a known
    company's, or a new one with a brand of two or three characters written elsewhere in the text
    too (a product that starts a project's name, 某缝针织装备…基地项目, is no company)."""
    projects = [m.text for m in mentions if m.type == "Project"]
    parks = {m.text for m in mentions if m.type == "Park"}
    for m in mentions:
        if m.type != "Project" or any(m.text.startswith(p) for p in parks):
            continue                              # 某水微电子产业园二期工程: the park's works
        found = ctx.brand_prefix_re.match(fold(m.text))
        if not found or len(found.group(0)) >= len(m.text) - 1:
            continue
        brand, company = found.group(1), found.group(0)
        if table.lookup(company) is not None or brand in ctx.words("generic") or brand in ctx.words("nouns") \
                or brand in ctx.words("industry_nouns") \
                or ctx.places.find(brand) or ctx.stops_inside(brand) or company in ctx.words("industry_nouns"):
            continue                              # 具身智能机器人…项目, 手术机器人…项目: a technology, not a brand
        owner = table.lookup(brand)
        if owner is not None and table.kind[owner] == "Company" and any(found.group(2) in n for n in table.names[owner]):
            table.claim(owner, company)           # 某盛传动 of 浙江某盛精密传动股份有限公司
        elif owner is None and len(brand) <= 3 and any(_outside_projects(text, name, projects) for name in (company, brand)):
            table.new("Company", [company, brand])


def _outside_projects(text: str, name: str, projects: list[str]) -> bool:
    """Whether ``name`` is written somewhere in ``text`` other than inside the project names."""
    return text.count(name) > sum(text.count(p) * p.count(name) for p in set(projects) if name in p)


def propagate(text: str, mentions: list[Mention], table: NameTable, known: Gazetteer | None = None) -> list[Mention]:
    """Find every name of the table again in the text, and the names other documents found
    (``known``); keep the old mentions first."""
    names = [(k, table.kind[cid]) for k, cid in table.owner.items() if k not in table.ambiguous and len(k) >= 2]
    folded = fold(text)
    seen = {(m.start, m.end) for m in mentions}
    extra = [Mention(text=text[s:e], start=s, end=e, type=names[i][1], rule="link.propagate", confidence=0.7)
             for i, s, e in find_names([k for k, _ in names], folded) if (s, e) not in seen]
    if known is not None:
        extra += [Mention(text=text[s:e], start=s, end=e, type=entry.type, rule="link.corpus_gazetteer",
                          confidence=0.65) for entry, s, e in known.find(folded) if (s, e) not in seen]
    return longest_first(list(mentions) + extra) if extra else list(mentions)


def find_names(names: list[str], text: str) -> list[tuple[int, int, int]]:
    """Leftmost-longest matches of ``names`` in ``text`` as (name index, start, end); the
    automaton is built for one document (the non-contiguous NFA builds fastest)."""
    if not names:
        return []
    matcher = ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                                         implementation=ahocorasick_rs.Implementation.NoncontiguousNFA)
    return matcher.find_matches_as_indexes(text)


def list_mates(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """Items of an enumeration ``A、B、C等`` take the type of a member already known
    (引导甲、乙、丙等率先… where 丙 is a company named elsewhere)."""
    folded = fold(text)
    # a list item stands next to a separator (、 和 及 以及): only clauses holding a known
    # member so placed can have a run to type
    near = [m.start for m in mentions if m.type in MATE_TYPES
            and (folded[m.end:m.end + 1] in ITEM_SEPARATORS or folded[m.start - 1:m.start] in ITEM_SEPARATORS)]
    if not near:
        return list(mentions)
    taken = {(m.start, m.end): m for m in mentions}
    mates = {span: m for span, m in taken.items() if m.type in MATE_TYPES}
    mate_ends = {end for _, end in mates}
    occupied = covered(mentions, len(text))
    extra = []
    for run in list_runs(folded, ctx, near):
        if run[0][1] not in mate_ends and not any(s in mates for s in run[1:]):
            continue                               # no member known: the run is not used
        run = rewalk_first(folded, run, ctx)
        known = [mates[s] for s in run if s in mates]
        if not known:
            continue
        for s, e in run:
            if (s, e) not in taken and occupied.find(1, s, e) < 0 and good_item(folded[s:e], ctx, typed_by_mate=True):
                extra.append(Mention(text=text[s:e], start=s, end=e, type=known[0].type,
                                     rule="link.list_mate", confidence=0.6))
    return longest_first(list(mentions) + extra) if extra else list(mentions)


def canonical(kind: str, surface: list[str], names: set[str], ctx: RuleContext) -> str:
    """The canonical name of a cluster (``surface``: the texts of its mentions): a legal name
    for companies, else the most used full form (ties: the longest)."""
    if len(names) == 1:
        return next(iter(names)).replace(" ", "")
    forms = [n.replace(" ", "") for n in names]
    if kind == "Company":
        legal = [n for n in forms if n.endswith(LEGAL_END)]
        if legal:
            return max(legal, key=lambda n: (len(n), n))
    if kind == "Project":                 # 年产…项目, not 某远精密年产…项目: the investor is a relation
        capacity = [n for n in forms if n.startswith("年产") and any(f != n and f.endswith(n) for f in forms)]
        if capacity:
            return max(capacity, key=lambda n: (len(n), n))
    counted = Counter(n.replace(" ", "") for n in surface)
    return max(forms, key=lambda n: (n not in ctx.suffix_rules, len(n) >= 4 and counted[n], len(n), n))


def entities(mentions: list[Mention], table: NameTable, ctx: RuleContext) -> list[Entity]:
    """Group mentions by cluster into ``Entity`` records."""
    grouped: dict[int, list[Mention]] = defaultdict(list)
    for m in sorted(mentions, key=attrgetter("start")):   # usually sorted already: linear
        cid = table.lookup(m.text)
        if cid is None:
            cid = table.new(m.type, [m.text])
        grouped[cid].append(m)
    out = []
    for cid, ms in grouped.items():
        kind, surface = table.kind[cid], [m.text for m in ms]
        all_names = table.names[cid].union(surface)
        label = table.preferred.get(cid) or canonical(kind, surface, all_names, ctx)
        names = {n.replace(" ", "") for n in all_names} - {label}
        out.append(Entity(id=entity_iri(kind, label), type=kind, label=label, aliases=tuple(sorted(names)),
                          mentions=tuple(Span(text=m.text, start=m.start, end=m.end) for m in ms)))
    return sorted(out, key=lambda e: e.mentions[0].start)


def is_abbreviation(short: str, full: str) -> bool:
    """Whether ``short`` abbreviates ``full``: its characters appear in order in ``full`` and
    both end with the same character (湖光所 of 中科院湖州光机所)."""
    if not 2 <= len(short) < len(full) or short[-1] != full[-1]:
        return False
    pos = 0
    for ch in short:
        pos = full.find(ch, pos) + 1
        if pos == 0:
            return False
    return True


PARK_TAIL_MIN = 5        # 某某科创中心 (6), 某某小镇 (4: too short, 特色小镇-like tails)
PROJECT_TAIL_MIN = 6     # 储能变流器项目 (7) names its project again; 二期项目, 中心项目 do not


def _shortens(short: str, full: str, kind: str, ctx: RuleContext | None = None) -> bool:
    """Whether ``short`` is a later, shorter way of writing ``full``: an organisation or park
    abbreviation (湖光所 of 中科院湖州光机所), or the tail of a project's name without its
    modifiers (储能变流器项目 of 年产20万台储能变流器项目)."""
    if len(full) < len(short) + 2:
        return False
    if kind == "Project":
        return len(short) >= PROJECT_TAIL_MIN and full.endswith(short)
    if kind == "Company":                # (a cheap test first: the head word is in the legal name)
        return ctx is not None and short[-2:] in full and _company_abbreviation(short, full, ctx)
    if kind == "Park" and len(short) >= PARK_TAIL_MIN and full.endswith(short):
        return True                      # 星汇科创中心 of 鹿江口星汇科创中心 (a prefix no gazetteer knows)
    if ctx is not None and strip_places(short, ctx) in ctx.suffix_rules:
        return False                     # 某州大学 is a body of its own, not short for 某州医科大学
    return len(short) <= 4 and is_abbreviation(short, full)


LEGAL_FORM_RE = re.compile(r"(?:股份)?有限(?:责任)?公司$")


def _company_abbreviation(short: str, full: str, ctx: RuleContext) -> bool:
    """Whether ``short`` abbreviates the legal name ``full`` keeping its brand and its head word
    (运某城建集团 of 杭州运某城市建设发展集团有限公司): the first two and the last two characters
    agree and the rest are taken in order."""
    core = strip_places(LEGAL_FORM_RE.sub("", REGION_RE.sub("", fold(full))), ctx)
    brief = strip_places(fold(short), ctx)
    if brief[:1] in "区县市" and core.endswith("集团"):
        brief = brief[1:]                         # 区城发集团, 县城投集团: the government's group, by its initials
        return 4 <= len(brief) < len(core) and brief[0] == core[0] and brief[-2:] == core[-2:] and is_abbreviation(brief, core)
    return (core != fold(full) and 4 <= len(brief) < len(core) and brief[:2] == core[:2]
            and brief[-2:] == core[-2:] and is_abbreviation(brief, core))


def abbreviations(mentions: list[Mention], table: NameTable, ctx: RuleContext) -> None:
    """Give a short organisation, park or project name the cluster of the one longer name of
    the same type it shortens (only when exactly one candidate fits, and the short name's own
    cluster has no other names: 储能变流器项目 may bring along 储能变流器, derived from it)."""
    texts: dict[str, dict[str, None]] = defaultdict(dict)   # distinct texts per type, in order
    for m in mentions:
        if m.type in ("Organization", "Park", "Project", "Company"):
            texts[m.type][m.text] = None
    for kind, names in texts.items():
        for name in names:
            _shorten(name, kind, list(names), table, ctx)


def _shorten(name: str, kind: str, names: list[str], table: NameTable, ctx: RuleContext) -> None:
    """Move ``name`` (and the names derived from it) to the one cluster it shortens, if any."""
    cid = table.lookup(name)
    own = {name, *derived_aliases(fold(name), kind, ctx)} if kind in ("Project", "Company") else {name}
    if cid is not None and table.names[cid] - own:
        return
    fits = {table.lookup(full) for full in names if _shortens(name, full, kind, ctx)} - {None, cid}
    if len(fits) == 1:
        target = fits.pop()
        for moved in own if cid is None else own & table.names[cid]:
            table.move(moved, target)


PROJECT_WORD = "项目"


def company_projects(text: str, mentions: list[Mention], table: NameTable, ctx: RuleContext) -> list[Mention]:
    """Projects named by a company of the document (某某传动项目, 某某齿轮技改项目, 某某二期项目):
    the company's one project — the one written right after its name (某某有限公司年产…项目) —
    under a shorter name, when it has exactly one; else a bare 某某项目 is a reference to "the
    company's project", not a project's name, and its names leave the table (propagation does not
    find them again)."""
    owned = _projects_after_companies(text, mentions, table, ctx)
    out = []
    for m in mentions:
        found = _company_project(m, table, ctx) if m.type == "Project" else None
        if found is None:
            out.append(m)
            continue
        company, kind = found
        own = table.lookup(m.text)
        if own is not None and own in owned.get(company, ()):
            out.append(m)                         # written so before and already joined: the same project
            continue
        targets = owned.get(company, set()) - {own, None}
        if not m.text.endswith(PROJECT_WORD):     # 某某储能二期: a phase of the company's project
            same = [t for t in targets if any(kind in n for n in table.names[t])]
            if len(same) == 1:
                _join_reference(table, own, same[0], m.text)
                out.append(m)
            elif targets:
                _forget(table, own)               # the next phase of the company's project: no name
            else:
                out.append(m)                     # 某某精工二期 of a company with no other project
            continue
        if kind in PHASES and any(_other_phase(n, kind) for t in targets for n in table.names[t]):
            out.append(m)                         # 某某二期项目 beside 某某…项目（一期）: the next phase
            continue
        if len(targets) == 1:
            _join_reference(table, own, targets.pop(), m.text)   # 某某齿轮技改项目 is 某某齿轮's 年产…技改项目
            out.append(m)
        elif kind:
            out.append(m)                         # 某某二期项目 with no project to join stays a project
        else:
            _forget(table, own)
    return out


def _join_reference(table: NameTable, own: int | None, target: int, name: str) -> None:
    """Make ``name`` (cluster ``own``, if it has one) a name of the project ``target``, whose
    label stays its full name, not the reference."""
    table.preferred.setdefault(target, max(table.names[target], key=len))
    if own is not None:
        table.merge(own, target)
    else:
        table.claim(target, name)


def _forget(table: NameTable, cid: int | None) -> None:
    """Take the names of cluster ``cid`` out of the table (propagation does not find them again)."""
    for name in [n for n, owner in table.owner.items() if owner == cid]:
        del table.owner[name]


def product_references(mentions: list[Mention], table: NameTable, ctx: RuleContext) -> None:
    """A project written as company + product + 项目 (某固股份低碳车轮项目) is the one project of the
    document whose name holds that product (某固股份年产300万件低碳车轮智能工厂项目)."""
    projects = {cid for m in mentions if m.type == "Project" and (cid := table.lookup(m.text)) is not None}
    for m in mentions:
        own = table.lookup(m.text) if m.type == "Project" and m.text.endswith(PROJECT_WORD) else None
        product = _product_after_company(m.text[: -len(PROJECT_WORD)], table, ctx) if own is not None else None
        if product is None:
            continue
        holders = {cid for cid in projects - {own} if cid in table.names
                   and any(product in n and n != m.text for n in table.names[cid])}
        if len(holders) == 1:
            table.merge(own, holders.pop())


def _company_prefix(name: str, table: NameTable, *, longest: int, leave: int) -> int:
    """Length of the longest company name of the table (2 to ``longest`` characters) that
    ``name`` starts with, leaving at least ``leave`` characters after it; 0 when there is none."""
    for size in range(min(len(name) - leave, longest), 1, -1):
        cid = table.lookup(name[:size])
        if cid is not None and table.kind[cid] == "Company":
            return size
    return 0


def _leading_company(name: str, table: NameTable) -> int | None:
    """The company cluster whose name ``name`` starts with, longest first, leaving a project's
    own words after it (某某汽车 of 某某汽车年产20万辆…扩建项目)."""
    size = _company_prefix(name, table, longest=12, leave=4)
    return table.lookup(name[:size]) if size else None


BRAND_MIN = 3              # 某德鲁斯 of 某德鲁斯集团 and 某德鲁斯海洋装备（舟山）有限公司; two characters may be chance
BRAND_REFERENCE_MAX = 16   # 某曜医疗微创器械项目: a reference is short; 年产…项目 names are not references


def brand_references(text: str, mentions: list[Mention], table: NameTable, ctx: RuleContext) -> None:
    """A short project reference written with a company's brand and a few product words (某云项目,
    某曜医疗微创器械项目, 某格医药总部项目) is the one project the companies of that brand own
    whose name holds the product's first two characters."""
    owned = None
    for m in mentions:
        own = table.lookup(m.text) if m.type == "Project" and m.text.endswith(PROJECT_WORD) else None
        if own is None or len(m.text) > BRAND_REFERENCE_MAX or any(c.isdigit() for c in m.text) \
                or len(table.names[own] - set(derived_aliases(fold(m.text), "Project", ctx))) > 1:
            continue
        if owned is None:
            owned = _projects_after_companies(text, mentions, table, ctx)
            names = [(strip_places(fold(n), ctx), cid) for cid, kind in table.kind.items()
                     if kind == "Company" and cid in table.names for n in table.names[cid]]
        stem = m.text[: -len(PROJECT_WORD)]
        found = _brand_owners(stem, names, owned)
        if found is None:
            continue
        brand, owners = found
        rest = stem[len(brand):]
        if rest and (len(rest) < 2 or _company_of(brand, table, ctx) is None and len(brand) < BRAND_MIN):
            continue                              # product words follow a company's name or a brand of 3+
        candidates = {p for c in owners for p in owned[c]} - {own}
        candidates = {p for p in candidates if p in table.names and any(rest[:2] in n for n in table.names[p])}
        if len(candidates) == 1:
            _join_reference(table, own, candidates.pop(), m.text)


def _brand_owners(stem: str, names: list[tuple[str, int]], owned: dict[int, set[int]]) -> tuple[str, set[int]] | None:
    """The longest start of ``stem`` (two characters at least) that starts company ``names``
    (without their places), with the companies of those names that own projects."""
    for size in range(len(stem), 1, -1):
        named = {cid for n, cid in names if n.startswith(stem[:size])}
        if named:
            return stem[:size], named & owned.keys()
    return None


def _product_after_company(stem: str, table: NameTable, ctx: RuleContext) -> str | None:
    """The product words of ``stem`` after a company name it starts with (某固股份 + 低碳车轮); none
    when ``stem`` is a company's name itself (某澄新材项目: the company's project)."""
    if (whole := table.lookup(stem)) is not None and table.kind[whole] == "Company":
        return None
    size = _company_prefix(stem, table, longest=8, leave=2)
    if not size:
        return None
    rest = stem[size:]
    rest = rest[:-2] if rest.endswith(PROJECT_KINDS) else rest      # 某力安防智能安全门技改项目
    return rest if len(rest) >= 2 and rest not in ctx.words("generic") else None


PROJECT_KINDS = ("技改", "扩建", "扩产", *PHASES)


def _other_phase(name: str, phase: str) -> bool:
    """Whether a project name states a phase other than ``phase`` (…项目（一期） against 二期)."""
    return any(p in name for p in PHASES if p != phase)


def _company_project(m: Mention, table: NameTable, ctx: RuleContext) -> tuple[int, str] | None:
    """(company cluster, kind word) of a project named 公司名 + kind + 项目, if it is one."""
    if m.text.endswith(PHASES):
        stem = m.text                             # a bare phase: 某某储能二期
    elif m.text.endswith(PROJECT_WORD):
        stem = m.text[: -len(PROJECT_WORD)]
    else:
        return None
    kind = next((k for k in PROJECT_KINDS if stem.endswith(k) and len(stem) > len(k) + 1), "")
    company = _company_of(stem[: len(stem) - len(kind)], table, ctx)
    return None if company is None else (company, kind)


def _projects_after_companies(text: str, mentions: list[Mention], table: NameTable, ctx: RuleContext) -> dict[int, set[int]]:
    """Company cluster → the project clusters written right after one of its names (or after
    its name and the short name it declares: 某某有限公司（以下简称“某某”）某某技改项目), named
    with it (某某汽车年产…扩建项目) or invested in by it."""
    owned: dict[int, set[int]] = defaultdict(set)
    for m in mentions:
        if m.type == "Project" and _company_project(m, table, ctx) is None \
                and (company := _leading_company(m.text, table)) is not None \
                and (project := table.lookup(m.text)) is not None:
            owned[company].add(project)           # 某某汽车年产…扩建项目: named by its company
    ordered = sorted(mentions, key=attrgetter("start"))
    for a, b in zip(ordered, ordered[1:]):
        between = text[a.end:b.start]
        if a.type == "Company" and b.type == "Project" and (not between or DECLARED_RE.fullmatch(between)
                                                            or _declared_name_before(text, a, between)):
            company, project = table.lookup(a.text), table.lookup(b.text)
            if company is not None and project is not None:
                owned[company].add(project)
    for b in ordered:
        if b.type == "Project" and (company := _company_ending_at(text, b.start, table)) is not None \
                and (project := table.lookup(b.text)) is not None:
            owned[company].add(project)           # 某某精密年产…项目 before 某某精密 was found again
    for companies, project in _invested_projects(text, ordered):
        for name in companies:
            if (company := table.lookup(name)) is not None and (cid := table.lookup(project)) is not None:
                owned[company].add(cid)
    return owned


def _company_ending_at(text: str, end: int, table: NameTable) -> int | None:
    """The company cluster whose name (2–12 characters, longest first) ends right at ``end``."""
    for size in range(min(end, 12), 1, -1):
        cid = table.lookup(text[end - size:end])
        if cid is not None and table.kind[cid] == "Company":
            return cid
    return None


INVEST_RE = re.compile(r"投资|投建|建设|实施")


def _invested_projects(text: str, ordered: list[Mention]) -> list[tuple[list[str], str]]:
    """(companies, project) of each sentence that names one project, after the companies and a
    verb of investing (某某集团…将通过其在华全资子公司某某（杭州）有限公司投资12亿元，建设…项目)."""
    out = []
    sentence: list[Mention] = []
    for m in [*ordered, None]:
        if m is None or sentence and SENTENCE_END_RE.search(text, sentence[-1].end, m.start):
            projects = [i for i, x in enumerate(sentence) if x.type == "Project"]
            if len(projects) == 1 and projects[0] > 0:
                before = sentence[:projects[0]]
                last = before[-1]
                companies = [x.text for x in before if x.type == "Company"]
                if companies and INVEST_RE.search(text, last.end, sentence[projects[0]].start):
                    out.append((companies, sentence[projects[0]].text))
            sentence = []
        if m is not None:
            sentence.append(m)
    return out


DECLARED_HEAD_RE = re.compile(r"(?:以下简称|以下称|下称|简称)\s*[:：]?\s*[“\"「『]?$")
DECLARED_TAIL_RE = re.compile(r"[”\"」』]?\s*[）)，,]")


def _declared_name_before(text: str, a: Mention, between: str) -> bool:
    """Whether ``a`` is the short name a company declares (（以下简称“某某”）) and the project follows
    the declaration (the short name was found as a mention of its own: a gazetteer name)."""
    return bool(DECLARED_TAIL_RE.fullmatch(between)) and DECLARED_HEAD_RE.search(text, max(0, a.start - 10), a.start) is not None


def _company_of(prefix: str, table: NameTable, ctx: RuleContext) -> int | None:
    """The company cluster ``prefix`` names (with or without its place: 德国某某传动)."""
    for name in (prefix, strip_places(fold(prefix), ctx)):
        cid = table.lookup(name) if len(name) >= 2 else None
        if cid is not None and table.kind[cid] == "Company":
            return cid
    return None


FORMER_NAME_RE = re.compile(r"\s*[（(]\s*原")
RENAMED_RE = re.compile(r"(?:改制为|更名为|改名为|变更为|改组为)[“\"]?$")
FORMER_RE = re.compile(r"^的?前身(?:是|为)")
IS_FORMER_RE = re.compile(r"(?:这|也)?(?:就是|便是|即是|正是)$")
FORMER_AFTER_RE = re.compile(r"的前身")
ANAPHOR_RE = re.compile(r"(?:该|这家|小)?[\u4e00-\u9fff]{0,3}?(厂|公司|企业)[^，。；,;]{0,8}[，,]?$")
RENAME_GAP = 40
ANAPHOR_GAP = 120


def renamed_companies(text: str, mentions: list[Mention], table: NameTable, ctx: RuleContext) -> None:
    """Earlier names of a company, park or body: ``A改制为B``, ``A…，2015年更名为B`` in one sentence,
    ``B的前身是…A``, and for companies ``…办起了A厂。…五金厂改制为B`` (the old name taken up again
    by its head word) and ``B…，更名为现名`` (B is the article's company) make A a name of B's cluster."""
    for kind in RENAMED_TYPES:
        named = sorted((m for m in mentions if m.type == kind), key=attrgetter("start"))
        for i, (old, new) in enumerate(zip(named, named[1:])):
            between = text[old.end:new.start]
            if len(between) <= RENAME_GAP and not SENTENCE_END_RE.search(between):
                if RENAMED_RE.search(between):
                    _merge_names(table, old, new)
                elif FORMER_RE.match(between):
                    _merge_names(table, new, old)   # 某某经开区的前身是某某经济技术开发区 too
                elif IS_FORMER_RE.search(between) and FORMER_AFTER_RE.match(text, new.end):
                    _merge_names(table, old, new)   # 创办了A，这就是B的前身
            if kind == "Company" and (cue := RENAMED_RE.search(text, max(old.end, new.start - 12), new.start)):
                _rename_anaphor(text, named[:i + 1], new, cue, table, ctx)
        if kind == "Company" and named:
            _renamed_to_current(text, named, table, ctx)


RENAMED_TYPES = ("Company", "Park", "Organization")


def _rename_anaphor(text: str, before: list[Mention], new: Mention, cue: re.Match[str], table: NameTable,
                    ctx: RuleContext) -> None:
    """``五金厂改制为B``, ``企业改制为B``, ``公司完成股改，更名为B`` with no name before the verb
    (``cue``): B's earlier name is the company written just before with the same head word, else
    the last company before it that shares a brand with B (华旭造纸厂 … 公司更名为华旭纸业有限公司)."""
    head = ANAPHOR_RE.search(text, max(before[-1].end, cue.start() - 12), cue.start())
    if head is None or SENTENCE_END_RE.search(text, before[-1].end, head.start()) is None:
        return                                    # the name itself stands in this sentence
    target = table.lookup(new.text)
    old, ends = before[-1], ("厂", "公司") if head.group(1) == "企业" else (head.group(1),)
    if old.text.endswith(ends) and new.start - old.end <= ANAPHOR_GAP and table.lookup(old.text) != target:
        _merge_names(table, old, new)
        return
    brand = _brand_bigrams(new.text, ctx)
    for old in reversed(before):
        if new.start - old.end > LINEAGE_GAP:
            break
        if table.lookup(old.text) != target and brand & _brand_bigrams(old.text, ctx):
            _merge_names(table, old, new)
            return


LINEAGE_GAP = 400
LEGAL_HEADS = ("公司", "厂")
CURRENT_NAME_RE = re.compile(r"(?:更名为|改名为|变更为|改为|启用)(?:现名|现在的名字|如今的名字)")


def _renamed_to_current(text: str, named: list[Mention], table: NameTable, ctx: RuleContext) -> None:
    """``2003年改制为B…，2017年完成股改，更名为现名``: B is an earlier name of the company the
    article is about: the first other company named before that shares B's brand (a profile names
    its company in the title or the lead)."""
    for cue in CURRENT_NAME_RE.finditer(text):
        before = [m for m in named if m.end <= cue.start()]
        if not before or cue.start() - before[-1].end > RENAME_GAP * 2 or SENTENCE_END_RE.search(text, before[-1].end, cue.start()):
            continue
        old, brand = table.lookup(before[-1].text), _brand_bigrams(before[-1].text, ctx)
        clusters = [cid for m in before if m.text.endswith(LEGAL_HEADS) and (cid := table.lookup(m.text)) is not None
                    and cid != old and table.kind[cid] == "Company" and brand & _brand_bigrams(m.text, ctx)]
        if old is not None and clusters:
            table.merge(old, clusters[0])


def _brand_bigrams(name: str, ctx: RuleContext) -> set[str]:
    """Two-character pieces of a company name without its places, legal form and industry words."""
    core = strip_places(legal_core(fold(name), ctx), ctx)
    core = ctx.generic_re.sub(" ", core)
    return {core[i:i + 2] for i in range(len(core) - 1) if " " not in core[i:i + 2]}


def _merge_names(table: NameTable, old: Mention, new: Mention) -> None:
    src, dst = table.lookup(old.text), table.lookup(new.text)
    if src is not None and dst is not None and table.kind[src] == table.kind[dst] == old.type:
        table.merge(src, dst)


SENTENCE_END_RE = re.compile(r"[。！？\n!?]")


def link_document(text: str, mentions: list[Mention], ctx: RuleContext,
                  known: Gazetteer | None = None) -> list[Entity]:
    """Entities of one document from its mentions (and the corpus's ``known`` names)."""
    table = build_table(text, mentions, ctx)
    abbreviations(mentions, table, ctx)
    renamed_companies(text, mentions, table, ctx)
    titled_persons(mentions, table, ctx)
    embedded_companies(text, mentions, table, ctx)
    mentions = company_projects(text, mentions, table, ctx)
    product_references(mentions, table, ctx)
    brand_references(text, mentions, table, ctx)
    found = list_mates(text, company_led_projects(propagate(text, mentions, table, known), table), ctx)
    return entities(found, table, ctx)


def company_led_projects(mentions: list[Mention], table: NameTable) -> list[Mention]:
    """A project name written right after a company's short name (某飞凯达年产200万只…技改项目,
    某丰股份新能源…项目) is one name with it, and one project with the name written without it:
    news names the project so (a legal name before a project stays apart: the project's name
    starts after it; a short group name stays in: 某石集团智能制造基地三期项目)."""
    out: list[Mention] = []
    for m in mentions:
        last = out[-1] if out else None
        if m.type == "Project" and last is not None and last.type == "Company" and last.end == m.start \
                and (not last.text.endswith(LEGAL_END) or last.text.endswith(GROUP)) and 2 <= len(last.text) <= 6:
            out[-1] = Mention(text=last.text + m.text, start=last.start, end=m.end, type="Project",
                              rule=m.rule + "+company", confidence=m.confidence)
            cid = table.lookup(m.text)
            if cid is not None and table.lookup(out[-1].text) is None:
                table.claim(cid, out[-1].text)    # one project, written with and without the company
            continue
        if m.type == "Project" and table.lookup(m.text) is None and (cid := _project_after_company(m.text, table)) is not None:
            table.claim(cid, m.text)              # the joined name again, found whole (another document's name)
        out.append(m)
    return out


def _project_after_company(name: str, table: NameTable) -> int | None:
    """The project cluster of ``name`` read as a company's name + a project's name of the table."""
    for size in range(min(len(name) - 4, 12), 1, -1):
        head, rest = table.lookup(name[:size]), table.lookup(name[size:])
        if head is not None and rest is not None and table.kind[head] == "Company" and table.kind[rest] == "Project":
            return rest
    return None
