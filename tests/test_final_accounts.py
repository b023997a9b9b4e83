"""部门决算 calculators and wording on variations of the Linshui example."""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from docgen.calculation import CalcContext
from docgen.reporttype import DEFAULT_SETTINGS, merge_settings
from docgen.reporttypes.final_accounts import calculators
from docgen.testing import context_of, document_text, render_bytes

from conftest import LINSHUI, LINSHUI_MAIN

BASE = LINSHUI_MAIN


def variant(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = BASE
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "variant.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def lines(path: Path) -> list[str]:
    return document_text(render_bytes(path)).splitlines()


def test_a_department_new_this_year_gets_the_seed_003_wording(tmp_path: Path) -> None:
    path = variant(tmp_path, ("收支总计:\n  上年: 7147.37\n", "收支总计:\n"),
                   ("  上年: 6749.94\n", ""), ("  上年: 47.78\n", ""), ("年度: 2022\n", "年度: 2022\n新组建: true\n"))
    text = lines(path)
    assert "2022年度收、支总计6796.16万元。因我单位为2022年新组建部门，无2021年决算数。" in text
    assert ("2022年一般公共预算财政拨款支出5996.78万元，占本年支出合计的88.24%。"
            "因我单位为2022年新组建部门，无2021年决算数。") in text
    assert "2022年，邻水县医疗保障局机关运行经费支出117.20万元，因我单位为2022年新组建部门，无2021年决算数。" in text


def test_an_unchanged_total_is_written_as_flat(tmp_path: Path) -> None:
    path = variant(tmp_path, ("收支总计:\n  上年: 7147.37", "收支总计:\n  上年: 6796.16"))
    assert "2022年度收、支总计6796.16万元。与2021年相比，收、支总计持平。" in lines(path)


def test_an_increase_is_worded_as_such(tmp_path: Path) -> None:
    # 6796.16 - 6000 = 796.16; 796.16 / 6000 = 13.2693% -> 13.27
    path = variant(tmp_path, ("收支总计:\n  上年: 7147.37", "收支总计:\n  上年: 6000"))
    assert ("2022年度收、支总计6796.16万元。与2021年相比，收、支总计各增加796.16万元，增长13.27%。"
            "主要变动原因是2022年度参保人数减少所致。") in lines(path)


def test_an_omitted_section_leaves_no_gap_in_the_numbering(tmp_path: Path) -> None:
    text = BASE[: BASE.index("# “三公”经费财政拨款支出决算表")] + BASE[BASE.index("政府性基金预算财政拨款支出: 799.38"):]
    path = tmp_path / "no-sangong.yaml"
    path.write_text(text, encoding="utf-8")
    headings = [line for line in lines(path) if line[:2] in ("七、", "八、", "九、", "十、")]
    assert headings == ["七、一般公共预算财政拨款项目支出决算情况说明", "八、政府性基金预算支出决算情况说明",
                        "九、国有资本经营预算支出决算情况说明", "十、其他重要事项的情况说明"]


def test_the_budget_reason_appears_only_where_the_data_gives_one(tmp_path: Path) -> None:
    path = variant(tmp_path, ("{编码: 2101599, 决算数: 45, 调整预算数: 45}",
                              "{编码: 2101599, 决算数: 45, 调整预算数: 50, 预决算差异原因: 部分项目延至次年}"))
    text = lines(path)
    # 45 / 50 = 90%
    assert ("9.卫生健康支出（类）医疗保障管理事务（款）其他医疗保障管理事务支出（项）：支出决算为45万元，完成预算90%。"
            "决算数小于预算数的主要原因是部分项目延至次年。") in text
    assert "8.卫生健康支出（类）医疗保障管理事务（款）医疗保障经办事务（项）：支出决算为107.40万元，完成预算100%。" in text
    # the total completion follows: 5996.78 / 6001.78 = 99.9167% -> 99.92
    assert "2022年一般公共预算支出决算数为5996.78万元，完成预算99.92%。其中：" in text


def test_the_data_can_override_a_glossary_explanation(tmp_path: Path) -> None:
    path = variant(tmp_path, ('  "2080505": {名称: 机关事业单位养老保险缴费支出}',
                              '  "2080505": {名称: 机关事业单位养老保险缴费支出}\n  "2101501": {说明: 反映本局的基本支出。}'))
    assert "9.卫生健康支出（类）医疗保障管理事务（款）行政运行（项）：反映本局的基本支出。" in lines(path)


def ctx(**settings) -> CalcContext:
    return CalcContext(settings=merge_settings(DEFAULT_SETTINGS, settings), subjects={}, terms={})


@pytest.mark.parametrize("rate, expected", [(0, D("0.00")), (100, D("100.00"))])
def test_zero_budget_completion_follows_the_layout(rate: int, expected: D) -> None:
    result = calculators.three_public(context_of(LINSHUI), ctx(零预算完成率=rate))
    assert result["三公经费"]["因公出国（境）费"]["完成"] == {"完成率": expected, "比较": "等于"}


def test_structure_lists_zero_items_only_when_the_layout_says_so() -> None:
    data = {"收入": {"一般公共预算财政拨款收入": D("10"), "上级补助收入": D("0")}, "支出": {"基本支出": D("10")},
            "一般公共预算财政拨款支出": {"本年": D("10")}, "本年支出合计": D("10"), "财政拨款收入合计": D("10")}
    hidden = calculators.structure(data, ctx())["收入结构"]
    shown = calculators.structure(data, ctx(结构列出零项=True))["收入结构"]
    assert [x["名称"] for x in hidden] == ["一般公共预算财政拨款收入"]
    assert [(x["名称"], x["占比"]) for x in shown] == [("一般公共预算财政拨款收入", D("100.00")),
                                                        ("上级补助收入", D("0.00"))]


def test_three_public_totals_from_the_seed() -> None:
    context = context_of(LINSHUI)["三公经费"]
    # 0 + (0 + 0.82) + (2 + 0) = 2.82 of 0 + 6 + 2 = 8 -> 35.25%; last year 0 + 5.91 + 1.98 = 7.89
    assert (context["决算数"], context["调整预算数"], context["上年"]) == (D("2.82"), D("8.00"), D("7.89"))
    assert context["完成"] == {"完成率": D("35.25"), "比较": "小于"}
    assert context["变动"]["变动率"] == D("64.26")


#: The 部门决算 layouts that read 基本支出 from the data's section (云南-公开表 reads it from the 公开06表, where
#: an empty table states 0; its paragraphs are 四川-邻水's).
SECTION_LAYOUTS = ("四川-邻水", "四川-峨眉山-2019", "四川-攀枝花-2019", "四川-阿坝-2018")
BASIC = BASE[BASE.index("一般公共预算财政拨款基本支出:\n"):BASE.index("# 一般公共预算财政拨款项目支出决算表")]


@pytest.mark.parametrize("layout", SECTION_LAYOUTS)
def test_basic_expenditure_states_only_the_parts_the_data_gives(tmp_path: Path, layout: str) -> None:
    without_section = document_text(render_bytes(variant(tmp_path, (BASIC, "")), layout))
    assert "基本支出决算情况说明" not in without_section and "人员经费" not in without_section

    only_people = variant(tmp_path, (BASIC[BASIC.index("  公用经费:\n"):], ""))
    lines = document_text(render_bytes(only_people, layout)).splitlines()
    heading = next(i for i, line in enumerate(lines) if line.endswith("一般公共预算财政拨款基本支出决算情况说明"))
    assert lines[heading + 1].startswith("人员经费323.14万元")  # no 基本支出 total made from one part
    assert not any(line.startswith(("公用经费", "日常公用经费")) for line in lines)


def test_basic_expenditure_is_not_invented() -> None:
    assert calculators.basic_expenditure({}, ctx()) == {}
    people = {"一般公共预算财政拨款基本支出": {"人员经费": {"明细": [{"名称": "基本工资", "金额": D("1.5")}]}}}
    assert calculators.basic_expenditure(people, ctx()) == {"一般公共预算财政拨款基本支出": {"人员经费": {"合计": D("1.50")}}}
