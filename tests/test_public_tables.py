"""The 决算公开表 as primary facts: figures derived from them, disagreements and broken identities located."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.testing import context_of, document_text, render_bytes

from conftest import LINSHUI, LINSHUI_MAIN

#: The Linshui example's tables section (it follows the 附件 list in the example).
TABLES = "决算公开表:" + LINSHUI.read_text(encoding="utf-8").split("\n决算公开表:")[1]
WITH_TABLES = LINSHUI_MAIN + TABLES

#: What the narrative types that the tables give too: removed, the report must be the same.
NARRATIVE_FIGURES = (
    "收入:\n  一般公共预算财政拨款收入: 5996.78\n  政府性基金预算财政拨款收入: 799.38\n",
    "支出:\n  基本支出: 440.34\n  项目支出: 6355.82\n",
    "政府性基金预算财政拨款支出: 799.38\n国有资本经营预算财政拨款支出: 0\n",
    "    决算数: 0\n    调整预算数: 0\n    上年: 0\n", "    调整预算数: 6\n    上年: 5.91\n",
    "    运行维护费: 0.82\n", "    调整预算数: 2\n    上年: 1.98\n",
)


def tables_only() -> str:
    """Linshui with the figures the tables give taken out of the narrative (上年 and text kept)."""
    text = WITH_TABLES
    for figure in NARRATIVE_FIGURES:
        assert figure in text, figure
        kept = "".join(line + "\n" for line in figure.splitlines() if "上年" in line)
        text = text.replace(figure, kept, 1)
    text = re.sub(r"  科目:\n(    - \{编码: \d+, 决算数: [\d.]+, 调整预算数: [\d.]+\}\n)+", "", text, count=1)
    text = re.sub(r"一般公共预算财政拨款基本支出:\n(  .*\n)+", "", text, count=1)
    return text


def write(tmp_path: Path, text: str, name: str = "report.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def check(path: Path) -> list[str]:
    result = CliRunner().invoke(main, ["check", str(path)])
    return [line for line in result.output.splitlines() if " 错误 DG9" in line or " 错误 DG2" in line]


def test_the_tables_alone_give_the_same_report(tmp_path: Path) -> None:
    typed = render_bytes(write(tmp_path, LINSHUI_MAIN, "typed.yaml"))
    derived_file = write(tmp_path, tables_only(), "tables.yaml")
    assert "5996.78\n  政府" not in derived_file.read_text(encoding="utf-8")  # the narrative's figures are gone
    assert document_text(render_bytes(derived_file)) == document_text(typed)
    context = context_of(derived_file)
    assert context["收入"] == {"一般公共预算财政拨款收入": Decimal("5996.78"), "政府性基金预算财政拨款收入": Decimal("799.38")}
    assert context["支出"] == {"基本支出": Decimal("440.34"), "项目支出": Decimal("6355.82")}
    assert context["国有资本经营预算财政拨款支出"] == Decimal("0.00")  # the empty 09 table: a fact
    lines = context["一般公共预算财政拨款支出"]["项级"]
    assert [(x["编码"], x["决算数"]) for x in lines][:2] == [("2080109", Decimal("188.16")), ("2080199", Decimal("6.00"))]
    assert context["一般公共预算财政拨款支出"]["本年"] == Decimal("5996.78")
    basic = context["一般公共预算财政拨款基本支出"]
    assert (basic["人员经费"]["合计"], basic["公用经费"]["合计"], basic["合计"]) == (
        Decimal("323.14"), Decimal("117.20"), Decimal("440.34"))
    assert [x["名称"] for x in basic["人员经费"]["明细"]][:3] == ["基本工资", "津贴补贴", "奖金"]
    three = context["三公经费"]
    assert (three["决算数"], three["调整预算数"]) == (Decimal("2.82"), Decimal("8.00"))


def test_the_example_with_its_tables_checks_clean(tmp_path: Path) -> None:
    assert check(write(tmp_path, WITH_TABLES)) == []


def test_every_table_of_the_example_adds_up_by_hand() -> None:
    """The Linshui tables' totals, recomputed here from the seed's figures."""
    context = context_of(write_tmp := LINSHUI)  # noqa: F841 - the example itself, attachments and all
    tables = context["决算公开表"]
    classes = {"208": Decimal("188.16") + 6 + Decimal("107.90") + Decimal("23.20"),
               "210": Decimal("8.12") + Decimal("5304.04") + Decimal("177.98") + Decimal("107.40") + 45,
               "221": Decimal("28.98")}
    assert classes == {"208": Decimal("325.26"), "210": Decimal("5642.54"), "221": Decimal("28.98")}
    assert sum(classes.values()) == Decimal("5996.78")
    rows = {str(r.get("编码", r["名称"])): r for r in tables["一般公共预算财政拨款支出决算表"]}
    assert {c: rows[c]["合计"] for c in classes} == classes
    assert rows["合计"]["基本支出"] + rows["合计"]["项目支出"] == rows["合计"]["合计"]
    # 项目支出: 100 (离退休) + 5304.04 + 107.40 + 45, the seed's project list
    assert rows["合计"]["项目支出"] == 100 + Decimal("5304.04") + Decimal("107.40") + 45
    people = sum(r["决算数"] for r in tables["一般公共预算财政拨款基本支出决算表"]["人员经费"] if "编码" in r)
    assert people == Decimal("323.13")  # the seed lists the main items; its 人员经费合计 is 323.14
    public = sum(r["决算数"] for r in tables["一般公共预算财政拨款基本支出决算表"]["公用经费"] if "编码" in r)
    assert public == Decimal("117.20") and Decimal("323.14") + public == rows["合计"]["基本支出"]
    total = next(r for r in tables["收入支出决算总表"]["收入"] if r["名称"] == "总计")["决算数"]
    assert total == Decimal("5996.78") + Decimal("799.38") == Decimal("6796.16")


@pytest.mark.parametrize("old, new, expected", [
    # a 项 row whose columns no longer add up, and its 款 no longer the sum of its 项
    ("{编码: 2101501, 名称: 行政运行, 本年支出合计: 177.98", "{编码: 2101501, 名称: 行政运行, 本年支出合计: 177.99", [
        "错误 DG904: 决算公开表.支出决算表[14].本年支出合计（万元）: 公开03表 支出决算表“21015 医疗保障管理事务”行"
        "“本年支出合计”列为 330.38 万元，而下级科目之和为 330.39 万元",
        "错误 DG903: 决算公开表.支出决算表[15].本年支出合计（万元）: 公开03表 支出决算表“2101501 行政运行”行："
        "“本年支出合计”为 177.99 万元，而基本支出、项目支出、上缴上级支出、经营支出、对附属单位补助支出之和为 177.98 万元"]),
    # 05's 基本支出 against 06's two totals (and against its own 类 rows and its 合计 column)
    ("{名称: 合计, 合计: 5996.78, 基本支出: 440.34", "{名称: 合计, 合计: 5996.78, 基本支出: 440.35", [
        "错误 DG903: 决算公开表.一般公共预算财政拨款支出决算表[1].合计（本年支出小计（万元））: 公开05表 "
        "一般公共预算财政拨款支出决算表“合计”行：“合计”为 5996.78 万元，而基本支出、项目支出之和为 5996.79 万元",
        "错误 DG904: 决算公开表.一般公共预算财政拨款支出决算表[1].基本支出（本年支出基本支出（万元））: 公开05表 "
        "一般公共预算财政拨款支出决算表“合计”行“基本支出”列为 440.35 万元，而各类科目之和为 440.34 万元",
        "错误 DG904: 决算公开表.一般公共预算财政拨款支出决算表[1].基本支出（本年支出基本支出（万元））: 公开05表 "
        "一般公共预算财政拨款支出决算表“合计”行“基本支出”列为 440.35 万元，而公开06表 人员经费合计、公用经费合计之和为 "
        "440.34 万元"]),
    # 01's two sides, and 01 against 03
    ("      - {名称: 本年支出合计, 决算数: 6796.16}\n      - {名称: 总计, 决算数: 6796.16}",
     "      - {名称: 本年支出合计, 决算数: 6796.16}\n      - {名称: 总计, 决算数: 6796.17}", [
        "错误 DG904: 决算公开表.收入支出决算总表.支出[6].决算数（万元）: 公开01表 收入支出决算总表“总计”行“决算数”列为 "
        "6796.17 万元，而本年支出合计、结余分配、年末结转和结余之和为 6796.16 万元",
        "错误 DG905: 决算公开表.收入支出决算总表.支出[6].决算数（万元）: 公开01表 收入支出决算总表“总计”行“决算数”列为 "
        "6796.17 万元，与公开01表 收入支出决算总表“总计”行“决算数”列的 6796.16 万元不一致：两张表中的同一数字应当相等"]),
    # 04 by fund against 08
    ("{名称: 合计, 本年收入: 799.38, 本年支出合计: 799.38, 项目支出: 799.38}",
     "{名称: 合计, 本年收入: 799.38, 本年支出合计: 799.48, 项目支出: 799.48}", [
        "错误 DG904: 决算公开表.政府性基金预算财政拨款收入支出决算表[1].本年支出合计（本年支出小计（万元））: 公开08表 "
        "政府性基金预算财政拨款收入支出决算表“合计”行“本年支出合计”列为 799.48 万元，而各类科目之和为 799.38 万元",
        "错误 DG905: 决算公开表.政府性基金预算财政拨款收入支出决算表[1].本年支出合计（本年支出小计（万元））: 公开08表 "
        "政府性基金预算财政拨款收入支出决算表“合计”行“本年支出合计”列为 799.48 万元，与公开04表 财政拨款收入支出决算总表"
        "“本年支出合计”行“政府性基金预算财政拨款”列的 799.38 万元不一致：两张表中的同一数字应当相等",
        "错误 DG904: 决算公开表.政府性基金预算财政拨款收入支出决算表[1].项目支出（本年支出项目支出（万元））: 公开08表 "
        "政府性基金预算财政拨款收入支出决算表“合计”行“项目支出”列为 799.48 万元，而各类科目之和为 799.38 万元"]),
    # 07's 小计 against its parts
    ("公务用车购置及运行费: 0.82, 公务用车购置费: 0", "公务用车购置及运行费: 0.82, 公务用车购置费: 0.1", [
        "错误 DG901: 三公经费.公务用车购置及运行维护费.购置（本年购置公务用车）: 此处填写的 0.00 万元与公开07表 "
        "一般公共预算财政拨款“三公”经费支出决算表“决算数”行“公务用车购置费”列的 0.10 万元不一致：报告中的数字以公开表为准，"
        "请删去此处的数字或核对公开表",
        "错误 DG903: 决算公开表.一般公共预算财政拨款“三公”经费支出决算表[2].公务用车购置及运行费小计（万元）: "
        "公开07表 一般公共预算财政拨款“三公”经费支出决算表“决算数”行：“公务用车购置及运行费”为 0.82 万元，而公务用车购置费、"
        "公务用车运行费之和为 0.92 万元"]),
])
def test_each_identity_is_located_at_its_row_and_column(tmp_path: Path, old: str, new: str,
                                                         expected: list[str]) -> None:
    base = tables_only()  # no typed figure to disagree with (DG901 would stop before the checks)
    assert old in base
    errors = check(write(tmp_path, base.replace(old, new, 1)))
    assert [e.split(": ", 1)[1] for e in errors] == expected
    assert all(re.match(r"report\.yaml:\d+:\d+: ", e) for e in errors)


def test_a_typed_figure_that_disagrees_names_the_table_cell(tmp_path: Path) -> None:
    text = WITH_TABLES.replace("  政府性基金预算财政拨款收入: 799.38\n", "  政府性基金预算财政拨款收入: 799.39\n", 1)
    assert check(write(tmp_path, text)) == [
        "report.yaml:25:18: 错误 DG901: 收入.政府性基金预算财政拨款收入（万元）: 此处填写的 799.39 万元与公开01表 "
        "收入支出决算总表“政府性基金预算财政拨款收入”行“决算数”列的 799.38 万元不一致：报告中的数字以公开表为准，"
        "请删去此处的数字或核对公开表"]


def test_a_figure_neither_typed_nor_in_the_tables_is_missing(tmp_path: Path) -> None:
    text = tables_only().replace("  一般公共预算财政拨款支出决算表:", "  未用:", 1)
    text = re.sub(r"  未用:\n(    - .*\n)+", "", text)
    errors = check(write(tmp_path, text))
    assert [e.split(": ", 1)[1] for e in errors] == [
        "错误 DG902: 一般公共预算财政拨款支出: 缺少 科目：数据没有填写，决算公开表也没有给出它"
        "（请填写，或补充相应的公开表）"]


def test_without_tables_the_narrative_figures_are_required(tmp_path: Path) -> None:
    text = LINSHUI_MAIN.replace("支出:\n  基本支出: 440.34\n  项目支出: 6355.82\n", "", 1)
    assert [e.split(": ", 1)[1] for e in check(write(tmp_path, text))] == ["错误 DG202: 缺少必填字段 支出（本年支出（按性质））"]


def test_an_empty_basic_expenditure_table_states_no_basic_expenditure(tmp_path: Path) -> None:
    """A 06 table with no rows gives no 人员经费/公用经费: their sentences are left out, never printed as 0."""
    text = re.sub(r"  一般公共预算财政拨款基本支出决算表:\n(    .*\n)+", "  一般公共预算财政拨款基本支出决算表: {}\n",
                  tables_only(), count=1)
    assert "基本支出决算表: {}" in text
    path = write(tmp_path, text)
    assert "一般公共预算财政拨款基本支出" not in context_of(path)
    assert "人员经费" not in document_text(render_bytes(path))
