"""Sanity check for the gold annotation files (seeds.jsonl, others.jsonl).

Run from the repository root:

    python tests/gold/validate_gold.py            # checks, exits 1 on any error
    python tests/gold/validate_gold.py --counts   # also prints per-file counts (Markdown)

Checks: every line parses; entity / relation types are valid; head and tail types fit the
relation signature; heads and tails are entity names of the same line (except receivedAward
tails, which are award-name strings); names / aliases are unique within a line; and every
name, alias and award tail occurs literally in the document text once all white space is
removed (the seeds keep the line breaks page layout left inside words). For .html documents
the text is the visible text: tags, <script> and <style> removed, entities unescaped.

Uses only the standard library.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).resolve().parent
FILES = ["seeds.jsonl", "others.jsonl", "blind.jsonl", "blind2.jsonl", "blind3.jsonl", "blind4.jsonl", "blind5.jsonl", "blind6.jsonl", "blind7.jsonl", "blind8.jsonl", "blind9.jsonl", "blind10.jsonl", "blind11.jsonl", "blind12.jsonl", "blind13.jsonl", "blind14.jsonl", "blind15.jsonl", "blind16.jsonl", "blind17.jsonl", "blind18.jsonl", "blind19.jsonl", "blind20.jsonl", "blind21.jsonl", "blind22.jsonl", "blind23.jsonl", "blind24.jsonl", "blind25.jsonl", "blind26.jsonl", "blind27.jsonl", "blind28.jsonl", "blind29.jsonl", "blind30.jsonl", "blind31.jsonl", "blind32.jsonl", "blind33.jsonl", "blind34.jsonl", "blind35.jsonl", "blind36.jsonl", "blind37.jsonl", "blind38.jsonl", "blind39.jsonl"]

ENTITY_TYPES = ["Park", "Company", "Organization", "Project", "Person", "Place"]
# relation type -> (allowed head types, allowed tail types or None for a free string)
SIGNATURES = {
    "locatedIn": ({"Company", "Project", "Park", "Organization"}, {"Park", "Place"}),
    "investsIn": ({"Company"}, {"Project"}),
    "worksFor": ({"Person"}, {"Company", "Organization", "Park"}),
    "involvedIn": ({"Person"}, {"Project", "Park"}),
    "receivedAward": ({"Company", "Person"}, None),
    "subsidiaryOf": ({"Company"}, {"Company"}),
}
WS = re.compile(r"\s+")


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def document_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix.lower() in (".html", ".htm"):
        p = _Visible()
        p.feed(raw)
        raw = "\n".join(p.parts)
    return raw


def squeeze(s: str) -> str:
    return WS.sub("", s)


def check_file(fname: str) -> tuple[list[str], list[dict]]:
    errors: list[str] = []
    records: list[dict] = []
    path = GOLD / fname
    if not path.is_file():
        return [f"{fname}: missing"], records
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{fname}:{lineno}"
        if not line.strip():
            errors.append(f"{where}: empty line")
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{where}: bad JSON ({e})")
            continue
        records.append(rec)
        if set(rec) != {"doc", "entities", "relations"}:
            errors.append(f"{where}: keys {sorted(rec)}")
            continue
        doc = ROOT / rec["doc"]
        if not doc.is_file():
            errors.append(f"{where}: missing document {rec['doc']}")
            continue
        text = squeeze(document_text(doc))
        where = f"{fname}:{lineno} ({rec['doc']})"

        types: dict[str, str] = {}
        surface: Counter = Counter()
        for ent in rec["entities"]:
            if set(ent) != {"type", "name", "aliases"}:
                errors.append(f"{where}: entity keys {sorted(ent)}")
                continue
            if ent["type"] not in ENTITY_TYPES:
                errors.append(f"{where}: bad entity type {ent['type']!r}")
            if ent["name"] in types:
                errors.append(f"{where}: duplicate entity name {ent['name']!r}")
            types[ent["name"]] = ent["type"]
            forms = [ent["name"], *ent["aliases"]]
            if len(set(forms)) != len(forms):
                errors.append(f"{where}: repeated form in {ent['name']!r}: {forms}")
            for form in forms:
                surface[(ent["type"], form)] += 1
                if not form or squeeze(form) != form:
                    errors.append(f"{where}: empty or white-space form {form!r}")
                elif form not in text:
                    errors.append(f"{where}: {ent['type']} form {form!r} not in text")
        for (t, form), n in surface.items():
            if n > 1:
                errors.append(f"{where}: {t} form {form!r} used by {n} entities")

        seen = set()
        for rel in rec["relations"]:
            if set(rel) != {"type", "head", "tail", "role"}:
                errors.append(f"{where}: relation keys {sorted(rel)}")
                continue
            sig = SIGNATURES.get(rel["type"])
            if sig is None:
                errors.append(f"{where}: bad relation type {rel['type']!r}")
                continue
            key = (rel["type"], rel["head"], rel["tail"])
            if key in seen:
                errors.append(f"{where}: duplicate relation {key}")
            seen.add(key)
            heads, tails = sig
            if rel["head"] not in types:
                errors.append(f"{where}: head {rel['head']!r} is not an entity name")
            elif types[rel["head"]] not in heads:
                errors.append(f"{where}: {rel['type']} head {rel['head']!r} has type {types[rel['head']]}")
            if tails is None:
                if squeeze(rel["tail"]) not in text:
                    errors.append(f"{where}: award {rel['tail']!r} not in text")
            elif rel["tail"] not in types:
                errors.append(f"{where}: tail {rel['tail']!r} is not an entity name")
            elif types[rel["tail"]] not in tails:
                errors.append(f"{where}: {rel['type']} tail {rel['tail']!r} has type {types[rel['tail']]}")
            if rel["role"] is not None and rel["type"] not in ("worksFor", "involvedIn"):
                errors.append(f"{where}: role on {rel['type']}")
            if rel["role"] is not None and not isinstance(rel["role"], str):
                errors.append(f"{where}: role must be a string or null")
    return errors, records


def counts_table(records: list[dict]) -> str:
    rel_types = list(SIGNATURES)
    head = ["doc", *ENTITY_TYPES, "entities", *rel_types, "relations"]
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    tot = Counter()
    for rec in records:
        et = Counter(e["type"] for e in rec["entities"])
        rt = Counter(r["type"] for r in rec["relations"])
        cells = [f"`{rec['doc']}`", *(str(et[t]) for t in ENTITY_TYPES), str(len(rec["entities"])),
                 *(str(rt[t]) for t in rel_types), str(len(rec["relations"]))]
        rows.append("| " + " | ".join(cells) + " |")
        tot.update(et)
        tot.update({"_e": len(rec["entities"]), "_r": len(rec["relations"])})
        tot.update({"r:" + k: v for k, v in rt.items()})
    cells = ["**total**", *(str(tot[t]) for t in ENTITY_TYPES), str(tot["_e"]),
             *(str(tot["r:" + t]) for t in rel_types), str(tot["_r"])]
    rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    all_errors: list[str] = []
    for fname in FILES:
        errors, records = check_file(fname)
        all_errors += errors
        if "--counts" in argv:
            print(f"\n{fname}\n")
            print(counts_table(records))
    for e in all_errors:
        print("ERROR", e)
    print(f"{len(all_errors)} error(s)")
    return 1 if all_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
