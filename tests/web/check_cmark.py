#!/usr/bin/env python3
"""Renders every docpipe Markdown file under a folder with cmark and checks
that the HTML holds exactly the model's headings at the model's levels and
the model's text, block by block and character for character.

A run-in heading is a bold lead of its paragraph, not a heading: the
paragraph's text is heading + body, and it must start with <strong> holding
(a prefix of) the heading. cmark runs with --unsafe so that raw HTML leaking
through the escaping would show up as elements and fail the check.

usage: check_cmark.py DIR [--front-matter]
  --front-matter: every file must start with YAML front matter whose title,
  source and language match the model (parsed with PyYAML when the Debian
  python3-yaml module is there, else with a strict reader of the subset the
  writer emits).
"""

import argparse
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import model_blocks  # noqa: E402

CMARK_ELEMENTS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "li", "em", "strong", "hr"}


def split_front_matter(markdown):
    if not markdown.startswith("---\n"):
        return None, markdown
    end = markdown.find("\n---\n", 3)
    if end < 0:
        raise ValueError("front matter is not closed")
    return markdown[4:end + 1], markdown[end + 5:]


def parse_yaml(source):
    try:
        import yaml  # Debian's python3-yaml
        return yaml.safe_load(source)
    except ImportError:
        values = {}
        for line in source.splitlines():
            match = re.fullmatch(r'([a-z]+): ("(?:[^"\\]|\\.)*")', line)
            if not match:
                raise ValueError(f"unexpected front matter line {line!r}")
            values[match[1]] = json.loads(match[2])  # the writer's escapes are JSON's too
        return values


def expected_front_matter(root, path):
    title = model_blocks.first(root, "title")
    if title is None:
        for article in model_blocks.kids(root, "article"):
            title = model_blocks.first(article, "title")
            if title is not None:
                break
    language = root.get("{http://www.w3.org/XML/1998/namespace}lang") or "zh-CN"
    return {"title": model_blocks.text(title) if title is not None else root.get("source"),
            "source": root.get("source"), "language": language}


def check_file(cmark, path, front_matter):
    problems = []
    model_path = path.with_suffix(".xml")
    if not model_path.exists():
        return [f"{path}: no model {model_path.name} beside it"], 0
    root = model_blocks.load_model(model_path)
    markdown = path.read_text(encoding="utf-8")
    yaml_source, markdown = split_front_matter(markdown)
    if front_matter:
        if yaml_source is None:
            problems.append(f"{path}: no front matter")
        else:
            found = parse_yaml(yaml_source)
            want = expected_front_matter(root, path)
            if found != want:
                problems.append(f"{path}: front matter {found}, expected {want}")
    elif yaml_source is not None:
        problems.append(f"{path}: unexpected front matter")
    result = subprocess.run([cmark, "--unsafe"], input=markdown.encode("utf-8"),
                            stdout=subprocess.PIPE, check=True, timeout=60)
    reader = model_blocks.read_blocks(result.stdout.decode("utf-8"))
    strangers = sorted(set(reader.elements) - CMARK_ELEMENTS)
    if strangers or reader.comments:
        problems.append(f"{path}: markup from the text: elements {strangers}, "
                        f"comments {reader.comments[:3]}")
    expected = model_blocks.expected_blocks(root, "markdown")
    headings = lambda blocks: [(b[0], b[1]) for b in blocks if b[0].startswith("h")]
    if headings(expected) != headings(reader.blocks):
        problems.append(f"{path}: headings differ from the model's")
    problems += model_blocks.compare(expected, [tuple(b) for b in reader.blocks], str(path))
    return problems, len(headings(reader.blocks))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=pathlib.Path)
    parser.add_argument("--front-matter", action="store_true")
    args = parser.parse_args()
    cmark = shutil.which("cmark") or sys.exit("check_cmark: no cmark on PATH")
    files = sorted(args.folder.rglob("*.md"))
    if not files:
        sys.exit(f"check_cmark: no .md under {args.folder}")
    failed = 0
    for path in files:
        try:
            problems, heading_count = check_file(cmark, path, args.front_matter)
        except Exception as error:
            problems, heading_count = [f"{path}: {error}"], 0
        failed += bool(problems)
        print(f"{'FAIL' if problems else 'ok  '} {path.name}: {heading_count} headings")
        for problem in problems:
            print(problem)
    print(f"cmark: {len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
