"""docgen next-year: 上年 = this year's figures, this year's left for the new tables, the narrative a draft."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from click.testing import CliRunner

from docgen.cli import main
from docgen.loader import load_file

from conftest import LINSHUI, LINSHUI_MAIN


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_next_year_on_linshui_takes_the_2022_figures_as_last_year(tmp_path: Path) -> None:
    source = tmp_path / "2022.yaml"
    source.write_text(LINSHUI_MAIN + "决算公开表:" + LINSHUI.read_text(encoding="utf-8").split("\n决算公开表:")[1],
                      encoding="utf-8")
    target = tmp_path / "2023.yaml"
    result = invoke("next-year", str(source), "-o", str(target))
    assert result.exit_code == 0, result.output
    data = load_file(target).data
    assert data["年度"] == 2023
    last = {name: data[name]["上年"] for name in ("收支总计", "财政拨款收支总计", "收入合计", "支出合计",
                                                 "一般公共预算财政拨款支出", "机关运行经费")}
    assert last == {"收支总计": Decimal("6796.16"), "财政拨款收支总计": Decimal("6796.16"), "收入合计": Decimal("6796.16"),
                    "支出合计": Decimal("6796.16"), "一般公共预算财政拨款支出": Decimal("5996.78"),
                    "机关运行经费": Decimal("117.2")}
    assert [data["三公经费"][p]["上年"] for p in ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费")] == [
        0, Decimal("0.82"), Decimal("2.00")]
    for gone in ("收入", "支出", "决算公开表", "一般公共预算财政拨款基本支出", "政府性基金预算财政拨款支出"):
        assert gone not in data
    assert "科目" not in data["一般公共预算财政拨款支出"] and "本年" not in data["机关运行经费"]
    assert data["收支总计"]["变动原因"] == "【草稿】2022年度参保人数减少所致"

    # the new year's tables come in with import --into (here: 2022's workbook stands in for 2023's)
    book = tmp_path / "公开表.xlsx"
    assert invoke("tables", str(source), "-o", str(book)).exit_code == 0
    assert invoke("import", str(book), "-o", str(target), "--into", str(target)).exit_code == 0
    target.write_text(target.read_text(encoding="utf-8").replace("  上年: 117.2\n", "  上年: 117.2\n  本年: 120\n"),
                      encoding="utf-8")
    result = invoke("check", str(target))
    assert result.exit_code == 0, result.output
    drafts = [line for line in result.output.splitlines() if "DG921" in line]
    assert len(drafts) == 17  # 2 重点工作, 4 变动原因, 1 预决算差异原因, 2 用途 texts of 三公, 综述 ×5, …
    assert drafts[0].startswith("2023.yaml:")
    assert "警告 DG921: 部门概况.重点工作[1]" in drafts[0] and "请按本年情况改写，并删去开头的“【草稿】”" in drafts[0]
