"""Phone screenshots (375×812) of the crisis outcome and Ikast-Brande's § 82 b outcome.

Run after a build: `python scripts/indgang.py phone-screenshots [--site site]` (default `site/`).
Writes reports/phone-crisis-outcome.png and reports/phone-82b-ikast-brande.png (first 1.5
screens, 375×1218 px) with Debian's Chromium (CHROMIUM_PATH or /usr/bin/chromium).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.browser_checks import start_static_server  # noqa: E402
from scripts.chromium import CHROMIUM_ARGS, find_chromium  # noqa: E402

PAGES = {
    "phone-crisis-outcome.png": "guide/stoette/krise/",
    "phone-82b-ikast-brande.png": (
        "guide/stoette/ingen-krise/voksen/faar-ikke-85/lidt/nej/kort/alene/ikast-brande/"
    ),
}


WIDTH, HEIGHT = 375, 1218  # a phone's width; one and a half screens of 812 px


def write_screenshots(site: Path, out_dir: Path, chromium: str) -> list[tuple[Path, str]]:
    """Photograph `PAGES` of the built `site` into `out_dir`; (file, page) for each."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[tuple[Path, str]] = []
    server = start_static_server(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
            page = browser.new_page(viewport={"width": WIDTH, "height": 812}, locale="da-DK")
            for name, path in PAGES.items():
                page.goto(server.base_url + path)
                out = out_dir / name
                page.screenshot(
                    path=str(out),
                    clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT},
                    full_page=True,
                )
                written.append((out, path))
            browser.close()
    finally:
        server.stop()
    return written


def main() -> int:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    for out, path in write_screenshots(site, ROOT / "reports", find_chromium() or "chromium"):
        print(f"{out.relative_to(ROOT)}: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
