"""Consistency rules of the 部门决算 beyond its schema, run on the computed context.

Each rule yields located problems: errors where figures contradict each other,
warnings where a reader would expect more (a large change with no reason).
The rule table is in docs/错误与检查.md.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Iterator, Mapping

from ...calc import money, total
from ...calculation import CalcContext
from ...errors import Location, Problem

Context = Mapping[str, Any]

#: Figures compared with last year whose data may carry a 变动原因.
_EXPLAINED = (
    ("收支总计",), ("财政拨款收支总计",), ("一般公共预算财政拨款支出",), ("机关运行经费",),
    ("三公经费", "因公出国（境）费"), ("三公经费", "公务用车购置及运行维护费"), ("三公经费", "公务接待费"),
)


def _at(*field: str | int) -> Location:
    return Location(field=tuple(field))


def _get(context: Context, path: tuple[str, ...]) -> Mapping[str, Any] | None:
    node: Any = context
    for key in path:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node if isinstance(node, Mapping) else None


def balance(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """收入总计 = 支出总计 when the data gives both carry-overs: the 收入支出决算总表 balances.

    Without them the report states the two totals as they are (both printed).
    """
    if "年初结转和结余" in context and "年末结转和结余" in context and context["收入总计"] != context["支出总计"]:
        yield Problem("DG701", {"income": context["收入总计"], "income_year": context["本年收入合计"],
                                "spending": context["支出总计"], "spending_year": context["本年支出合计"],
                                "difference": abs(context["收入总计"] - context["支出总计"])}, _at("年末结转和结余"))


def amounts_look_like_yuan(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """An amount of 收入, 支出 or a 科目 line at or above the layout's 元单位阈值 (万元) was probably typed in 元."""
    limit = Decimal(ctx.settings["元单位阈值"])
    typed = [(("收入", k), v) for k, v in context["收入"].items()] + [(("支出", k), v) for k, v in context["支出"].items()]
    typed += [(("一般公共预算财政拨款支出", "科目", i, "决算数"), row["决算数"])
              for i, row in enumerate(context["一般公共预算财政拨款支出"]["科目"]) if "决算数" in row]
    for field, amount in typed:
        if Decimal(amount) >= limit:
            yield Problem("DG709", {"amount": amount, "limit": limit, "wan": money(Decimal(amount) / 10000)},
                          _at(*field), "warning")
            return  # one warning says it: the whole file is probably in 元


def unexplained_subjects(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """A note for each 科目 the 名词解释 leaves out because no explanation is known."""
    for subject in context.get("名词解释未列科目", []):
        yield Problem("DG710", {"subject": subject["编码"], "name": subject["项"]},
                      _at("一般公共预算财政拨款支出", "科目"), "note")


def hosting_parts_agree(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """A typed 公务接待费 决算数 equals its 国内公务接待 and 外事接待 when those are given."""
    hosting = _get(context, ("三公经费", "公务接待费"))
    kinds = [hosting[k]["决算数"] for k in ("国内公务接待", "外事接待") if hosting and k in hosting]
    if hosting and kinds and total(kinds) != money(hosting["决算数"]):
        yield Problem("DG711", {"parts": total(kinds), "total": hosting["决算数"]}, _at("三公经费", "公务接待费", "决算数"))


def items_within_totals(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """A typed 合计 of 人员经费/公用经费 is not smaller than its listed items."""
    basic = context.get("一般公共预算财政拨款基本支出", {})
    for part in ("人员经费", "公用经费"):
        facts = basic.get(part, {})
        parts = total(item["金额"] for item in facts.get("明细", []))
        if parts > facts.get("合计", parts):
            yield Problem("DG702", {"parts": parts, "total": facts["合计"]},
                          _at("一般公共预算财政拨款基本支出", part, "合计"))


def basic_plus_project_is_the_function_total(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """基本支出 + 项目支出 of the 一般公共预算 equal the sum of its 功能分类 lines (when the data gives both)."""
    if "合计" not in context.get("一般公共预算财政拨款基本支出", {}) or not context.get("一般公共预算财政拨款项目支出"):
        return
    basic, project = context["一般公共预算财政拨款基本支出"]["合计"], context["一般公共预算财政拨款项目支出合计"]
    lines = context["一般公共预算财政拨款支出"]["本年"]
    if basic + project != lines:
        yield Problem("DG703", {"basic": basic, "project": project, "both": basic + project, "lines": lines},
                      _at("一般公共预算财政拨款支出", "科目"))


def large_changes_are_explained(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """A change above the layout's 变动说明阈值 comes with its 变动原因."""
    threshold = Decimal(ctx.settings["变动说明阈值"])
    for path in _EXPLAINED:
        figure = _get(context, path)
        change = figure.get("变动") if figure else None
        if change and change["变动率"] is not None and change["变动率"] > threshold and "变动原因" not in figure:
            yield Problem("DG704", {"trend": change["升降"], "rate": change["变动率"]}, _at(*path, "上年"), "warning")


def procurement_shares_fit(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """中小企业 ≤ 政府采购总额, and 小微企业 ≤ 中小企业."""
    purchase = context.get("政府采购")
    if not purchase:
        return
    sme, small = purchase.get("授予中小企业合同金额", 0), purchase.get("授予小微企业合同金额", 0)
    if sme > purchase["总额"]:
        yield Problem("DG705", {"part": "授予中小企业合同金额", "amount": sme, "whole": "政府采购支出总额",
                                "limit": purchase["总额"]}, _at("政府采购", "授予中小企业合同金额"))
    if small > sme:
        yield Problem("DG705", {"part": "授予小微企业合同金额", "amount": small, "whole": "授予中小企业合同金额",
                                "limit": sme}, _at("政府采购", "授予小微企业合同金额"))


def vehicles_agree(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """The year-end vehicles counted by use (国有资产) and by kind (三公经费) agree."""
    cars = _get(context, ("三公经费", "公务用车购置及运行维护费"))
    if "国有资产" in context and cars and "年末保有量" in cars:
        if context["国有资产"]["车辆合计"] != cars["年末保有量合计"]:
            yield Problem("DG706", {"assets": context["国有资产"]["车辆合计"], "cars": cars["年末保有量合计"]},
                          _at("国有资产", "车辆"), "warning")


def receptions_within_total(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """The listed receptions (元, typed or derived) do not exceed the 国内公务接待 total (万元)."""
    domestic = _get(context, ("三公经费", "公务接待费", "国内公务接待"))
    if domestic and domestic.get("明细"):
        parts = total(item["金额元"] for item in domestic["明细"])
        if parts > domestic["决算数"] * 10000:
            yield Problem("DG707", {"parts": parts, "total": domestic["决算数"]},
                          _at("三公经费", "公务接待费", "国内公务接待", "明细"))


# --- figures a published report cannot state together (issue 13): warnings, since the data may copy a
# published table as it stands; `--strict` makes them errors.

#: Kinds of 公用经费 item that buy goods (货物) under 政府采购.
_GOODS_ITEMS = ("设备购置", "家具购置", "车辆购置")
#: A year written in a text: 2021年 (not inside a longer number).
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年")


def fiscal_parts_within_all_funds(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """The 一般公共预算财政拨款 part of 基本支出/项目支出 is not larger than the year's whole 基本支出/项目支出."""
    spending = context.get("支出", {})
    fiscal = (("基本支出", context.get("一般公共预算财政拨款基本支出", {}).get("合计"), ("一般公共预算财政拨款基本支出",)),
              ("项目支出", context.get("一般公共预算财政拨款项目支出合计"), ("一般公共预算财政拨款项目支出",)))
    for kind, part, where in fiscal:
        if part is not None and kind in spending and part > money(spending[kind]):
            yield Problem("DG712", {"kind": kind, "part": part, "whole": money(spending[kind])}, _at(*where), "warning")


def fiscal_spending_within_all_spending(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """一般公共预算财政拨款支出 (its 科目 lines) is not larger than the 本年支出合计 it is part of."""
    lines = context["一般公共预算财政拨款支出"]["本年"]
    if lines > context["本年支出合计"]:
        yield Problem("DG713", {"part": lines, "whole": context["本年支出合计"]},
                      _at("一般公共预算财政拨款支出", "科目"), "warning")


def running_costs_within_public_funds(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """机关运行经费 ≤ 公用经费 where the layout defines it as part of it (``机关运行经费属于公用经费``)."""
    running = context.get("机关运行经费", {}).get("本年")
    public = context.get("一般公共预算财政拨款基本支出", {}).get("公用经费", {}).get("合计")
    if ctx.settings["机关运行经费属于公用经费"] and running is not None and public is not None and money(running) > public:
        yield Problem("DG714", {"part": money(running), "whole": public}, _at("机关运行经费", "本年"), "warning")


def three_public_within_budget(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """Each “三公” item's 决算数 ≤ its 调整预算数, unless a 预决算差异原因 says why."""
    facts = context.get("三公经费")
    if not facts or facts.get("预决算差异原因"):
        return
    for item in ("因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"):
        actual, budget = money(facts[item]["决算数"]), money(facts[item]["调整预算数"])
        if actual > budget:
            yield Problem("DG715", {"item": item, "actual": actual, "budget": budget},
                          _at("三公经费", item, "调整预算数"), "warning")


def receptions_match_their_count(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """Itemised receptions agree with the stated 批次; a complete list adds up to the 国内公务接待 (to 100 元)."""
    domestic = _get(context, ("三公经费", "公务接待费", "国内公务接待"))
    if not domestic or not domestic.get("明细"):
        return
    rows, where = domestic["明细"], ("三公经费", "公务接待费", "国内公务接待")
    if "批次" in domestic and len(rows) != domestic["批次"]:
        yield Problem("DG716", {"rows": len(rows), "count": domestic["批次"]}, _at(*where, "批次"), "warning")
    elif "批次" in domestic:
        listed = money(total(item["金额元"] for item in rows) / 10000)
        if listed != money(domestic["决算数"]):
            yield Problem("DG717", {"parts": total(item["金额元"] for item in rows), "wan": listed,
                                    "total": money(domestic["决算数"])}, _at(*where, "决算数"), "warning")


def itemised_dates_in_the_year(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """A year written in a 明细 row (接待 2021年12月9日 …) is the report's 年度."""
    domestic = _get(context, ("三公经费", "公务接待费", "国内公务接待")) or {}
    for index, item in enumerate(domestic.get("明细", [])):
        years = sorted({int(y) for y in _YEAR.findall(str(item.get("内容", "")))} - {int(context["年度"])})
        if years:
            yield Problem("DG718", {"year": years[0], "report_year": context["年度"], "text": item["内容"]},
                          _at("三公经费", "公务接待费", "国内公务接待", "明细", index), "warning")


def amounts_classified_once(context: Context, ctx: CalcContext) -> Iterator[Problem]:
    """An equipment purchase among the 公用经费 items is 货物 under 政府采购, not 服务 or 工程 of the same amount."""
    purchase = context.get("政府采购")
    items = context.get("一般公共预算财政拨款基本支出", {}).get("公用经费", {}).get("明细", [])
    if not purchase:
        return
    goods = money(purchase.get("货物", 0))
    for item in items:
        amount = money(item["金额"])
        if not item["名称"].endswith(_GOODS_ITEMS) or amount <= goods:
            continue
        for kind in ("服务", "工程"):
            if kind in purchase and money(purchase[kind]) == amount:
                yield Problem("DG719", {"amount": amount, "item": item["名称"], "kind": kind, "goods": goods},
                              _at("政府采购", kind), "warning")


#: Every rule the checks apply: code -> (severity, the rule in words). docs/错误与检查.md prints this table.
RULES: dict[str, tuple[str, str]] = {
    "DG701": ("错误", "数据给出年初、年末结转和结余时：收入总计（本年收入合计 + 使用非财政拨款结余 + 年初结转和结余）= "
                    "支出总计（本年支出合计 + 结余分配 + 年末结转和结余）；不给出时报告如实写出两个总计"),
    "DG702": ("错误", "填写了“合计”的人员经费/公用经费，其明细之和不得超过合计（明细可以只列主要项目）"),
    "DG703": ("错误", "一般公共预算财政拨款基本支出 + 项目支出 = 功能分类项级科目合计，精确到分"),
    "DG704": ("警告", "与上年相比增减超过版式设置 `变动说明阈值`（默认 10%）而没有填写“变动原因”"),
    "DG705": ("错误", "授予中小企业合同金额 ≤ 政府采购支出总额；授予小微企业合同金额 ≤ 授予中小企业合同金额"),
    "DG706": ("警告", "国有资产中按用途的年末车辆数 = “三公”经费中按车型的公务用车保有量"),
    "DG707": ("错误", "国内公务接待明细（元）之和不超过国内公务接待支出（万元）"),
    "DG709": ("警告", "收入、支出或科目金额达到版式的 `元单位阈值`（默认 1000000 万元）：似乎按元填写了"),
    "DG710": ("说明", "只在 `check -v` 中列出：科目没有已知的名词解释，名词解释中未列出它"),
    "DG711": ("错误", "填写的公务接待费 = 国内公务接待 + 外事接待（给出时）"),
    "DG712": ("警告", "一般公共预算财政拨款基本支出（人员经费 + 公用经费）≤ 本年基本支出；一般公共预算财政拨款项目支出 ≤ 本年项目支出"),
    "DG713": ("警告", "一般公共预算财政拨款支出（科目合计）≤ 本年支出合计"),
    "DG714": ("警告", "机关运行经费 ≤ 公用经费（版式设置 `机关运行经费属于公用经费`，默认是）"),
    "DG715": ("警告", "“三公”经费各项决算数 ≤ 调整预算数，除非填写了“预决算差异原因”"),
    "DG716": ("警告", "国内公务接待明细的条数 = 批次（两者都给出时）"),
    "DG717": ("警告", "明细条数等于批次（列全了）时，明细之和（元）按万元两位小数 = 国内公务接待支出"),
    "DG718": ("警告", "明细中写出的年份（如“2021年12月9日”）= 决算年度"),
    "DG719": ("警告", "同一金额不归两类：公用经费中的设备购置（货物）不同时以相同金额列为政府采购的服务或工程"),
}


CHECKS = (balance, amounts_look_like_yuan, unexplained_subjects, hosting_parts_agree, items_within_totals, basic_plus_project_is_the_function_total, large_changes_are_explained,
          procurement_shares_fit, vehicles_agree, receptions_within_total,
          fiscal_parts_within_all_funds, fiscal_spending_within_all_spending, running_costs_within_public_funds,
          three_public_within_budget, receptions_match_their_count, itemised_dates_in_the_year, amounts_classified_once)

# the 决算公开表's cross-table identities (issue 12), kept in their own module
from .tables import TABLE_CHECKS  # noqa: E402

CHECKS = CHECKS + TABLE_CHECKS
