"""Helpers for testing report types and layouts (docgen's own tests use them too).

Plugin authors can write golden-file tests of their layouts with these, the
way click ships ``click.testing``.
"""
from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .contextdump import context_yaml
from .pipeline import prepare, rendered_in_memory


def document_text(docx: bytes | Path) -> str:
    """The text of a .docx, one paragraph per line, tables row by row (cells joined by ' | ')."""
    from docx import Document
    from docx.oxml.ns import qn

    source = io.BytesIO(docx) if isinstance(docx, bytes) else str(docx)
    body = Document(source).element.body
    lines: list[str] = []
    for block in body.iterchildren():
        if block.tag == qn("w:p"):
            lines.append("".join(t.text or "" for t in block.iter(qn("w:t"))))
        elif block.tag == qn("w:tbl"):
            for row in block.iter(qn("w:tr")):
                cells = ["".join(t.text or "" for t in cell.iter(qn("w:t"))) for cell in row.iter(qn("w:tc"))]
                lines.append(" | ".join(cells))
    return "\n".join(lines) + "\n"


def render_bytes(data_file: str | Path, layout: str | None = None) -> bytes:
    """Render a data file in memory and return the .docx bytes."""
    return rendered_in_memory(prepare(data_file, layout))


def context_of(data_file: str | Path, layout: str | None = None) -> dict[str, Any]:
    """The render context of a data file, as :func:`docgen.pipeline.prepare` builds it for a render
    (its attachments' fields, ``附件报告``, included)."""
    return prepare(data_file, layout).context


def context_text(data_file: str | Path, layout: str | None = None) -> str:
    """The computed context as the YAML ``docgen render --dump-context`` prints."""
    return context_yaml(context_of(data_file, layout))
