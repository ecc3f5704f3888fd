#!/usr/bin/python3
"""External checks of docpipe's DOCX output (run by ctest, see tests/docx.cmake).

    check.py prepare  WORK DOCPIPE FIXTURE_WRITER SOURCE_DIR
    check.py determinism WORK DOCPIPE SOURCE_DIR
    check.py validate WORK VALIDATOR
    check.py pdf      WORK
    check.py layout   WORK
    check.py styles   WORK
    check.py pandoc   WORK

WORK holds samples/ (docpipe convert -f docx,xml of the samples), fixtures/
(hostile models written by the writer alone, each with its model beside it)
and pdf/ (LibreOffice's rendering of both). Runs under Debian's /usr/bin/python3
for python3-docx. A missing tool skips (exit 77) on a developer's machine and
fails in CI, where scripts/test installs everything.
"""

import collections
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

MODEL_NS = "{urn:docpipe:document:1}"
SKIP = 77


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def need(tool):
    path = shutil.which(tool)
    if path:
        return path
    print(f"{tool} is not installed (scripts/packages-test-docx.txt)")
    sys.exit(1 if os.environ.get("CI") else SKIP)


def run(command, **kwargs):
    return subprocess.run(command, check=False, capture_output=True, text=True, **kwargs)


def docx_files(work, subdir):
    folder = os.path.join(work, subdir)
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".docx"))


# ---------------------------------------------------------------- the model

def load_model(path):
    """The model, tolerating the control-character references in hostile fixtures."""
    with open(path, encoding="utf-8") as f:
        text = f.read()

    def allowed(match):
        ref = match.group(1)
        code = int(ref[1:], 16) if ref[0] in "xX" else int(ref)
        ok = code in (9, 10, 13) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD \
            or code >= 0x10000
        return match.group(0) if ok else ""

    return ET.fromstring(re.sub(r"&#(x[0-9a-fA-F]+|[0-9]+);", allowed, text))


def text_of(element):
    return element.text or ""


def expected_paragraphs(model):
    """(style name, text) of every paragraph the writer should produce, in order."""
    out = []
    articles = model.findall(MODEL_NS + "article")
    compilation = len(articles) > 1
    doc_title = model.find(MODEL_NS + "title")
    if doc_title is not None:
        out.append(("Title", text_of(doc_title)))
    for sub in model.findall(MODEL_NS + "subtitle"):
        out.append(("Subtitle", text_of(sub)))
    titled = [a for a in articles if a.find(MODEL_NS + "title") is not None]
    if compilation and titled:
        toc = model.find(MODEL_NS + "toc")
        label = toc.get("label") if toc is not None and toc.get("label") else "目  录"
        out.append(("TOC Heading", label))
        for a in titled:
            out.append(("toc 1", None))  # text and page number inside a field
    for article in articles:
        single = not compilation and doc_title is None
        title = article.find(MODEL_NS + "title")
        if title is not None:
            out.append(("Title" if single else "Article Title", text_of(title)))
        for sub in article.findall(MODEL_NS + "subtitle"):
            out.append(("Subtitle" if single else "Article Subtitle", text_of(sub)))
        for speaker in article.findall(MODEL_NS + "speaker"):
            out.append(("Speaker", text_of(speaker)))
        salutation = article.find(MODEL_NS + "salutation")
        if salutation is not None:
            out.append(("Salutation", text_of(salutation)))
        body(article, out)
    return out


def body(parent, out):
    children = list(parent)
    i = 0
    while i < len(children):
        node = children[i]
        if node.tag == MODEL_NS + "p":
            out.append(("Body Text", text_of(node)))
        elif node.tag == MODEL_NS + "section":
            level = min(int(node.get("level", "1")), 6)
            inner = list(node)
            heading = inner[0] if inner and inner[0].tag == MODEL_NS + "heading" else None
            rest = inner[1:] if heading is not None else inner
            if heading is not None:
                text = node.get("marker", "") + text_of(heading)
                if heading.get("runin") in ("true", "1") and rest and \
                        rest[0].tag == MODEL_NS + "p" and rest[0].get("runin") in ("true", "1"):
                    text += text_of(rest[0])
                    rest = rest[1:]
                out.append((f"Heading {level}", text))
            wrapper = ET.Element("x")
            wrapper.extend(rest)
            body(wrapper, out)
        i += 1


def expected_headings(model):
    return [(int(style.split()[1]), text) for style, text in expected_paragraphs(model)
            if style.startswith("Heading ")]


def word_text(text):
    """Text as Word holds it: tabs and breaks are elements, CR is dropped."""
    return re.sub(r"[\t\n\r]", "", text)


def comparable(style, text):
    """Titles are broken over lines, the spaces at a break dropped: compare
    them without white space; other paragraphs as Word holds them."""
    if style in ("Title", "Article Title"):
        return re.sub(r"\s", "", text)
    return word_text(text)


def model_for(docx):
    path = docx[:-len(".docx")] + ".xml"
    if not os.path.exists(path):
        fail(f"no model beside {docx}")
    return load_model(path)


# ---------------------------------------------------------------- commands

def prepare(work, docpipe, fixture_writer, source_dir):
    shutil.rmtree(work, ignore_errors=True)
    samples = os.path.join(work, "samples")
    fixtures = os.path.join(work, "fixtures")
    os.makedirs(fixtures)
    result = run([docpipe, "convert", os.path.join(source_dir, "samples"), "-o", samples,
                  "-f", "docx,xml", "-q"])
    if result.returncode != 0:
        fail("docpipe convert: " + result.stdout + result.stderr)

    # Hostile and edge-case models, each written beside its DOCX as the model.
    models = {}
    fixture_dir = os.path.join(source_dir, "tests", "fixtures")
    # Every model among the fixtures (the other writers' hostile ones too).
    for name in sorted(os.listdir(fixture_dir)):
        path = os.path.join(fixture_dir, name)
        if name.endswith(".xml") and load_model(path).tag == MODEL_NS + "document":
            models[name[:-4]] = path
    long_model = os.path.join(fixtures, "long-source.xml")
    with open(long_model, "w", encoding="utf-8") as f:
        paragraph = "很长的段落，" * 20000
        f.write('<document xmlns="urn:docpipe:document:1" version="1" source="long.txt" '
                f'encoding="UTF-8"><article><p line="1">{paragraph}</p></article></document>')
    models["docx-long"] = long_model

    variants = [("", []), ("-plain", ["--style", "plain"])]
    for name, model in models.items():
        for suffix, options in variants:
            out = os.path.join(fixtures, name + suffix)
            result = run([fixture_writer, model, out + ".docx"] + options)
            if result.returncode != 0:
                fail(f"{name}{suffix}: {result.stderr}")
            shutil.copyfile(model, out + ".xml")
    # Templates: one of docpipe's own documents, and pandoc's reference.docx.
    templates = {"self": docx_files(work, "samples")[0]}
    if shutil.which("pandoc"):
        pandoc_reference = os.path.join(work, "pandoc-reference.docx")
        with open(pandoc_reference, "wb") as f:
            f.write(subprocess.run(["pandoc", "--print-default-data-file", "reference.docx"],
                                   check=True, capture_output=True).stdout)
        templates["pandoc"] = pandoc_reference
    for tag, template in templates.items():
        out = os.path.join(fixtures, f"model-sample-reference-{tag}")
        result = run([fixture_writer, models["model-sample"], out + ".docx",
                      "--reference-docx", template])
        if result.returncode != 0:
            fail(f"reference {tag}: {result.stderr}")
        shutil.copyfile(models["model-sample"], out + ".xml")
    print(f"{len(docx_files(work, 'samples'))} samples, {len(docx_files(work, 'fixtures'))} fixtures")


def determinism(work, docpipe, source_dir):
    """Two runs give the same bytes; SOURCE_DATE_EPOCH dates the documents."""
    outputs = []
    for run_number, epoch in ((1, None), (2, None), (3, "1700000000")):
        out = os.path.join(work, f"determinism-{run_number}")
        shutil.rmtree(out, ignore_errors=True)
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        if epoch:
            env["SOURCE_DATE_EPOCH"] = epoch
        result = run([docpipe, "convert", os.path.join(source_dir, "samples"), "-o", out,
                      "-f", "docx", "-q", "-j", "2"], env=env)
        if result.returncode != 0:
            fail("docpipe convert: " + result.stdout + result.stderr)
        files = {}
        for name in sorted(os.listdir(out)):
            with open(os.path.join(out, name), "rb") as f:
                files[name] = f.read()
        outputs.append(files)
    if outputs[0] != outputs[1]:
        fail("two runs gave different DOCX bytes")
    for name, data in outputs[0].items():
        core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
        if "dcterms:" in core:
            fail(f"{name}: dated without SOURCE_DATE_EPOCH")
        if any(info.date_time != (1980, 1, 1, 0, 0, 0)
               for info in zipfile.ZipFile(io.BytesIO(data)).infolist()):
            fail(f"{name}: zip entries carry a date")
    for name, data in outputs[2].items():
        core = zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml").decode()
        if "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2023-11-14T22:13:20Z<" not in core:
            fail(f"{name}: SOURCE_DATE_EPOCH=1700000000 not in core.xml: {core}")
    print(f"{len(outputs[0])} documents: byte-identical across runs, dated only by SOURCE_DATE_EPOCH")


def validator_errors(validator, path):
    result = run([validator, path])
    try:
        return json.loads(result.stdout).get("errors", [])
    except json.JSONDecodeError:
        fail(f"validator output for {path}: {result.stdout} {result.stderr}")


def validate(work, validator):
    if not os.path.exists(validator):
        print(f"{validator} missing: run scripts/setup-docx.sh")
        sys.exit(1 if os.environ.get("CI") else SKIP)
    # pandoc's reference.docx is itself invalid (element order in its styles
    # and settings); what a template brings is reported but not counted.
    inherited = set()
    template = os.path.join(work, "pandoc-reference.docx")
    if os.path.exists(template):
        inherited = {(e.get("path"), e.get("description")) for e in validator_errors(validator, template)}
        print(f"pandoc-reference.docx itself: {len(inherited)} errors")
    files = docx_files(work, "samples") + docx_files(work, "fixtures")
    total = 0
    for path in files:
        errors = validator_errors(validator, path)
        own = [e for e in errors if (e.get("path"), e.get("description")) not in inherited]
        total += len(own)
        note = f" (+{len(errors) - len(own)} from the template)" if len(errors) != len(own) else ""
        print(f"{os.path.basename(path)}: {len(own)} errors{note}")
        for e in own[:10]:
            print(f"  {e.get('path')} {e.get('xPath')}: {e.get('description')}")
    if total:
        fail(f"{total} validation errors")
    print(f"{len(files)} files, 0 errors")


def pdf(work):
    soffice = need("soffice")
    out = os.path.join(work, "pdf")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    files = docx_files(work, "samples") + docx_files(work, "fixtures")
    profile = "file://" + os.path.abspath(os.path.join(work, "lo-profile"))
    # One soffice for all files: starting it costs more than converting.
    env = dict(os.environ, FONTCONFIG_FILE=os.path.join(os.path.dirname(__file__), "fonts.conf"))
    result = run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                  "--convert-to", "pdf", "--outdir", out] + files, timeout=900, env=env)
    missing = [f for f in files
               if not os.path.exists(os.path.join(out, os.path.basename(f)[:-5] + ".pdf"))]
    if result.returncode != 0 or missing:
        fail(f"soffice: {missing} not converted\n{result.stdout}\n{result.stderr}")
    print(f"{len(files)} PDFs")


def pdf_pages(path):
    result = run(["pdftotext", "-layout", path, "-"])
    if result.returncode != 0:
        fail(f"pdftotext {path}: {result.stderr}")
    pages = result.stdout.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [[line.strip() for line in page.split("\n") if line.strip()] for page in pages]


PAGE_NUMBER = re.compile(r"—\s*(\d+)\s*—")
WIDE = re.compile(r"[\u2E80-\uA4CF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\u2014\u2018-\u201D\u2026"
                  r"\u3000-\u303F]")
HANGING = "，。、；：！？”’）》」』"


def bbox_pages(path):
    """Per page: (width, height, [(xMin, yMin, xMax, word)])."""
    result = run(["pdftotext", "-bbox", path, "-"])
    pages = []
    for match in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>',
                             result.stdout, re.S):
        words = [(float(a), float(b), float(c), w) for a, b, c, w in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                            r'yMax="[\d.]+">([^<]*)</word>', match.group(3))]
        pages.append((float(match.group(1)), float(match.group(2)), words))
    return pages


GRID_PITCH = 579 / 20  # points: the grid line, 28.95 pt


def grid_use(path):
    """Per page: the grid line (1-based) of the lowest text line, the page
    number's centre as a fraction of the page width, and the line pitches."""
    pages = bbox_pages(path)
    tops = collections.Counter()
    for _, height, words in pages:
        body = sorted({round(y, 1) for x0, y, x1, w in words if y < height * 0.87})
        if body:
            tops[body[0]] += 1
    top = tops.most_common(1)[0][0] if tops else 0  # the first grid line, on most pages
    result = []
    for width, height, words in pages:
        body = sorted({round(y, 1) for x0, y, x1, w in words if y < height * 0.87})
        footer = [(x0, x1) for x0, y, x1, w in words if y >= height * 0.87]
        lowest = round((body[-1] - top) / GRID_PITCH) + 1 if body else 0
        side = (min(a for a, _ in footer) + max(b for _, b in footer)) / 2 / width if footer else None
        pitches = [round(b - a, 1) for a, b in zip(body, body[1:])]
        result.append((lowest, side, pitches))
    return result


def layout(work):
    need("pdftotext")
    failures = []
    totals = collections.Counter()
    for docx in docx_files(work, "samples"):
        name = os.path.basename(docx)[:-5]
        pages = pdf_pages(os.path.join(work, "pdf", name + ".pdf"))
        per_page, widths = [], collections.Counter()
        for number, lines in enumerate(pages, 1):
            numbers = [PAGE_NUMBER.fullmatch(line) for line in lines]
            found = [int(m.group(1)) for m in numbers if m]
            if found != [number]:
                failures.append(f"{name} page {number}: page number {found}, not — {number} —")
            text = [line for line, m in zip(lines, numbers) if not m]
            if not text:
                failures.append(f"{name} page {number} is blank")
            per_page.append(len(text))
            for line in text:
                if len(WIDE.findall(line)) != len(line):
                    continue  # Latin letters and digits are narrower: not a cell count
                count = len(line)
                if count == 29 and line[-1] in HANGING:
                    count = 28  # punctuation hanging in the margin, as Word allows
                widths[count] += 1
        full_lines = widths[28]
        longest = max(widths) if widths else 0
        most = widths.most_common(1)[0][0] if widths else 0
        print(f"{name}: {len(pages)} pages, lines per page {per_page}; "
              f"all-Chinese lines by length {sorted(widths.items())}")
        if longest > 28 or most != 28:
            failures.append(f"{name}: full lines should hold 28 characters "
                            f"(longest {longest}, most common {most})")
        if max(per_page) > 22:
            failures.append(f"{name}: a page has {max(per_page)} lines of text, more than 22")
        totals["lines"] += full_lines
        # The grid: lines 28.95 pt apart, never more than 22 to a page, and
        # 22 on the pages whose text runs on. Odd page numbers on the right,
        # even ones on the left (GB/T 9704 7.5).
        grid = grid_use(os.path.join(work, "pdf", name + ".pdf"))
        pitches = collections.Counter(p for _, _, ps in grid for p in ps)
        pitch = pitches.most_common(1)[0][0] if pitches else 0
        used = [lowest for lowest, _, _ in grid]
        print(f"  grid lines used per page {used}, line pitch {pitch} pt")
        if abs(pitch - GRID_PITCH) > 0.15:
            failures.append(f"{name}: line pitch {pitch} pt, not {GRID_PITCH:.2f}")
        if max(used) > 22 or (len(pages) > 1 and max(used) != 22):
            failures.append(f"{name}: at most {max(used)} grid lines used on a page, not 22")
        totals["full pages"] += used.count(22)
        for number, (_, side, _) in enumerate(grid, 1):
            if side is not None and (number % 2 == 1) != (side > 0.5):
                failures.append(f"{name} page {number}: number on the wrong side ({side:.2f})")
        # The table of contents' pre-filled page numbers match the rendering.
        entries, previous = [], ""
        for line in pages[0]:
            entry = re.match(r"(.+?)\s*\.{3,}\s*(\d+)$", line)
            if entry:
                # An entry too long for one line: its start is the full line above.
                head = previous if len(previous.replace(" ", "")) >= 24 else ""
                entries.append(((head + entry.group(1)).replace(" ", ""), int(entry.group(2))))
                previous = ""
            else:
                previous = line
        start = 1
        for title, page in entries:
            # A long title is broken over lines: look for it in the page's text.
            actual = next((i + 1 for i in range(start, len(pages))
                           if title in "".join(pages[i]).replace(" ", "")), None)
            if actual is not None:
                start = actual  # the next entry is on a later page (titles may repeat)
                if actual != page:
                    failures.append(f"{name}: contents say {title} is on page {page}, "
                                    f"it is on {actual}")
    for docx in docx_files(work, "fixtures"):
        pdf_path = os.path.join(work, "pdf", os.path.basename(docx)[:-5] + ".pdf")
        if not pdf_pages(pdf_path):
            failures.append(f"{pdf_path}: no pages")
    print(f"{totals['full pages']} pages using all 22 grid lines, {totals['lines']} lines of 28 characters")
    if failures:
        fail("\n  ".join(failures))


def styles(work):
    try:
        import docx  # Debian's python3-docx
    except ImportError:
        print("python3-docx is not installed")
        sys.exit(1 if os.environ.get("CI") else SKIP)
    failures = []
    for path in docx_files(work, "samples") + docx_files(work, "fixtures"):
        expected = expected_paragraphs(model_for(path))
        document = docx.Document(path)
        actual = [(p.style.name, p.text) for p in document.paragraphs]
        name = os.path.basename(path)
        if len(actual) != len(expected):
            failures.append(f"{name}: {len(actual)} paragraphs, expected {len(expected)}")
        compare_text = "/samples/" in path
        for i, ((style, text), (want_style, want_text)) in enumerate(zip(actual, expected)):
            if style != want_style:
                failures.append(f"{name} paragraph {i + 1}: style {style!r}, "
                                f"expected {want_style!r} ({text[:30]})")
            elif compare_text and want_text is not None and \
                    comparable(style, text) != comparable(style, want_text):
                failures.append(f"{name} paragraph {i + 1}: text {text[:40]!r} expected "
                                f"{want_text[:40]!r}")
        print(f"{name}: {len(actual)} paragraphs, "
              f"{collections.Counter(s for s, _ in actual).most_common(4)}")
    if failures:
        fail("\n  ".join(failures[:40]))


def stringify(inlines):
    out = []
    for inline in inlines:
        kind, content = inline.get("t"), inline.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Superscript",
                      "Subscript"):
            out.append(stringify(content))
        elif kind in ("Span", "Link"):
            out.append(stringify(content[1]))
        elif kind == "Quoted":
            out.append(stringify(content[1]))
    return "".join(out)


def pandoc(work):
    tool = need("pandoc")
    failures = []
    for path in docx_files(work, "samples") + docx_files(work, "fixtures"):
        if "reference-pandoc" in path:
            continue  # pandoc's own template names its headings differently
        result = run([tool, "-f", "docx", "-t", "json", path])
        if result.returncode != 0:
            failures.append(f"{path}: pandoc failed: {result.stderr}")
            continue
        blocks = json.loads(result.stdout)["blocks"]
        actual = [(b["c"][0], stringify(b["c"][2])) for b in blocks if b["t"] == "Header"]
        expected = expected_headings(model_for(path))
        squash = lambda s: re.sub(r"\s+", "", s)
        name = os.path.basename(path)
        if [(level, squash(text)) for level, text in actual] != \
                [(level, squash(word_text(text))) for level, text in expected]:
            failures.append(f"{name}: pandoc headings differ from the model's sections\n"
                            f"    got      {actual[:6]}\n    expected {expected[:6]}")
        print(f"{name}: {len(actual)} headings, levels "
              f"{sorted(collections.Counter(level for level, _ in actual).items())}")
    if failures:
        fail("\n  ".join(failures))


def main():
    command, work = sys.argv[1], sys.argv[2]
    if command == "prepare":
        prepare(work, *sys.argv[3:6])
    elif command == "determinism":
        determinism(work, *sys.argv[3:5])
    elif command == "validate":
        validate(work, sys.argv[3])
    elif command == "pdf":
        pdf(work)
    elif command == "layout":
        layout(work)
    elif command == "styles":
        styles(work)
    elif command == "pandoc":
        pandoc(work)
    else:
        fail("unknown command " + command)


if __name__ == "__main__":
    main()
