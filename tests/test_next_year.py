"""docgen next-year: 上年 = this year's figures, this year's left for the new tables, the narrative a draft."""
from __future__ import annotations

import shutil
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


def test_next_year_copies_each_attachment_and_names_the_copies(tmp_path: Path) -> None:
    """Linshui with its 部门整体 narrative and four projects as forms: each attachment's copy goes to
    2023-附件/, 年度 2023, the year's figures and scores left out, names, targets and weights kept, texts drafts."""
    examples = LINSHUI.parent
    shutil.copy(examples / "2022-linshui-自评表.yaml", tmp_path / "2022.yaml")
    for folder in ("2022-linshui-附件", "2022-linshui-自评表"):
        shutil.copytree(examples / folder, tmp_path / folder)
    target = tmp_path / "2023.yaml"
    result = invoke("next-year", str(tmp_path / "2022.yaml"), "-o", str(target))
    assert result.exit_code == 0, result.output
    names = ["部门整体.yaml", "项目-城乡居民医疗保险参保县级匹配资金.yaml", "项目-离休干部医疗补助.yaml",
             "项目-医保基金征收及管理.yaml", "项目-城乡医疗救助补助资金.yaml"]
    assert result.output.splitlines() == [f"已生成 {tmp_path / '2023-附件' / n}" for n in names] + [f"已生成 {target}"]
    assert load_file(target).data["附件"] == [f"2023-附件/{n}" for n in names]

    dept = load_file(tmp_path / "2023-附件" / "部门整体.yaml").data
    assert (dept["年度"], dept["部门"], "收入" in dept, "支出" in dept) == (2023, "邻水县医疗保障局", False, False)
    assert "部门简称" not in dept  # as typed: not the main report's, which a prepared attachment inherits
    assert dept["存在问题"] == ["【草稿】财务管理制度有待进一步完善，工作人员业务水平有待进一步提升。"]

    form = load_file(tmp_path / "2023-附件" / "项目-医保基金征收及管理.yaml").data
    assert (form["年度"], form["版式"], form["项目名称"]) == (2023, "全国-自评表", "医保基金征收及管理")
    assert "预算数" not in form["资金"] and "资金" not in form["自评表"]
    assert form["资金"]["计划说明"] == "【草稿】该项目资金为县级财政年初预算资金，预算{预算数}万元。"
    assert form["自评表"]["绩效指标"][0]["二级"][0]["三级"][1] == {
        "名称": "医保政策宣传场次", "指标性质": "≥", "指标值": "30", "度量单位": "场", "分值": 10}  # 完成值, 得分, 偏差原因 gone


def test_next_year_writes_nothing_when_an_attachments_copy_exists(tmp_path: Path) -> None:
    examples = LINSHUI.parent
    shutil.copy(LINSHUI, tmp_path / "2022.yaml")
    shutil.copytree(examples / "2022-linshui-附件", tmp_path / "2022-linshui-附件")
    (tmp_path / "2023-附件").mkdir()
    (tmp_path / "2023-附件" / "部门整体.yaml").write_text("# 已有\n", encoding="utf-8")
    result = invoke("next-year", str(tmp_path / "2022.yaml"), "-o", str(tmp_path / "2023.yaml"))
    assert result.exit_code == 1 and "DG917" in result.output
    assert sorted(p.name for p in tmp_path.rglob("*") if "2023" in str(p)) == ["2023-附件", "部门整体.yaml"]
