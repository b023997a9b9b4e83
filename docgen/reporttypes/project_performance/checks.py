"""Consistency rules of the 项目支出绩效自评 beyond its schema and calculators, run on the computed context.

The calculators already refuse a 得分 above its 满分 at every level (DG601,
DG607) and sum the levels; these rules compare what the texts state with what
is computed (see :mod:`docgen.reporttypes.performance_checks`): the total score,
the grade, the 执行率, and the dates of the money's movements.
"""
from __future__ import annotations

from typing import Any, Iterator, Mapping

from ...calculation import CalcContext
from ...errors import Problem
from ..performance_checks import dated_outside, stated_rates, stated_totals, texts

Context = Mapping[str, Any]
#: Top-level fields that are names, the form, or the tables docgen lays out.
NOT_TEXT = ("type", "版式", "部门", "年度", "项目名称", "标题项目名称", "自评表", "评分表", "绩效目标完成情况表", "引用")
#: Where a report tells the year's money: its 执行率 and the dates it moved.
MONEY_TEXTS = ("资金", "项目概况", "评价结论")


def stated_score_and_grade(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """The total score and grade a text states are the computed 评分 and its 等级 (DG720, DG721)."""
    scored = context.get("评分")
    if scored:
        grades = [row["等级"] for row in ctx.settings["评级"]]
        yield from stated_totals(texts(context, NOT_TEXT), scored["得分"], scored["等级"], grades)


def stated_rate(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """A 执行率 the money texts state is 执行数 ÷ 预算数 (DG722)."""
    funds = context.get("资金", {})
    money_texts = ((path, text) for path, text in texts(context, NOT_TEXT) if path[0] in MONEY_TEXTS)
    yield from stated_rates(money_texts, funds.get("执行数"), funds.get("预算数"))


def dated_in_its_years(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """A date the 资金 texts give falls in the year evaluated or the year after (DG724)."""
    funds = ((path, text) for path, text in texts(context, NOT_TEXT) if path[0] == "资金")
    yield from dated_outside(funds, (context["年度"], context["年度"] + 1))


CHECKS = (stated_score_and_grade, stated_rate, dated_in_its_years)
