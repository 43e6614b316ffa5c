"""Two processes writing one translation cache at the same time (issue 12): both finish, every
committed row is there exactly once, and sqlite finds the file intact."""

import multiprocessing
import sqlite3
import subprocess
import sys

from conftest import ROOT

from workbench.mt.cache import TranslationCache

BATCHES, PER_BATCH = 40, 50


def _writer(path: str, name: str, start, done) -> None:
    cache = TranslationCache(path)
    start.wait(30)
    for b in range(BATCHES):
        rows = [(f"shared-{b}-{i}", f"target {b}-{i}", {"by": "either"}) for i in range(PER_BATCH)]
        rows += [(f"{name}-{b}-{i}", f"{name} {b}-{i}", {"by": name}) for i in range(PER_BATCH)]
        cache.put_many(rows)  # one commit per batch, as translate does: many lock hand-overs
        assert len(cache.get_many([rows[0][0], rows[-1][0]])) == 2
    cache.close()
    done.put(name)


def test_two_processes_writing_one_cache_leave_it_consistent(tmp_path):
    path = str(tmp_path / "c.sqlite")
    TranslationCache(path).close()  # created once: both open an existing WAL database
    ctx = multiprocessing.get_context("spawn")
    start, done = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(path, n, start, done)) for n in ("a", "b")]
    for p in procs:
        p.start()
    start.set()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    assert sorted([done.get(timeout=5), done.get(timeout=5)]) == ["a", "b"]
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    rows = dict(db.execute("SELECT key, target FROM translations"))
    assert len(rows) == 3 * BATCHES * PER_BATCH  # shared keys once, each writer's own keys
    for b in range(BATCHES):
        for i in range(PER_BATCH):
            assert rows[f"shared-{b}-{i}"] == f"target {b}-{i}"
            assert rows[f"a-{b}-{i}"] == f"a {b}-{i}" and rows[f"b-{b}-{i}"] == f"b {b}-{i}"


def test_two_translate_runs_sharing_a_cache(tmp_path):
    """As a user would: two `wb translate` at once with one --cache, then a third run finds every
    segment in it."""
    cache = tmp_path / "c.sqlite"
    doc = ROOT / "corpus" / "zh" / "press_release_cib.txt"

    def args(out):
        return [sys.executable, "-m", "workbench", "translate", str(doc), "--engine", "fake",
                "--batch-size", "1", "-o", str(tmp_path / out), "--cache", str(cache)]

    runs = [subprocess.Popen(args(f"o{i}.txt"), stderr=subprocess.PIPE, text=True)
            for i in (1, 2)]
    errors = [r.communicate(timeout=300)[1] for r in runs]
    assert [r.returncode for r in runs] == [0, 0], errors
    assert (tmp_path / "o1.txt").read_text(encoding="utf-8") == (
        tmp_path / "o2.txt").read_text(encoding="utf-8")
    third = subprocess.run(args("o3.txt"), check=False, stderr=subprocess.PIPE, text=True,
                           timeout=300)
    assert third.returncode == 0 and "7 from cache, 0 translated" in third.stderr, third.stderr
    db = sqlite3.connect(cache)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _open_new(path: str, barrier, results) -> None:
    barrier.wait(30)
    try:
        cache = TranslationCache(path)
        cache.put_many([("k", "t", {})])
        cache.close()
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong
        results.put(repr(exc))


def test_runs_started_together_on_a_new_cache_all_open_it(tmp_path):
    """Switching a new file to WAL makes sqlite answer "database is locked" at once, without
    waiting: three processes opening one new cache at the same moment must all get in."""
    ctx = multiprocessing.get_context("fork")
    for trial in range(8):
        path = str(tmp_path / f"new{trial}.sqlite")
        barrier, results = ctx.Barrier(3), ctx.Queue()
        procs = [ctx.Process(target=_open_new, args=(path, barrier, results)) for _ in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        assert [results.get(timeout=5) for _ in procs] == ["ok"] * 3
