"""Read the text back out of an uncompressed PDF that fpdf2 wrote (for tests only).

fpdf2 writes a TrueType font as glyph codes (``Identity-H``) with a ``/ToUnicode`` map
per font, and a core font (Helvetica) as Latin-1 text. This follows the ``Tf`` font
switches of each page stream and decodes every ``(...) Tj`` string with its font's map.
Text runs are joined with spaces, so a sentence wrapped over two lines still reads whole.
"""

from __future__ import annotations

import re

_OBJECT = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.DOTALL)
_FONT_REF = re.compile(rb"/(F\d+) (\d+) 0 R")
_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.DOTALL)
_PAIR = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_TOKEN = re.compile(rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\)\s*Tj", re.DOTALL)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(raw: bytes) -> bytes:
    out = bytearray()
    index = 0
    while index < len(raw):
        char = raw[index : index + 1]
        if char != b"\\":
            out += char
            index += 1
            continue
        following = raw[index + 1 : index + 2]
        octal = re.match(rb"[0-7]{1,3}", raw[index + 1 : index + 4])
        if octal:
            out.append(int(octal.group(), 8))
            index += 1 + len(octal.group())
        else:
            out += _ESCAPES.get(following, following)
            index += 2
    return bytes(out)


def pdf_text(data: bytes) -> str:
    """All text of the PDF ``data`` (written with compression off), whitespace collapsed."""
    objects = {int(number): body for number, body in _OBJECT.findall(data)}
    maps: dict[bytes, dict[int, str]] = {}
    for body in objects.values():
        for name, ref in _FONT_REF.findall(body):
            font = objects.get(int(ref), b"")
            unicode_ref = _TO_UNICODE.search(font)
            if unicode_ref is None:
                continue
            cmap = objects.get(int(unicode_ref.group(1)), b"")
            maps[name] = {
                int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
                for block in _BFCHAR.findall(cmap)
                for code, text in _PAIR.findall(block)
            }
    runs: list[str] = []
    font: bytes = b""
    for match in _TOKEN.finditer(data):
        if match.group(1):
            font = match.group(1)
            continue
        raw = _unescape(match.group(2))
        if font in maps:
            codes = [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw), 2)]
            runs.append("".join(maps[font].get(code, "?") for code in codes))
        else:
            runs.append(raw.decode("latin-1"))
    return " ".join(" ".join(runs).split())
