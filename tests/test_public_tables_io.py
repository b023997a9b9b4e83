"""docgen tables / docgen import: the workbook in the official form, read back from any export."""
from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.importer import import_workbook
from docgen.loader import load_file
from docgen.tablebook import workbook_bytes

from conftest import EXAMPLES, LINSHUI

LINSHUI_TABLES = load_file(LINSHUI).data["决算公开表"]


def exact(node: Any) -> Any:
    """Amounts compared as numbers (6 == 6.00)."""
    if isinstance(node, dict):
        return {k: exact(v) for k, v in node.items()}
    if isinstance(node, list):
        return [exact(v) for v in node]
    return Decimal(node).normalize() if isinstance(node, (int, Decimal)) and not isinstance(node, bool) else node


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_tables_to_workbook_to_tables_is_the_same_data(tmp_path: Path) -> None:
    book = tmp_path / "公开表.xlsx"
    assert invoke("tables", str(LINSHUI), "-o", str(book)).exit_code == 0
    found = import_workbook(book)
    assert found["部门"] == "邻水县医疗保障局"
    assert exact(found["决算公开表"]) == exact(LINSHUI_TABLES)
    assert list(found["决算公开表"]) == list(LINSHUI_TABLES)  # nine tables, in order, the empty 09 included
    assert found["决算公开表"]["国有资本经营预算财政拨款支出决算表"] == []


def test_the_workbook_is_byte_stable_and_in_the_official_form(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    data = load_file(LINSHUI).data
    first = workbook_bytes(data)
    assert workbook_bytes(data) == first
    core = zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml").decode()
    assert core.count(">2000-01-01T00:00:00Z<") == 2  # created and modified fixed, not the time of saving
    (tmp_path / "a.xlsx").write_bytes(first)
    book = load_workbook(tmp_path / "a.xlsx")
    assert book.sheetnames == [f"公开0{n}表" for n in range(1, 10)]
    sheet = book["公开05表"]
    assert [sheet.cell(1, 6).value, sheet.cell(2, 1).value, sheet.cell(3, 1).value, sheet.cell(3, 6).value] == [
        "公开05表", "一般公共预算财政拨款支出决算表", "编制单位：邻水县医疗保障局", "单位：万元"]
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=4, max_row=6)] == [
        ["科目编码", "科目名称", "本年支出", None, None, "调整预算数"],
        [None, None, "小计", "基本支出", "项目支出", None],
        [None, "合计", 5996.78, 440.34, 5556.44, 5996.78]]
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A2:F2", "A4:A5", "B4:B5", "C4:E4", "F4:F5"}
    assert book["公开09表"].cell(6, 1).value == "本部门本年度无此项收支"  # under its two header rows
    assert [book["公开01表"].cell(4, c).value for c in (1, 3)] == ["收入", "支出"]


def test_into_keeps_the_narrative_and_its_comments(tmp_path: Path) -> None:
    book, target = tmp_path / "公开表.xlsx", tmp_path / "更新.yaml"
    invoke("tables", str(LINSHUI), "-o", str(book))
    original = LINSHUI.read_text(encoding="utf-8")
    before = original.split("\n决算公开表:")[0]
    edited = tmp_path / "2022-linshui.yaml"
    edited.write_text(original.replace("决算数: 0.82}", "决算数: 9}"), encoding="utf-8")  # a stale table cell
    result = invoke("import", str(book), "-o", str(target), "--into", str(edited))
    assert result.exit_code == 0, result.output
    updated = target.read_text(encoding="utf-8")
    assert updated.split("\n决算公开表:")[0] == before  # narrative and comments, byte for byte
    assert "决算数: 9}" not in updated and "公务用车运行费: 0.82, 公务接待费: 2}" in updated
    assert exact(load_file(target).data["决算公开表"]) == exact(LINSHUI_TABLES)


def test_nothing_is_overwritten(tmp_path: Path) -> None:
    book, target = tmp_path / "公开表.xlsx", tmp_path / "a.yaml"
    invoke("tables", str(LINSHUI), "-o", str(book))
    target.write_text("keep", encoding="utf-8")
    result = invoke("import", str(book), "-o", str(target))
    assert result.exit_code == 1 and target.read_text(encoding="utf-8") == "keep"
    assert "错误 DG917: 输出文件" in result.output


def export_like(path: Path, yuan: bool = False) -> None:
    """A workbook the way 决算 software exports it: other sheet names and order, extra title rows, merged
    headers, a 栏次 row, 类/款/项 in three columns, numbers as text with separators, 合计 across the code cells."""
    from openpyxl import Workbook

    book = Workbook()
    other = book.active
    other.title = "封面"
    other["A1"] = "邻水县医疗保障局2022年度部门决算"
    sheet = book.create_sheet("表3")
    sheet["F1"] = "公开05表"
    sheet["A2"] = "2022年度"
    sheet["A3"] = "一般公共预算财政拨款支出决算表"
    sheet["A4"] = "编制单位：邻水县医疗保障局"
    sheet["F4"] = "单位：元" if yuan else "单位：万元"
    rows = [["科目编码", None, None, "科目名称", "本年支出", None, None],
            ["类", "款", "项", None, "合计", "基本支出", "项目支出"],
            ["栏次", None, None, None, "1", "2", "3"],
            ["合计", None, None, None, "59,967,800.00" if yuan else "5,996.78",
             4403400 if yuan else 440.34, "55,564,400" if yuan else "5556.44"],
            ["208", None, None, "社会保障和就业支出", 3252600 if yuan else 325.26, None, None],
            ["208", "05", "01", "  行政单位离退休", "1,079,000" if yuan else "107.90", 79000 if yuan else 7.9,
             "1000000" if yuan else "100"],
            [None, None, None, None, None, None, None]]
    for r, row in enumerate(rows, start=6):
        for c, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(r, c, value)
    sheet.merge_cells("A6:C6")
    sheet.merge_cells("E6:G6")
    book.move_sheet("表3", offset=-1)
    book.save(path)


@pytest.mark.parametrize("yuan", [False, True])
def test_an_export_is_read_whatever_its_shape(tmp_path: Path, yuan: bool) -> None:
    book = tmp_path / "导出.xlsx"
    export_like(book, yuan)
    found = import_workbook(book)
    assert found["年度"] == 2022 and found["部门"] == "邻水县医疗保障局"
    assert exact(found["决算公开表"]) == exact({"一般公共预算财政拨款支出决算表": [
        {"名称": "合计", "合计": Decimal("5996.78"), "基本支出": Decimal("440.34"), "项目支出": Decimal("5556.44")},
        {"编码": 208, "名称": "社会保障和就业支出", "合计": Decimal("325.26")},
        {"编码": 2080501, "名称": "行政单位离退休", "合计": Decimal("107.9"), "基本支出": Decimal("7.9"),
         "项目支出": 100}]})


def test_a_legacy_xls_is_read(tmp_path: Path) -> None:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Sheet1")
    for r, row in enumerate([["公开07表"], ["一般公共预算财政拨款“三公”经费支出决算表"], ["项目", "合计", "因公出国（境）费",
                             "公务用车购置及运行费", None, None, "公务接待费"],
                             [None, None, None, "小计", "公务用车购置费", "公务用车运行费"],
                             ["决算数", 2.82, 0, 0.82, 0, 0.82, 2]]):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    path = tmp_path / "三公.xls"
    book.save(str(path))
    assert exact(import_workbook(path)["决算公开表"]) == exact({"一般公共预算财政拨款“三公”经费支出决算表": [
        {"名称": "决算数", "合计": Decimal("2.82"), "因公出国（境）费": 0, "公务用车购置及运行费": Decimal("0.82"),
         "公务用车购置费": 0, "公务用车运行费": Decimal("0.82"), "公务接待费": 2}]})


def test_every_bad_cell_is_located_at_once(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = tmp_path / "导出.xlsx"
    export_like(book)
    workbook = load_workbook(book)
    workbook["表3"]["E10"] = "一百"
    workbook["表3"]["A11"] = "2O8"
    workbook["表3"]["D11"] = "错行"
    workbook.save(book)
    result = invoke("import", str(book), "-o", str(tmp_path / "a.yaml"))
    assert result.exit_code == 1 and not (tmp_path / "a.yaml").exists()
    lines = [line.split(": ", 1)[1] if "!" in line else line for line in result.output.splitlines()]
    assert [line for line in result.output.splitlines() if "DG914" in line] == [
        "导出.xlsx!表3!E10: 错误 DG914: “一百”不是合计的金额（数字）：请在工作簿中改正这个单元格",
        "导出.xlsx!表3!A11: 错误 DG914: “2O80501”不是科目编码（类3位、款5位、项7位数字）：请在工作簿中改正这个单元格"]
    assert lines[-1] == "共 2 个错误，未生成文件。"


def test_the_example_workbook_imports_cleanly(tmp_path: Path) -> None:
    found = import_workbook(EXAMPLES / "2022-linshui-公开表.xlsx")
    assert exact(found["决算公开表"]) == exact(LINSHUI_TABLES)


@pytest.mark.parametrize(("zero", "shown"), [("空白", "0.00;-0.00;"), ("0", "0.00;-0.00;0"), ("0.00", "0.00")])
def test_zeros_in_the_workbook_show_as_the_layout_says_and_keep_their_value(zero: str, shown: str) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(workbook_bytes(load_file(LINSHUI).data, zero)))
    row = [(c.value, c.number_format) for c in book["公开07表"][7]]  # 决算数: 因公出国（境）费 and 购置费 are 0
    assert row == [("决算数", "General"), (2.82, "0.00"), (0, shown), (0.82, "0.00"), (0, shown), (0.82, "0.00"),
                   (2, "0.00")]


def test_docgen_tables_takes_the_zeros_from_the_datas_layout(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = tmp_path / "公开表.xlsx"
    assert invoke("tables", str(LINSHUI), "-o", str(book)).exit_code == 0  # 四川-邻水: 附表.零值 is 空白
    assert load_workbook(book)["公开07表"]["C7"].number_format == "0.00;-0.00;"
    assert import_workbook(book)["决算公开表"]["一般公共预算财政拨款“三公”经费支出决算表"][1]["因公出国（境）费"] == 0
