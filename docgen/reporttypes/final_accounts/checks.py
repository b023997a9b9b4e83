"""Consistency rules of the 部门决算 beyond its schema, run on the computed context.

Each rule yields located problems: errors where figures contradict each other,
warnings where a reader would expect more (a large change with no reason).
The rule table is in docs/错误与检查.md.
"""
from __future__ import annotations

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
    """基本支出 + 项目支出 of the 一般公共预算 equal the sum of its 功能分类 lines (when the data lists both)."""
    if "一般公共预算财政拨款基本支出" not in context or not context.get("一般公共预算财政拨款项目支出"):
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


CHECKS = (balance, amounts_look_like_yuan, unexplained_subjects, hosting_parts_agree, items_within_totals, basic_plus_project_is_the_function_total, large_changes_are_explained,
          procurement_shares_fit, vehicles_agree, receptions_within_total)
