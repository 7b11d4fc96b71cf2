"""Run a per-document function on several processes (``kg build --jobs N``).

Workers are forked once per extraction, after the parent has built the spaCy pipeline and the
rule context, so they share them instead of rebuilding or unpickling them; they run both
passes (``Team``), keeping their first-pass records for their second pass, and only the
per-document results and what a later pass needs (the corpus gazetteer, once per worker)
travel. Where ``fork`` does not exist (Windows) the work runs in this process.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any

log = logging.getLogger(__name__)

STATE: dict[str, Any] = {}
"""What the worker functions read (set by ``Team`` before forking, and by ``Team.run``)."""
CHUNK = 64
"""Most documents per task: fewer, larger tasks cost less to hand out (measured 1.7x → 1.9x
for the first pass on two processes going from 8 to 32)."""


def settle_heap() -> None:
    """Move every object alive now out of the cyclic collector's generations (``gc.freeze``),
    after one collection so no garbage is kept.

    Called once the models are loaded (spaCy vocabulary, rule tables, place gazetteer): they
    live as long as the process, yet every full collection would walk them again. Measured on
    the 12 unique articles in a fresh process: 133 k → 300 k chars/s, as two full collections
    walking those tables cost more than the work itself. The trade-off: an object alive now
    that later becomes part of unreachable reference cycles is never collected (objects freed
    by reference counting are unaffected); in a build process that is the loaded tables only.

    ``run_chunks`` on one process calls it after every chunk too: the results of the chunks
    done are alive until the end of the run, and extraction makes no cyclic garbage (none found
    over 200 generated articles), so the collections only walked them again and again: 0.46 →
    0.16 s of collector time on the 3.8 M-character bench corpus. (On several processes the
    parent freezes all it holds before forking, the same trade-off.)
    """
    gc.collect()
    gc.freeze()


def chunk_size(count: int, jobs: int) -> int:
    """Documents per task: at most ``CHUNK``, and at least 8 tasks per worker."""
    return max(1, min(CHUNK, count // (max(jobs, 1) * 8)))


def _cut(indices: Sequence[int], size: int) -> list[Sequence[int]]:
    """Chunks of ``size``, the last two chunks' worth cut in quarters: workers then finish
    within a small chunk of each other (on 2,000 articles one waited 0.13 s for the other's
    last 64 documents)."""
    small = max(1, size // 4)
    tail = max(0, len(indices) - 2 * size)
    return ([indices[i:min(i + size, tail)] for i in range(0, tail, size)]
            + [indices[i:i + small] for i in range(tail, len(indices), small)])


def run_chunks(fn: Callable[[Sequence[int]], list[Any]], indices: Sequence[int], *, jobs: int,
               state: dict[str, Any], done: Callable[[int], None] | None = None) -> list[Any]:
    """``fn`` over ``indices`` in chunks, on ``jobs`` processes; results in the order of ``indices``.

    ``fn`` takes a chunk of indices and returns one result per index; it reads ``STATE``.
    ``done(n)`` is called as chunks complete, with the number of indices finished so far.
    """
    with Team(jobs, state) as team:
        return team.run(fn, indices, done=done)


LOCAL: dict[Any, Any] = {}
"""What a worker function keeps for a later run of the same team, in the worker that ran it
(the first pass keeps its records here for the second)."""


class Team:
    """``jobs`` processes forked once that run several ``run``s in turn (the two passes of an
    extraction), or this process alone when ``jobs`` is 1 or ``fork`` does not exist.

    A run hands out chunks as workers free up and remembers which worker ran each index; an
    ``affine`` run gives each chunk to the worker that ran its indices before, so the worker
    finds what it kept in ``LOCAL`` (the second pass reads the first pass's records there
    instead of unpacking them from bytes: 0.3 ms a document). A worker that has done its own
    chunks takes the others' last ones, with their ``payload``, so no worker waits idle.
    """

    def __init__(self, jobs: int, state: dict[str, Any]) -> None:
        STATE.clear()
        STATE.update(state)
        LOCAL.clear()
        self.owner: dict[int, int] = {}
        self._frozen_before = gc.get_freeze_count() > 0
        self._conns: list[Any] = []
        self._procs: list[Any] = []
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            gc.freeze()     # objects of the parent stay out of the children's collections (no copy-on-write)
            context = multiprocessing.get_context("fork")
            for _ in range(jobs):
                here, there = context.Pipe()
                proc = context.Process(target=_serve, args=(there,), daemon=True)
                proc.start()
                there.close()
                self._conns.append(here)
                self._procs.append(proc)

    @property
    def forked(self) -> bool:
        """Whether the runs go to worker processes."""
        return bool(self._conns)

    def __enter__(self) -> "Team":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the workers (they finish nothing more) and forget the shared state."""
        for conn in self._conns:
            try:
                conn.send(None)
            except OSError:
                pass
        for proc in self._procs:
            proc.join(timeout=5)
            if proc.is_alive():
                proc.terminate()
                proc.join()
        for conn in self._conns:
            conn.close()
        self._conns, self._procs = [], []
        STATE.clear()
        LOCAL.clear()
        if not self._frozen_before:      # objects frozen by settle_heap stay frozen
            gc.unfreeze()

    def run(self, fn: Callable[[Sequence[int]], list[Any]], indices: Sequence[int], *,
            done: Callable[[int], None] | None = None, share: dict[str, Any] | None = None,
            affine: bool = False, payload: Callable[[int], Any] | None = None,
            receive: Callable[[int, Any], Any] | None = None) -> list[Any]:
        """``fn`` over ``indices`` in chunks; results in the order of ``indices``.

        ``share`` is put into every worker's ``STATE`` before its first chunk of this run;
        ``payload(i)`` is what a worker that did not run ``i`` before needs of it (in
        ``STATE["payload"]`` while it runs the chunk); ``receive(i, result)`` turns each result
        into what the run returns, in this process as chunks arrive (while the workers go on);
        ``done(n)`` is called as chunks complete.
        """
        if share:
            STATE.update(share)
        if not self._conns:
            results = self._run_here(fn, indices, done)
            return [receive(i, r) for i, r in zip(indices, results)] if receive else results
        size = chunk_size(len(indices), len(self._conns))
        own: list[list[Sequence[int]]] = [[] for _ in self._conns]
        common: list[Sequence[int]] = []
        if affine:
            groups: dict[int | None, list[int]] = {}
            for i in indices:
                groups.setdefault(self.owner.get(i), []).append(i)
            for worker, group in groups.items():
                (common if worker is None else own[worker]).extend(_cut(group, size))
        else:
            common = _cut(indices, size)
        return self._dispatch(fn, own, common, share or {}, payload, receive, done, indices)

    def _run_here(self, fn: Callable[[Sequence[int]], list[Any]], indices: Sequence[int],
                  done: Callable[[int], None] | None) -> list[Any]:
        results: list[Any] = []
        for chunk in _cut(indices, chunk_size(len(indices), 1)):
            results += fn(chunk)
            settle_heap()   # the results so far live to the end of the run: no collection walks them again
            if done:
                done(len(results))
        return results

    def _dispatch(self, fn: Callable[[Sequence[int]], list[Any]], own: list[list[Sequence[int]]],
                  common: list[Sequence[int]], share: dict[str, Any], payload: Callable[[int], Any] | None,
                  receive: Callable[[int, Any], Any] | None, done: Callable[[int], None] | None,
                  indices: Sequence[int]) -> list[Any]:
        """Hand out chunks and gather their results. A worker gets its next chunk while it runs
        one (so it does not wait for it), but a task that carries data (the run's ``share``, a
        chunk's payload) only when it is idle: a busy worker may be blocked sending its results
        while the pipe to it is full, and the parent would block too."""
        from multiprocessing.connection import wait

        found: dict[int, Any] = {}
        flying: list[list[Sequence[int]]] = [[] for _ in self._conns]
        shared = [False] * len(self._conns)
        common.reverse()                                   # taken from the end
        for queue in own:
            queue.reverse()
        total = len(indices)
        while len(found) < total:
            for w, conn in enumerate(self._conns):
                while len(flying[w]) < 2:
                    carries = bool(share) and not shared[w] or payload is not None and not own[w]
                    if carries and flying[w]:
                        break
                    chunk, mine = _next_chunk(w, own, common)
                    if chunk is None:
                        break
                    extra = {} if mine or payload is None else {i: payload(i) for i in chunk}
                    conn.send((fn, chunk, None if shared[w] else share, extra))
                    shared[w] = True
                    flying[w].append(chunk)
            busy = [conn for w, conn in enumerate(self._conns) if flying[w]]
            for conn in wait(busy):
                w = self._conns.index(conn)
                try:
                    ok, part = conn.recv()
                except EOFError:
                    raise RuntimeError("a worker process ended unexpectedly") from None
                if not ok:
                    raise part
                chunk = flying[w].pop(0)
                for i, result in zip(chunk, part):
                    found[i] = receive(i, result) if receive else result
                    self.owner[i] = w
                settle_heap()    # as on one process: what was received lives to the end of the run
                if done:
                    done(len(found))
        return [found[i] for i in indices]


def _next_chunk(w: int, own: list[list[Sequence[int]]], common: list[Sequence[int]]) -> tuple[Sequence[int] | None, bool]:
    """Worker ``w``'s next chunk: its own first, then a common one, then the last chunk of the
    worker with most left; and whether it is its own."""
    if own[w]:
        return own[w].pop(), True
    if common:
        return common.pop(), False
    other = max(range(len(own)), key=lambda v: len(own[v]))
    if own[other]:
        return own[other].pop(0), False
    return None, False


def _serve(conn: Any) -> None:
    """A worker's loop: run each chunk it is sent and send back its results (or the error)."""
    LOCAL.clear()
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        fn, chunk, share, extra = task
        if share:
            STATE.update(share)
        STATE["payload"] = extra
        try:
            reply = (True, fn(chunk))
        except BaseException as err:     # sent to the parent, which raises it
            log.debug("worker failed", exc_info=True)
            reply = (False, err)
        finally:
            STATE["payload"] = {}
        settle_heap()        # what LOCAL keeps stays out of later collections
        try:
            conn.send(reply)
        except Exception as err:        # an error that cannot be pickled
            conn.send((False, RuntimeError(f"{type(err).__name__}: {err}")))


__all__ = ["LOCAL", "STATE", "Team", "chunk_size", "run_chunks", "settle_heap"]
