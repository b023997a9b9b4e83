"""Consistency rules of the 部门整体支出绩效评价 beyond its schema and calculators, run on the computed context.

The calculators already refuse a 得分 above its 分值 and sum every level
(DG621–DG623); these rules compare what the texts state with what is computed
(see :mod:`docgen.reporttypes.performance_checks`), a project's 结余资金 with the budgets
it is part of, and the report's date with its year.
"""
from __future__ import annotations

from typing import Any, Iterator, Mapping

from ...calc import money
from ...calculation import CalcContext
from ...errors import Location, Problem
from ..performance_checks import dated_outside, stated_rates, stated_totals, texts

Context = Mapping[str, Any]
#: Top-level fields that are names, figures or the form, not narrative.
NOT_TEXT = ("type", "版式", "部门", "部门简称", "年度", "组建时间", "日期", "自评表")


def stated_score_and_grade(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """The total score and grade a text states are the computed 绩效评分 and its 等级 (DG720, DG721)."""
    scored = context.get("绩效评分")
    if scored and "得分" in scored:
        grades = [row["等级"] for row in ctx.settings["评级"]]
        yield from stated_totals(texts(context, NOT_TEXT), scored["得分"], scored.get("等级"), grades)


def stated_project_rates(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """A 执行率 a project's own texts state is its 执行数 ÷ 预算数 (DG722)."""
    for index, project in enumerate(context.get("项目预算管理", [])):
        facts = project.get("预算执行")
        if facts:
            own = ((("项目预算管理", index) + path, text) for path, text in texts(project, ("名称", "科目", "预算执行")))
            yield from stated_rates(own, facts["执行数"], facts["预算数"])


def balances_within_their_wholes(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """A project's 结余资金 (last year's balance within its 全年预算数) is at most that 预算数, and the projects'
    together at most the 年初结转结余 of 项目支出 when the data gives it (DG723)."""
    listed = []
    for index, project in enumerate(context.get("项目预算管理", [])):
        facts = project.get("预算执行", {})
        if "结余资金" in facts:
            balance, budget = money(facts["结余资金"]), money(facts["预算数"])
            listed.append(balance)
            if balance > budget:
                yield Problem("DG723", {"part": f"结余资金 {balance}", "whole": f"项目全年预算数 {budget}"},
                              Location(field=("项目预算管理", index, "预算执行", "结余资金")), "warning")
    carried = context.get("年初结转结余", {}).get("项目支出")
    if carried is not None and listed and sum(listed) > money(carried):
        yield Problem("DG723", {"part": f"各项目结余资金合计 {sum(listed)}", "whole": f"年初结转结余（项目支出）{money(carried)}"},
                      Location(field=("年初结转结余", "项目支出")), "warning")


def dated_in_its_years(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """The report's 日期 falls in the year evaluated or the year after, when the report is written (DG724)."""
    if isinstance(context.get("日期"), str):
        yield from dated_outside(iter([(("日期",), context["日期"])]), (context["年度"], context["年度"] + 1))


CHECKS = (stated_score_and_grade, stated_project_rates, balances_within_their_wholes, dated_in_its_years)
