"""Golden files for the Linshui 部门整体支出绩效自评报告: the document's text and the computed context.

A changed golden file is a claim that the new output is right: read its diff.
Regenerate with ``pytest --force-regen`` and review before committing.
"""
from __future__ import annotations

from docgen.testing import context_text, document_text, render_bytes

from conftest import EXAMPLES

DATA = EXAMPLES / "2022-linshui-附件" / "部门整体.yaml"


def test_document_text(file_regression) -> None:
    file_regression.check(document_text(render_bytes(DATA)), extension=".txt", encoding="utf-8")


def test_computed_context(file_regression) -> None:
    file_regression.check(context_text(DATA), extension=".yaml", encoding="utf-8")
