"""Every built-in template opened and saved by LibreOffice Writer still renders the same report.

Writer rewrites the package (its own styles, ``&apos;`` inside tags, runs split where it
likes, fields recomputed); docgen normalises the tags before compiling
(:func:`docgen.compiled.normalise_tags`, :func:`docgen.compiled.normalise_runs`). The 目录
is a field each editor fills in its own way, so its placeholder text is left out of the
comparison. All templates are converted in one soffice call (a few seconds).
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from docgen.authoring import example_for, split_tags
from docgen.compiled import normalise_runs
from docgen.messages import format_message
from docgen.pipeline import prepare, report_types
from docgen.testing import document_text, rendered_in_memory

from conftest import BUILT_IN_LAYOUTS as LAYOUTS

ROOT = Path(__file__).resolve().parent.parent
SOFFICE = shutil.which("soffice")
#: The 目录 field's placeholder in the templates; Writer replaces it with the entries it computes.
TOC_PLACEHOLDER = "（目录在 Word 打开文档或 docgen 生成 PDF 时更新）"


@pytest.fixture(scope="module")
def saved_by_writer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A templates folder holding each built-in layout saved by Writer, named 往返-<its name>."""
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have LibreOffice (soffice) for the round-trip test")
        pytest.skip("LibreOffice is not installed")
    work = tmp_path_factory.mktemp("round-trip")
    (work / "in").mkdir()
    for layout in LAYOUTS:
        shutil.copy(ROOT / "templates" / layout / "template.docx", work / "in" / f"{layout.replace('/', '__')}.docx")
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{work}/profile", "--convert-to", "docx",
                    "--outdir", str(work / "out"), *sorted(str(p) for p in (work / "in").iterdir())],
                   check=True, capture_output=True, timeout=300)
    for layout in LAYOUTS:
        kind, name = layout.split("/")
        folder = work / "templates" / kind / f"往返-{name}"
        folder.mkdir(parents=True)
        shutil.copy(ROOT / "templates" / layout / "layout.yaml", folder / "layout.yaml")
        shutil.copy(work / "out" / f"{layout.replace('/', '__')}.docx", folder / "template.docx")
    return work / "templates"


def text_without_toc(report: bytes) -> list[str]:
    return [line for line in document_text(report).splitlines() if line and line != TOC_PLACEHOLDER]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_template_saved_by_writer_renders_the_same_text(layout: str, saved_by_writer: Path) -> None:
    kind, name = layout.split("/")
    report_type = next(report_types().get(n) for n in report_types().names() if report_types().get(n).id == kind)
    example = example_for(report_type, report_type.layout(name))
    original = text_without_toc(rendered_in_memory(prepare(example, name)))
    saved = text_without_toc(rendered_in_memory(prepare(example, f"往返-{name}", templates=[saved_by_writer])))
    assert saved == original


def test_runs_split_by_spelling_and_language_marks_are_joined_at_a_tag() -> None:
    split = ('<w:p><w:r><w:rPr><w:b/><w:lang w:val="en-US"/></w:rPr><w:t>收入{</w:t></w:r>'
             '<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="甲"/>'
             '<w:r w:rsidR="00AB12"><w:rPr><w:b/><w:lang w:val="zh-CN"/></w:rPr><w:t>{ 收入 }</w:t></w:r>'
             '<w:r><w:rPr><w:b/></w:rPr><w:t>}</w:t></w:r><w:r><w:t>万元</w:t></w:r></w:p>'
             '<w:p><w:r><w:rPr><w:lang w:val="en-US"/></w:rPr><w:t>无</w:t></w:r><w:proofErr w:type="gramEnd"/></w:p>')
    assert normalise_runs(split) == (
        '<w:p><w:r><w:rPr><w:b/><w:lang w:val="en-US"/></w:rPr><w:t xml:space="preserve">收入{{ 收入 }}</w:t></w:r>'
        '<w:r><w:t>万元</w:t></w:r></w:p>'
        '<w:p><w:r><w:rPr><w:lang w:val="en-US"/></w:rPr><w:t>无</w:t></w:r><w:proofErr w:type="gramEnd"/></w:p>')


def test_a_tag_whose_braces_differ_in_formatting_is_a_located_warning() -> None:
    xml = ('<w:p><w:r><w:t>部门：{</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{ 部门 }}</w:t></w:r></w:p>'
           '<w:p><w:r><w:t>{{ 年</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>度 }}</w:t></w:r></w:p>')
    assert [(p.code, format_message(p)) for p in split_tags(xml, "甲")] == [
        ("DG426", "版式 甲 中标签的括号“{{”被拆在两段格式不同的文字里，docgen 无法把它拼回标签（报告里会照原样印出括号，"
                  "或报语法错误）；请选中整个标签，清除格式后重新输入；所在段落：“部门：{{ 部门 }}”"),
        ("DG411", "版式 甲 的标签 {{ 年度 }} 被 Word 的格式拆成了几段：docgen 会把它拼起来，但标签内的格式会丢失；"
                  "建议选中整个标签，清除格式后重新输入；所在段落：“{{ 年度 }}”"),
    ]
