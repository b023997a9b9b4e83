"""Calculators of the 部门整体支出绩效评价 report type, in pipeline order.

Each is ``(data, ctx) -> new fields`` (see :mod:`docgen.calculation`): it reads
primary facts and what earlier calculators derived, and returns only new keys.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Mapping, Sequence

from ...calc import money, percent, total
from ...calculation import CalcContext
from ...errors import DocgenError, FieldPath, Location, Problem

Data = Mapping[str, Any]

#: The indicator levels below the whole score, outermost first.
LEVELS = ("一级指标", "二级指标", "三级指标")
#: The head counts of a 人员概况 (or of one of its 所属二级单位), in the order a report lists them, with their units.
HEAD_COUNTS = (("内设股室", "个"), ("编制", "个"), ("在职实有人员", "人"), ("离退休人员", "人"))
#: The 财政拨款 sources of 收入; the others make up 其他资金收入.
FISCAL_INCOME = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入")


def _execution(facts: Data, ctx: CalcContext) -> dict[str, Any]:
    """完成 of a budget and its 执行数; 支付完成 too when the 应付 (contractual payment) is given."""
    new: dict[str, Any] = {"完成": ctx.completion(facts["执行数"], facts["预算数"])}
    if "应付" in facts:
        new["支付完成"] = ctx.completion(facts["执行数"], facts["应付"]["金额"])
    return new


def _budget_line(project: Data, derived: Data) -> dict[str, Any]:
    """A project's 名称 with its 预算数, 执行数 and 完成率 side by side, for a sentence's 列举."""
    facts = project["预算执行"]
    return {"名称": project["名称"], "预算数": money(facts["预算数"]), "执行数": money(facts["执行数"]),
            "完成率": derived["完成"]["完成率"]}


def _projects(projects: Sequence[Data], ctx: CalcContext) -> dict[str, Any]:
    """Each project's completion where its 预算执行 is given, and the 项目汇总 of the list.

    项目汇总 counts the projects, totals the budgets and spending of those with
    a 预算执行, counts those spent exactly as budgeted (足额) and the others, and
    lists the 科目 the projects give; ``差异项目`` lists those not spent as budgeted (名称, 预算数,
    执行数, 完成率) for a sentence's 列举.
    """
    executed = [p["预算执行"] for p in projects if "预算执行" in p]
    derived = [{"预算执行": _execution(p["预算执行"], ctx)} if "预算执行" in p else {} for p in projects]
    exact = sum(1 for d in derived if d and d["预算执行"]["完成"]["比较"] == "等于")
    differing = [_budget_line(p, d["预算执行"]) for p, d in zip(projects, derived)
                 if d and d["预算执行"]["完成"]["比较"] != "等于"]
    return {
        "项目预算管理": derived,
        "项目汇总": {
            "项目数": len(projects),
            "预算数": total(facts["预算数"] for facts in executed),
            "执行数": total(facts["执行数"] for facts in executed),
            "足额项目数": exact,
            "差异项目数": len(executed) - exact,
            "差异项目": differing,
            "科目": [p["科目"] for p in projects if "科目" in p],
        },
    }


def _spending(data: Data) -> tuple[dict[str, Any], dict[str, Any]]:
    """The 支出 items, with 基本支出 (first) totalled from 基本支出明细 when that is listed, and the
    new fields that adds; typing 基本支出 beside its 明细 is an error (DG602)."""
    if "基本支出明细" not in data:
        return dict(data["支出"]), {}
    if "基本支出" in data["支出"]:
        raise DocgenError.single("DG602", Location(field=("支出", "基本支出")), name="基本支出", source="基本支出明细")
    basic = total(data["基本支出明细"].values())
    return {"基本支出": basic, **data["支出"]}, {"支出": {"基本支出": basic}}


def _head_counts(unit: Data) -> list[dict[str, Any]]:
    """The head counts ``unit`` gives, each as 名称, 数 and 单位 (内设股室 6 个), in :data:`HEAD_COUNTS` order."""
    return [{"名称": name, "数": unit[name], "单位": measure} for name, measure in HEAD_COUNTS if name in unit]


def _people(people: Data) -> dict[str, Any]:
    """What the 人员概况 sentence lists: ``各项`` (属于 its 单位性质 as ``性质``, then its head counts, for
    列举) and, for each 所属二级单位, ``概况``, its head counts as one text (内设股室3个，编制10个)."""
    items: list[dict[str, Any]] = [{"性质": people["单位性质"]}] if "单位性质" in people else []
    new: dict[str, Any] = {"各项": items + _head_counts(people)}
    if "所属二级单位" in people:
        new["所属二级单位"] = [{"概况": "，".join(f"{c['名称']}{c['数']}{c['单位']}" for c in _head_counts(unit))}
                          for unit in people["所属二级单位"]]
    return new


def _balance(data: Data, income: Decimal) -> dict[str, Any]:
    """财政拨款收入合计 and 其他资金收入 (the rest of 本年收入合计, with its share of it)."""
    fiscal = total(data["收入"].get(k) for k in FISCAL_INCOME)
    other = income - fiscal
    return {"财政拨款收入合计": fiscal, "其他资金收入": {"金额": other, "占比": percent(other, income)}}


def _budget(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """Where given: the 下达数 of the 预算下达, the 年初结转结余合计, the completion of the 整体绩效目标
    (with its 结余数, what was not spent of it) and of each 上级专项 fund (and its ``执行``, each fund's
    名称, 预算数, 执行数 and 完成率 side by side, for a sentence's 列举)."""
    new: dict[str, Any] = {}
    if "预算下达" in data:
        new["预算下达"] = {"下达数": total(data["预算下达"].values())}
    if "年初结转结余" in data:
        new["年初结转结余合计"] = total(data["年初结转结余"].values())
    if "整体绩效目标" in data:
        target = data["整体绩效目标"]
        budget, done = money(target["全年数"]), money(target["完成数"])
        new["整体绩效目标"] = {"完成": ctx.completion(done, budget), "结余数": max(budget - done, Decimal(0))}
    if "上级专项" in data:
        funded = data["上级专项"]["项目"]
        derived = [{"预算执行": _execution(p["预算执行"], ctx)} for p in funded]
        new["上级专项"] = {"项目": derived, "执行": [_budget_line(p, d["预算执行"]) for p, d in zip(funded, derived)]}
    return new


def finance(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """报告年度; 本年收入/支出合计 and their structure; budget completion where a budget is given.

    The report is written the year after the one it evaluates, so its title
    year is 年度 + 1. Amounts listed in detail (基本支出明细, 支出明细,
    预算下达, 年初结转结余, projects) are totalled here, and counts of listed
    things (内设机构, projects) are made here, never typed.
    """
    spending_items, derived_items = _spending(data)
    income, spending = total(data["收入"].values()), total(spending_items.values())
    new: dict[str, Any] = {
        **derived_items,
        "报告年度": data["年度"] + 1,
        "本年收入合计": income,
        "本年支出合计": spending,
        "收入结构": ctx.structure(data["收入"]),
        "支出结构": ctx.structure(spending_items),
        **_balance(data, income),
        **_budget(data, ctx),
    }
    overview: dict[str, Any] = {}
    if "内设机构" in data["部门概况"]:
        overview["内设机构数"] = len(data["部门概况"]["内设机构"])
    if "人员概况" in data["部门概况"]:
        overview["人员概况"] = _people(data["部门概况"]["人员概况"])
    if overview:
        new["部门概况"] = overview
    if "支出明细" in data:
        items = data["支出明细"]
        new["支出明细合计"] = total(item["金额"] for item in items)
        new["支出明细"] = [{"占比": s} for s in ctx.shares([money(item["金额"]) for item in items])]
    if "支出预算数" in data:
        new["支出完成"] = ctx.completion(spending, data["支出预算数"])
    if "项目预算管理" in data:
        new.update(_projects(data["项目预算管理"], ctx))
    return new


@dataclass
class _Scored:
    """An indicator's full marks and score, and the fields derived for it."""

    full: Decimal
    got: Decimal
    new: dict[str, Any] = field(default_factory=dict)


def _name(node: Data, depth: int) -> str:
    """How messages name an indicator: 二级指标“投入管理”, or 绩效评分 for the whole."""
    return f"{LEVELS[depth - 1]}“{node['名称']}”" if depth else "绩效评分"


def _leaf(node: Data, path: FieldPath, depth: int, problems: list[Problem]) -> _Scored:
    """An indicator scored by its own 分值 and 得分."""
    missing = [key for key in ("分值", "得分") if key not in node]
    if missing:
        problems.append(Problem("DG622", {"name": _name(node, depth), "missing": "和".join(missing)},
                                Location(field=path)))
        return _Scored(Decimal(0), Decimal(0))
    full, got = money(node["分值"]), money(node["得分"])
    if got > full:
        problems.append(Problem("DG621", {"name": _name(node, depth), "score": node["得分"], "full": node["分值"]},
                                Location(field=path + ("得分",))))
    return _Scored(full, got)


def _counts(node: Data, depth: int) -> dict[str, int]:
    """How many indicators of each level below ``depth`` the node lists (``{二级指标数: 7, 三级指标数: 0}``)."""
    counts = {f"{level}数": 0 for level in LEVELS[depth:]}
    if depth < len(LEVELS):
        for sub in node.get(LEVELS[depth], []):
            counts[f"{LEVELS[depth]}数"] += 1
            for key, n in _counts(sub, depth + 1).items():
                counts[key] += n
    return counts


def _score(node: Data, path: FieldPath, depth: int, problems: list[Problem]) -> _Scored:
    """An indicator at ``depth`` (0 = the whole), totalled from its sub-indicators if it lists any."""
    level = LEVELS[depth] if depth < len(LEVELS) else None
    subs: Sequence[Data] = node.get(level, []) if level else []
    if not subs:
        return _leaf(node, path, depth, problems)
    problems.extend(Problem("DG623", {"name": _name(node, depth), "key": key, "sub": level},
                            Location(field=path + (key,))) for key in ("分值", "得分") if key in node)
    parts = [_score(sub, path + (level, i), depth + 1, problems) for i, sub in enumerate(subs)]
    full, got = total(p.full for p in parts), total(p.got for p in parts)
    return _Scored(full, got, {"分值": full, "得分": got, **_counts(node, depth), level: [p.new for p in parts]})


def scores(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """The number of 评价结论 points; 绩效评分 subtotals, indicator counts and grade (and ``指标数``, the
    levels listed with their counts, 一级指标: 3, for a sentence's 列举).

    An indicator that lists sub-indicators scores their totals; one that lists
    none has its own 分值 and 得分. A score above its full marks, a missing
    分值/得分 or one typed beside listed sub-indicators is a data error, one
    located problem per offending field, all reported at once.
    """
    new: dict[str, Any] = {}
    if "要点" in data["评价结论"]:
        new["评价结论"] = {"要点数": len(data["评价结论"]["要点"])}
    if "绩效评分" in data:
        problems: list[Problem] = []
        whole = _score(data["绩效评分"], ("绩效评分",), 0, problems)
        if problems:
            raise DocgenError(problems)
        counts = _counts(data["绩效评分"], 0)
        new["绩效评分"] = {**counts, **whole.new, "等级": ctx.grade(whole.got)}
        if counts["一级指标数"]:
            new["绩效评分"]["指标数"] = {level: counts[f"{level}数"] for level in LEVELS if counts[f"{level}数"]}
    return new
