"""Safe file output: atomic writes (temp file + rename), and never overwriting an input."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import UsageError


def atomic_write_text(path: str | Path, text: str, *, inputs: list[str | Path] = ()) -> Path:
    """Write ``text`` to ``path`` through a temp file in the same folder, then rename.

    A reader never sees a half-written file, and an interrupted write leaves the old file intact.
    Refuses to write over any of ``inputs``.
    """
    return atomic_write_bytes(path, text.encode("utf-8"), inputs=inputs)


def atomic_write_bytes(path: str | Path, data: bytes, *, inputs: list[str | Path] = ()) -> Path:
    path = Path(path)
    refuse_overwriting_inputs(path, inputs)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def refuse_overwriting_inputs(path: Path, inputs) -> None:
    target = Path(path).resolve()
    for item in inputs:
        if Path(item).resolve() == target:
            raise UsageError(f"{path}: refusing to overwrite an input file; choose another output path")
