"""wb: translation and terminology workbench for texts about Taiwan."""

import csv
import sys
from importlib.metadata import PackageNotFoundError, version

# The csv module refuses fields over 128 KiB by default: a long paragraph in a TSV, a long note in
# a glossary. Size is bounded by the readers' own limits (fileio.MAX_INPUT_BYTES) instead.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

try:
    __version__ = version("workbench")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
