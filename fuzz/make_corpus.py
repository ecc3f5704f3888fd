#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (fuzz/corpus/<target>/) from samples/.

Seeds are kept small (a few KB): the start of each sample (title, 目录, first headings),
a piece from its middle, and for decode the same text in each encoding docpipe reads.
Run from the repository's top folder; the output is committed, so this runs only when
the samples change.
"""
import pathlib
import shutil

top = pathlib.Path(__file__).resolve().parent.parent
samples = sorted((top / "samples").glob("*.txt"))
corpus = top / "fuzz" / "corpus"


def cut(text: str, start: int, size: int) -> str:
    """About `size` bytes of whole lines from line `start` on."""
    lines = text.splitlines(keepends=True)[start:]
    out = ""
    for line in lines:
        if len((out + line).encode()) > size and out:
            break
        out += line
    return out


def write(target: str, name: str, data: bytes) -> None:
    folder = corpus / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


shutil.rmtree(corpus, ignore_errors=True)
texts = [(p.stem[:3], p.read_text(encoding="utf-8")) for p in samples]
for target in ["pipeline", "docx", "html", "markdown", "xml"]:
    for key, text in texts:
        write(target, f"{key}-head.txt", cut(text, 0, 3000).encode())
        middle = len(text.splitlines()) // 2
        write(target, f"{key}-middle.txt", cut(text, middle, 1500).encode())
    write(target, "hostile.txt",
          "标题<script>alert(1)</script>\n\n一、<b>&amp; ]]> \ufffe\x01\x7f\n"
          "（一）# 标题 [链接](javascript:alert(1))\n1. * _x_ `y` | z |\n".encode())

key, text = texts[0]
piece = cut(text, 0, 1200)
write("decode", "utf8.txt", piece.encode())
write("decode", "utf8-bom.txt", b"\xef\xbb\xbf" + piece.encode())
write("decode", "gb18030.txt", piece.encode("gb18030"))
write("decode", "utf16le-bom.txt", b"\xff\xfe" + piece.encode("utf-16-le"))
write("decode", "utf16be.txt", piece.encode("utf-16-be"))
write("decode", "utf32le-bom.txt", b"\xff\xfe\x00\x00" + piece.encode("utf-32-le"))
write("decode", "crlf.txt", piece.replace("\n", "\r\n").encode())
write("decode", "mixed.txt", cut(text, 0, 300).encode() + cut(text, 10, 300).encode("gb18030")
      + b"\xff\xfe\x00" + b"\x80\xc0\xed\xa0\x80")
