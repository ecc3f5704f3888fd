#!/usr/bin/env python3
"""Renders every docpipe HTML page under a folder in headless Chromium.

For each page: a screenshot must be produced, and the DOM Chromium built must
hold exactly the model's headings (1 h1 for a title, an h2 per article title,
one heading per section at rank level+2, capped at 6) and the model's text
block by block; no element may appear that the writer does not write (text
such as <script> must have stayed text). index.html must link to every page.

usage: check_chromium.py DIR [--screenshots DIR]
Python standard library only.
"""

import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model_blocks  # noqa: E402

# Every element the writers produce; anything else came from the text.
PAGE_ELEMENTS = {"html", "head", "meta", "title", "style", "body", "main", "header", "nav", "p",
                 "ol", "li", "a", "article", "section", "div", "h1", "h2", "h3", "h4", "h5", "h6",
                 "table", "thead", "tbody", "tr", "th", "td"}

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--hide-scrollbars", "--mute-audio"]


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("check_chromium: no chromium on PATH (install the chromium package)")


def run_chromium(binary, page, extra):
    with tempfile.TemporaryDirectory(prefix="docpipe-chromium-") as profile:
        result = subprocess.run(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"chromium exited {result.returncode}: "
                           f"{result.stderr.decode(errors='replace')[-2000:]}")
    return result.stdout.decode("utf-8")


def check_page(binary, folder, page, shots):
    problems = []
    shot = shots / (page.relative_to(folder).as_posix().replace("/", "_") + ".png")
    run_chromium(binary, page, ["--window-size=1000,1400", f"--screenshot={shot}"])
    if not shot.exists() or shot.stat().st_size < 1000:
        problems.append(f"{page}: no screenshot")
    dom = run_chromium(binary, page, ["--dump-dom"])
    reader = model_blocks.read_blocks(dom)
    strangers = sorted(set(reader.elements) - PAGE_ELEMENTS)
    if strangers:
        problems.append(f"{page}: elements the writer never writes: {strangers}")
    headings = [b for b in reader.blocks if b[0].startswith("h")]
    if page.name == "index.html":
        problems += check_index(page, dom, headings)
        return problems, len(headings)
    model_path = page.with_suffix(".xml")
    if not model_path.exists():
        return [f"{page}: no model {model_path.name} beside it"], len(headings)
    expected = model_blocks.expected_blocks(model_blocks.load_model(model_path), "html")
    want = [b for b in expected if b[0].startswith("h")]
    counts = lambda blocks: {k: sum(1 for b in blocks if b[0] == k) for k in sorted({b[0] for b in blocks})}
    if counts(want) != counts(headings):
        problems.append(f"{page}: heading counts {counts(headings)}, model says {counts(want)}")
    problems += model_blocks.compare(expected, [tuple(b) for b in reader.blocks], str(page))
    if "<nav" in dom and len(model_blocks.kids(model_blocks.load_model(model_path), "article")) < 2:
        problems.append(f"{page}: a single article has a <nav>")
    return problems, len(headings)


class LinkReader(model_blocks.html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.links.append(dict(attrs).get("href", ""))


def check_index(page, dom, headings):
    problems = []
    if [h[0] for h in headings] != ["h1"]:
        problems.append(f"{page}: index headings {headings}")
    reader = LinkReader()
    reader.feed(dom)
    pages = sorted(p.relative_to(page.parent).as_posix() for p in page.parent.rglob("*.html")
                   if p != page)
    linked = sorted(urllib.parse.unquote(link) for link in reader.links)
    if linked != pages:
        problems.append(f"{page}: links {linked}, pages {pages}")
    if reader.links != sorted(reader.links, key=urllib.parse.unquote):
        problems.append(f"{page}: links not sorted")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=pathlib.Path)
    parser.add_argument("--screenshots", type=pathlib.Path)
    args = parser.parse_args()
    folder = args.folder.resolve()
    pages = sorted(folder.rglob("*.html"))
    if not pages:
        sys.exit(f"check_chromium: no .html under {args.folder}")
    shots = args.screenshots or args.folder / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    binary = chromium_binary()
    problems = []
    for page in pages:
        try:
            found, heading_count = check_page(binary, folder, page, shots.resolve())
        except Exception as error:  # one broken page must not hide the others
            found, heading_count = [f"{page}: {error}"], 0
        problems += found
        print(f"{'FAIL' if found else 'ok  '} {page.name}: {heading_count} headings")
    for problem in problems:
        print(problem)
    failed = len({p.split(':')[0] for p in problems})
    print(f"chromium: {len(pages) - failed} passed, {failed} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
