"""`docgen render --pdf`: the Linshui example as a PDF, read back with poppler (pdftotext, pdffonts).

These tests need LibreOffice, poppler-utils and python3-uno, which .ci/run installs. On a developer's
machine without them they are skipped; in CI (``CI`` set) a missing tool fails them.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from test_charts import SEED_001

from conftest import LINSHUI, ROOT

TOOLS = ("soffice", "pdftotext", "pdffonts", "fc-match")
CAPTIONS = {"收支总计变动": 1, "收入结构": 2, "支出结构": 3, "财政拨款收支总计变动": 4, "一般公共预算支出变动": 5,
            "一般公共预算支出结构": 6, "三公经费结构": 7}
PLACEHOLDER = "目录在Word打开文档或docgen生成PDF时更新"


def need_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI must install {', '.join(missing)} (.ci/run: libreoffice-writer-nogui fonts-noto-cjk "
                    "poppler-utils python3-uno)")
    if missing:
        pytest.skip(f"not installed here: {', '.join(missing)}")


def raw_pages(pdf: Path) -> list[str]:
    """The text of each page as pdftotext gives it."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return text.split("\f")[:-1]


def pages(pdf: Path) -> list[str]:
    """The text of each page, all whitespace removed (pdftotext spaces CJK from digits, wraps labels)."""
    return [re.sub(r"\s+", "", page) for page in raw_pages(pdf)]


def render_pdf(out: Path, env: dict[str, str] | None = None) -> tuple[Path, str]:
    need_tools()
    result = CliRunner().invoke(main, ["render", str(LINSHUI), "-o", str(out / "2022-linshui.docx"), "--pdf"],
                                env=env)
    assert result.exit_code == 0, result.output
    return out / "2022-linshui.pdf", result.output


@pytest.fixture(scope="module")
def linshui_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], str, str]:
    """The PDF's pages (whitespace removed), the command's output with pdffonts', the 目录 page as is."""
    pdf, output = render_pdf(tmp_path_factory.mktemp("pdf"))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return pages(pdf), output + fonts, raw_pages(pdf)[1]


@pytest.mark.parametrize("name", SEED_001)
def test_each_chart_shows_its_labels_on_its_page(linshui_pdf: tuple[list[str], str, str], name: str) -> None:
    texts, _, _ = linshui_pdf
    caption = f"图{CAPTIONS[name]}："
    [page] = [text for text in texts if caption in text]
    categories, values = SEED_001[name]
    assert all(label in page for label in categories), (categories, page)
    if name.endswith("变动"):  # column charts carry their values on top of the columns
        assert all(value in page for value in values)


def test_the_contents_have_the_page_numbers_of_the_headings(linshui_pdf: tuple[list[str], str, str]) -> None:
    texts, _, contents = linshui_pdf
    assert texts[1].startswith("目录第一部分部门概况") and PLACEHOLDER not in texts[1]
    entries = [(re.sub(r"\s+", "", title), number)
               for title, number in re.findall(r"^(.+?)\.{3,}(\d+)$", contents, re.MULTILINE)]
    assert len(entries) >= 20  # parts, 一级 sections and the attached reports' titles
    body = texts[2:] if texts[2].startswith("第一部分") else texts[3:]
    for title, number in entries:
        [page] = [p for p in body if p.endswith(f"—{number}—")]  # the footer: — N —
        assert title in page, (title, number)


def test_page_numbers_start_at_the_report_and_the_cover_has_none(linshui_pdf: tuple[list[str], str, str]) -> None:
    texts, _, _ = linshui_pdf
    assert texts[0] == "邻水县医疗保障局2022年度部门决算"
    first = next(i for i, text in enumerate(texts) if text.startswith("第一部分部门概况一、"))
    assert texts[first].endswith("—1—") and texts[first + 1].endswith("—2—")


def test_chinese_faces_resolve_to_simplified_chinese_noto(linshui_pdf: tuple[list[str], str, str]) -> None:
    _, fonts, _ = linshui_pdf
    assert "NotoSerifCJK" in fonts and "NotoSansCJK" in fonts  # body (仿宋) and headings/charts (黑体)
    conf = {"FONTCONFIG_FILE": str(ROOT / "docgen" / "data" / "fonts.conf")}
    for face, expected in (("仿宋_GB2312", "Noto Serif CJK SC"), ("楷体_GB2312", "Noto Serif CJK SC"),
                           ("方正小标宋简体", "Noto Serif CJK SC"), ("黑体", "Noto Sans CJK SC")):
        matched = subprocess.run(["fc-match", face], capture_output=True, text=True, env={**os.environ, **conf})
        assert f'"{expected}"' in matched.stdout, (face, matched.stdout)


def test_without_python3_uno_the_pdf_is_made_and_the_missing_contents_explained(tmp_path: Path) -> None:
    pdf, output = render_pdf(tmp_path, env={"DOCGEN_UNO_PYTHON": str(tmp_path / "no-python")})
    assert "警告 DG813" in output and "python3-uno" in output
    texts = pages(pdf)
    assert PLACEHOLDER in texts[1]  # plain soffice leaves the TOC field as it is
    assert "图7：“三公”经费财政拨款支出结构" in "".join(texts)


def test_without_libreoffice_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = CliRunner().invoke(main, ["render", str(LINSHUI), "-o", str(tmp_path / "a.docx"), "--pdf"])
    assert result.exit_code == 1
    assert "错误 DG811: 未安装 LibreOffice" in result.output and "libreoffice-writer-nogui" in result.output
    assert list(tmp_path.iterdir()) == []
