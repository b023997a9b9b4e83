"""The 部门决算 region layouts 四川-峨眉山-2019 (seed 003), 四川-攀枝花-2019 (seed 002) and 四川-阿坝-2018 (seed 000).

Golden files of each example (the document's text and the computed context),
``docgen layout check``,
and the calculators on the seeds' own figures. A changed golden file is a
claim that the new output is right: read its diff (``pytest --force-regen``).
"""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.errors import DocgenError
from docgen.testing import context_of, context_text, document_text, render_bytes

from conftest import EXAMPLES

EMEISHAN = EXAMPLES / "2019-emeishan.yaml"
PANZHIHUA = EXAMPLES / "2019-panzhihua.yaml"
ABA = EXAMPLES / "2018-aba.yaml"
#: layout, its example, its template generator
LAYOUTS = [("四川-峨眉山-2019", EMEISHAN, "make_template_final_accounts_emeishan"),
           ("四川-攀枝花-2019", PANZHIHUA, "make_template_final_accounts_panzhihua"),
           ("四川-阿坝-2018", ABA, "make_template_final_accounts_aba")]
IDS = ["emeishan", "panzhihua", "aba"]


@pytest.mark.parametrize("layout, data, tool", LAYOUTS, ids=IDS)
def test_document_text(layout: str, data: Path, tool: str, file_regression) -> None:
    file_regression.check(document_text(render_bytes(data)), basename=f"{data.stem}-document", extension=".txt",
                          encoding="utf-8")


@pytest.mark.parametrize("layout, data, tool", LAYOUTS, ids=IDS)
def test_computed_context(layout: str, data: Path, tool: str, file_regression) -> None:
    file_regression.check(context_text(data), basename=f"{data.stem}-context", extension=".yaml", encoding="utf-8")


@pytest.mark.parametrize("layout, data, tool", LAYOUTS, ids=IDS)
def test_layout_check_finds_nothing_on_the_example(layout: str, data: Path, tool: str) -> None:
    result = CliRunner().invoke(main, ["layout", "check", layout, "--data", str(data)])
    assert (result.exit_code, result.output) == (0, f"版式 {layout}：0 个错误，0 个警告。\n")


def lines(data: Path) -> list[str]:
    return document_text(render_bytes(data)).splitlines()


# ---------------------------------------------------------------- seed 003: a department new in 2019


def test_a_new_department_says_so_in_each_of_the_seeds_wordings() -> None:
    text = lines(EMEISHAN)
    assert "2019年度收入总计为365.81万元，支出总计为363.50万元。因我单位为2019年新组建部门，无2018年决算数据。" in text
    assert "2019年财政拨款收入总计365.81万元，支出总计363.50万元。我单位为2019年新组建部门，无2018年预算数与决算数。" in text
    assert ("2019年一般公共预算财政拨款支出324.54万元，占本年支出合计的89.28%。"
            "我单位为2019年新组建部门，无2018年决算数。") in text
    assert "2019年，峨眉山市医疗保障局机关运行经费支出12.56万元，因我单位为2019年新组建部门，无2018年决算数。" in text
    assert text[text.index("（四）预算绩效管理情况") + 1].startswith("我单位为2019年新组建部门，按要求对2019年部门整体支出")


def test_lines_are_numbered_class_by_class() -> None:
    text = lines(EMEISHAN)
    start = text.index("2019年一般公共预算支出决算数为324.54万元，完成预算99.29%。其中：") + 1
    numbers = [line.split("（类）")[0] for line in text[start:start + 7]]
    assert numbers == ["1.社会保障和就业支出", "社会保障和就业支出", "2.卫生健康支出", "卫生健康支出", "卫生健康支出",
                       "3.农林水支出", "4.住房保障支出"]


def test_seed_003_figures() -> None:
    context = context_of(EMEISHAN)
    spending = context["一般公共预算财政拨款支出"]
    # 5.36 + 2.68 + 2.03 + 52.27 + 7.84 + 246.73 + 7.63 = 324.54 of 326.85 budgeted -> 99.2933% -> 99.29
    assert (spending["本年"], spending["调整预算数"], spending["完成"]["完成率"]) == (D("324.54"), D("326.85"), D("99.29"))
    # 7.84 / 10.15 = 77.2414% (the seed prints 10.15 at 100%)
    assert spending["项级"][4]["完成"] == {"完成率": D("77.24"), "比较": "小于"}
    # 卫生健康支出 2.03 + 52.27 + 7.84 = 62.14, 62.14 / 324.54 = 19.1471% -> 19.15
    assert [(c["名称"], c["决算数"], c["占比"]) for c in spending["按类"]][1] == ("卫生健康支出", D("62.14"), D("19.15"))
    # 5.69 / 8.00 = 71.125% -> 71.13 half-up (the seed truncates to 71.12)
    assert context["预算绩效管理"]["目标完成"][3]["完成"]["完成率"] == D("71.13")
    assert context["收支总计"]["变动"]["有上年"] is False and context["收支总计"]["支出"]["本年"] == D("363.50")


def test_the_glossary_says_which_kinds_the_department_had_none_of() -> None:
    text = lines(EMEISHAN)
    assert "2.事业收入：指事业单位开展专业业务活动及辅助活动取得的收入。峨眉山市医疗保障局2019年无事业收入。" in text
    assert "18.基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。" in text
    # the extra 科目 of the data sit among the lines' in code order
    assert [x["名称"].split("（类）")[0] for x in context_of(EMEISHAN)["名词解释"][8:17]] == [
        "社会保障和就业支出"] * 3 + ["卫生健康支出"] * 3 + ["城乡社区支出", "农林水支出", "住房保障支出"]


def test_the_attached_projects_target_tables_are_printed_in_performance_management(tmp_path: Path) -> None:
    """Seed 003 prints each project's 项目绩效目标完成情况表 in 十、（四）, in the order of the 附件."""
    text = lines(EMEISHAN)
    section = text[text.index("（四）预算绩效管理情况"):text.index("2.部门绩效评价结果。")]
    names = [section[i + 2].split(" | ")[1] for i, line in enumerate(section) if line == "项目绩效目标完成情况表"]
    assert names == ["双创工作经费", "第一书记工作经费", "办公设备配置", "医疗保障服务能力提升", "精准扶贫对象参加城乡居民医疗保险"]
    assert " | 其中-财政拨款: | 8 | 其中-财政拨款: | 5.69" in section  # computed, the amounts bare
    assert " | 其它资金: |  | 其它资金: | " in section  # none: left empty, as the seed does
    assert " |  |  | 广告牌制作 | 12个 | 12个" in section  # 一级 and 二级 merged with the row above
    assert " | 效益指标 | 经济效益指标 | 经济指减轻困难群众经济负担 | 246.73万元 | 246.73万元。" in section  # cited
    # without its attachments the report has no tables
    alone = tmp_path / "alone.yaml"
    alone.write_text(EMEISHAN.read_text(encoding="utf-8").split("\n附件:")[0], encoding="utf-8")
    assert "项目绩效目标完成情况表" not in lines(alone)


# ---------------------------------------------------------------- seed 002: the provincial template filled in


def test_income_and_spending_totals_are_compared_apart() -> None:
    context = context_of(PANZHIHUA)
    totals, fiscal = context["收支总计"], context["财政拨款收支总计"]
    # last year 1070.59 both: 9.92 / 1070.59 = 0.9266% -> 0.93; 8.96 / 1070.59 = 0.8369% -> 0.84
    assert (totals["变动"]["差额"], totals["变动"]["变动率"]) == (D("9.92"), D("0.93"))
    assert (totals["支出"]["本年"], totals["支出"]["变动"]["差额"], totals["支出"]["变动"]["变动率"]) == (
        D("1061.63"), D("8.96"), D("0.84"))
    # 财政拨款 spending 907.46 + 154.11 = 1061.57; 9 / 1070.57 = 0.8407% -> 0.84
    assert (fiscal["支出"]["本年"], fiscal["支出"]["变动"]["差额"], fiscal["支出"]["变动"]["变动率"]) == (
        D("1061.57"), D("9.00"), D("0.84"))


@pytest.mark.parametrize("spent, expected", [
    # 1061.63 - 1000 = 61.63, 6.163% -> 6.16
    ("1000", "收入总计减少9.92万元，下降0.93%。支出总计增加61.63万元，增长6.16%。主要变动原因是"),
    # the reason still follows when only the income changed
    ("1061.63", "收入总计减少9.92万元，下降0.93%。支出总计持平。主要变动原因是"),
])
def test_a_separate_last_year_spending_total_is_used(tmp_path: Path, spent: str, expected: str) -> None:
    data = tmp_path / "other.yaml"
    data.write_text(PANZHIHUA.read_text(encoding="utf-8").replace("  上年: 1070.59\n", f"  上年: 1070.59\n  上年支出: {spent}\n"),
                    encoding="utf-8")
    assert expected in "".join(lines(data))


def test_seed_002_income_shares_follow_the_arithmetic() -> None:
    # 906.51 / 1060.67 = 85.4658%, 154.11 / 1060.67 = 14.5295%, 0.05 / 1060.67 = 0.0047% (the seed: 85.39, 14.52, 0.09)
    shares = [(x["名称"], x["占比"]) for x in context_of(PANZHIHUA)["收入结构"]]
    assert shares[:2] + shares[-1:] == [("一般公共预算财政拨款收入", D("85.47")), ("政府性基金预算财政拨款收入", D("14.53")),
                                        ("其他收入", D("0.00"))]
    assert len(shares) == 7  # every kind the data lists, zeros too (结构列出零项)


def test_receptions_typed_in_wan_get_their_yuan() -> None:
    receptions = context_of(PANZHIHUA)["三公经费"]["公务接待费"]["国内公务接待"]["明细"]
    assert [(x["金额"], x["金额元"]) for x in receptions[:2]] == [(D("0.18"), D("1800.00")), (D("0.03"), D("300.00"))]


def test_the_glossary_gathers_the_subjects_under_their_class() -> None:
    groups = [x for x in context_of(PANZHIHUA)["名词解释按类"] if "科目" in x]
    assert [(g["简称"], [s["编码"] for s in g["科目"]]) for g in groups] == [
        ("社会保障和就业", ["2080101", "2080107", "2080109", "2080504", "2080505"]), ("卫生健康", ["2101599"]),
        ("城乡社区", ["2120802"]), ("住房保障", ["2210201"])]


def test_a_basic_part_needs_its_total_or_its_items(tmp_path: Path) -> None:
    data = tmp_path / "no-total.yaml"
    data.write_text(PANZHIHUA.read_text(encoding="utf-8").replace("  人员经费:\n    合计: 740.22\n", "  人员经费: {}\n"),
                    encoding="utf-8")
    with pytest.raises(DocgenError) as error:
        render_bytes(data)
    [problem] = error.value.problems
    assert (problem.code, problem.params, problem.location.line) == ("DG202", {"name": "合计（或明细）"}, 74)



def test_a_reception_needs_its_amount(tmp_path: Path) -> None:
    data = tmp_path / "none.yaml"
    data.write_text(PANZHIHUA.read_text(encoding="utf-8").replace(", 金额: 0.03}", "}"), encoding="utf-8")
    with pytest.raises(DocgenError) as error:
        render_bytes(data)
    assert [(p.code, p.params, p.location.line) for p in error.value.problems] == [
        ("DG202", {"name": "金额元（或金额）"}, 111)]


# ---------------------------------------------------------------- seed 000: subjects with slashes, items with amounts


def test_subjects_are_written_with_slashes_and_the_seeds_colon() -> None:
    text = lines(ABA)
    assert ("1.社会保障和就业支出/人力资源和社会保障管理事务/社会保险经办机构:支出决算为401.56万元，完成预算98.8%，"
            "决算数小于预算数的主要原因是2018年调资补发（4.87万元）2018年度列收未支，于2019年支出。") in text
    assert "7.农林水支出/扶贫/其他扶贫支出:支出决算为631.46万元，完成预算100%。" in text
    assert "15.农林水支出/扶贫/其他扶贫支出：指除上述项目以外其他用于扶贫方面的支出。" in text


def test_seed_000_figures() -> None:
    context = context_of(ABA)
    spending = context["一般公共预算财政拨款支出"]
    # 401.56 + 39.66 + 15.86 + 193.94 + 18.15 + 3.55 + 631.46 + 31.48 = 1335.66 of 1340.53 -> 99.6367% -> 99.64
    assert (spending["本年"], spending["调整预算数"], spending["完成"]["完成率"]) == (D("1335.66"), D("1340.53"), D("99.64"))
    # 401.56 / 406.43 = 98.8018% -> 98.80 (the seed: 98.8%)
    assert spending["项级"][0]["完成"] == {"完成率": D("98.80"), "比较": "小于"}
    # 651.02 / 1335.66 = 48.7414%, 631.46 / 1335.66 = 47.2770% (the seed: 651.2, 48.75%, 47.27%)
    assert [(c["决算数"], c["占比"]) for c in spending["按类"]] == [
        (D("651.02"), D("48.74")), (D("21.70"), D("1.62")), (D("631.46"), D("47.28")), (D("31.48"), D("2.36"))]
    # 113.74 / 1221.92 = 9.3083% (the seed: 9.44%); income 104.98 / 1221.92 = 8.5914%
    fiscal = context["财政拨款收支总计"]
    assert (fiscal["变动"]["变动率"], fiscal["支出"]["变动"]["变动率"]) == (D("8.59"), D("9.31"))
    # 1326.92 + 13.63 = 1335.68 + 4.87 = 1340.55; 107.75 / 1232.80 = 8.7403%
    assert (context["收入总计"], context["支出总计"], context["收支总计"]["变动"]["变动率"]) == (
        D("1340.55"), D("1340.55"), D("8.74"))


def test_basic_expenditure_items_are_summed_and_listed_with_amounts() -> None:
    basic = context_of(ABA)["一般公共预算财政拨款基本支出"]
    assert (basic["人员经费"]["合计"], basic["公用经费"]["合计"], basic["合计"]) == (D("602.34"), D("101.88"), D("704.22"))
    text = lines(ABA)
    assert text[text.index("2018年一般公共预算财政拨款基本支出704.22万元，其中：") + 2].startswith(
        "公用经费101.88万元，主要包括：办公费12.79万元、手续费0.83万元、")


def test_fixed_assets_are_totalled() -> None:
    assert context_of(ABA)["国有资产"]["固定资产合计"] == D("55.02")  # 37.2 + 17.82
    assert ("截至2018年12月31日，阿坝州医保局国有固定资产共计55.02万元，其中：通用设备37.2万元，家具用具装具及动植物17.82万元。"
            "车辆0辆；单价50万元以上通用设备0台（套），单价100万元以上专用设备0台（套）。") in lines(ABA)


def test_the_performance_section_stands_before_the_other_matters() -> None:
    headings = [line for line in lines(ABA) if line[:2] in ("八、", "九、", "十、") or line.startswith("十一、")]
    assert headings == ["八、政府性基金预算支出决算情况说明", "九、国有资本经营预算支出决算情况说明", "十、预算绩效情况说明",
                        "十一、其他重要事项的情况说明"]


def test_income_and_spending_of_the_fiscal_totals_give_their_own_reasons() -> None:
    text = lines(ABA)
    spending = next(line for line in text if line.startswith("2018年财政拨款支出总计"))
    assert spending.endswith("较2017年相比，增加113.74万元，增长9.31%。主要变动原因是支付军队移交政府的离退休人员安置及"
                             "建档立卡人员大病补充商业保险较及因缴费基数调整公积金及保险费缴纳支出的增加。")


def test_the_attached_projects_target_table_is_printed_in_the_performance_section(tmp_path: Path) -> None:
    """Seed 000 prints its project's 项目支出绩效目标完成情况表 in 十、（二）, after the project's lines."""
    text = lines(ABA)
    section = text[text.index("（二）项目绩效目标完成情况。"):text.index("（三）部门开展绩效评价结果。")]
    start = section.index("项目支出绩效目标完成情况表")
    assert section[start - 1].startswith("项目全年预算数631.46万元")
    assert section[start + 1:start + 3] == ["(2018年度)", "项目名称 | 201809-2018年州级财政专项扶贫资金"]
    assert " | 其中-财政拨款: | 631.46万元 | 其中-财政拨款: | 631.46万元" in section  # computed, in 万元
    assert " | 其它资金: | 0 | 其它资金: | 0" in section  # none: a bare 0, as the seed writes it
    assert (" | 项目完成指标 |  |  | 支付全州城乡居民建档立卡贫困人员大病补充商业保险参保费用631.46万元。"
            " | 支付全州城乡居民建档立卡贫困人员大病补充商业保险参保费用631.46万元。") in section  # cited
    # without its attachments the report has no table
    alone = tmp_path / "alone.yaml"
    alone.write_text(ABA.read_text(encoding="utf-8").split("\n附件:")[0], encoding="utf-8")
    assert "项目支出绩效目标完成情况表" not in lines(alone)
