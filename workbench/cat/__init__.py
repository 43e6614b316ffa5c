"""CAT files (XLIFF 1.2/2.0, TMX, PO): the registry and the formats registered in it."""

from . import po, tmx, xliff  # noqa: F401 - importing registers each format
from .registry import (
    Slot,
    Store,
    by_id,
    declared_languages,
    detect,
    extensions,
    format_ids,
    handles,
    open_store,
)

__all__ = [
    "Slot",
    "Store",
    "by_id",
    "declared_languages",
    "detect",
    "extensions",
    "format_ids",
    "handles",
    "open_store",
]
