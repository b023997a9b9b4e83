"""Consistency rules of the 项目支出绩效自评表 (``自评表``), run on the computed context.

See :mod:`docgen.reporttypes.form_checks` for the rules both forms share.
"""
from __future__ import annotations

from typing import Any, Iterator, Mapping

from ...calc import money
from ...calculation import CalcContext
from ...errors import Location, Problem
from ..form_checks import FORM, blanks, full_marks, indicators, instructions, sources_add_up
from .forms import COLUMNS, SOURCES

Context = Mapping[str, Any]
#: The form's own text cells, checked for leftover instructions.
TEXTS = (("总体目标", "预期目标"), ("总体目标", "实际完成情况"), ("评价结论",), ("存在问题",), ("改进措施",))
CELLS = ("名称", "指标值", "度量单位", "完成值", "偏差原因")


def scores_within_marks(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """An indicator's 得分 above its 分值 is an error, naming the row."""
    for field, row, third in indicators(context.get(FORM, {})):
        if "得分" in third and third["得分"] > third["分值"]:
            yield Problem("DG650", {"row": row, "score": third["得分"], "full": third["分值"]},
                          Location(field=field + ("得分",)))


def form_figures(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """The form's funds: present (error DG656), adding up (DG652), agreeing with the narrative's (DG653);
    its full marks adding to 100 (DG651)."""
    form = context.get(FORM)
    if form is None:
        return
    if "全年预算数" not in form["资金总额行"]:
        yield Problem("DG656", {}, Location(field=(FORM, "资金")))
        return
    yield from full_marks(form, "执行率分值", "指标分值", "总分值")
    typed = form.get("资金", {})
    yield from sources_add_up(typed, SOURCES, COLUMNS)
    funds, whole = context.get("资金", {}), form["资金总额行"]
    if "资金" in form and "资金" in context:
        for column, narrative in (("全年预算数", "预算数"), ("全年执行数", "执行数")):
            if funds.get(narrative) is not None and money(funds[narrative]) != money(whole[column]):
                yield Problem("DG653", {"column": column, "form": whole[column], "name": narrative,
                                        "narrative": funds[narrative]},
                              Location(field=(FORM, "资金")), "warning")


def unfinished_rows(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """Rows published with 完成值 or 得分 blank, and cells still holding the form's instructions (warnings)."""
    form = context.get(FORM)
    if form is None:
        return
    yield from blanks(form, ("完成值", "得分"))
    yield from instructions(form, CELLS, TEXTS)


CHECKS = (scores_within_marks, form_figures, unfinished_rows)
