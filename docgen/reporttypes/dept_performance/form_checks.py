"""Consistency rules of the 部门整体支出绩效自评表 (``自评表``), run on the computed context.

A 指标得分 cannot exceed its 指标权重 (得分系数 is at most 1, by the schema);
see :mod:`docgen.reporttypes.form_checks` for the rules both forms share.
"""
from __future__ import annotations

from typing import Any, Iterator, Mapping

from ...calculation import CalcContext
from ...errors import Problem
from ..form_checks import FORM, blanks, full_marks, instructions

Context = Mapping[str, Any]
TEXTS = (("总体目标", "预期目标"), ("总体目标", "实际完成情况"))
CELLS = ("名称", "计量单位", "年初指标值", "调整指标值", "全年完成值", "未完成原因")


def form_rows(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """Full marks adding to 100 (DG651); rows with 全年完成值 or 得分系数 blank (DG654); instructions left (DG655)."""
    form = context.get(FORM)
    if form is None:
        return
    yield from full_marks(form, "执行率权重", "指标权重合计", "总分值")
    yield from blanks(form, ("全年完成值", "得分系数"))
    yield from instructions(form, CELLS, TEXTS)


CHECKS = (form_rows,)
