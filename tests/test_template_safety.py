"""Templates run sandboxed; a broken template gives a clear message naming the layout and paragraph."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from docgen.output import document_bytes
from docgen.reporttype import Layout
from docgen.rendering import render_layout
from docgen.testing import context_of, document_text

from conftest import LINSHUI, problem_of


def layout_with(tmp_path: Path, *paragraphs: str) -> Layout:
    folder = tmp_path / "测试版式"
    folder.mkdir()
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    (folder / "template.docx").write_bytes(document_bytes(document))
    return Layout("测试版式", "部门决算", folder)


ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ 部门.__class__.__base__.__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ 部门._private }}",
]


@pytest.mark.parametrize("source", ESCAPES)
def test_sandbox_refuses_python_internals(tmp_path: Path, source: str) -> None:
    problem = problem_of(layout_with(tmp_path, "开头", source))
    assert problem.code in ("DG404", "DG402")
    assert problem.params["layout"] == "测试版式"


def test_sandbox_escape_message(tmp_path: Path) -> None:
    problem = problem_of(layout_with(tmp_path, "{{ ''.__class__.__mro__ }}"))
    assert problem.code == "DG404"
    assert problem.params["reason"] == "access to attribute '__class__' of 'str' object is unsafe."


def test_calling_an_unsafe_method_is_refused(tmp_path: Path) -> None:
    problem = problem_of(layout_with(tmp_path, "{{ 部门.format.__self__ }}", ), {"部门": "x"})
    assert problem.code in ("DG402", "DG404")


def test_syntax_error_names_the_paragraph(tmp_path: Path) -> None:
    problem = problem_of(layout_with(tmp_path, "第一段", "收入合计{{ 收入.合计 }万元", "第三段"))
    assert problem.code == "DG401"
    # docxtpl joins everything up to the next "}}" into the broken tag, so the next paragraph shows too
    assert problem.params["paragraph"] == "收入合计{{ 收入.合计 }万元第三段"


def test_undefined_variable_is_an_error_not_a_blank(tmp_path: Path) -> None:
    problem = problem_of(layout_with(tmp_path, "第一段", "本年收入{{ 本年收入总额|金额 }}万元。"))
    assert (problem.code, problem.params["paragraph"]) == ("DG402", "本年收入{{ 本年收入总额|金额 }}万元。")
    assert "本年收入总额" in problem.params["reason"]


def test_unknown_filter(tmp_path: Path) -> None:
    problem = problem_of(layout_with(tmp_path, "{{ 部门|万元 }}"))
    assert problem.code == "DG401"
    assert "万元" in problem.params["reason"]


def test_corrupt_template_file(tmp_path: Path) -> None:
    folder = tmp_path / "坏模板"
    folder.mkdir()
    (folder / "template.docx").write_bytes(b"this is not a zip file")
    problem = problem_of(Layout("坏模板", "部门决算", folder))
    assert problem.code == "DG403"
    assert problem.params["layout"] == "坏模板"


HOSTILE = "A<B & C>D \"引号\" '单引号'\n第二行\t制表符 😀 控制\x01\x0b字符 ]]> &amp;"


def test_hostile_text_gives_a_valid_document(tmp_path: Path) -> None:
    context = context_of(LINSHUI)
    context["部门概况"]["主要职能"] = HOSTILE
    folder = LINSHUI.parent.parent / "templates" / "final-accounts" / "四川-邻水"
    data = render_layout(Layout("四川-邻水", "部门决算", folder), context)
    target = tmp_path / "hostile.docx"
    target.write_bytes(data)
    text = document_text(target)
    # control characters dropped, the newline a line break, the tab a tab, everything else kept
    assert "（一）主要职能。A<B & C>D \"引号\" '单引号'" in text
    assert "第二行" in text and "😀 控制字符 ]]> &amp;" in text
    paragraph = next(p for p in Document(str(target)).paragraphs if "主要职能" in p.text)
    assert "\n" in paragraph.text and "\t" in paragraph.text  # python-docx shows w:br and w:tab so
    if shutil.which("soffice"):
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(target)],
                       check=True, capture_output=True, timeout=120)
        assert (tmp_path / "hostile.pdf").stat().st_size > 10_000
