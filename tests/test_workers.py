"""kg.workers: a team of forked workers runs several passes in order, keeps what a worker
stored for its own later chunks, hands the others' chunks to an idle worker with their
payload, and reports a worker's error in the parent."""
from __future__ import annotations

import os

import pytest

from kg.workers import LOCAL, STATE, Team, run_chunks


def _square(indices):
    return [STATE["base"] + i * i for i in indices]


def _remember(indices):
    for i in indices:
        LOCAL[i] = (os.getpid(), i * 10)
    return [os.getpid() for _ in indices]


def _recall(indices):
    out = []
    for i in indices:
        kept = LOCAL.pop(i, None)
        if kept is not None:
            out.append(("kept", kept[0] == os.getpid(), kept[1]))
        else:
            out.append(("sent", STATE["payload"][i] == i * 10 and STATE["extra"] == "shared", i * 10))
    return out


def _fail(indices):
    if 7 in indices:
        raise ValueError("document 7")
    return list(indices)


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_in_order(jobs):
    indices = list(range(0, 300, 3))
    assert run_chunks(_square, indices, jobs=jobs, state={"base": 1}) == [1 + i * i for i in indices]


@pytest.mark.parametrize("jobs", [1, 2])
def test_affine_run_finds_what_the_first_run_kept(jobs):
    indices = list(range(200))
    done = []
    with Team(jobs, {"base": 0}) as team:
        owners = team.run(_remember, indices)
        assert len(set(owners)) == (2 if jobs == 2 else 1)
        later = team.run(_recall, indices, share={"extra": "shared"}, affine=True,
                         payload=lambda i: i * 10, done=done.append)
    assert [value for _, _, value in later] == [i * 10 for i in indices]
    assert all(ok for _, ok, _ in later)          # kept by the worker that runs it, or sent along
    assert done[-1] == len(indices)
    if jobs == 2:
        assert sum(how == "kept" for how, _, _ in later) > len(indices) // 2
    assert not LOCAL and not STATE                # the team forgets its state when closed


def test_a_document_the_first_run_did_not_see_is_sent():
    with Team(2, {}) as team:
        team.run(_remember, list(range(100)))
        later = team.run(_recall, list(range(50, 150)), share={"extra": "shared"}, affine=True,
                         payload=lambda i: i * 10)
    assert all(ok for _, ok, _ in later)
    assert all(how == "sent" for how, _, _ in later[50:])


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_worker_error_is_raised_in_the_parent(jobs):
    with pytest.raises(ValueError, match="document 7"):
        run_chunks(_fail, list(range(100)), jobs=jobs, state={})


def _big(indices):
    return [(STATE["payload"].get(i, b"") [:1], b"r" * 200_000) for i in indices]


def test_large_payloads_and_results_do_not_block_the_pipes():
    """Chunks that carry 200 kB a document both ways: a task with data is sent only to an idle
    worker (sending it to a busy one that is itself blocked sending its results would hang)."""
    import signal

    def stuck(*_):
        raise TimeoutError("the team hung")

    old = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(60)
    try:
        with Team(2, {}) as team:
            team.run(_remember, list(range(64)))
            out = team.run(_big, list(range(64, 192)), affine=True, payload=lambda i: b"p" * 200_000)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert [first for first, _ in out] == [b"p"] * 128
