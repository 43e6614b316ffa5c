"""Gettext PO, read and filled in place with translate-toolkit: comments, msgctxt, plural forms
and obsolete entries are kept. Machine translation is marked ``fuzzy`` (gettext's "needs review":
it is not compiled into a catalogue until a person clears the flag)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..errors import InputError
from .registry import Root, Slot, Store, register

# Forms a target language has when the file's header does not say (CLDR plural categories).
ONE_FORM = {"zh", "ja", "ko", "vi", "th", "id", "ms"}
MT_NOTE = "machine translation (wb): review before use"


def _nplurals(store, target: str) -> int:
    header = store.parseheader() if hasattr(store, "parseheader") else {}
    found = re.search(r"nplurals\s*=\s*(\d+)", header.get("Plural-Forms", "") or "")
    if found:
        return max(1, int(found.group(1)))
    return 1 if target.replace("_", "-").split("-")[0].lower() in ONE_FORM else 2


@register
class Po(Store):
    id = "po"
    label = "PO"
    extensions = (".po", ".pot")

    @classmethod
    def accepts(cls, root: Root | None) -> bool:
        return root is None

    def __init__(self, path: Path, store):
        self.path, self.store = path, store

    @classmethod
    def load(cls, path: Path) -> Store:
        from translate.storage import po

        from ..fileio import read_bytes

        data = read_bytes(path)
        try:
            return cls(path, po.pofile.parsestring(data))
        except Exception as exc:  # noqa: BLE001 - the PO parser raises several kinds; all mean bad input
            raise InputError.at(str(path), 0, 0, f"cannot read PO: {exc}") from None

    def languages(self):
        header = self.store.parseheader() if hasattr(self.store, "parseheader") else {}
        return None, (header.get("Language") or "").replace("_", "-") or None

    def _units(self):
        return [u for u in self.store.units if not u.isheader() and not u.isobsolete()]

    def rows(self, target_lang=None):
        rows = []
        for n, unit in enumerate(self._units(), 1):
            ctx = unit.getcontext()
            base = f"{ctx}|{unit.source}" if ctx else None
            if unit.hasplural():
                sources = list(unit.source.strings)
                targets = list(unit.target.strings) if unit.target else []
                for i, tgt in enumerate(targets or [""]):
                    rows.append(
                        {
                            "segment": n,
                            "id": f"{base or n}[{i}]",
                            "source": sources[min(i, len(sources) - 1)],
                            "target": str(tgt),
                        }
                    )
            else:
                rows.append(
                    {
                        "segment": n,
                        "id": base,
                        "source": str(unit.source),
                        "target": str(unit.target or ""),
                    }
                )
        return rows

    def slots(self, source, target, overwrite=False):
        from translate.misc.multistring import multistring

        forms = _nplurals(self.store, target)
        header = self.store.parseheader() if hasattr(self.store, "parseheader") else {}
        if not header.get("Language"):
            self.store.updateheader(add=True, Language=target.replace("-", "_"))
        out = []
        for unit in self._units():
            if (
                unit.target
                and any(str(s).strip() for s in getattr(unit.target, "strings", [unit.target]))
                and not overwrite
            ):
                continue
            if not unit.hasplural():
                out.append(Slot(str(unit.source), lambda text, u=unit: self._fill(u, text), True,
                                functools.partial(self._annotate, unit)))
                continue
            sources = list(unit.source.strings)
            done: list[str | None] = [None] * forms

            def fill_form(text, u=unit, i=0, done=done):
                done[i] = text
                if all(d is not None for d in done):
                    u.target = multistring(done)
                    self._mark(u)
                return []

            for i in range(forms):
                # one form: the plural source (Chinese "3 個檔案" reads as the plural); else
                # form 0 from msgid, later forms from msgid_plural
                text = sources[-1] if forms == 1 else sources[min(i, len(sources) - 1)]
                out.append(Slot(text, lambda t, i=i, f=fill_form: f(t, i=i)))
        return out

    def _fill(self, unit, text):
        unit.target = text
        self._mark(unit)
        return []

    def _annotate(self, unit, origin: str, score: int, offers) -> None:
        """Translation-memory provenance: a TM exact match is a translation (not fuzzy), said so
        in a translator comment; fuzzy offers are listed in translator comments."""
        if origin in ("tm-exact", "tm-context"):
            unit.markfuzzy(False)
            notes = (unit.getnotes("translator") or "").replace(MT_NOTE, "").strip()
            unit.removenotes(origin="translator")
            if notes:
                unit.addnote(notes, origin="translator")
            unit.addnote(f"translation memory (wb): {origin} {score}%", origin="translator")
        for quality, _src, tgt in offers:
            unit.addnote(f"translation memory (wb) {quality}% match: {tgt}", origin="translator")

    def _mark(self, unit):
        unit.markfuzzy(True)
        if MT_NOTE not in (unit.getnotes("translator") or ""):
            unit.addnote(MT_NOTE, origin="translator")

    def to_bytes(self) -> bytes:
        return bytes(self.store)

    @classmethod
    def build(cls, rows, source, target, machine=True):
        from translate.storage import po

        store = po.pofile()
        store.updateheader(add=True, Language=target)
        for row in rows:
            unit = store.addsourceunit(row.get("source") or "")
            if row.get("target"):
                unit.target = row["target"]
                if machine:
                    unit.markfuzzy(True)
        return bytes(store)
