#!/usr/bin/env python3
"""Writes seeded random docpipe models full of markup characters, for the
escaping checks: every block's text mixes CommonMark/GFM/HTML syntax, Chinese
text and punctuation in random order, so cmark and tidy see combinations no
hand-written fixture lists. Same seed, same models.

usage: fuzz_models.py DIR [--count N] [--seed S]
"""

import argparse
import pathlib
import random
from xml.sax.saxutils import escape

PIECES = ["#", "##", "1.", "1)", "12.", "-", "+", "*", "**", "_", "__", ">", "<", "</", "<b>",
          "<!--", "-->", "&", "&amp;", "&#35;", "&#x41;", "&copy;", "&nbsp;", "[", "]", "](x)",
          "![", "`", "```", "~", "~~~", "|", "\\", "\\\\", "=", "===", "---", "***", "'", '"',
          "!", "?", ":", "(", ")", "{", "}", "$", "%", "^", "http://example.com", "www.x.cn",
          " ", " ", "  ", "\t", "\u3000", "\u00a0", "。", "，", "、", "：", "“", "”", "（", "）",
          "《", "》", "…", "——", "一、", "（一）", "①", "正文", "标题", "内容", "中国", "abc", "42"]


def random_text(rng, pieces=(1, 12)):
    while True:
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(*pieces)))
        text = text.strip(" \t\r\n")
        if text:
            return text


class Model:
    def __init__(self, rng):
        self.rng = rng
        self.line = 0
        self.out = []

    def block(self, indent, tag, extra="", text=None):
        self.line += 1
        body = escape(text if text is not None else random_text(self.rng), {'"': "&quot;"})
        self.out.append(f'{"  " * indent}<{tag} line="{self.line}"{extra}>{body}</{tag}>')

    def section(self, indent, level):
        rng = self.rng
        marker = escape(rng.choice(["", "一、", "（一）", "1.", "①", "一是", "#", "*"]))
        family = "other" if not marker else "cn-dun"
        self.out.append(f'{"  " * indent}<section level="{level}" family="{family}" '
                        f'marker="{marker}">')
        run_in = rng.random() < 0.4
        self.block(indent + 1, "heading", ' runin="true"' if run_in else "")
        if run_in and rng.random() < 0.8:
            self.line -= 1  # the body text is on the heading's line
            self.block(indent + 1, "p", ' runin="true"')
        for _ in range(rng.randint(0, 3)):
            if level < 6 and rng.random() < 0.3:
                self.section(indent + 1, level + 1)
            else:
                self.block(indent + 1, "p")
        self.out.append(f'{"  " * indent}</section>')

    def document(self, name):
        rng = self.rng
        self.out.append('<?xml version="1.0" encoding="UTF-8"?>')
        self.out.append(f'<document xmlns="urn:docpipe:document:1" version="1" xml:lang="zh-CN" '
                        f'source="{escape(name)}.txt" encoding="UTF-8">')
        if rng.random() < 0.8:
            self.block(1, "title")
        for _ in range(rng.randint(0, 2)):
            self.block(1, "subtitle")
        if rng.random() < 0.5:
            self.line += 1
            label = escape(random_text(rng, (1, 3)), {'"': "&quot;"})
            self.out.append(f'  <toc label="{label}" line="{self.line}">')
            for _ in range(rng.randint(0, 4)):
                self.block(2, "entry")
            self.out.append("  </toc>")
        for _ in range(rng.randint(1, 3)):
            self.out.append("  <article>")
            if rng.random() < 0.8:
                self.block(2, "title")
            for tag, most in (("subtitle", 2), ("speaker", 2), ("salutation", 1)):
                for _ in range(rng.randint(0, most)):
                    self.block(2, tag)
            for _ in range(rng.randint(1, 6)):
                if rng.random() < 0.4:
                    self.section(2, 1)
                else:
                    self.block(2, "p")
            self.out.append("  </article>")
        self.out.append("</document>\n")
        return "\n".join(self.out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=pathlib.Path)
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    for i in range(args.count):
        name = f"fuzz-{i:03d}"
        (args.folder / f"{name}.xml").write_text(Model(rng).document(name), encoding="utf-8")


if __name__ == "__main__":
    main()
