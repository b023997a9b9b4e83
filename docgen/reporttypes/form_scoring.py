"""Arithmetic shared by the self-evaluation forms (项目支出绩效自评表, 部门整体支出绩效自评表).

Both forms score budget execution the same way and list their indicators as
rows under 一级 and 二级 cells merged down; the calculators of each report
type build on these. Scores are exact numbers as typed (int or Decimal);
computed scores are rounded half-up to 0.01, as the forms state.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable, Mapping, Sequence

from ..calc import CENT, HUNDRED, money
from ..calculation import CalcContext

Data = Mapping[str, Any]
Score = int | Decimal

#: How a row of the indicator table starts: a new 一级 group, a new 二级 group within it, or neither.
#: The layouts have one table row per case, each with the matching vertical merges.
NEW_FIRST, NEW_SECOND, CONTINUED = "一级", "二级", "续"


def rounded(value: Decimal) -> Decimal:
    """A computed score, half-up to 0.01."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def points(values: Sequence[Score]) -> Score:
    """The exact sum of scores as typed: 8 + 12 = 20, 3.5 + 4 = 7.5."""
    return sum(values, 0)


def execution(spent: Any, budget: Any, full: Score, ctx: CalcContext) -> dict[str, Any]:
    """执行率 = 全年执行数 ÷ 全年预算数 (percent, half-up to 0.01) and its 得分.

    得分 = 分值 × 全年执行数 ÷ 全年预算数, from the exact ratio (not the rounded
    执行率), half-up to 0.01 and capped at 分值: 10 × 118.37 ÷ 125.5 = 9.43. With a
    zero budget 执行率 follows the layout's 零预算完成率; money spent without any
    budget has no 执行率 (None, printed “—”) and scores the 分值.
    """
    spent, budget = money(spent), money(budget)
    rate = ctx.completion(spent, budget)["完成率"]
    if budget != 0:
        score = rounded(Decimal(full) * spent / budget)
    else:
        score = rounded(Decimal(full) * rate / HUNDRED) if rate is not None else Decimal(full)
    capped = score >= Decimal(full)
    return {"执行率": rate, "得分": full if capped else score}


def indicator_rows(firsts: Sequence[Data], row: Callable[[Data], dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per 三级 indicator, naming its 一级 and 二级, with ``起始`` telling how it starts.

    ``row`` makes the row's own cells from the 三级 indicator; ``一级`` and
    ``二级`` are the group names, printed on the row that starts the group.
    """
    rows = []
    for first in firsts:
        for j, second in enumerate(first["二级"]):
            for k, third in enumerate(second["三级"]):
                start = NEW_FIRST if j == 0 and k == 0 else NEW_SECOND if k == 0 else CONTINUED
                rows.append({"起始": start, "一级": first["名称"], "二级": second["名称"], **row(third)})
    return rows
