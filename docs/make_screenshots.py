"""`make screenshots`: the HTML review report of the bundled samples, photographed in headless
Chromium at desktop, phone and print widths (out/screenshots/*.png), plus docs/report.png for the
README."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from workbench.report.browser import CHROMIUM, LAUNCH_ARGS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "screenshots"


def main() -> int:
    if not shutil.which(CHROMIUM):
        print(
            f"no {CHROMIUM}: run `make browser` as root (apt-get install chromium)", file=sys.stderr
        )
        return 2
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    review = ROOT / "corpus" / "review"
    report = OUT / "report.html"
    wb = Path(sys.executable).parent / "wb"
    subprocess.run(
        [
            str(wb),
            "qa",
            "check",
            str(review / "zh_en_release.tsv"),
            str(review / "en_zh_brief.tsv"),
            "--html-out",
            str(report),
            "--fail-on",
            "never",
        ],
        check=True,
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        shots = [
            ("desktop", {"width": 1280, "height": 900}, "screen"),
            ("phone", {"width": 390, "height": 844}, "screen"),
            ("print", {"width": 794, "height": 1123}, "print"),
        ]  # A4 at 96 dpi
        for name, viewport, media in shots:
            page = browser.new_page(viewport=viewport, is_mobile=name == "phone")
            page.emulate_media(media=media)
            page.goto(report.as_uri())
            page.wait_for_function("window.wbReport && window.wbReport.completeMs !== undefined")
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
            if name == "desktop":
                page.click("#findings tbody a.ctx >> nth=0")
                page.screenshot(path=str(OUT / "context.png"))
                page.click("#context-back")
                page.set_viewport_size({"width": 1280, "height": 760})
                page.evaluate("document.getElementById('entities').scrollIntoView()")
                page.screenshot(path=str(ROOT / "docs" / "report.png"))
            page.close()
        browser.close()
    for path in sorted(OUT.glob("*.png")):
        print(f"wrote {path.relative_to(ROOT)}")
    print("wrote docs/report.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
