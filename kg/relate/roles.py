"""The role a mention plays in its sentence, for the structure rule: a company named as an
investor (``X投资的…项目``), an owner or a subsidiary (``X旗下``), an employer (``X董事长Y``), a
partner (``与X共建``), a school (``毕业于X``) or a customer is not thereby presented as one of the
platform's own companies. ``blocked`` returns the reason, or ``""`` for a plain mention."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.relate import cues

if TYPE_CHECKING:
    from kg.relate.view import DocView, Hit

AFTER_SKIP_RE = re.compile(r"(?:[（(][^（）()]{0,40}[）)])*")
POSSESSIVE_RE = re.compile(r"的(?!是|话)")
BA_AFTER_RE = re.compile(r"(?:宣布|决定|计划)?[，,]?(?:把|将)")
PARTNER_ROLE_RE = re.compile(r"作为[^，。；,;]{0,8}(?:单位|机构|伙伴|合作方|服务商)")
PARENT_BEFORE_RE = re.compile(r"(?:是|为|作为|系)[^，。；,;]{0,12}$")
AT_PLACE_RE = re.compile(r"(?:在|于)")
TITLE_GAP_MAX = 14


def after(view: DocView, hit: Hit) -> int:
    """Position after the mention and any bracketed insertion (``（以下简称“…”）``)."""
    m = AFTER_SKIP_RE.match(view.text, hit.end)
    return m.end() if m else hit.end


def role_gap(view: DocView, org_end: int, person_start: int) -> str | None:
    """The title between an organisation and a person (``副董事长兼总裁``), or ``None``."""
    gap = view.text[org_end:person_start]
    if not gap or len(gap) > TITLE_GAP_MAX:
        return None
    gap = cues.ROLE_TRAIL_RE.sub("", gap)
    core = gap.removeprefix("的")
    if not core or cues.ROLE_GAP_BAD_RE.search(core) or not cues.ROLE_HEAD_RE.search(core):
        return None
    return core.rsplit("的", 1)[-1]


def is_employer(view: DocView, hit: Hit) -> bool:
    """``X董事长Y``: the mention is followed by a title and a person."""
    nxt = view.first_after(hit.end, ceil=hit.end + TITLE_GAP_MAX + 8)
    return nxt is not None and nxt.type == "Person" and role_gap(view, hit.end, nxt.start) is not None


def is_investor(view: DocView, hit: Hit) -> bool:
    """``X投资…项目`` / ``由X投资建设/运营`` / ``X年产…项目`` / ``X的…项目`` / ``X宣布，把P…``."""
    pos = after(view, hit)
    nxt = view.next_hit(pos, within=2)
    if nxt is not None and nxt.type == "Project" and view.text[pos:nxt.start] in ("", "的"):
        return True
    if hit.type != "Company":
        return False
    if cues.FACILITY_RE.match(view.text, pos):
        return True
    c_start, c_end = view.clause_at(hit.start)
    rest = view.text[pos:min(pos + 24, c_end)]
    if "由" in view.text[max(c_start, hit.start - 14):hit.start] and (
            cues.INVEST_VERB_RE.match(rest) or cues.OPERATOR_RE.match(rest)):
        return True
    verb = cues.INVESTOR_AFTER_RE.match(rest)
    s_end = view.sentence_at(hit.start).end
    if verb and view.hits_in(pos + verb.end(), min(c_end, pos + verb.end() + 30), "Project"):
        return True
    return bool(BA_AFTER_RE.match(view.text, pos) and view.hits_in(pos, min(s_end, pos + 30), "Project"))


def is_related_company(view: DocView, hit: Hit) -> bool:
    """Owner or subsidiary in a ``旗下``/``子公司`` construction."""
    pos = after(view, hit)
    rest = view.text[pos:pos + 30]
    before = view.text[max(0, hit.start - 12):hit.start]
    if cues.OWNER_RE.match(rest) or re.match(r"^(?:的)?(?:控股|全资)?(?:子公司|分公司)", rest):
        return True
    if re.search(r"(?:旗下|下属|子公司|分公司|孙公司)(?:的|现有|拥有|有)?$", before):
        return True
    c_start, clause_end = view.clause_at(hit.start)
    tail = view.text[pos:clause_end]
    if re.match(r"(?:是|为|作为|系)", tail) and cues.SUB_MARK_RE.search(tail):
        return True
    if cues.COUNTED_SUBS_RE.search(tail[:40]):
        return True
    return bool(PARENT_BEFORE_RE.search(view.text, c_start, hit.start) and cues.SUB_MARK_RE.search(tail))


def is_partner(view: DocView, hit: Hit) -> bool:
    """``与X共建``, ``X与园区签约``, ``会同X、Y等部门``."""
    for start in (hit.start, _list_start(view, hit)):
        if cues.PARTNER_BEFORE_RE.search(view.text, max(0, start - 2), start) and view.text[start - 1:start] != "和":
            return True
    pos = after(view, hit)
    return bool(cues.PARTNER_AFTER_RE.match(view.text, pos) or PARTNER_ROLE_RE.match(view.text, pos))


def _list_start(view: DocView, hit: Hit) -> int:
    """Start of the enumeration ``hit`` closes or belongs to (``A、B、C``)."""
    start = hit.start
    while True:
        prev = view.last_before(start, floor=max(0, start - 40))
        if prev is None or prev.type != hit.type or not cues.LIST_SEP_RE.fullmatch(view.text[prev.end:start] or "x"):
            return start
        start = prev.start


def is_school(view: DocView, hit: Hit) -> bool:
    """``毕业于X``, ``来到X做博士后``."""
    return bool(cues.EDUCATION_BEFORE_RE.search(view.text[max(0, hit.start - 4):hit.start]))


def is_customer(view: DocView, hit: Hit) -> bool:
    """``客户包括X、Y等``, ``为X、Y等整车企业配套``, ``赴X考察``: someone the park's companies serve or visit."""
    c_start, c_end = view.clause_at(hit.start)
    if cues.CUSTOMER_RE.search(view.text, c_start, hit.start):
        return True
    start = _list_start(view, hit)
    before = view.text[max(c_start, start - 2):start]
    if cues.VISIT_BEFORE_RE.search(before):
        return True
    return bool(cues.BENEFICIARY_BEFORE_RE.search(before) and cues.SUPPLY_RE.search(view.text, hit.end, c_end))


def is_elsewhere(view: DocView, hit: Hit) -> bool:
    """``X在中国的第三个工厂``, ``来自意大利都灵的X``: placed at a named place right there."""
    pos = after(view, hit)
    if AT_PLACE_RE.match(view.text, pos):
        nxt = view.first_after(pos + 1, ceil=pos + 12)
        if nxt is not None and nxt.type == "Place" and nxt.start <= pos + 1:
            return True
    before = view.text[max(0, hit.start - 20):hit.start]
    return bool(re.search(r"(?:来自|总部位于|总部设在)[^，。；,;]{1,14}的$", before))


def blocked(view: DocView, hit: Hit) -> str:
    """Why the mention does not present its entity as a member of the platform (``""``: it does)."""
    memo = view.memo.setdefault("blocked", {})
    if hit not in memo:
        memo[hit] = _blocked(view, hit)
    return memo[hit]


COMPANY_CHECKS = (("investor", is_investor), ("related", is_related_company), ("employer", is_employer),
                  ("partner", is_partner), ("school", is_school), ("customer", is_customer),
                  ("elsewhere", is_elsewhere))
OTHER_CHECKS = (("employer", is_employer), ("partner", is_partner), ("school", is_school),
                ("customer", is_customer), ("elsewhere", is_elsewhere))
"""Projects and parks are not investors, owners or subsidiaries."""


def _blocked(view: DocView, hit: Hit) -> str:
    if hit.via:
        return "anaphor"
    for reason, check in COMPANY_CHECKS if hit.type == "Company" else OTHER_CHECKS:
        if check(view, hit):
            return reason
    if hit.type == "Company" and POSSESSIVE_RE.match(view.text, after(view, hit)):
        return "possessive"
    return ""
