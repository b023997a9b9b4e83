"""Calculator of the 项目支出绩效自评表 (the national form and its provincial variants).

``form`` derives every computed cell of the form from ``自评表`` and, where
the form leaves them out, from what the narrative layouts use (one data file
renders as report or form): the funding rows and their 执行率, the 执行率's
得分, the indicator rows with their merged 一级/二级 cells, the totals per
level, 总分 and 等级. Runs after ``project-performance.funds``.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Mapping

from ...calc import money, total
from ...calculation import CalcContext
from ..form_scoring import execution, indicator_rows, points

Data = Mapping[str, Any]

FORM = "自评表"
#: The columns of a 项目资金 row, as typed.
COLUMNS = ("年初预算数", "全年预算数", "全年执行数")
#: The sources of funds, in the order the forms list them (see the schema's FORM_SOURCES).
SOURCES = ("当年财政拨款", "上年结转资金", "财政资金", "财政专户管理资金", "单位资金", "其他资金")
#: Text cells of an indicator row; one not typed is an empty cell.
TEXT_CELLS = ("名称", "指标性质", "指标值", "度量单位", "完成值", "偏差原因")
#: Form fields taken from the narrative when not typed: form field -> path in the data.
SHARED_TEXT = {"评价结论": ("评价结论", "综述"), "存在问题": ("评价结论", "问题"), "改进措施": ("评价结论", "建议")}
SHARED_TARGETS = {"预期目标": ("项目概况", "绩效目标"), "实际完成情况": ("绩效", "完成情况")}


def _lookup(data: Data, path: tuple[str, ...]) -> Any:
    node: Any = data
    for key in path:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node


def _narrative_funds(data: Data) -> dict[str, Any]:
    """The 年度资金总额 from the narrative's 资金 (预算数, typed or from 测算, and 执行数); {} without both.

    年初预算数 is not known there: None, an empty cell.
    """
    funds = data.get("资金", {})
    if funds.get("预算数") is None or "执行数" not in funds:
        return {}
    return {"年度资金总额": {"年初预算数": None, "全年预算数": money(funds["预算数"]),
                        "全年执行数": money(funds["执行数"])}}


def _funds(form: Data, data: Data) -> tuple[dict[str, Any], dict[str, Any]]:
    """The new fields of ``自评表.资金`` and the 年度资金总额 row as the form prints it.

    年度资金总额 is the sum of the sources when it is not typed (a typed one
    beside its sources is compared with their sum by the checks).
    """
    typed = form.get("资金")
    if typed is None:
        derived = _narrative_funds(data)
        return derived, derived.get("年度资金总额", {})
    sources = [typed[name] for name in SOURCES if name in typed]
    if "年度资金总额" in typed or not sources:
        return {}, dict(typed.get("年度资金总额", {}))
    whole = {column: total(row[column] for row in sources) for column in COLUMNS}
    return {"年度资金总额": whole}, whole


def _source_rows(funds: Data, ctx: CalcContext) -> list[dict[str, Any]]:
    """The 其中 rows: each source given, with its 执行率."""
    return [{"名称": name, **{c: funds[name][c] for c in COLUMNS},
             "执行率": ctx.completion(funds[name]["全年执行数"], funds[name]["全年预算数"])["完成率"]}
            for name in SOURCES if name in funds]


def _indicator_cells(third: Data) -> dict[str, Any]:
    """An indicator row's own cells: text as typed (empty when not), 分值, 得分 ("" when blank)."""
    return {"三级": third["名称"], **{key: third.get(key, "") for key in TEXT_CELLS if key != "名称"},
            "分值": third["分值"], "得分": third.get("得分", "")}


def _levels(firsts: list[Data]) -> list[dict[str, Any]]:
    """Each 一级 and 二级 indicator's 分值 and 得分 (a blank 得分 counts 0)."""
    out = []
    for first in firsts:
        seconds = [{"分值": points([t["分值"] for t in s["三级"]]),
                    "得分": points([t.get("得分", 0) for t in s["三级"]])} for s in first["二级"]]
        out.append({"分值": points([s["分值"] for s in seconds]), "得分": points([s["得分"] for s in seconds]),
                    "二级": seconds})
    return out


def form(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """自评表: 主管部门/实施单位, 资金 (年度资金总额 when derived), 资金总额行 and 资金来源行, 执行率 and 执行率得分,
    指标行 (起始 tells the layout which merges a row has), totals per level, 指标分值/指标得分,
    总分值 (the form's full marks), 总分 and 等级; texts the narrative gives where the form leaves them out."""
    if FORM not in data:
        return {}
    typed = data[FORM]
    new: dict[str, Any] = {key: data["部门"] for key in ("主管部门", "实施单位") if key not in typed}
    funds_new, whole = _funds(typed, data)
    if funds_new:
        new["资金"] = funds_new
    full = typed["执行率分值"]
    new["资金总额行"] = {**whole, **(execution(whole["全年执行数"], whole["全年预算数"], full, ctx) if whole
                                     else {"执行率": None, "得分": None})}
    new["资金来源行"] = _source_rows(typed.get("资金", {}), ctx)
    targets = {key: _lookup(data, path) for key, path in SHARED_TARGETS.items()
               if key not in typed.get("总体目标", {}) and _lookup(data, path) is not None}
    if targets:
        new["总体目标"] = targets
    new.update({key: _lookup(data, path) for key, path in SHARED_TEXT.items()
                if key not in typed and _lookup(data, path) is not None})
    levels = _levels(typed["绩效指标"])
    indicators, got = points([f["分值"] for f in levels]), points([f["得分"] for f in levels])
    execution_score = new["资金总额行"]["得分"] or 0
    score = points([execution_score, got])
    new.update({
        "绩效指标": levels,
        "指标行": indicator_rows(typed["绩效指标"], _indicator_cells),
        "指标分值": indicators,
        "指标得分": got,
        "总分值": points([full, indicators]),
        "总分": score,
        "等级": ctx.grade(Decimal(score)),
    })
    return {FORM: new}
