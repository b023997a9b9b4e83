"""Sentence-by-sentence comparison of a rendered report with its seed.

The seed's extraction artefacts (bookmarks, broken automatic numbering) are
fixed first, with the replacements listed in the reviewed fidelity file;
whitespace is not compared (the seeds are full of indentation and stray
spaces). What remains is a list of blocks where the two texts differ.
"""
from __future__ import annotations

import difflib
import io
import re
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from conftest import SEEDS


def seed_text(spec: dict[str, Any]) -> str:
    """The seed's text between ``start`` and ``end``, artefacts fixed."""
    text = (SEEDS / spec["seed"]).read_text(encoding="utf-8")
    text = re.sub(r"\[bookmark: [^\]]*\]", "", text)
    if spec.get("start"):
        text = text[text.index(spec["start"]):]
    if spec.get("end"):
        text = text[: text.index(spec["end"])]
    for old, new in spec.get("artefacts", []):
        assert old in text, f"artefact {old!r} not found in the seed"
        text = text.replace(old, new)
    return text


def sentences(text: str) -> list[str]:
    """Paragraphs split after each 。, whitespace removed, empty pieces dropped."""
    out: list[str] = []
    for line in text.splitlines():
        line = re.sub(r"\s+", "", line)
        out.extend(piece for piece in re.split(r"(?<=。)", line) if piece)
    return out


def differences(seed: str, ours: str) -> list[dict[str, list[str]]]:
    """The blocks of sentences where ``seed`` and ``ours`` differ, in order."""
    a, b = sentences(seed), sentences(ours)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [{"seed": a[i1:i2], "ours": b[j1:j2]}
            for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def extracted_text(docx: bytes) -> str:
    """The document's text as the seeds' extraction gives it: one line per paragraph, in tables per cell paragraph."""
    lines = []
    for block in Document(io.BytesIO(docx)).element.body.iterchildren():
        if block.tag in (qn("w:p"), qn("w:tbl")):  # a table's paragraphs are its cells' paragraphs, row by row
            paragraphs = [block] if block.tag == qn("w:p") else block.iter(qn("w:p"))
            lines += ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in paragraphs]
    return "\n".join(lines) + "\n"
