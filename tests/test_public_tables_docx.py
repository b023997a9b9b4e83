"""The 决算公开表 as Word tables in the report (``{{p 附表() }}``, docgen/tabledocx.py).

The tables of the Linshui example (which examples/2022-云南-公开表.yaml borrows) are rendered
through the built-in layout 云南-公开表 and compared with ``docgen tables``' workbook cell for cell;
tables 01, 05 and 07 are also checked against figures recomputed by hand. Structure (repeated
header rows, merges, indentation, totals, the empty table), the 零值 setting, both render paths,
valid OOXML and the located errors are tested on small layouts made in tmp_path.
"""
from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from docgen.errors import DocgenError
from docgen.messages import format_message
from docgen.publictables import BY_KEY, SECTION, form
from docgen.tabledocx import amount_text, lookup
from docgen.testing import context_of, document_text, render_bytes

from conftest import EXAMPLES, LINSHUI, LINSHUI_MAIN

YUNNAN = EXAMPLES / "2022-云南-公开表.yaml"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUMBERS = ["公开01表", "公开02表", "公开03表", "公开04表", "公开05表", "公开06表", "公开07表", "公开08表", "公开09表"]


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def docx_tables(docx: bytes) -> list[dict]:
    """Each table of the body: the three paragraphs before it, its header row count, and its cells on the
    grid (a merged cell's text at its first place, '' at the places it covers)."""
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")).find(f"{W}body")
    blocks = list(body)
    found = []
    for i, block in enumerate(blocks):
        if block.tag != f"{W}tbl":
            continue
        grid = []
        for row in block.iter(f"{W}tr"):
            cells = []
            for cell in row.iter(f"{W}tc"):
                span = cell.find(f"{W}tcPr/{W}gridSpan")
                merge = cell.find(f"{W}tcPr/{W}vMerge")
                continued = merge is not None and merge.get(f"{W}val") in (None, "continue")
                cells += ["" if continued else _text(cell)] + [""] * (int(span.get(f"{W}val")) - 1 if span is not None else 0)
            grid.append(cells)
        found.append({"before": [_text(b) for b in blocks[i - 3:i]], "grid": grid, "element": block,
                      "header_rows": len(block.findall(f"{W}tr/{W}trPr/{W}tblHeader"))})
    return found


def workbook_grid(sheet) -> list[list[str]]:
    """A sheet of ``docgen tables`` from its header (row 4) down, each cell as the report writes it."""
    def text(value) -> str:
        if value is None:
            return ""
        return amount_text(Decimal(str(value)), "空白") if isinstance(value, (int, float)) else str(value)

    return [[text(c.value) for c in row] for row in sheet.iter_rows(min_row=4)]


@pytest.fixture(scope="module")
def yunnan_docx() -> bytes:
    return render_bytes(YUNNAN)


@pytest.fixture(scope="module")
def tables(yunnan_docx: bytes) -> dict[str, dict]:
    found = docx_tables(yunnan_docx)
    return {t["before"][0]: t for t in found}


def test_the_report_places_the_nine_tables_in_part_two(yunnan_docx: bytes) -> None:
    text = document_text(yunnan_docx)
    parts = [line for line in text.splitlines() if line.startswith("第") and "部分 " in line]
    assert parts == ["第一部分 部门概况", "第二部分 部门决算表", "第三部分 部门决算情况说明", "第四部分 名词解释"]
    between = text[text.index("第二部分 部门决算表"):text.index("第三部分 部门决算情况说明")]
    assert [line for line in between.splitlines() if line.startswith("公开")] == NUMBERS


def test_the_tables_match_the_workbook_cell_for_cell(tables: dict[str, dict]) -> None:
    from openpyxl import load_workbook

    from docgen.loader import load_file
    from docgen.tablebook import workbook_bytes

    book = load_workbook(io.BytesIO(workbook_bytes(load_file(YUNNAN).data)))
    assert book.sheetnames == NUMBERS
    compared = 0
    for number in NUMBERS:
        sheet, table = book[number], tables[number]
        assert table["before"] == [sheet.cell(1, sheet.max_column).value, sheet.cell(2, 1).value,
                                   f"{sheet.cell(3, 1).value}{sheet.cell(3, sheet.max_column).value}"]
        assert table["grid"] == workbook_grid(sheet), number
        compared += sum(len(row) for row in table["grid"])
    assert compared == 849  # 40 + 216 + 192 + 88 + 132 + 90 + 28 + 48 + 15 cells


def test_table_01_by_hand(tables: dict[str, dict]) -> None:
    grid = tables["公开01表"]["grid"]
    assert grid == [
        ["收入", "", "支出", "", ""],
        ["项目", "决算数", "科目编码", "科目名称", "决算数"],
        ["一般公共预算财政拨款收入", "5996.78", "208", "社会保障和就业支出", "325.26"],
        ["政府性基金预算财政拨款收入", "799.38", "210", "卫生健康支出", "5642.54"],
        ["本年收入合计", "6796.16", "221", "住房保障支出", "28.98"],
        ["总计", "6796.16", "229", "其他支出", "799.38"],
        ["", "", "", "本年支出合计", "6796.16"],
        ["", "", "", "总计", "6796.16"],
    ]
    assert Decimal("5996.78") + Decimal("799.38") == Decimal("6796.16")  # 本年收入合计 = 总计 (no carry-over)
    assert Decimal("325.26") + Decimal("5642.54") + Decimal("28.98") + Decimal("799.38") == Decimal("6796.16")
    assert tables["公开01表"]["header_rows"] == 2


def test_table_05_by_hand(tables: dict[str, dict]) -> None:
    grid = tables["公开05表"]["grid"]
    assert grid[:2] == [["科目编码", "科目名称", "本年支出", "", "", "调整预算数"],
                        ["", "", "小计", "基本支出", "项目支出", ""]]
    rows = {row[0] or row[1]: [Decimal(c or 0) for c in row[2:]] for row in grid[2:]}
    assert rows["合计"] == [Decimal("5996.78"), Decimal("440.34"), Decimal("5556.44"), Decimal("5996.78")]
    assert rows["208"] == [Decimal("325.26"), Decimal("225.26"), Decimal("100.00"), Decimal("325.26")]
    assert rows["2101599"] == [Decimal("45.00"), 0, Decimal("45.00"), Decimal("45.00")]
    for code, (total, basic, project, _) in rows.items():  # 小计 = 基本支出 + 项目支出 on every row
        assert total == basic + project, code
    for level, parent in ((5, 3), (7, 5)):  # 类 = Σ款, 款 = Σ项
        for code, values in rows.items():
            if len(code) == parent and code.isdigit():
                children = [v for c, v in rows.items() if len(c) == level and c.startswith(code)]
                assert [sum(col) for col in zip(*children)] == values, code
    classes = [v[0] for c, v in rows.items() if len(c) == 3]
    assert sum(classes) == Decimal("325.26") + Decimal("5642.54") + Decimal("28.98") == rows["合计"][0]
    assert len(grid) == 2 + 1 + 19


def test_table_07_by_hand(tables: dict[str, dict]) -> None:
    grid = tables["公开07表"]["grid"]
    assert grid == [
        ["项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
        ["", "", "", "小计", "公务用车购置费", "公务用车运行费", ""],
        ["预算数", "8.00", "", "6.00", "", "6.00", "2.00"],
        ["决算数", "2.82", "", "0.82", "", "0.82", "2.00"],
    ]
    # 合计 = 因公出国（境）费 + 公务用车购置及运行费 + 公务接待费; 小计 = 购置费 + 运行费
    assert Decimal("0") + Decimal("6") + Decimal("2") == Decimal("8.00")
    assert Decimal("0") + Decimal("0.82") + Decimal("2") == Decimal("2.82")


def test_header_rows_repeat_merges_indentation_and_totals(tables: dict[str, dict]) -> None:
    assert {n: t["header_rows"] for n, t in tables.items()} == {
        "公开01表": 2, "公开02表": 1, "公开03表": 1, "公开04表": 2, "公开05表": 2, "公开06表": 2, "公开07表": 2,
        "公开08表": 2, "公开09表": 2}
    table = tables["公开07表"]["element"]
    first, second = table.findall(f"{W}tr")[:2]
    spans = [(c.findtext(f".//{W}t") or "", c.find(f"{W}tcPr/{W}gridSpan"), c.find(f"{W}tcPr/{W}vMerge"))
             for c in first.findall(f"{W}tc")]
    assert [(text, span.get(f"{W}val") if span is not None else None, merge.get(f"{W}val") if merge is not None
             else None) for text, span, merge in spans] == [
        ("项目", None, "restart"), ("合计", None, "restart"), ("因公出国（境）费", None, "restart"),
        ("公务用车购置及运行费", "3", None), ("公务接待费", None, "restart")]
    assert len(second.findall(f"{W}tc")) == 7 and len(second.findall(f"{W}tc/{W}tcPr/{W}vMerge")) == 4
    rows = tables["公开05表"]["element"].findall(f"{W}tr")
    indents = {_text(r.findall(f"{W}tc")[0]): r.findall(f"{W}tc")[1].find(f".//{W}ind").get(f"{W}leftChars")
               for r in rows[2:6]}
    assert indents == {"": "0", "208": "0", "20801": "100", "2080109": "200"}
    total = rows[2].findall(f"{W}tc")
    assert [c.find(f".//{W}b") is not None for c in total] == [False, True, True, True, True, True]
    empty = tables["公开09表"]["element"].findall(f"{W}tr")[2].findall(f"{W}tc")
    assert len(empty) == 1 and _text(empty[0]) == "本部门本年度无此项收支"
    assert empty[0].find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "5"


@pytest.mark.parametrize(("zero", "row"), [("空白", ["决算数", "2.82", "", "0.82", "", "0.82", "2.00"]),
                                           ("0", ["决算数", "2.82", "0", "0.82", "0", "0.82", "2.00"]),
                                           ("0.00", ["决算数", "2.82", "0.00", "0.82", "0.00", "0.82", "2.00"])])
def test_zeros_as_the_layout_says(zero: str, row: list[str]) -> None:
    given = context_of(LINSHUI)[SECTION]
    table = BY_KEY["一般公共预算财政拨款“三公”经费支出决算表"]
    laid = form(table, given[table.key])
    cells = [c for c in laid.body[1] if c is not None]
    assert [amount_text(c.amount, zero) if c.kind == "amount" else c.text for c in cells] == row


def test_tables_are_found_by_number_or_name() -> None:
    assert [lookup(n).number for n in ("01", "公开05表", "政府性基金预算财政拨款收入支出决算表")] == [
        "公开01表", "公开05表", "公开08表"]
    assert lookup("10") is None


def _layout(root: Path, name: str, paragraph: str, fallback: bool = False) -> Path:
    """A test layout of 部门决算 holding ``{{ 部门 }}`` and ``paragraph``; ``fallback`` templates the
    document title, which only docxtpl's per-document path renders."""
    from docx import Document

    folder = root / "final-accounts" / name
    folder.mkdir(parents=True)
    document = Document()
    document.add_paragraph("{{ 部门 }}")
    document.add_paragraph(paragraph)
    if fallback:
        document.core_properties.title = "{{ 部门 }}"
    document.save(folder / "template.docx")
    return root


def _main_with_tables(tmp_path: Path, tables: bool = True) -> Path:
    section = "\n# 决算公开表：" + LINSHUI.read_text(encoding="utf-8").split("\n# 决算公开表：", 1)[1]
    data = tmp_path / "data.yaml"
    data.write_text(LINSHUI_MAIN + (section if tables else ""), encoding="utf-8")
    return data


def test_both_render_paths_write_the_same_valid_tables(tmp_path: Path) -> None:
    from docgen.pipeline import prepare, rendered_in_memory
    from docgen.rendering import _compiled

    root = _layout(tmp_path / "t", "快", "{{p 附表('07', '09') }}")
    _layout(tmp_path / "t", "慢", "{{p 附表('07', '09') }}", fallback=True)
    data = _main_with_tables(tmp_path)
    outputs = {}
    for name in ("快", "慢"):
        prepared = prepare(data, name, templates=[root])
        assert (_compiled(prepared.layout) is None) == (name == "慢")
        outputs[name] = rendered_in_memory(prepared)
    texts = {name: document_text(docx) for name, docx in outputs.items()}
    assert texts["快"] == texts["慢"] == (
        "邻水县医疗保障局\n公开07表\n一般公共预算财政拨款“三公”经费支出决算表\n编制单位：邻水县医疗保障局单位：万元\n"
        "项目 | 合计 | 因公出国（境）费 | 公务用车购置及运行费 | 公务接待费\n"
        " |  |  | 小计 | 公务用车购置费 | 公务用车运行费 | \n"
        "预算数 | 8.00 |  | 6.00 |  | 6.00 | 2.00\n决算数 | 2.82 |  | 0.82 |  | 0.82 | 2.00\n"
        "公开09表\n国有资本经营预算财政拨款支出决算表\n编制单位：邻水县医疗保障局单位：万元\n"
        "科目编码 | 科目名称 | 本年支出\n |  | 小计 | 基本支出 | 项目支出\n本部门本年度无此项收支\n\n")
    assert [len(docx_tables(docx)) for docx in outputs.values()] == [2, 2]
    openxml_audit = pytest.importorskip("openxml_audit")
    for name, docx in outputs.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(docx)
        # python-docx's own default template carries stylesWithEffects findings; the tables add none
        errors = [e for e in openxml_audit.OpenXmlValidator(max_errors=50).validate(path).errors
                  if "stylesWithEffects" not in str(e.part_uri)]
        assert errors == [], name


def test_the_yunnan_report_is_valid_ooxml(yunnan_docx: bytes, tmp_path: Path) -> None:
    openxml_audit = pytest.importorskip("openxml_audit")
    out = tmp_path / "report.docx"
    out.write_bytes(yunnan_docx)
    template = Path(__file__).resolve().parent.parent / "templates" / "final-accounts" / "云南-公开表" / "template.docx"
    for path in (out, template):
        assert openxml_audit.OpenXmlValidator(max_errors=50).validate(path).errors == []


def test_the_same_data_gives_the_same_bytes(yunnan_docx: bytes) -> None:
    assert render_bytes(YUNNAN) == yunnan_docx


@pytest.mark.parametrize(("paragraph", "tables", "code", "message"), [
    ("{{p 附表() }}", False, "DG931",
     "版式在报告中列出决算公开表（模板中的 附表()），数据却没有“决算公开表”：用 docgen import 从导出的公开表工作簿读入，或照示例填写"),
    ("{{p 附表('10') }}", True, "DG932",
     "模板中的 附表('10') 不是决算公开表：请写表号 01、02、03、04、05、06、07、08、09，或表的名称"),
])
def test_errors_say_what_to_do(tmp_path: Path, paragraph: str, tables: bool, code: str, message: str) -> None:
    from docgen.pipeline import prepare, rendered_in_memory

    root = _layout(tmp_path / "t", "试", paragraph)
    with pytest.raises(DocgenError) as caught:
        rendered_in_memory(prepare(_main_with_tables(tmp_path, tables), "试", templates=[root]))
    [problem] = caught.value.problems
    assert (problem.code, format_message(problem)) == (code, message)


def test_a_table_the_data_lacks_is_located(tmp_path: Path) -> None:
    from docgen.pipeline import prepare, rendered_in_memory

    root = _layout(tmp_path / "t", "试", "{{p 附表('09') }}")
    data = _main_with_tables(tmp_path)
    data.write_text(data.read_text(encoding="utf-8").replace("  国有资本经营预算财政拨款支出决算表: []\n", ""),
                    encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        rendered_in_memory(prepare(data, "试", templates=[root]))
    [problem] = caught.value.problems
    assert problem.code == "DG933" and problem.location.file == str(data)
    assert format_message(problem) == ("版式在报告中列出公开09表 国有资本经营预算财政拨款支出决算表，数据的决算公开表没有这张表："
                                       "请补上它（本年度没有数字的表写 []，报告中注明“本部门本年度无此项收支”）")


def test_document_text(file_regression, yunnan_docx: bytes) -> None:
    file_regression.check(document_text(yunnan_docx), extension=".txt", encoding="utf-8")


def test_a_region_renames_tables_and_numbers_them_its_own_way() -> None:
    from docgen.reporttype import DEFAULT_SETTINGS, merge_settings
    from docgen.tabledocx import tables_xml

    settings = merge_settings(DEFAULT_SETTINGS["附表"], {"标题": {"07": "“三公”经费支出决算表"}, "表号": {"07": "表7"},
                                                         "宽度厘米": 25})
    xml = tables_xml(context_of(LINSHUI)[SECTION], "某局", ["07"], settings)
    paragraphs = [_text(p) for p in etree.fromstring(f'<r xmlns:w="{W[1:-1]}">{xml}</r>').findall(f"{W}p")]
    assert paragraphs == ["表7", "“三公”经费支出决算表", "编制单位：某局单位：万元", ""]
    assert '<w:tblW w:w="14173" w:type="dxa"/>' in xml and '<w:tab w:val="right" w:pos="14173"/>' in xml
