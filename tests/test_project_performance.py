"""项目支出绩效自评: calculators on the seeds' own figures, their edge cases and exact messages."""
from __future__ import annotations

import io
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from docgen.calculation import CalcContext
from docgen.cli import main
from docgen.errors import DocgenError
from docgen.messages import format_problem
from docgen.reporttype import DEFAULT_SETTINGS, merge_settings
from docgen.reporttypes.project_performance import REPORT_TYPE
from docgen.reporttypes.project_performance.calculators import funds, scores
from docgen.testing import context_of, document_text, render_bytes

from conftest import EXAMPLES

DONGCHUAN = EXAMPLES / "2020-dongchuan-离休.yaml"
LINSHUI_DIR = EXAMPLES / "2022-linshui-附件"
MATCHING_FUNDS = LINSHUI_DIR / "项目-城乡居民医疗保险参保县级匹配资金.yaml"
ABA = EXAMPLES / "2018-aba-附件" / "项目-建档立卡大病补充商业保险.yaml"


def context(**settings: Any) -> CalcContext:
    return CalcContext(settings=merge_settings(DEFAULT_SETTINGS, settings), subjects={}, terms={})


def messages(call, *args) -> list[str]:
    with pytest.raises(DocgenError) as caught:
        call(*args)
    return [format_problem(p) for p in caught.value.problems]


# ------------------------------------------------------------------ funds

DONGCHUAN_FUNDS = {"上年结转结余": D("591.04"), "本年收入": {"财政拨款收入": 0, "利息收入": D("5.83")},
                   "本年支出": D("360.73")}


def test_dongchuan_year_end_balance_follows_the_identity() -> None:
    # seed 004: 591.04 + 5.83 - 360.73 = 236.14
    new = funds({"资金": DONGCHUAN_FUNDS}, context())
    assert new["资金"] == {"本年收入合计": D("5.83"), "年末结转结余": D("236.14")}
    assert new["引用"] == {"上年结转结余": D("591.04"), "本年收入合计": D("5.83"), "本年支出": D("360.73"),
                         "年末结转结余": D("236.14"), "财政拨款收入": D("0.00"), "利息收入": D("5.83")}


def test_a_missing_previous_balance_counts_as_zero() -> None:
    new = funds({"资金": {"本年收入": {"利息收入": D("5.83")}, "本年支出": 5}}, context())
    assert new["资金"] == {"本年收入合计": D("5.83"), "年末结转结余": D("0.83")}
    assert "上年结转结余" not in new["引用"]


def test_a_balance_spent_beyond_what_there_was_is_an_error() -> None:
    facts = {"上年结转结余": 100, "本年收入": {"利息收入": D("5.83")}, "本年支出": D("360.73")}
    assert messages(funds, {"资金": facts}, context()) == [
        "错误 DG604: 资金.本年支出: 年末结转结余为负：上年结转结余 100.00 + 本年收入 5.83 − 本年支出 360.73"
        " = -254.90 万元，请核对"]


def test_linshui_matching_funds_are_people_times_the_subsidy_rounded_half_up() -> None:
    # seed 001: 762218 人 × 52.7 元 = 40168888.6 元 = 4016.88886 万元 -> 4016.89 (the seed truncates to 4016.88)
    estimate = {"对象": "城乡居民参保人数", "数量": 762218, "单位": "人", "标准名称": "县级财政补助", "标准": D("52.7")}
    new = funds({"资金": {"测算": estimate, "足额到位": True}}, context())
    assert new["资金"] == {"预算数": D("4016.89"), "到位数": D("4016.89"), "到位率": D("100.00")}
    assert new["引用"] == {"预算数": D("4016.89"), "到位数": D("4016.89")}


def test_partial_arrival_and_execution_rates() -> None:
    # 100 / 107.4 = 93.1099% -> 93.11; 107.40 - 100 = 7.40 unspent
    new = funds({"资金": {"预算数": D("107.4"), "到位数": 100, "执行数": 100}}, context())
    assert new["资金"] == {"到位率": D("93.11"), "完成": {"完成率": D("93.11"), "比较": "小于"},
                         "未执行数": D("7.40"), "财政拨款": {"预算数": D("107.40"), "执行数": D("100.00")},
                         "其它资金": {"预算数": D("0.00"), "执行数": D("0.00")}}


@pytest.mark.parametrize("zero_rate, spent, expected", [
    (0, 0, {"完成率": D("0.00"), "比较": "等于"}),
    (100, 0, {"完成率": D("100.00"), "比较": "等于"}),
    (0, 5, {"完成率": None, "比较": "大于"}),
])
def test_a_zero_budget_has_no_arrival_rate_and_follows_the_layout_for_completion(zero_rate, spent, expected) -> None:
    new = funds({"资金": {"预算数": 0, "到位数": 0, "执行数": spent}}, context(零预算完成率=zero_rate))
    assert new["资金"]["到位率"] is None
    assert new["资金"]["完成"] == expected
    assert new["资金"]["未执行数"] == -D(spent)


def test_no_funds_section_gives_nothing_to_cite() -> None:
    assert funds({"年度": 2022}, context()) == {"引用": {}}


def test_seed_002_all_of_the_budget_is_state_funding_when_no_other_funds_are_typed() -> None:
    # seed 002, 项目绩效目标完成情况表 (1): 预算数 60, 执行数 60, 其中-财政拨款 60 / 60, 其它资金 blank
    new = funds({"资金": {"预算数": 60, "执行数": 60}}, context())
    assert new["资金"]["财政拨款"] == {"预算数": D("60.00"), "执行数": D("60.00")}
    assert new["资金"]["其它资金"] == {"预算数": D("0.00"), "执行数": D("0.00")}


def test_state_funding_is_what_other_funds_leave_of_budget_and_spending() -> None:
    facts = {"预算数": 95, "执行数": D("82.11"), "其它资金": {"预算数": 15, "执行数": D("2.11")}}
    new = funds({"资金": facts}, context())
    assert new["资金"]["财政拨款"] == {"预算数": D("80.00"), "执行数": D("80.00")}
    assert "其它资金" not in new["资金"]


def test_other_funds_above_the_budget_or_spending_are_errors() -> None:
    facts = {"预算数": 60, "执行数": 50, "其它资金": {"预算数": D("60.01"), "执行数": 50}}
    assert messages(funds, {"资金": facts}, context()) == [
        "错误 DG606: 资金.其它资金.预算数: 其它资金的预算数 60.01 万元大于项目的预算数 60.00 万元：其中财政拨款不能为负，请核对"]


def test_other_funds_or_the_targets_table_need_budget_and_spending() -> None:
    data = {"资金": {"预算数": 60, "其它资金": {"预算数": 0, "执行数": 0}}, "绩效目标完成情况表": {"实际完成目标": "目标"}}
    assert messages(funds, data, context()) == [
        "错误 DG603: 资金.其它资金: 填写了其它资金，还须填写预算数（或测算）和执行数",
        "错误 DG603: 绩效目标完成情况表: 填写了绩效目标完成情况表，还须填写资金的预算数（或测算）和执行数",
    ]


@pytest.mark.parametrize("facts, expected", [
    ({"预算数": 100, "测算": {"对象": "人数", "数量": 10, "单位": "人", "标准名称": "补助", "标准": 1}},
     ["错误 DG602: 资金.预算数: 预算数由测算（数量 × 标准）计算得出：请删去此处的预算数"]),
    ({"预算数": 100, "到位数": 100, "足额到位": True},
     ["错误 DG602: 资金.到位数: 到位数由足额到位（等于预算数）计算得出：请删去此处的到位数"]),
    ({"足额到位": True}, ["错误 DG603: 资金.足额到位: 填写了足额到位，还须填写预算数（或测算）"]),
])
def test_figures_typed_where_they_are_computed_are_errors(facts, expected) -> None:
    assert messages(funds, {"资金": facts}, context()) == expected


def test_a_citation_of_an_unknown_figure_is_located_and_suggests_the_right_name() -> None:
    data = {"项目名称": "{不是引用}", "资金": {"预算数": 100, "计划说明": "资金计划{预算}万元，到位{到位数}万元。"}}
    assert messages(funds, data, context()) == [
        "错误 DG605: 资金.计划说明: 文字中的 {预算} 不是可引用的数字，是否想写 预算数？（可引用：预算数）",
        "错误 DG605: 资金.计划说明: 文字中的 {到位数} 不是可引用的数字（可引用：预算数）",
    ]


# ------------------------------------------------------------------ scores

def second(name: str, full: Any, score: Any, **more: Any) -> dict[str, Any]:
    return {"名称": name, "满分": full, "得分": score, **more}


DONGCHUAN_SYSTEM = [
    {"名称": "项目决策", "三级指标数": 10, "二级": [second("项目立项", 8, 8), second("项目目标", 12, 12)]},
    {"名称": "项目管理", "三级指标数": 11,
     "二级": [second("投入管理", 4, 3), second("财务管理", 6, 6), second("项目实施", 10, 10)]},
    {"名称": "项目绩效", "三级指标数": 8, "二级": [second("项目产出", 30, 30), second("项目效益", 30, 30)]},
]


def test_dongchuan_scores_sum_level_by_level_and_grade_the_total() -> None:
    new = scores({"年度": 2020, "指标体系": DONGCHUAN_SYSTEM}, context())
    assert [(f["满分"], f["得分"], f["二级指标数"]) for f in new["指标体系"]] == [(20, 20, 2), (20, 19, 3), (60, 60, 2)]
    assert new["评分"] == {"一级指标数": 3, "二级指标数": 7, "三级指标数": 29, "满分": 100, "得分": 99, "等级": "优"}
    assert new["自评年度"] == 2021


def test_the_report_year_is_the_year_after_the_project_year() -> None:
    assert scores({"年度": 2022}, context()) == {"自评年度": 2023}


def test_a_second_level_group_with_one_third_level_row() -> None:
    rows = [{"名称": "覆盖面", "满分": D("4.5"), "得分": D("3.5"), "指标值": "100%"}]
    system = [{"名称": "项目管理", "二级": [{"名称": "投入管理", "三级": rows}, second("财务管理", 6, 6, 三级指标数=2)]}]
    new = scores({"年度": 2020, "指标体系": system}, context())
    assert new["指标体系"][0]["二级"] == [{"满分": D("4.5"), "得分": D("3.5"), "三级指标数": 1}, {}]
    assert new["指标体系"][0]["三级指标数"] == 3
    assert (new["评分"]["满分"], new["评分"]["得分"], new["评分"]["等级"]) == (D("10.5"), D("9.5"), "差")


def test_third_level_counts_are_unknown_when_a_group_gives_none() -> None:
    system = [{"名称": "项目决策", "二级": [second("项目立项", 8, 8, 三级指标数=3), second("项目目标", 12, 12)]}]
    new = scores({"年度": 2020, "指标体系": system}, context())
    assert new["指标体系"][0]["二级"] == [{}, {"三级指标数": None}]
    assert new["指标体系"][0]["三级指标数"] is None
    assert new["评分"]["三级指标数"] is None


def test_every_score_above_its_full_marks_is_reported_at_its_row() -> None:
    rows = [{"名称": "预算编制", "满分": 2, "得分": D("2.5")}, {"名称": "资金到位", "满分": 2, "得分": 2}]
    system = [{"名称": "项目管理", "二级": [second("财务管理", 6, 7), {"名称": "投入管理", "三级": rows}]}]
    assert messages(scores, {"年度": 2020, "指标体系": system}, context()) == [
        "错误 DG601: 指标体系[1].二级[1].得分: 二级指标“财务管理”的得分 7 高于满分 6：得分不能高于该指标的满分",
        "错误 DG601: 指标体系[1].二级[2].三级[1].得分: 三级指标“预算编制”的得分 2.5 高于满分 2：得分不能高于该指标的满分",
    ]


def test_marks_and_counts_typed_where_rows_below_give_them_are_errors() -> None:
    rows = [{"名称": "预算编制", "满分": 2, "得分": 2}]
    system = [{"名称": "项目管理", "三级指标数": 5, "二级": [{"名称": "投入管理", "得分": 2, "三级": rows}]}]
    assert messages(scores, {"年度": 2020, "指标体系": system}, context()) == [
        "错误 DG602: 指标体系[1].二级[1].得分: 得分由所列三级指标计算得出：请删去此处的得分",
        "错误 DG602: 指标体系[1].三级指标数: 三级指标数由各二级指标的三级指标（个数）计算得出：请删去此处的三级指标数",
    ]


# ------------------------------------------------------------------ the 评分表

def third(name: str, full: Any, score: Any, **more: Any) -> dict[str, Any]:
    return {"名称": name, "满分": full, "得分": score, **more}


def shared(full: Any, *members: tuple[str, Any]) -> dict[str, Any]:
    return {"满分": full, "共用满分": [{"名称": name, "得分": score} for name, score in members]}


SMALL_SYSTEM = [
    {"名称": "项目决策", "二级": [{"名称": "科学决策", "三级": [third("必要性", 5, 5, 评价内容="符合部署"), third("可行性", 5, 4)]},
                               second("项目立项", 8, 8, 三级指标数=1)]},
    {"名称": "项目绩效", "性质": "特性指标",
     "二级": [{"名称": "项目效益", "三级": [shared(40, ("经济效益", 5), ("社会效益", 10)), third("满意度", 10, 9)]}]},
]


def test_score_rows_merge_each_group_down_its_rows() -> None:
    rows = scores({"年度": 2018, "指标体系": SMALL_SYSTEM}, context())["评分表"]
    first = {"名称": "项目决策", "性质": "", "满分": 18}
    assert rows[:3] == [
        {"一级": {**first, "合并": "restart"}, "二级": {"名称": "科学决策", "满分": 10, "合并": "restart"},
         "分值": {"满分": 5, "合并": "restart"}, "三级": "必要性", "评价内容": "符合部署", "得分": 5},
        {"一级": {**first, "合并": "continue"}, "二级": {"名称": "科学决策", "满分": 10, "合并": "continue"},
         "分值": {"满分": 5, "合并": "restart"}, "三级": "可行性", "评价内容": "", "得分": 4},
        {"一级": {**first, "合并": "continue"}, "二级": {"名称": "项目立项", "满分": 8, "合并": "restart"},
         "分值": {"满分": 8, "合并": "restart"}, "三级": "", "评价内容": "", "得分": 8},
    ]
    cells = [(r["一级"]["合并"], r["二级"]["合并"], r["分值"]["合并"], r["分值"]["满分"], r["三级"]) for r in rows[3:]]
    assert cells == [("restart", "restart", "restart", 40, "经济效益"), ("continue", "continue", "continue", 40, "社会效益"),
                     ("continue", "continue", "restart", 10, "满意度")]
    assert rows[3]["一级"] == {"名称": "项目绩效", "性质": "特性指标", "满分": 50, "合并": "restart"}


def test_a_shared_full_mark_counts_once_and_each_member_as_an_indicator() -> None:
    new = scores({"年度": 2018, "指标体系": SMALL_SYSTEM}, context())
    assert new["指标体系"][1]["二级"] == [{"满分": 50, "得分": 24, "三级指标数": 3}]
    # 满分 (5 + 5) + 8 + (40 + 10) = 68, 得分 (5 + 4) + 8 + (5 + 10 + 9) = 41; 三级 2 + 1 + 3
    assert new["评分"] == {"一级指标数": 2, "二级指标数": 3, "三级指标数": 6, "满分": 68, "得分": 41, "等级": "差"}


def test_aba_group_marks_and_totals_are_sums_of_the_seed_rows() -> None:
    # seed 000 附件2: 项目决策 5+5+5+5 = 20 (the seed's 绩效目标（5分） is 5+5 = 10), 项目管理 3+4+3 = 10,
    # 项目绩效 20 + (40 shared by six optional indicators + 10) = 70; scores 20 + 10 + (20 + 40 + 9) = 99
    new = context_of(ABA)
    assert [(f["满分"], f["得分"]) for f in new["指标体系"]] == [(20, 20), (10, 10), (70, 69)]
    assert [(s["满分"], s["得分"]) for f in new["指标体系"] for s in f["二级"]] == [
        (10, 10), (10, 10), (7, 7), (3, 3), (20, 20), (50, 49)]
    assert new["评分"] == {"一级指标数": 3, "二级指标数": 6, "三级指标数": 18, "满分": 100, "得分": 99, "等级": "优"}
    rows = new["评分表"]
    assert len(rows) == 18
    assert [r["分值"]["合并"] for r in rows[11:]] == ["restart"] + ["continue"] * 5 + ["restart"]


def test_a_shared_group_scoring_above_its_full_mark_is_an_error() -> None:
    system = [{"名称": "项目绩效", "二级": [{"名称": "项目效益", "三级": [shared(40, ("经济效益", 30), ("社会效益", D("10.5")))]}]}]
    assert messages(scores, {"年度": 2018, "指标体系": system}, context()) == [
        "错误 DG607: 指标体系[1].二级[1].三级[1].共用满分: 共用满分的三级指标（经济效益、社会效益）得分合计 40.5，"
        "高于这一组的满分 40：得分不能高于满分"]


def test_a_score_name_or_text_typed_on_a_shared_group_are_errors() -> None:
    group = {**shared(40, ("经济效益", 5), ("社会效益", 10)), "名称": "可选指标", "得分": 15, "评价内容": "可选"}
    system = [{"名称": "项目绩效", "二级": [{"名称": "项目效益", "三级": [group]}]}]
    assert messages(scores, {"年度": 2018, "指标体系": system}, context()) == [
        "错误 DG602: 指标体系[1].二级[1].三级[1].得分: 得分由组内各指标计算得出：请删去此处的得分",
        "错误 DG608: 指标体系[1].二级[1].三级[1].名称: 共用满分的一组指标已列出组内各三级指标：名称应分别写在组内各三级指标上，"
        "请删去此处的名称",
        "错误 DG608: 指标体系[1].二级[1].三级[1].评价内容: 共用满分的一组指标已列出组内各三级指标：评价内容应分别写在组内各三级指标上，"
        "请删去此处的评价内容",
    ]


# ------------------------------------------------------------------ the 绩效目标完成情况表

def level(name: str, lower: str | None = None, *items: dict[str, Any], **values: str) -> dict[str, Any]:
    return {"名称": name, **values, **({lower: list(items)} if lower else {})}


def value(name: str, expected: str, actual: str) -> dict[str, Any]:
    return level(name, None, 预期指标值=expected, 实际完成指标值=actual)


#: Seed 002's first table (医保业务运行费): ten 三级 rows under 3 一级 and 5 二级 indicators.
SEED_002_INDICATORS = [
    level("项目完成指标", "二级",
          level("数量指标", "三级", value("办公经费", "保障医保工作的正常运转", "办公用品购置0.77万元"),
                value("人事档案管理", "数字化管理", "采集服务费0.88万元"),
                value("医学专家劳务费和费用审核聘用人员工资", "按时足额发放劳务费及工资", "58.35万元")),
          level("质量指标", "三级", value("人事档案管理", "规范管理", "实现档案数字化管理，防止档案遗失"),
                value("医学专家劳务费和费用审核聘用人员工资", "加大费用审核力度", "按时完成费用审核工作")),
          level("时效指标", "三级", value("人事档案管理", "2019年全年", "2019年全年"),
                value("医学专家劳务费和费用审核聘用人员工资", "2019年全年", "2019年全年"))),
    level("效益指标", "二级",
          level("社会效益指标", "三级",
                value("医学专家劳务费和费用审核聘用人员工资", "按时足额发放劳务费及工资", "学习交流经验，解决就业问题"),
                value("人事档案管理", "实现信息化管理", "防止遗失，同时提高工作效率"))),
    level("满意度指标", "二级",
          level("满意度指标", "三级",
                value("参保人员对医保工作的评价", "基本满意", "经办工作受到群众表扬170余人次，收到感谢信23封，对医保工作满意"))),
]

SEED_002 = {"年度": 2019, "部门": "攀枝花市医疗保障事务中心", "项目概况": {"绩效目标": "用于“保基本、保运转”开支。"},
            "绩效目标完成情况表": {"实际完成目标": "保障医保工作的正常运转。", "绩效指标": SEED_002_INDICATORS}}


def merges(rows: list[dict[str, Any]], column: str) -> str:
    """A column's merge pattern: R for a cell starting a group, c for one continuing it."""
    return "".join("R" if row[column]["合并"] == "restart" else "c" for row in rows)


def test_seed_002_indicator_rows_merge_repeated_first_and_second_levels() -> None:
    table = scores(SEED_002, context())["绩效目标完成情况表"]
    rows = table["行"]
    assert [r["三级"] for r in rows][:3] == ["办公经费", "人事档案管理", "医学专家劳务费和费用审核聘用人员工资"]
    assert merges(rows, "一级") == "RccccccRcR"
    assert merges(rows, "二级") == "RccRcRcRcR"
    assert [r["一级"]["名称"] for r in rows if r["一级"]["合并"] == "restart"] == ["项目完成指标", "效益指标", "满意度指标"]
    assert rows[0] == {"一级": {"名称": "项目完成指标", "合并": "restart"}, "二级": {"名称": "数量指标", "合并": "restart"},
                       "三级": "办公经费", "预期指标值": "保障医保工作的正常运转", "实际完成指标值": "办公用品购置0.77万元"}


def test_the_unit_and_expected_target_default_to_the_department_and_the_performance_target() -> None:
    table = scores(SEED_002, context())["绩效目标完成情况表"]
    assert (table["预算单位"], table["预期目标"]) == ("攀枝花市医疗保障事务中心", "用于“保基本、保运转”开支。")
    typed = {**SEED_002, "绩效目标完成情况表": {"预算单位": "某中心", "预期目标": "某目标", "实际完成目标": "完成"}}
    assert scores(typed, context())["绩效目标完成情况表"] == {"行": []}


def test_indicators_listing_no_lower_level_are_rows_of_their_own() -> None:
    # seed 000: 项目完成指标, 效益指标 and 满意度指标 with no 二级 or 三级 indicator named
    indicators = [level("项目完成指标", None, 预期指标值="支付", 实际完成指标值="已支付"), level("效益指标")]
    rows = scores({**SEED_002, "绩效目标完成情况表": {"实际完成目标": "完成", "绩效指标": indicators}}, context())
    assert rows["绩效目标完成情况表"]["行"] == [
        {"一级": {"名称": "项目完成指标", "合并": "restart"}, "二级": {"名称": "", "合并": "restart"}, "三级": "",
         "预期指标值": "支付", "实际完成指标值": "已支付"},
        {"一级": {"名称": "效益指标", "合并": "restart"}, "二级": {"名称": "", "合并": "restart"}, "三级": "",
         "预期指标值": "", "实际完成指标值": ""},
    ]


def test_values_typed_on_an_indicator_that_lists_lower_ones_are_errors() -> None:
    indicators = [level("项目完成指标", "二级", level("数量指标", "三级", value("办公经费", "a", "b"), 实际完成指标值="c"),
                        预期指标值="d")]
    data = {**SEED_002, "绩效目标完成情况表": {"实际完成目标": "完成", "绩效指标": indicators}}
    assert messages(scores, data, context()) == [
        "错误 DG608: 绩效目标完成情况表.绩效指标[1].预期指标值: 一级指标“项目完成指标”已列出二级指标：预期指标值应分别写在二级指标上，"
        "请删去此处的预期指标值",
        "错误 DG608: 绩效目标完成情况表.绩效指标[1].二级[1].实际完成指标值: 二级指标“数量指标”已列出三级指标："
        "实际完成指标值应分别写在三级指标上，请删去此处的实际完成指标值",
    ]


@pytest.mark.parametrize("score, expected", [(100, "优"), (90, "优"), (D("89.5"), "良"), (80, "良"), (60, "中"),
                                             (D("59.99"), "差"), (0, "差")])
def test_grade_is_the_first_row_whose_lower_bound_the_score_reaches(score, expected) -> None:
    assert context().grade(score) == expected


def test_grade_is_none_below_every_lower_bound() -> None:
    assert CalcContext(settings={"评级": [{"等级": "合格", "下限": 60}]}, subjects={}, terms={}).grade(59) is None


# ------------------------------------------------------------------ the whole pipeline

def test_the_scores_and_the_grade_reach_the_dongchuan_report() -> None:
    text = document_text(render_bytes(DONGCHUAN)).splitlines()
    assert ("根据自评材料，按照既定的绩效指标评价体系和评分标准，2020年度离休干部医疗统筹保障财政配套项目绩效评价得分为99分，"
            "评价结果为优。从整体看绩效目标明确，各项工作开展完成情况良好。") in text
    assert "3.上年结转结余591.04万元，2020年末累计结转结余资金236.14万元，因离休干部项目属于连年持续性保障项目，结转结余部分下年继续使用。" in text


def test_the_linshui_report_year_and_estimate_are_computed() -> None:
    text = document_text(render_bytes(MATCHING_FUNDS)).splitlines()
    assert text[:2] == ["2023年县级项目支出绩效自评报告", "（2022年城乡居民医疗保险参保县级匹配资金项目）"]
    assert "2.资金到位。2022年城乡居民参保人数762218人，按要求县级财政补助为52.7元/人/年，合计4016.89万元，该项资金已全部到位。" in text


def edited(tmp_path: Path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "report.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def render_edited(tmp_path: Path, source: Path, old: str, new: str):
    return CliRunner().invoke(main, ["render", str(edited(tmp_path, source, old, new))])


def test_citations_take_the_layout_number_format_and_text_stays_literal(tmp_path: Path) -> None:
    path = edited(tmp_path, LINSHUI_DIR / "项目-离休干部医疗补助.yaml", "资金计划{预算数}万元。",
                  "资金计划{预算数}万元（<含> A&B），结余{未执行数}万元。")
    path.write_text(path.read_text(encoding="utf-8").replace("  足额到位: true\n", "  足额到位: true\n  执行数: 99.5\n"),
                    encoding="utf-8")
    text = document_text(render_bytes(path)).splitlines()
    assert ("1.资金计划。依据近几年享受离休待遇的离休干部支出情况及当年已经实际发生的医疗报销支出，"
            "资金计划100万元（<含> A&B），结余0.50万元。") in text


MINIMAL = """type: 项目支出绩效自评
部门: 某局
年度: 2021
项目名称: 某
项目概况: {基本情况: 基本情况, 绩效目标: 目标}
评价结论: {综述: 综述}
"""


@pytest.mark.parametrize("layout, expected", [
    ("云南-东川", ["某局2021年度", "某", "项目支出预算绩效自评报告", "摘要", "一、项目概况", "基本情况。", "二、评价结论", "综述。",
                 "一、项目基本情况", "（一）项目概况", "基本情况。", "（二）绩效目标", "目标。",
                 "二、评价结论和绩效分析", "（一）评价结论", "1.评价结果", "综述。"]),
    ("四川-邻水", ["2022年县级项目支出绩效自评报告", "（2021年某项目）", "一、项目概况", "（一）项目基本情况", "基本情况。",
                 "（二）项目绩效目标", "目标。", "二、评价结论及建议", "（一）评价结论", "综述。"]),
    ("四川-阿坝-2018", ["2021年某局", "项目支出绩效评价报告", "一、评价工作开展及项目情况", "基本情况。", "二、评价结论及绩效分析",
                      "（一）评价结论", "综述。", "（二）绩效分析", "1、项目决策", "基本情况。"]),
])
def test_a_report_of_only_the_required_fields_leaves_out_every_other_section(tmp_path: Path, layout: str,
                                                                             expected: list[str]) -> None:
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert [line for line in document_text(render_bytes(path, layout)).splitlines() if line] == expected


def test_unknown_third_level_counts_are_left_unsaid(tmp_path: Path) -> None:
    path = edited(tmp_path, DONGCHUAN, "    三级指标数: 10\n", "")
    text = document_text(render_bytes(path)).splitlines()
    assert "2020年项目支出绩效自评指标体系设置3个一级指标、7个二级指标。其中：" in text
    assert "1.一级指标项目决策包含项目立项、项目目标2个二级指标。项目决策满分20分，经评分本项得分20分。" in text


def test_an_omitted_section_takes_no_number(tmp_path: Path) -> None:
    text = MATCHING_FUNDS.read_text(encoding="utf-8")
    path = tmp_path / "report.yaml"
    path.write_text(text[: text.index("实施及管理:")] + text[text.index("绩效:"):], encoding="utf-8")
    headings = [line for line in document_text(render_bytes(path)).splitlines() if line[1:2] == "、"]
    assert headings == ["一、项目概况", "二、项目资金申报及使用情况", "三、项目绩效情况", "四、评价结论及建议"]


def test_a_score_above_full_marks_stops_the_render_with_a_located_message(tmp_path: Path) -> None:
    result = render_edited(tmp_path, DONGCHUAN, "满分: 4\n        得分: 3", "满分: 4\n        得分: 5")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == [
        "report.yaml:57:13: 错误 DG601: 指标体系[2].二级[1].得分（分；列出三级指标时不填，由三级指标相加）: "
        "二级指标“投入管理”的得分 5 高于满分 4：得分不能高于该指标的满分",
        "            得分: 5",
        "                  ^",
    ]
    assert not (tmp_path / "report.docx").exists()


def test_a_second_level_row_without_marks_or_rows_is_a_schema_error(tmp_path: Path) -> None:
    result = render_edited(tmp_path, DONGCHUAN, "{名称: 项目立项, 满分: 8, 得分: 8}", "{名称: 项目立项}")
    assert result.exit_code == 1
    label = "report.yaml:50:9: 错误 DG202: 指标体系[1].二级[1]（二级指标（列出三级指标，或填写满分与得分））: 缺少必填字段 "
    assert result.stderr.splitlines()[::3][:2] == [
        label + "满分（分；列出三级指标时不填，由三级指标相加）",
        label + "得分（分；列出三级指标时不填，由三级指标相加）",
    ]


# ------------------------------------------------------------------ the tables in a document

class QuotingDumper(yaml.SafeDumper):
    """Writes every string quoted: unquoted, docgen reads 58.35万元 as the number 58.35."""


QuotingDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar("tag:yaml.org,2002:str", text, "\""))


def write_report(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.dump(data, Dumper=QuotingDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def seed_002_report(tmp_path: Path, **more: Any) -> Path:
    """Seed 002's first 项目绩效目标完成情况表 as a report of the 四川-阿坝-2018 layout, plus ``more`` fields."""
    data = {"type": "项目支出绩效自评", "版式": "四川-阿坝-2018", "部门": "攀枝花市医疗保障事务中心", "年度": 2019,
            "项目名称": "医保业务运行费", "项目概况": {"基本情况": "基本情况", "绩效目标": "用于“保基本、保运转”开支。"},
            "评价结论": {"综述": "综述"}, "资金": {"预算数": 60, "执行数": 60},
            "绩效目标完成情况表": {"实际完成目标": "保障医保工作的正常运转，主要用于支付医学专家劳务费和费用审核聘用人员工资和五险一金。",
                                 "绩效指标": SEED_002_INDICATORS}, **more}
    return write_report(tmp_path / "report.yaml", data)


def test_seed_002_table_renders_its_header_figures_and_merged_rows(tmp_path: Path) -> None:
    text = document_text(render_bytes(seed_002_report(tmp_path))).splitlines()
    assert text[text.index("项目支出绩效目标完成情况表"):] == [
        "项目支出绩效目标完成情况表",
        "(2019年度)",
        "项目名称 | 医保业务运行费",
        "预算单位 | 攀枝花市医疗保障事务中心",
        "预算执行情况(万元) | 预算数: | 60万元 | 执行数: | 60万元",
        " | 其中-财政拨款: | 60万元 | 其中-财政拨款: | 60万元",
        " | 其它资金: | 0 | 其它资金: | 0",
        "年度目标完成情况 | 预期目标 | 实际完成目标",
        " | 用于“保基本、保运转”开支。 | 保障医保工作的正常运转，主要用于支付医学专家劳务费和费用审核聘用人员工资和五险一金。",
        "绩效指标完成情况 | 一级指标 | 二级指标 | 三级指标 | 预期指标值(包含数字及文字描述) | 实际完成指标值(包含数字及文字描述)",
        " | 项目完成指标 | 数量指标 | 办公经费 | 保障医保工作的正常运转 | 办公用品购置0.77万元",
        " |  |  | 人事档案管理 | 数字化管理 | 采集服务费0.88万元",
        " |  |  | 医学专家劳务费和费用审核聘用人员工资 | 按时足额发放劳务费及工资 | 58.35万元",
        " |  | 质量指标 | 人事档案管理 | 规范管理 | 实现档案数字化管理，防止档案遗失",
        " |  |  | 医学专家劳务费和费用审核聘用人员工资 | 加大费用审核力度 | 按时完成费用审核工作",
        " |  | 时效指标 | 人事档案管理 | 2019年全年 | 2019年全年",
        " |  |  | 医学专家劳务费和费用审核聘用人员工资 | 2019年全年 | 2019年全年",
        " | 效益指标 | 社会效益指标 | 医学专家劳务费和费用审核聘用人员工资 | 按时足额发放劳务费及工资 | 学习交流经验，解决就业问题",
        " |  |  | 人事档案管理 | 实现信息化管理 | 防止遗失，同时提高工作效率",
        " | 满意度指标 | 满意度指标 | 参保人员对医保工作的评价 | 基本满意 | 经办工作受到群众表扬170余人次，收到感谢信23封，对医保工作满意",
    ]


def table_problems(docx: bytes) -> list[str]:
    """Rows that do not fill the table grid, and vertical merges that continue no cell above or carry text."""
    from docx import Document

    problems = []
    for t, table in enumerate(Document(io.BytesIO(docx)).tables, start=1):
        columns = len(table._tbl.tblGrid.gridCol_lst)
        above: dict[int, tuple[str | None, int]] = {}
        for r, row in enumerate(table.rows, start=1):
            if len(row.cells) != columns:
                problems.append(f"表{t} 第{r}行有 {len(row.cells)} 格，网格为 {columns} 列")
            here, start = {}, 0
            for tc in row._tr.tc_lst:
                if tc.vMerge == "continue" and above.get(start, (None, 0)) not in (("restart", tc.grid_span),
                                                                                   ("continue", tc.grid_span)):
                    problems.append(f"表{t} 第{r}行第{start + 1}列续接的上一格不是合并格")
                if tc.vMerge == "continue" and "".join(tc.itertext()).strip():
                    problems.append(f"表{t} 第{r}行第{start + 1}列是续接格却有文字")
                here[start] = (tc.vMerge, tc.grid_span)
                start += tc.grid_span
            above = here
    return problems


def indicators_of(rows: int) -> list[dict[str, Any]]:
    """绩效指标 with ``rows`` 三级 rows: 3 一级 × 2 二级 × 5 三级 for 30, one of each for 1."""
    firsts, seconds, thirds = {0: (0, 0, 0), 1: (1, 1, 1), 30: (3, 2, 5)}[rows]
    return [level(f"一级{i}", "二级", *[level(f"二级{i}{j}", "三级", *[value(f"三级{i}{j}{k}", "预期", "实际")
                                                                   for k in range(thirds)]) for j in range(seconds)])
            for i in range(firsts)]


def system_of(rows: int) -> list[dict[str, Any]]:
    """指标体系 with ``rows`` 评分表 rows; with 5 三级 rows per 二级 the first two share one 满分."""
    firsts, seconds, thirds = {1: (1, 1, 1), 30: (3, 2, 5)}[rows]
    def entries(i: int, j: int) -> list[dict[str, Any]]:
        if thirds == 1:
            return [third(f"三级{i}{j}", 2, 1)]
        return [shared(4, (f"三级{i}{j}0", 1), (f"三级{i}{j}1", 2))] + [third(f"三级{i}{j}{k}", 2, 1) for k in range(2, thirds)]
    return [{"名称": f"一级{i}", "二级": [{"名称": f"二级{i}{j}", "三级": entries(i, j)} for j in range(seconds)]}
            for i in range(firsts)]


@pytest.mark.parametrize("rows", [0, 1, 30])
def test_tables_of_any_length_keep_their_grid_and_merges(tmp_path: Path, rows: int) -> None:
    from docx import Document

    path = seed_002_report(tmp_path, **({"指标体系": system_of(rows)} if rows else {}))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["绩效目标完成情况表"]["绩效指标"] = indicators_of(rows)
    if not rows:
        del data["绩效目标完成情况表"]["绩效指标"]
    docx = render_bytes(write_report(path, data))

    tables = Document(io.BytesIO(docx)).tables
    assert [len(t.rows) for t in tables] == ([1 + rows + 1] if rows else []) + [8 + rows]
    assert table_problems(docx) == []


def test_the_aba_example_tables_keep_their_grid_and_merges() -> None:
    assert table_problems(render_bytes(ABA)) == []


def test_an_indicator_row_without_its_name_stops_the_render(tmp_path: Path) -> None:
    result = render_edited(tmp_path, ABA, "    - 名称: 效益指标\n", "    - 预期指标值: 无\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "report.yaml:138:7: 错误 DG202: 绩效目标完成情况表.绩效指标[2]（一级指标）: 缺少必填字段 名称（一级指标名称（如 项目完成指标））")


def test_a_score_above_its_mark_in_the_scoring_table_stops_the_render(tmp_path: Path) -> None:
    result = render_edited(tmp_path, ABA, "满分: 4\n            得分: 4", "满分: 4\n            得分: 4.5")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == [
        "report.yaml:66:17: 错误 DG601: 指标体系[2].二级[1].三级[2].得分（分；一组共用时不填，由组内各指标相加）: "
        "三级指标“资金使用”的得分 4.5 高于满分 4：得分不能高于该指标的满分",
        "                得分: 4.5",
        "                      ^",
    ]


# ------------------------------------------------------------------ schema and built-in layouts

def test_built_in_layouts_and_their_settings() -> None:
    assert REPORT_TYPE.layout_names() == ["云南-东川", "全国-自评表", "四川-峨眉山-2019", "四川-攀枝花-2019", "四川-自评表",
                                          "四川-邻水", "四川-阿坝-2018"]
    assert REPORT_TYPE.layout().name == "云南-东川"
    assert [REPORT_TYPE.layout(name).settings["金额格式"] for name in REPORT_TYPE.layout_names()] == [
        "整数省略小数", "两位小数", "两位小数", "去掉末尾的零", "两位小数", "整数省略小数", "去掉末尾的零"]
    assert REPORT_TYPE.layout("四川-阿坝-2018").settings["编号"]["三级"] == "{1}、"


@pytest.mark.parametrize("data_file", sorted(LINSHUI_DIR.glob("项目-*.yaml")) + [DONGCHUAN, ABA]
                         + sorted((EXAMPLES / "2019-emeishan-附件").glob("项目-*.yaml"))
                         + sorted((EXAMPLES / "2019-panzhihua-附件").glob("项目-*.yaml")), ids=lambda p: p.stem)
def test_every_example_renders(data_file: Path) -> None:
    assert document_text(render_bytes(data_file)).strip()


def test_the_panzhihua_layout_leaves_out_a_conclusion_without_its_summary() -> None:
    """评价结论.综述 is needed only by the layouts the schema names: 四川-攀枝花-2019 leaves out its
    （一）评价结论 heading when the data gives only 问题 (seed 003's 办公设备配置)."""
    text = document_text(render_bytes(EXAMPLES / "2019-emeishan-附件" / "项目-办公设备配置.yaml",
                                      "四川-攀枝花-2019")).splitlines()
    assert text[text.index("五、评价结论及建议") + 1] == "（一）存在的问题。"
