"""Calculators of the 部门决算 report type, in pipeline order.

Each is ``(data, ctx) -> new fields`` (see :mod:`docgen.calculation`): it reads
primary facts and what earlier calculators derived, and returns only new keys.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Iterable, Mapping

from ...calc import change, money, percent, total
from ...calculation import CalcContext
from ...errors import DocgenError, FieldPath, Location, Problem
from ...formatting import format_number, safe_format

Data = Mapping[str, Any]

#: The figures compared with last year (本年 typed or derived, 上年 typed).
COMPARED = ("收支总计", "财政拨款收支总计", "收入合计", "支出合计", "一般公共预算财政拨款支出", "机关运行经费")
FUNCTION_SPENDING = "一般公共预算财政拨款支出"
FISCAL_INCOME = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入")
YUAN_PER_WAN = Decimal(10000)


def _sum_of(items: Iterable[Mapping[str, Any]], key: str) -> Decimal:
    return total(item[key] for item in items)


def _by_kind(units: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """How many of ``units`` there are of each 性质, in order of appearance."""
    kinds: dict[str, int] = {}
    for unit in units:
        kinds[unit["性质"]] = kinds.get(unit["性质"], 0) + 1
    return [{"性质": k, "数量": n} for k, n in kinds.items()]


def basics(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """上年度; the paragraphs of 主要职能; the units of 机构设置 counted by kind (性质).

    The department may list itself among its units (seed 001 does): its own
    性质 is then known, and the others are its 二级单位, with those in the 决算.
    """
    overview = data["部门概况"]
    units = overview["下属单位"]
    own = [unit["性质"] for unit in units if unit["名称"] == data["部门"]]
    others = [unit for unit in units if unit["名称"] != data["部门"]]
    new: dict[str, Any] = {} if "部门简称" in data else {"部门简称": data["部门"]}
    return {
        **new,
        "上年度": data["年度"] - 1,
        "部门概况": {
            "主要职能段落": [line.strip() for line in overview["主要职能"].splitlines() if line.strip()],
            "单位数": len(units),
            "按性质": _by_kind(units),
            **({"性质": own[0]} if own else {}),
            "二级单位": {"数量": len(others), "按性质": _by_kind(others),
                      "纳入决算": [unit["名称"] for unit in others if unit.get("纳入决算", True)]},
        },
    }


#: Digits of a 科目 code at each level.
LEVELS = {3: "类", 5: "款", 7: "项"}
_LINES = ("一般公共预算财政拨款支出", "科目")


def _rows(data: Data) -> list[tuple[str, Mapping[str, Any], FieldPath]]:
    """The 功能分类 rows of the data (类, 款 and 项), each with its code as text and its field."""
    return [(str(row["编码"]), row, _LINES + (i,)) for i, row in enumerate(data[_LINES[0]][_LINES[1]])]


def _located_lines(data: Data) -> list[tuple[str, FieldPath]]:
    """The codes of the 一般公共预算 项 lines, each with the field it was typed in."""
    return [(code, field + ("编码",)) for code, _, field in _rows(data) if len(code) == 7]


def _given_names(data: Data) -> dict[str, str]:
    """The 科目 names the data's 功能分类 rows give (as the 决算表 prints them)."""
    return {code: row["名称"] for code, row, _ in _rows(data) if "名称" in row}


def _subject_names(code: str, given: Mapping[str, str], ctx: CalcContext) -> dict[str, str]:
    """The 类, 款 and 项 names of a 项-level code: the data's rows first, then the catalogue."""
    return {level: given.get(code[:n]) or ctx.subject_name(code[:n]) for n, level in LEVELS.items()}


def _check_names(codes: list[tuple[str, FieldPath]], given: Mapping[str, str], ctx: CalcContext) -> None:
    """One located DG310 per 类/款/项 of ``codes`` whose name neither the data nor the catalogue gives."""
    missing: dict[str, FieldPath] = {}
    for code, field in codes:
        for n in LEVELS:
            part = code[:n]
            if part not in given and "名称" not in ctx.subjects.get(part, {}):
                missing.setdefault(part, field)
    if missing:
        raise DocgenError([Problem("DG310", {"subject": part, "level": LEVELS[len(part)]}, Location(field=field))
                           for part, field in missing.items()])


def _check_rows(data: Data) -> None:
    """The rows' shape: a 项 row has its amounts; a row listed under a 类 or 款 row belongs to it (DG312)."""
    problems = []
    parents: dict[int, str] = {}  # the last 类 (3) and 款 (5) row seen
    for code, row, field in _rows(data):
        for n in (3, 5):
            parent = parents.get(n)
            if n < len(code) and parent is not None and code[:n] != parent and (n == 3 or parents.get(3) == code[:3]):
                problems.append(Problem("DG312", {"subject": code, "level": LEVELS[n], "parent": parent,
                                                  "own": code[:n]}, Location(field=field + ("编码",))))
        parents = {n: c for n, c in parents.items() if n < len(code)}
        parents[len(code)] = code
        if len(code) == 7:
            problems += [Problem("DG202", {"name": name}, Location(field=field))
                         for name in ("决算数", "调整预算数") if name not in row]
    if problems:
        raise DocgenError(problems)


def function_lines(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """项 lines (``项级``) named from the data's rows or the catalogue, their completion, 类/款 subtotals and shares."""
    spending = data["一般公共预算财政拨款支出"]
    template = ctx.settings["科目全称格式"]
    _check_rows(data)
    given = _given_names(data)
    _check_names(_located_lines(data), given, ctx)
    lines = []
    groups: dict[int, dict[str, dict[str, Any]]] = {3: {}, 5: {}}  # 类 and 款, in order of appearance
    for code, line, _ in _rows(data):
        if len(code) != 7:
            continue
        names = _subject_names(code, given, ctx)
        item = {**line, "编码": code, "名称": names["项"], "全称": safe_format(template, names),
                "完成": ctx.completion(line["决算数"], line["调整预算数"])}
        lines.append(item)
        for digits, level in ((3, "类"), (5, "款")):
            group = groups[digits].setdefault(code[:digits], {"编码": code[:digits], "名称": names[level], "项": []})
            group["项"].append(item)
    return {"一般公共预算财政拨款支出": {
        "项级": lines,
        **_subtotals(lines, groups, ctx),
        **({"完成年初预算": ctx.completion(_sum_of(lines, "决算数"), spending["年初预算数"])}
           if "年初预算数" in spending else {}),
    }}


def _subtotals(lines: list[Mapping[str, Any]], groups: dict[int, dict[str, dict[str, Any]]],
               ctx: CalcContext) -> dict[str, Any]:
    """The whole's total and completion, and 按类 / 按款 subtotals with their shares.

    Each 类 also lists its 项 lines (``科目``), for layouts that number the
    lines class by class.
    """
    result: dict[str, Any] = {}
    for digits, key in ((3, "按类"), (5, "按款")):
        amounts = [_sum_of(g["项"], "决算数") for g in groups[digits].values()]
        result[key] = [{"编码": g["编码"], "名称": g["名称"], "决算数": amount,
                        "调整预算数": _sum_of(g["项"], "调整预算数"), "占比": share,
                        **({"科目": g["项"]} if digits == 3 else {})}
                       for g, amount, share in zip(groups[digits].values(), amounts, ctx.shares(amounts))]
    actual, budget = _sum_of(lines, "决算数"), _sum_of(lines, "调整预算数")
    return {"本年": actual, "调整预算数": budget, "完成": ctx.completion(actual, budget), **result}


#: The balancing items of the 收入支出决算总表 that make 本年收入合计 / 本年支出合计 into 收入总计 / 支出总计.
INCOME_BALANCING = ("使用非财政拨款结余", "年初结转和结余")
SPENDING_BALANCING = ("结余分配", "年末结转和结余")


def totals(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """本年收入/支出合计, 收入/支出总计 (with the balancing items given) and the 财政拨款 totals (完成年初预算
    also on 财政拨款收支总计 itself, a short path for the templates)."""
    income, spending = total(data["收入"].values()), total(data["支出"].values())
    income_all = total([income, *(data.get(k) for k in INCOME_BALANCING)])
    spending_all = total([spending, *(data.get(k) for k in SPENDING_BALANCING)])
    fiscal_income = total(data["收入"].get(k) for k in FISCAL_INCOME)
    fiscal_spending = total([data["一般公共预算财政拨款支出"]["本年"], data.get("政府性基金预算财政拨款支出"),
                             data.get("国有资本经营预算财政拨款支出")])
    fiscal = data.get("财政拨款收支总计", {})
    fiscal_income_all = money(fiscal_income + money(data.get("年初财政拨款结转和结余")))
    fiscal_spending_all = money(fiscal_spending + money(data.get("年末财政拨款结转和结余")))
    budgeted = ({"完成年初预算": ctx.completion(fiscal_spending, fiscal["年初预算数"])} if "年初预算数" in fiscal else {})
    return {
        "本年收入合计": income,
        "本年支出合计": spending,
        "收入合计": {"本年": income},
        "支出合计": {"本年": spending},
        "收入总计": income_all,
        "支出总计": spending_all,
        "财政拨款收入合计": fiscal_income,
        "财政拨款支出合计": fiscal_spending,
        "收支总计": {"本年": income_all, "收支相等": income_all == spending_all, "支出": {"本年": spending_all}},
        "财政拨款收支总计": {
            "本年": fiscal_income_all,
            "收支相等": fiscal_income_all == fiscal_spending_all,
            "支出": {"本年": fiscal_spending_all, **budgeted},
            **budgeted,
        },
    }


def structure(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """收入结构 and 支出结构 with shares (收入结构合并财政拨款: the three 财政拨款 kinds as one), and the
    一般公共预算 share of 本年支出合计."""
    spending = data["一般公共预算财政拨款支出"]["本年"]
    fiscal = {"财政拨款收入": data["财政拨款收入合计"]} if any(k in data["收入"] for k in FISCAL_INCOME) else {}
    by_source = ctx.structure({**fiscal, **{k: v for k, v in data["收入"].items() if k not in FISCAL_INCOME}})
    return {
        "收入结构": ctx.structure(data["收入"]),
        "收入结构合并财政拨款": by_source,
        "支出结构": ctx.structure(data["支出"]),
        "一般公共预算财政拨款支出": {"占本年支出合计": percent(spending, data["本年支出合计"])},
    }


def year_on_year(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """变动 (difference, rate, 增加/减少/持平) of each figure compared with last year.

    The 收、支总计 (and the 财政拨款 ones) also compare their 支出 side with
    last year's: ``上年支出`` where income and spending differed, else ``上年``.
    """
    result: dict[str, Any] = {name: {"变动": change(data[name]["本年"], data[name].get("上年"))}
                              for name in COMPARED if name in data}
    for name in ("收支总计", "财政拨款收支总计"):
        figure = data[name]
        result[name]["支出"] = {"变动": change(figure["支出"]["本年"], figure.get("上年支出", figure.get("上年")))}
    return result


def basic_expenditure(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """人员经费 and 公用经费 totals (when not typed) for the parts the data gives, and 基本支出 合计
    when it gives both (nothing without 基本支出: the report does not print a 0 it was not told)."""
    if "一般公共预算财政拨款基本支出" not in data:
        return {}
    basic = data["一般公共预算财政拨款基本支出"]
    new: dict[str, Any] = {}
    amounts = []
    for part in ("人员经费", "公用经费"):
        if part not in basic:
            continue
        facts = basic[part]
        if not ("合计" in facts or facts.get("明细")):
            raise DocgenError([Problem("DG202", {"name": "合计（或明细）"},
                                       Location(field=("一般公共预算财政拨款基本支出", part)))])
        amount = money(facts["合计"]) if "合计" in facts else _sum_of(facts["明细"], "金额")
        amounts.append(amount)
        if "合计" not in facts:
            new[part] = {"合计": amount}
    if len(amounts) == 2:
        new["合计"] = total(amounts)
    return {"一般公共预算财政拨款基本支出": new} if new else {}


def project_expenditure(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """Each project's amount from its uses, the default 说明 of each use, and the total (when projects are listed)."""
    defaults = ctx.settings["项目支出用途说明"]
    projects = data.get("一般公共预算财政拨款项目支出")
    if not projects:
        return {}
    added = []
    for project in projects:
        uses = [{} if "说明" in use else {"说明": defaults.get(use["类别"], "")} for use in project["用途"]]
        added.append({"金额": _sum_of(project["用途"], "金额"), "用途": uses})
    return {
        "一般公共预算财政拨款项目支出": added,
        "一般公共预算财政拨款项目支出合计": _sum_of(added, "金额"),
    }


def _compared_part(actual: Decimal, facts: Data, ctx: CalcContext) -> dict[str, Any]:
    return {"完成": ctx.completion(actual, facts["调整预算数"]), "变动": change(actual, facts.get("上年"))}


def three_public(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """“三公”经费: the parts' totals, completion, change and structure."""
    if "三公经费" not in data:
        return {}
    facts = data["三公经费"]
    abroad, cars, hosting = facts["因公出国（境）费"], facts["公务用车购置及运行维护费"], facts["公务接待费"]

    bought = cars.get("购置", {})
    bought_amount = _sum_of(bought.values(), "金额")
    cars_amount = money(bought_amount + money(cars["运行维护费"]))
    hosting_amount = _hosting_amount(hosting)
    domestic = hosting.get("国内公务接待", {})
    parts = {"因公出国（境）费": money(abroad["决算数"]), "公务用车购置及运行维护费": cars_amount,
             "公务接待费": hosting_amount}

    previous = [p.get("上年") for p in (abroad, cars, hosting)]
    previous_total = None if any(p is None for p in previous) else total(previous)
    amount, budget = total(parts.values()), total(p["调整预算数"] for p in (abroad, cars, hosting))
    shares = dict(zip(parts, ctx.shares(list(parts.values()))))
    return {"三公经费": {
        "决算数": amount,
        "调整预算数": budget,
        "上年": previous_total,
        "完成": ctx.completion(amount, budget),
        "变动": change(amount, previous_total),
        "因公出国（境）费": {"占比": shares["因公出国（境）费"], **_compared_part(parts["因公出国（境）费"], abroad, ctx)},
        "公务用车购置及运行维护费": {
            "决算数": cars_amount,
            "占比": shares["公务用车购置及运行维护费"],
            **({"购置合计": {"数量": sum(v["数量"] for v in bought.values()), "金额": bought_amount,
                         "金额元": money(bought_amount * YUAN_PER_WAN)}} if bought else {}),
            **({"年末保有量合计": sum(cars["年末保有量"].values())} if "年末保有量" in cars else {}),
            **_compared_part(cars_amount, cars, ctx),
        },
        "公务接待费": {**({} if "决算数" in hosting else {"决算数": hosting_amount}), "占比": shares["公务接待费"],
                   **_compared_part(hosting_amount, hosting, ctx),
                   **({"国内公务接待": {"明细": _receptions(domestic["明细"])}} if "明细" in domestic else {})},
    }}


def _hosting_amount(hosting: Data) -> Decimal:
    """公务接待费: typed, else the sum of 国内公务接待 and 外事接待 (at least one of the three must be given)."""
    kinds = [hosting[k]["决算数"] for k in ("国内公务接待", "外事接待") if k in hosting]
    if "决算数" in hosting:
        return money(hosting["决算数"])
    if not kinds:
        raise DocgenError([Problem("DG202", {"name": "决算数（或 国内公务接待、外事接待）"},
                                   Location(field=("三公经费", "公务接待费")))])
    return total(kinds)


def _receptions(items: list[Mapping[str, Any]]) -> list[dict[str, Decimal]]:
    """Each listed reception's amount in the unit it was not typed in (元 from 万元, 万元 from 元).

    An item with neither is an error, located at the item; one with both keeps them as typed.
    """
    field = ("三公经费", "公务接待费", "国内公务接待", "明细")
    missing = [Problem("DG202", {"name": "金额元（或金额）"}, Location(field=field + (i,)))
               for i, item in enumerate(items) if "金额元" not in item and "金额" not in item]
    if missing:
        raise DocgenError(missing)
    return [{} if "金额元" in item and "金额" in item
            else {"金额": money(Decimal(item["金额元"]) / YUAN_PER_WAN)} if "金额元" in item
            else {"金额元": money(Decimal(item["金额"]) * YUAN_PER_WAN)} for item in items]


#: The 国有资产 equipment counted in 台（套）, in the order the reports list them.
EQUIPMENT = ("单价50万元以上通用设备", "单价100万元以上专用设备")


def other_matters(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """政府采购 totals and shares (分类: 货物/工程/服务 as given; 授予: the 中小企业 award and, within it, the
    小微企业 one, each with its share, none without a total), 车辆 count, 设备 (the counts of EQUIPMENT given),
    固定资产 total, number of 绩效 projects."""
    new: dict[str, Any] = {}
    if "政府采购" in data:
        purchase = data["政府采购"]
        amount = total(purchase.get(k) for k in ("货物", "工程", "服务"))
        shares = {kind: percent(purchase[f"授予{kind}合同金额"], amount)
                  for kind in ("中小企业", "小微企业") if f"授予{kind}合同金额" in purchase}
        awarded = [{"名称": kind, "金额": purchase[f"授予{kind}合同金额"], "占比": share} for kind, share in shares.items()]
        new["政府采购"] = {"总额": amount, **{f"{kind}占比": share for kind, share in shares.items()},
                       "分类": [{"名称": kind, "金额": purchase[kind]} for kind in ("货物", "工程", "服务")
                              if kind in purchase],
                       "授予": awarded if awarded and awarded[0]["名称"] == "中小企业" else []}
    if "国有资产" in data:
        assets = data["国有资产"]
        new["国有资产"] = {"车辆合计": sum(assets.get("车辆", {}).values()),
                       "设备": {kind: assets[kind] for kind in EQUIPMENT if kind in assets},
                       **({"固定资产合计": _sum_of(assets["固定资产"], "金额")} if "固定资产" in assets else {})}
    if "预算绩效管理" in data:
        performance = data["预算绩效管理"]
        new["预算绩效管理"] = {"项目数": len(performance["项目"])}
        if "目标完成" in performance:
            new["预算绩效管理"]["目标完成"] = [{"完成": ctx.completion(x["执行数"], x["预算数"])}
                                          for x in performance["目标完成"]]
    return new


def glossary(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """第三部分 名词解释: the layout's fixed terms around the 科目 that occur in the data.

    A fixed term is listed when the report states its figure: the catalogue's
    ``事实`` names the data fields that do (any one typed, even 0); a term
    without ``事实``, or one the layout lists under ``总列出`` (the rows of
    the tables its region publishes with the report), is always listed. Each 科目 of the report (the
    一般公共预算 lines and the data's ``名词解释补充科目``) is listed once, by its
    项-level full name, in the order of the codes, with its explanation from the
    catalogue (the data's ``科目`` overrides or extends it); one with no known
    explanation is left out and named in ``名词解释未列科目``. A term that is a
    kind of 收入 or 支出 of the data carries its ``金额``. ``名词解释按类`` is
    the same list with the 科目 gathered under their 类 (its ``简称`` drops the
    final 支出).
    """
    settings = ctx.settings["名词解释"]
    given = _given_names(data)
    extra = [(str(code), ("名词解释补充科目", i)) for i, code in enumerate(data.get("名词解释补充科目", []))]
    _check_names(extra, given, ctx)
    template = ctx.settings["科目全称格式"]
    subjects, unexplained = [], []
    for code in sorted({code for code, _ in _located_lines(data) + extra}):
        names = _subject_names(code, given, ctx)
        entry = {"名称": safe_format(template, names), "编码": code, "项": names["项"]}
        if "说明" in ctx.subjects.get(code, {}):
            subjects.append({**entry, "说明": ctx.subject_explanation(code)})
        else:
            unexplained.append(entry)
    amounts = {**data["收入"], **data["支出"]}

    def fixed(names: list[str]) -> list[dict[str, Any]]:
        return [{"名称": n, "说明": ctx.term_explanation(n), **({"金额": money(amounts[n])} if n in amounts else {})}
                for n in names if n in settings["总列出"] or _states(data, ctx.term_facts(n))]

    by_class: list[dict[str, Any]] = []
    for subject in subjects:
        code = subject["编码"][:3]
        if not by_class or by_class[-1]["编码"] != code:
            name = given.get(code) or ctx.subject_name(code)
            by_class.append({"编码": code, "名称": name, "简称": name.removesuffix("支出"), "科目": []})
        by_class[-1]["科目"].append(subject)
    return {"名词解释": fixed(settings["前"]) + subjects + fixed(settings["后"]),
            "名词解释按类": fixed(settings["前"]) + by_class + fixed(settings["后"]),
            "名词解释未列科目": unexplained}


def _states(data: Data, facts: list[str] | None) -> bool:
    """Whether the data gives any of ``facts`` (dotted field paths); no facts named: always."""
    if facts is None:
        return True
    for fact in facts:
        node: Any = data
        for key in fact.split("."):
            node = node.get(key) if isinstance(node, Mapping) else None
        if node is not None:
            return True
    return False


def charts(data: Data, ctx: CalcContext) -> dict[str, Any]:
    """图表: the data of each chart, keyed by the name a template's chart is bound by (its alt text).

    Each entry is ``{类别: [...], 系列: [{名称, 值: [...]}]}``; labels follow
    seed 001, amounts written with the layout's 金额格式. A 变动 chart has
    last year's bar only when last year's figure is known, and a series each
    for 收入总计 and 支出总计 when they differ. Zero categories
    stay here; pie charts leave them out when drawn (``饼图列出零项``).
    """
    amount = lambda value: format_number(value, ctx.settings["金额格式"]) + "万元"
    this_year, last_year = data["年度"], data["上年度"]

    def chart(categories: list[str], values: list[Any]) -> dict[str, Any]:
        return {"类别": categories, "系列": [{"名称": "金额（万元）", "值": [money(v) for v in values]}]}

    def over_years(name: str, label: str) -> dict[str, Any]:
        """Last year's and this year's figure; for 收、支总计 that differ, 收入总计 and 支出总计 as two series."""
        figure = data[name]
        known = figure.get("上年") is not None
        years = ([last_year] if known else []) + [this_year]
        income = ([figure["上年"]] if known else []) + [figure["本年"]]
        if figure.get("收支相等", True):
            return chart([label.format(year=y, amount=amount(v)) for y, v in zip(years, income)], income)
        spending = ([figure.get("上年支出", figure["上年"])] if known else []) + [figure["支出"]["本年"]]
        return {"类别": [f"{y}年度" for y in years],
                "系列": [{"名称": "收入总计", "值": [money(v) for v in income]},
                       {"名称": "支出总计", "值": [money(v) for v in spending]}]}

    spending = data["一般公共预算财政拨款支出"]
    result = {
        "收支总计变动": over_years("收支总计", "{year}年度"),
        "收入结构": chart(list(data["收入"]), list(data["收入"].values())),
        "支出结构": chart([f"{k}{amount(v)}" for k, v in data["支出"].items()], list(data["支出"].values())),
        "财政拨款收支总计变动": over_years("财政拨款收支总计", "{year}年财政拨款收、支总计{amount}"),
        "一般公共预算支出变动": over_years(FUNCTION_SPENDING, "{year}年一般公共预算财政拨款支出{amount}"),
        "一般公共预算支出结构": chart([f"{x['名称']}{amount(x['决算数'])}" for x in spending["按类"]],
                                [x["决算数"] for x in spending["按类"]]),
    }
    if "三公经费" in data:
        facts = data["三公经费"]
        parts = {"因公出国（境）费": facts["因公出国（境）费"]["决算数"],
                 "公务用车购置及运行维护费": facts["公务用车购置及运行维护费"]["决算数"],
                 "公务接待费": facts["公务接待费"]["决算数"]}
        result["三公经费结构"] = chart([f"{k}支出决算{amount(v)}" for k, v in parts.items()], list(parts.values()))
    return {"图表": result}
