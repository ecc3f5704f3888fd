"""What a page or a Markdown file must show for a docpipe model, block by block.

Shared by check_chromium.py and check_cmark.py. Python standard library only.

A block is (kind, text, lead): kind is "h1".."h6", "p" or "li"; text is the
block's whole text content; lead is, for a Markdown paragraph that starts with
a run-in heading, the heading's text (the bold lead must be part of it: the
writer may leave the heading's edge punctuation or white space outside).
"""

import html.parser
import xml.etree.ElementTree as ET

MODEL_NS = "urn:docpipe:document:1"


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def kids(node, name):
    return [c for c in node if local(c.tag) == name]


def first(node, name):
    found = kids(node, name)
    return found[0] if found else None


def text(node):
    return node.text or ""


def load_model(path):
    root = ET.parse(path).getroot()
    if local(root.tag) != "document":
        raise ValueError(f"{path}: root is not a docpipe document")
    return root


def heading_text(section):
    return section.get("marker", "") + text(first(section, "heading"))


def run_in_paragraph(section):
    """The p a run-in heading flows into: the element right after the heading."""
    heading = first(section, "heading")
    if heading.get("runin") not in ("true", "1"):
        return None
    children = list(section)
    after = children[children.index(heading) + 1:] if heading in children else []
    after = [c for c in after if isinstance(c.tag, str)]
    if after and local(after[0].tag) == "p" and after[0].get("runin") in ("true", "1"):
        return after[0]
    return None


def rank(section):
    return min(max(int(section.get("level", "1")) + 2, 3), 6)


def expected_blocks(root, flavour):
    """flavour "html": the page's blocks outside <nav>; "markdown": cmark's."""
    blocks = []
    articles = kids(root, "article")
    title = first(root, "title")
    if title is not None:
        blocks.append(("h1", text(title), None))
    for subtitle in kids(root, "subtitle"):
        blocks.append(("p", text(subtitle), None))
    toc = first(root, "toc")
    if toc is not None:
        entries = kids(toc, "entry")
        label = toc.get("label", "")
        if flavour == "markdown":
            if label:
                blocks.append(("p", label, None))
            blocks += [("li", text(e), None) for e in entries]
        elif len(articles) == 1 and entries:  # compilations get a generated <nav>
            blocks.append(("p", label or "目录", None))
            blocks += [("li", text(e), None) for e in entries]
    for article in articles:
        for name, kind in (("title", "h2"), ("subtitle", "p"), ("speaker", "p"),
                           ("salutation", "p")):
            for node in kids(article, name):
                blocks.append((kind, text(node), None))
        body(article, blocks, flavour)
    return blocks


def body(parent, blocks, flavour, skip=None):
    for child in parent:
        if child is skip or not isinstance(child.tag, str):
            continue
        if local(child.tag) == "p":
            blocks.append(("p", text(child), None))
        elif local(child.tag) == "section":
            run_in = run_in_paragraph(child)
            heading = heading_text(child)
            if run_in is not None and flavour == "markdown":
                blocks.append(("p", heading + text(run_in), heading))
            else:
                blocks.append((f"h{rank(child)}", heading, None))
                if run_in is not None:
                    blocks.append(("p", text(run_in), None))
            body(child, blocks, flavour, run_in)


class BlockReader(html.parser.HTMLParser):
    """Collects h1-h6, p and li blocks with their text, outside skipped parts.

    Also records every element name seen, so a caller can tell that no markup
    was smuggled in through the text, and whether a <p> starts with <strong>.
    """

    BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li"}
    SKIP = {"head", "nav", "script", "style", "template"}
    VOID = {"meta", "br", "hr", "img", "link", "input", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []  # [kind, text, strong-lead or None]
        self.elements = []
        self.comments = []
        self._skip_depth = 0
        self._open = None  # [kind, depth]
        self._depth = 0
        self._strong = None
        self._fresh_p = False

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)
        if tag in self.VOID:
            return
        self._depth += 1
        if self._skip_depth or tag in self.SKIP:
            self._skip_depth += 1
            return
        if self._open is None and tag in self.BLOCKS:
            self._open = [tag, self._depth]
            self.blocks.append([tag, "", None])
            self._fresh_p = tag == "p"
            return
        if tag == "strong" and self._open is not None and self._fresh_p:
            self._strong = self._depth
            self.blocks[-1][2] = ""
        self._fresh_p = False

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self._skip_depth:
            self._skip_depth -= 1
        elif self._open is not None and self._open[1] == self._depth:
            self._open = None
        elif self._strong == self._depth:
            self._strong = None
        self._depth -= 1

    def handle_data(self, data):
        if self._skip_depth or self._open is None:
            return
        self.blocks[-1][1] += data
        if self._strong is not None:
            self.blocks[-1][2] += data
        elif data.strip():
            self._fresh_p = False

    def handle_comment(self, data):
        self.comments.append(data)


def read_blocks(markup):
    reader = BlockReader()
    reader.feed(markup)
    reader.close()
    return reader


def compare(expected, found, where):
    """Problems found, as readable lines; empty when the blocks agree."""
    problems = []
    for i in range(max(len(expected), len(found))):
        want = expected[i] if i < len(expected) else None
        got = found[i] if i < len(found) else None
        if want is None:
            problems.append(f"{where}: extra block {got[0]} {got[1][:80]!r}")
        elif got is None:
            problems.append(f"{where}: missing block {want[0]} {want[1][:80]!r}")
        elif want[0] != got[0] or want[1] != got[1]:
            problems.append(f"{where}: block {i}: expected {want[0]} {want[1][:80]!r}, "
                            f"found {got[0]} {got[1][:80]!r}")
        elif want[2] is not None and not (got[2] and got[2] in want[2]):
            problems.append(f"{where}: block {i}: run-in heading {want[2]!r} is not a bold "
                            f"lead (found {got[2]!r})")
        if len(problems) >= 10:
            problems.append(f"{where}: …")
            break
    return problems
