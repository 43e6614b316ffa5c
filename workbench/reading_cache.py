"""Per-character reading tables kept on disk, built once from the library that owns the data.

ToJyutping's trie (270,000 objects, ~70 MB) and taibun's dictionaries (~19 MB, 0.5 s to import)
cost more to import than a name check costs in all, and the garbage collector rescans what they
build for as long as the process lives. wb needs only one character's readings at a time, so each
table is built once, written as JSON to wb's cache folder under the library's version, and read
back in milliseconds by every later process. A missing, damaged or unwritable cache only costs a
rebuild.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import metadata

from .fileio import cache_dir, write_cache_file

SEPARATOR = "|"  # between readings: a reading may itself hold a space (㖊 "jing1 cam4")


def cached_table(name: str, dist: str, fmt: int, build: Callable[[], dict[str, str]]) -> dict:
    """``build()`` (character -> readings joined by SEPARATOR), or its copy on disk for this
    version of ``dist`` and table format ``fmt``."""
    try:
        version = metadata.version(dist)
    except metadata.PackageNotFoundError:
        version = "unknown"
    path = cache_dir("readings") / f"{name}-{version}-{fmt}.json"
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(table, dict):
            return table
    except (OSError, ValueError):
        pass  # missing or damaged: rebuilt below
    table = build()
    data = json.dumps(table, ensure_ascii=False).encode("utf-8")
    write_cache_file(path, lambda fh: fh.write(data))
    return table
