"""How wb's own tooling opens the HTML report in a real browser (screenshots, the report
benchmark, the browser tests): Debian's chromium driven by Playwright, since Playwright cannot
download its own browser here. The flags keep a headless Chromium from reaching for the network."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("WB_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
