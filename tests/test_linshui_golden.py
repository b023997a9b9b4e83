"""Golden files for the Linshui example: the document's text and the computed context.

A changed golden file is a claim that the new output is right: read its diff.
Regenerate with ``pytest --force-regen`` and review before committing.
"""
from __future__ import annotations

from docgen.testing import context_text, document_text, render_bytes

from conftest import LINSHUI


def test_document_text(file_regression) -> None:
    file_regression.check(document_text(render_bytes(LINSHUI)), extension=".txt", encoding="utf-8")


def test_computed_context(file_regression) -> None:
    file_regression.check(context_text(LINSHUI), extension=".yaml", encoding="utf-8")
