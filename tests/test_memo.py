"""kg.memo: the content-keyed cache of incremental builds."""
from __future__ import annotations

from kg.memo import Memo, digest, fingerprint
from kg.settings import Settings


def test_round_trip_prune_and_persistence(tmp_path):
    memo = Memo(tmp_path)
    memo.put_many({"fp1:a": (1, "甲"), "fp1:b": [2], "fp0:c": 3})
    assert memo.get_many(["fp1:a", "fp1:b", "missing"]) == {"fp1:a": (1, "甲"), "fp1:b": [2]}
    assert memo.prune("fp1:") == 1
    memo.close()
    again = Memo(tmp_path)
    assert again.get_many(["fp1:a", "fp0:c"]) == {"fp1:a": (1, "甲")}


def test_an_unusable_cache_only_costs_time(tmp_path):
    (tmp_path / "memo.sqlite").write_bytes(b"not a database" * 100)
    memo = Memo(tmp_path)
    memo.put_many({"k": 1})
    assert memo.get_many(["k"]) in ({}, {"k": 1})


def test_fingerprint_follows_settings_and_digest_is_stable(tmp_path):
    gaz = tmp_path / "g.jsonl"
    gaz.write_text("", encoding="utf-8")
    assert fingerprint(Settings()) == fingerprint(Settings())
    assert fingerprint(Settings()) != fingerprint(Settings(gazetteers=(gaz,)))
    before = fingerprint(Settings(gazetteers=(gaz,)))
    gaz.write_text('{"name": "某某", "type": "Company"}\n', encoding="utf-8")
    assert fingerprint(Settings(gazetteers=(gaz,))) != before
    assert digest("a", 1) == digest("a", 1) != digest("a", 2)


def test_without_a_folder_nothing_is_kept():
    memo = Memo(None)
    memo.put_many({"k": 1})
    assert not memo.enabled and memo.get_many(["k"]) == {} and memo.prune("x") == 0
