"""wb: translation and terminology workbench for texts about Taiwan."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("workbench")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
