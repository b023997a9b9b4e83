"""A built-in template opened and saved by LibreOffice Writer still renders the same report.

Writer rewrites the package (its own styles, ``&apos;`` inside tags, fields
recomputed); docgen normalises the tags before compiling
(:func:`docgen.compiled.normalise_tags`). The 目录 is a field each editor fills in
its own way, so the text is compared from the first part on.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from docgen.pipeline import prepare
from docgen.testing import document_text, rendered_in_memory

from conftest import EXAMPLES

ROOT = Path(__file__).resolve().parent.parent
SOFFICE = shutil.which("soffice")


def body(text: str) -> list[str]:
    lines = text.splitlines()
    return lines[lines.index(next(line for line in lines if line.startswith("第一部分"))):]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("layout, example", [("四川-邻水", "2022-linshui.yaml")])
def test_a_template_saved_by_writer_renders_the_same_text(layout: str, example: str, tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "final-accounts" / "往返"
    folder.mkdir(parents=True)
    source = ROOT / "templates" / "final-accounts" / layout
    shutil.copy(source / "layout.yaml", folder / "layout.yaml")
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "docx",
                    "--outdir", str(tmp_path / "out"), str(source / "template.docx")],
                   check=True, capture_output=True, timeout=180)
    shutil.copy(tmp_path / "out" / "template.docx", folder / "template.docx")
    original = document_text(rendered_in_memory(prepare(EXAMPLES / example)))
    saved = document_text(rendered_in_memory(prepare(EXAMPLES / example, "往返", templates=[tmp_path / "templates"])))
    assert body(saved) == body(original)
