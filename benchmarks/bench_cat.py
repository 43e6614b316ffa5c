"""CAT files: reading a 20,000-unit XLIFF 1.2 for QA, and filling it in place (parse, inline codes
to placeholders, restore, serialize) with an engine that copies its input, so only wb's own work
is timed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import table, timed

from workbench.bilingual import read_bilingual
from workbench.cat import open_store

UNITS = 20_000


def xliff(path: Path, n: int) -> None:
    units = "".join(
        f'<trans-unit id="{i}"><source>刑事警察局第{i}號<x id="1"/>案件<g'
        f' id="2">詐騙</g>。</source>'
        f"<note>n</note></trans-unit>\n"
        for i in range(n)
    )
    path.write_text(
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="a" '
        f'source-language="zh-TW" datatype="plaintext"><body>\n{units}</body></file></xliff>\n',
        encoding="utf-8",
    )


def fill(path: Path) -> bytes:
    store = open_store(path)
    for slot in store.slots("zh-TW", "en"):
        slot.fill(slot.text)
    return store.to_bytes()


def run() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.xlf"
        xliff(path, UNITS)
        read = timed(lambda: read_bilingual(path), repeat=2)
        filled = timed(lambda: fill(path), repeat=2)
    rows = [
        ["read for QA", f"{read:.2f}", f"{UNITS / read:,.0f}"],
        ["fill in place", f"{filled:.2f}", f"{UNITS / filled:,.0f}"],
    ]
    return (
        f"### CAT files ({UNITS:,} XLIFF 1.2 units, 2 inline codes each)\n\n"
        + table(["job", "seconds", "units/s"], rows)
        + "\n"
    )
