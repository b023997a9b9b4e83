"""部门决算 for any department: only what the data says, both totals, facts real reports state,
科目 named by the data, validate ≡ check ≡ render (issue 10)."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.formatting import Numbering, format_number
from docgen.testing import context_of, document_text, render_bytes

from conftest import EXAMPLES, LINSHUI_MAIN

#: Every built-in 部门决算 layout with the example written for it.
LAYOUT_EXAMPLES = {
    "四川-邻水": LINSHUI_MAIN,
    "四川-阿坝-2018": (EXAMPLES / "2018-aba.yaml").read_text(encoding="utf-8"),
    "四川-攀枝花-2019": (EXAMPLES / "2019-panzhihua.yaml").read_text(encoding="utf-8"),
    "四川-峨眉山-2019": (EXAMPLES / "2019-emeishan.yaml").read_text(encoding="utf-8"),
}


def variant(tmp_path: Path, text: str, *edits: tuple[str, str]) -> Path:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "report.yaml"
    path.write_text(text.split("\n# 第四部分 附件")[0].split("\n附件:")[0] + "\n", encoding="utf-8")
    return path


def text_of(path: Path) -> str:
    return document_text(render_bytes(path))


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


# ---------------------------------------------------------------- nothing invented from absent facts


def test_no_last_year_and_no_new_department_fact_says_nothing_of_last_year(tmp_path: Path) -> None:
    path = variant(tmp_path, LINSHUI_MAIN, ("收支总计:\n  上年: 7147.37\n", "收支总计:\n"),
                   ("  上年: 6749.94\n", ""), ("  上年: 47.78\n", ""))
    text = text_of(path)
    assert "新组建" not in text
    lines = text.splitlines()
    assert "2022年度收、支总计6796.16万元。" in lines
    assert "2022年一般公共预算财政拨款支出5996.78万元，占本年支出合计的88.24%。" in lines


def test_no_project_list_leaves_out_the_project_section_and_the_numbers_close_up(tmp_path: Path) -> None:
    text = LINSHUI_MAIN
    start = text.index("# 一般公共预算财政拨款项目支出决算表")
    path = variant(tmp_path, text, (text[start:text.index("# “三公”经费财政拨款支出决算表")], ""))
    lines = text_of(path).splitlines()
    assert not any("项目支出决算情况说明" in line or line.endswith("其中：") and "项目支出" in line for line in lines)
    assert "七、“三公”经费财政拨款支出决算情况说明" in lines  # 八、 with the project section (seed 001)


def test_vehicle_and_reception_counts_not_given_are_not_printed_as_zero(tmp_path: Path) -> None:
    path = variant(tmp_path, LINSHUI_MAIN,
                   ("    团组数: 0\n    人数: 0\n", ""),
                   ("    年末保有量:\n      轿车: 0\n      越野车: 1\n      载客汽车: 0\n", ""),
                   ("      批次: 6\n      人次: 193\n", ""),
                   ("    外事接待:\n      决算数: 0\n      批次: 0\n      人次: 0\n", ""),
                   ("国有资产:\n", "国有资产-removed:\n"))
    path.write_text(path.read_text(encoding="utf-8").split("国有资产-removed:")[0]
                    + "预算绩效管理:" + path.read_text(encoding="utf-8").split("预算绩效管理:")[1], encoding="utf-8")
    text = text_of(path)
    for invented in ("共有公务用车", "团组0次", "出国（境）0人", "0批次", "0人次", "外事接待支出"):
        assert invented not in text, invented
    # the reception spending itself is a fact and stays, with its listed receptions
    assert "国内公务接待支出2万元，主要用于省市医保局检查指导医保各项工作开展业务活动开支的交通费、住宿费、用餐费等。" \
           "具体内容包括：" in text


def test_fund_spending_not_given_is_no_section_and_the_glossary_names_only_what_the_report_has(tmp_path: Path) -> None:
    text = LINSHUI_MAIN
    three = text[text.index("# “三公”经费财政拨款支出决算表"):text.index("政府性基金预算财政拨款支出: 799.38")]
    path = variant(tmp_path, text, ("政府性基金预算财政拨款支出: 799.38\n国有资本经营预算财政拨款支出: 0\n", ""),
                   (three, ""), ("机关运行经费:\n  本年: 117.2", "机关运行经费-removed:\n  本年: 117.2"))
    path.write_text(path.read_text(encoding="utf-8").replace(
        "机关运行经费-removed:\n  本年: 117.2\n  上年: 47.78\n  变动原因: 2022年是医疗服务与保障能力提升保障年，各级专项补助增加所至\n",
        ""), encoding="utf-8")
    lines = text_of(path).splitlines()
    assert not any("政府性基金预算支出决算情况说明" in line or "国有资本经营预算支出决算情况说明" in line for line in lines)
    glossary = lines[lines.index("第三部分 名词解释"):]
    assert [line.split("：")[0] for line in glossary if line[:2] in ("13", "14", "15")] == ["13.基本支出", "14.项目支出"]
    assert not any("“三公”经费" in line or "机关运行经费" in line for line in glossary)


def test_other_matters_with_nothing_under_it_is_left_out(tmp_path: Path) -> None:
    text = LINSHUI_MAIN
    path = variant(tmp_path, text, (text[text.index("机关运行经费:\n"):text.index("# 覆盖内置科目表")], ""))
    lines = text_of(path).splitlines()
    assert "其他重要事项的情况说明" not in "".join(lines)
    assert lines[lines.index("第三部分 名词解释") - 1].startswith("国有资本经营预算") is False


# ---------------------------------------------------------------- 收入总计 ≠ 支出总计: both, in every layout


@pytest.mark.parametrize("layout", LAYOUT_EXAMPLES)
def test_unequal_totals_print_both_figures_in_every_layout(tmp_path: Path, layout: str) -> None:
    # only 年末结转和结余 12.34 given: 支出总计 = 本年支出合计 + 12.34, 收入总计 = 本年收入合计 (not balanced)
    text = LAYOUT_EXAMPLES[layout].replace("年初结转和结余: 13.63\n年末结转和结余: 4.87\n", "")
    path = variant(tmp_path, text, ("支出:\n", "年末结转和结余: 12.34\n支出:\n"))
    context = context_of(path)
    assert context["收入总计"] == context["本年收入合计"]
    assert context["支出总计"] == context["本年支出合计"] + Decimal("12.34") != context["收入总计"]
    body = text_of(path)
    style = "整数省略小数" if layout in ("四川-邻水", "四川-峨眉山-2019") else "去掉末尾的零"
    overall = next(line for line in body.splitlines() if "收入总计" in line and "支出总计" in line)
    assert f"收入总计{format_number(context['收入总计'], style)}万元" in overall.replace("为", "")
    assert f"支出总计{format_number(context['支出总计'], style)}万元" in overall.replace("为", "")


def test_unequal_totals_compare_each_with_last_year_and_give_each_reason(tmp_path: Path) -> None:
    path = variant(tmp_path, LINSHUI_MAIN,
                   ("收支总计:\n  上年: 7147.37\n  变动原因: 2022年度参保人数减少所致\n",
                    "年末结转和结余: 100\n收支总计:\n  上年: 7147.37\n  上年支出: 7000\n  变动原因: 参保人数减少\n"
                    "  支出变动原因: 结转下年的资金增加\n"))
    lines = text_of(path).splitlines()
    # 收入总计 6796.16 (7147.37 − 6796.16 = 351.21, 351.21 / 7147.37 = 4.91%);
    # 支出总计 6796.16 + 100 = 6896.16 (7000 − 6896.16 = 103.84, 103.84 / 7000 = 1.48%)
    assert ("2022年度收入总计6796.16万元，支出总计6896.16万元。与2021年相比，收入总计减少351.21万元，下降4.91%。"
            "主要变动原因是参保人数减少。支出总计减少103.84万元，下降1.48%。主要变动原因是结转下年的资金增加。") in lines


def test_the_totals_chart_has_both_series_when_they_differ(tmp_path: Path) -> None:
    path = variant(tmp_path, LINSHUI_MAIN, ("收支总计:\n  上年: 7147.37\n", "年末结转和结余: 100\n收支总计:\n  上年: 7147.37\n"))
    chart = context_of(path)["图表"]["收支总计变动"]
    assert chart["类别"] == ["2021年度", "2022年度"]
    assert [(s["名称"], [str(v) for v in s["值"]]) for s in chart["系列"]] == [
        ("收入总计", ["7147.37", "6796.16"]), ("支出总计", ["7147.37", "6896.16"])]


# ---------------------------------------------------------------- facts the schema now holds


def test_income_and_spending_totals_compared_with_last_year_and_the_initial_budget(tmp_path: Path) -> None:
    path = variant(tmp_path, LINSHUI_MAIN,
                   ("收支总计:\n", "收入合计:\n  上年: 7000\n  变动原因: 参保人数减少\n支出合计:\n  上年: 6796.16\n收支总计:\n"),
                   ("财政拨款收支总计:\n  上年: 7147.37\n", "财政拨款收支总计:\n  上年: 7147.37\n  年初预算数: 7000\n"
                                                          "  预决算差异原因: 年中追减预算\n"))
    lines = text_of(path).splitlines()
    income = next(line for line in lines if line.startswith("2022年本年收入合计"))
    # 7000 − 6796.16 = 203.84; 203.84 / 7000 = 2.91%
    assert income.endswith("与2021年决算数相比，本年收入合计减少203.84万元，下降2.91%。主要变动原因是参保人数减少。")
    spending = next(line for line in lines if line.startswith("2022年本年支出合计"))
    assert spending.endswith("本年支出合计与2021年决算数持平。")
    fiscal = next(line for line in lines if line.startswith("2022年财政拨款收、支总计"))
    # 财政拨款支出合计 5996.78 + 799.38 + 0 = 6796.16; 6796.16 / 7000 = 97.09%
    assert fiscal.endswith("财政拨款支出年初预算数7000万元，决算数6796.16万元，完成年初预算的97.09%。"
                           "决算数小于年初预算数的主要原因是年中追减预算。")


def test_balancing_items_make_the_totals(tmp_path: Path) -> None:
    path = variant(tmp_path, LINSHUI_MAIN, ("支出:\n", "使用非财政拨款结余: 3\n年初结转和结余: 10\n结余分配: 1\n"
                                                     "年末结转和结余: 12\n支出:\n"))
    context = context_of(path)
    # 6796.16 + 3 + 10 = 6809.16 = 6796.16 + 1 + 12
    assert (str(context["收入总计"]), str(context["支出总计"]), context["收支总计"]["收支相等"]) == ("6809.16", "6809.16", True)
    by_source = context["收入结构合并财政拨款"]
    assert [(x["名称"], str(x["金额"]), str(x["占比"])) for x in by_source] == [("财政拨款收入", "6796.16", "100.00")]


# ---------------------------------------------------------------- 科目 for any department


JUSTICE_LINES = """  科目:
    - {编码: 204, 名称: 公共安全支出}
    - {编码: 20406, 名称: 司法}
    - {编码: 2040601, 名称: 行政运行, 决算数: 5996.78, 调整预算数: 5996.78}
"""


def _justice(text: str) -> str:
    start = text.index("  科目:\n    - {编码: 2080109")
    end = text.index("\n\n", start)
    return text[:start] + JUSTICE_LINES.rstrip("\n") + text[end:]


def test_a_justice_bureau_names_its_subjects_as_its_table_does(tmp_path: Path) -> None:
    path = variant(tmp_path, _justice(LINSHUI_MAIN),
                   ("  人员经费:\n    合计: 323.14", "  人员经费:\n    合计: 323.14"))
    path.write_text(path.read_text(encoding="utf-8").replace(
        "一般公共预算财政拨款项目支出:", "一般公共预算财政拨款项目支出-removed:").split("一般公共预算财政拨款项目支出-removed:")[0]
        + "# “三公”" + path.read_text(encoding="utf-8").split("# “三公”")[1], encoding="utf-8")
    lines = text_of(path).splitlines()
    assert "1.公共安全支出（类）司法（款）行政运行（项）：支出决算为5996.78万元，完成预算100%。" in lines
    assert "公共安全支出5996.78万元，占100%。" in "".join(lines)
    # no explanation known for 2040601: left out of the 名词解释, said as a note by check -v
    assert not any("行政运行（项）：" in line and line[0].isdigit() and "反映" in line for line in lines)
    result = invoke("check", "-v", str(path))
    assert ("说明 DG710: 一般公共预算财政拨款支出.科目（支出功能分类科目（项级））: 科目 2040601 行政运行 没有已知的名词解释，"
            "名词解释中未列出它；可在数据的“科目”下补充其说明") in result.stderr
    assert invoke("check", str(path)).stderr == ""  # notes only with -v


@pytest.mark.parametrize("code, class_name, item_name", [
    ("213", "农林水支出", "行政运行"), ("201", "一般公共服务支出", "行政运行")])
def test_other_classes_render_with_names_from_the_data(tmp_path: Path, code: str, class_name: str,
                                                       item_name: str) -> None:
    rows = (f"  科目:\n    - {{编码: {code}, 名称: {class_name}}}\n    - {{编码: {code}01, 名称: 某款}}\n"
            f"    - {{编码: {code}0101, 名称: {item_name}, 决算数: 5996.78, 调整预算数: 5996.78}}\n")
    text = _justice(LINSHUI_MAIN).replace(JUSTICE_LINES, rows)
    text = text.split("一般公共预算财政拨款项目支出:")[0] + "# “三公”" + text.split("# “三公”")[1]
    lines = text_of(variant(tmp_path, text)).splitlines()
    assert f"1.{class_name}（类）某款（款）{item_name}（项）：支出决算为5996.78万元，完成预算100%。" in lines


def test_a_row_under_the_wrong_class_is_told_apart_from_an_unknown_code(tmp_path: Path) -> None:
    text = _justice(LINSHUI_MAIN).replace("    - {编码: 20406, 名称: 司法}\n",
                                          "    - {编码: 20406, 名称: 司法}\n    - {编码: 2080109, 决算数: 0, 调整预算数: 0}\n")
    result = invoke("validate", str(variant(tmp_path, text)))
    assert result.exit_code == 1
    assert ("错误 DG312: 一般公共预算财政拨款支出.科目[3].编码（科目编码（类3位、款5位、项7位））: 科目 2080109 列在类 204 之下，"
            "但它属于类 208") in result.stderr
    unknown = _justice(LINSHUI_MAIN).replace("{编码: 2040601, 名称: 行政运行,", "{编码: 2040699,")
    result = invoke("validate", str(variant(tmp_path, unknown)))
    assert ("report.yaml:44:12: 错误 DG310: 一般公共预算财政拨款支出.科目[3].编码（科目编码（类3位、款5位、项7位））: "
            "科目 2040699（项）不在内置科目表中，数据也没有给出名称：请照决算表列出这一项级科目行（编码: 2040699, 名称: …），"
            "或在数据的“科目”下补充其名称") in result.stderr


# ---------------------------------------------------------------- validate ≡ check ≡ render


def test_what_the_layout_needs_is_refused_by_validate_check_and_render_alike(tmp_path: Path) -> None:
    # the schema lets 评价结论 out (四川-峨眉山-2019 does without it); 四川-邻水's template needs it
    path = tmp_path / "report.yaml"
    path.write_text("type: 项目支出绩效自评\n版式: 四川-邻水\n部门: 某局\n年度: 2021\n项目名称: 某\n"
                    "项目概况: {基本情况: 基本情况, 绩效目标: 目标}\n", encoding="utf-8")
    outputs = [invoke(command, str(path)) for command in ("validate", "check", "render")]
    assert [r.exit_code for r in outputs] == [1, 1, 1]
    assert outputs[0].stderr == outputs[1].stderr == outputs[2].stderr
    assert outputs[0].stderr.splitlines()[0] == (
        "report.yaml:1:1: 错误 DG406: 评价结论及建议（云南-东川、四川-邻水、四川-阿坝-2018 版式须填写综述）: "
        "缺少 评价结论，版式 四川-邻水 需要它")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.yaml"]


# ---------------------------------------------------------------- 四级 numbering


def test_a_fourth_numbering_level_restarts_under_the_third() -> None:
    number = Numbering({"部分": "第{一}部分", "一级": "{一}、", "二级": "（{一}）", "三级": "{1}.", "四级": "（{1}）"})
    calls = ["一级", "二级", "三级", "四级", "四级", "三级", "四级", "二级", "三级", "四级"]
    assert [number(level) for level in calls] == ["一、", "（一）", "1.", "（1）", "（2）", "2.", "（1）", "（二）", "1.",
                                                  "（1）"]


def test_vehicles_by_use_are_listed_only_when_the_data_gives_them(tmp_path: Path) -> None:
    text = LAYOUT_EXAMPLES["四川-攀枝花-2019"]
    path = variant(tmp_path, text, (text[text.index("国有资产:\n"):text.index("# 预算绩效管理")], ""))
    body = text_of(path)
    assert "截至2019年12月底，单位共有公务用车0辆。" in body
    assert "主要领导干部用车" not in body


def test_check_v_names_each_field_whose_statements_were_left_out(tmp_path: Path) -> None:
    text = LINSHUI_MAIN
    path = variant(tmp_path, text, (text[text.index("机关运行经费:\n"):text.index("政府采购:\n")], ""),
                   ("    团组数: 0\n    人数: 0\n", ""))
    notes = [line for line in invoke("check", "-v", str(path)).stderr.splitlines() if "DG790" in line]
    tail = "未填写：版式 四川-邻水 中依赖这一项的句子、段落或小节没有写入报告"
    assert f"report.yaml:4:1: 说明 DG790: 机关运行经费: {tail}" in notes  # absent: located at the top
    assert any(line.endswith(f"三公经费.因公出国（境）费.团组数（因公出国（境）团组数）: {tail}") for line in notes)
    assert not any("收支总计.变动原因" in line for line in notes)  # given
    assert "DG790" not in invoke("check", str(path)).stderr  # notes only with -v


def test_a_reception_total_without_its_breakdown_ends_its_sentence(tmp_path: Path) -> None:
    text = LINSHUI_MAIN
    start = text.index("    国内公务接待:\n")
    path = variant(tmp_path, text, (text[start:text.index("\n政府性基金预算财政拨款支出")], "    决算数: 2"))
    line = next(line for line in text_of(path).splitlines() if line.startswith("3.公务接待费支出"))
    # 2 of a budget of 2: 100%; last year 1.98: 0.02 more, 0.02 / 1.98 = 1.01%
    assert line == ("3.公务接待费支出2万元，完成预算100%。公务接待费支出决算比2021年增加0.02万元，增长1.01%。"
                    "主要原因是2022年省市医保系统行业监督检查等略多。")


def test_a_guard_through_a_short_name_counts_as_a_guard_on_its_field() -> None:
    """``{% set d = … %}`` lets a template write a long field once; ``check -v`` still knows what
    ``d.批次 is defined`` guards."""
    from jinja2 import Environment

    from docgen.leftout import guarded_paths

    tree = Environment().parse("{% set d = 三公经费.公务接待费 %}{% set n = d.国内公务接待 %}"
                               "{% if n.批次 is defined %}{{ n.批次 }}{% endif %}{% if 资金 is defined %}{% endif %}")
    assert list(guarded_paths(tree)) == [("三公经费", "公务接待费", "国内公务接待", "批次"), ("资金",)]


def test_a_field_a_sentence_helper_prints_only_when_given_counts_as_guarded() -> None:
    """``{{ 接待句(国内, …) }}`` prints 批次, 人次 and 明细 only when given: ``check -v`` names them when left out."""
    from jinja2 import Environment

    from docgen.leftout import guarded_paths

    tree = Environment().parse("{% set 国内 = 三公经费.公务接待费.国内公务接待 %}{{ 接待句(国内, '{内容}') }}"
                               "{{ 变动句(机关运行经费, '比') }}")
    received = ("三公经费", "公务接待费", "国内公务接待")
    assert list(guarded_paths(tree)) == [(*received, "批次"), (*received, "人次"), (*received, "明细"),
                                         ("机关运行经费", "变动原因")]
