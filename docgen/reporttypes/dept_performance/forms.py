"""Calculator of the 部门整体支出绩效自评表 (Sichuan's form).

``form`` derives the computed cells of ``自评表``: the 执行率 of the
department's budget and its 执行率得分 (权重 × 执行率, capped at 权重), each
indicator's 指标得分 = 得分系数 × 指标权重 (half-up to 0.01), the totals per
level, 总分 and 等级, and the indicator rows with their merged 一级/二级 cells.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Mapping

from ...calculation import CalcContext
from ..form_scoring import execution, indicator_rows, points, rounded

Data = Mapping[str, Any]

FORM = "自评表"
#: Text cells of an indicator row; one not typed is an empty cell.
TEXT_CELLS = ("计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "未完成原因")


def _indicator_score(third: Data) -> Decimal | str:
    """指标得分 = 得分系数 × 指标权重, half-up to 0.01; "" (a blank cell) without a 得分系数."""
    if "得分系数" not in third:
        return ""
    return rounded(Decimal(third["得分系数"]) * Decimal(third["指标权重"]))


def _indicator_cells(third: Data) -> dict[str, Any]:
    return {"三级": third["名称"], **{key: third.get(key, "") for key in TEXT_CELLS},
            "得分系数": third.get("得分系数", ""), "指标权重": third["指标权重"],
            "指标得分": _indicator_score(third), "是否核心指标": "是" if third.get("是否核心指标") else "否"}


def _levels(firsts: list[Data]) -> list[dict[str, Any]]:
    """Each 一级 and 二级 indicator's 指标权重 and 指标得分 (a blank score counts 0), and each 三级's 指标得分."""
    out = []
    for first in firsts:
        seconds = []
        for second in first["二级"]:
            thirds = [{"指标得分": _indicator_score(t)} for t in second["三级"]]
            seconds.append({"指标权重": points([t["指标权重"] for t in second["三级"]]),
                            "指标得分": points([t["指标得分"] or 0 for t in thirds]), "三级": thirds})
        out.append({"指标权重": points([s["指标权重"] for s in seconds]),
                    "指标得分": points([s["指标得分"] for s in seconds]), "二级": seconds})
    return out


def form(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """自评表: 预算执行's 执行率 and 执行率得分, 指标行 (起始 tells the layout which merges a row has),
    totals per level, 指标权重合计/指标得分合计, 总分值, 总分 and 等级."""
    if FORM not in data:
        return {}
    typed = data[FORM]
    budget, weight = typed["预算执行"], typed["执行率权重"]
    done = execution(budget["全年执行数"], budget["全年预算数"], weight, ctx)
    levels = _levels(typed["绩效指标"])
    weights, got = points([f["指标权重"] for f in levels]), points([f["指标得分"] for f in levels])
    score = points([done["得分"], got])
    return {FORM: {
        "预算执行": {"执行率": done["执行率"], "执行率得分": done["得分"]},
        "绩效指标": levels,
        "指标行": indicator_rows(typed["绩效指标"], _indicator_cells),
        "指标权重合计": weights,
        "指标得分合计": got,
        "总分值": points([weight, weights]),
        "总分": score,
        "等级": ctx.grade(Decimal(score)),
    }}
