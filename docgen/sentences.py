"""Sentence helpers: the wording logic of the reports, called from a template with short tags.

A template keeps the words; these functions keep the logic around them (增加 or
减少, 增长 or 下降, 持平, a department new this year, a clause printed only when the
data gives its figure, lists joined with 、 and ending in 。). Each helper takes the
words it prints as arguments, so a region's author rewords a sentence by editing
its words in Word, never Jinja. In those words ``{年度}``, ``{上年度}``, ``{部门}`` and
``{部门简称}`` stand for the report's own values (straight quotes "…" print as “…”, since
docxtpl straightens every quote inside a tag), and a helper names the figures it
fills in (``{本年}``, ``{收入}``, ``{支出}``), also written ``｛年度｝`` as a Chinese input method types
braces (the form a ``{%p set %}`` line needs, since it cannot hold ``}``); amounts and percentages follow
the layout's ``金额格式`` and ``百分比格式``. Every helper is registered on each layout's
environment (:func:`make_globals`) under its Chinese name:

``变动句(项, 引导, 持平)``
    ``引导`` + 增加/减少 X万元，增长/下降 Y%。 + 主要变动原因是… (when the data gives
    ``变动原因``); ``持平`` when unchanged (by default ``引导`` + 持平。, a 比{上年度} in it read
    as 与{上年度}: ``…支出决算比{上年度}年`` -> ``…支出决算与{上年度}年持平。``); without last year's figure, the layout's
    ``新组建句`` for a department the data says is new (``新组建``), else nothing.
    Options: ``原因`` (the words before the reason, '' for none), ``新组建`` and
    ``无上年`` (what to print without last year's figure), ``升降=False`` (no 增长/下降 rate).
``收支变动句(项, 类别='')``
    收入总计 and 支出总计 each compared with last year, then the reason once.
``总计句(项, 相等, 不等, 引导, 持平, 类别='')``
    收、支总计: ``相等`` ({本年}) and its change when income and spending agree, else
    ``不等`` ({收入}, {支出}) and :func:`收支变动句`. Words not given read
    ``{年度}年{类别}收、支总计{本年}万元。``, ``{年度}年{类别}收入总计{收入}万元，{类别}支出总计{支出}万元。``,
    ``与{上年度}年相比，{类别}收、支总计各`` and ``与{上年度}年相比，{类别}收、支总计持平。``.
``完成句(项, 引导='，完成预算', 按='完成')``
    ``引导`` + X% of ``项.完成.完成率`` (nothing without a budget to complete);
    ``按='完成年初预算'`` (a dotted path) for another completion, nothing when not given.
``差异原因句(项, 预算='预算数', 按='完成')`` / ``预决算句(项, 等于='等于预算数')``
    why 决算数 differs from 预算数 (compared as ``项.<按>``), when the data says.
``列举(各项, 格式, 分隔='、', 结尾='', 开头='', 无='', 只列='', 缺=None)``
    each item written by ``格式`` (``{名称}{金额|金额}万元``; ``{}`` is the item
    itself, ``{0}``/``{1}`` a key and its value when ``各项`` is a mapping,
    ``{序号}`` its number from 1, ``｛名称｝`` as ``{名称}``; words in ``[…]`` only when each field in
    them has a value:
    ``{类别}{金额|金额}万元[，包括{说明}等]``), joined by ``分隔``; ``开头`` before the first
    and ``结尾`` after the last, or ``无`` alone when there is no item. ``只列``
    (names joined by 、): of a mapping only these keys, in this order, those it
    has: ``{{ 列举(政府采购, '{0}{1|金额}万元', 只列='货物、工程、服务', 开头='，其中：') }}``; with ``缺``
    also those it lacks, with that value (``缺=0``: a form that lists every kind, 0 for those not given).
``接待句(项, 格式, 分隔='；', 开头='具体内容包括：', 结尾='', 批次=…, 人次=…, 共计=…)``
    a reception's counts and items: with ``项.批次``, ``批次`` (``国内公务接待{批次}批次，``) +
    ``人次`` (``{人次}人次（不包括陪同人员），``, when given) + ``共计`` (``共计支出{决算数}万元``)
    + ，and the list + 。; without it, the list + 。 alone (nothing without ``项.明细``). The list
    is :func:`列举` of ``项.明细`` by ``格式`` between ``开头`` and ``结尾``:
    ``{{ 接待句(国内, '{序号}、{内容}{金额元}元', 开头='具体内容包括：（', 结尾='）') }}``. The words
    of the counts are defaults (a sentence whose clauses come and go with the data); a layout
    rewords them through the options.
``授予句(项, 零=None, 格式=…, 分隔='，其中：', 结尾='。')``
    the contracts 政府采购 awarded to small firms (``项.授予``: 中小企业, then 小微企业 within it),
    by :func:`列举` with the default ``格式`` ``授予{名称}合同金额{金额|金额}万元，占政府采购支出总额的{占比|百分比}``:
    授予中小企业合同金额X万元，占政府采购支出总额的Y%，其中：授予小微企业合同金额…。; nothing when the
    data gives none. A share that cannot be worked out (总额 0) leaves its award out, with those within
    it, unless ``零`` gives the share to print (``{{ 授予句(采购, 0) }}``).
``结构句(各项, 金额='金额')``
    名称X万元，占Y%；…。 (a breakdown with its shares).
``引(文字, 引用=None)``
    narrative text with each cited figure (``{预算数}``) filled in.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Mapping

from jinja2 import Undefined, pass_context
from jinja2.exceptions import UndefinedError
from jinja2.runtime import Context

from .formatting import safe_format, sentence

#: The context values a sentence's words may name.
REPORT_NAMES = ("年度", "上年度", "部门", "部门简称", "项目名称")
_FIELD = re.compile(r"\{([^{}|]*)(?:\|([^{}]+))?\}")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_UP_DOWN = ("增加", "减少")
#: ｛名称｝ as a Chinese input method types it reads as {名称} (and lets a format sit on a {%p set %} line,
#: which cannot hold an ASCII brace).
_WIDE_BRACES = str.maketrans("｛｝", "{}")


def _filter(context: Context, name: str) -> Callable[[Any], str]:
    return context.environment.filters[name]


def chinese_quotes(words: str) -> str:
    """Straight double quotes in a helper's words as Chinese ones, in pairs: "三公" -> “三公”.

    Word types “ ” in a tag as the author wrote them, but docxtpl (like Jinja, which needs
    straight quotes around strings) turns every curly quote inside a tag straight.
    """
    parts = words.split('"')
    return "".join(part + ("“" if i % 2 == 0 else "”") for i, part in enumerate(parts[:-1])) + parts[-1]


def _fill(context: Context, words: str, **figures: str) -> str:
    """``words`` with ``{年度}``-like names and the helper's ``figures`` filled in."""
    names = {n: str(context[n]) for n in REPORT_NAMES if n in context and not isinstance(context[n], Undefined)}
    return safe_format(chinese_quotes(words).translate(_WIDE_BRACES), {**names, **figures})


def _get(item: Any, key: str | int) -> Any:
    """``item[key]`` as the template would look it up (a missing field fails as Jinja's would)."""
    if isinstance(item, Undefined):
        item._fail_with_undefined_error()
    try:
        return item[key]
    except (KeyError, IndexError, TypeError):
        from .rendering import _TracedUndefined

        _TracedUndefined(obj=item, name=key)._fail_with_undefined_error()


def _has(item: Any, key: str) -> bool:
    return isinstance(item, Mapping) and key in item


def _change(context: Context, item: Mapping[str, Any], lead: str, same: str, reason: Any, why: str | None,
            new: str | None, unknown: str, rate: bool = True) -> str:
    change = _get(item, "变动")
    if not _get(change, "有上年"):
        new = context.environment.new_department if new is None else new  # type: ignore[attr-defined]
        return _fill(context, new if context.get("新组建") else unknown)
    if _get(change, "增减") == "持平":
        return _fill(context, same)
    money = _filter(context, "金额")
    figures = {k: money(item[k]) for k in ("本年", "上年") if _has(item, k) and item[k] is not None}
    text = _fill(context, lead, **figures) + _get(change, "增减") + money(_get(change, "差额")) + "万元"
    if rate and _get(change, "变动率") is not None:
        text += "，" + _get(change, "升降") + _filter(context, "百分比")(_get(change, "变动率"))
    text += "。"
    if why and reason is not None:
        text += why + sentence(reason)
    return text


def _same(lead: str) -> str:
    """The words for an unchanged figure made from a change's lead: …比{上年度}年 -> …与{上年度}年持平。,
    any other lead + 持平。 (与{上年度}年相比，支出 -> 与{上年度}年相比，支出持平。)."""
    at = lead.rfind("比{上年度}")
    return (lead if at < 0 else lead[:at] + "与" + lead[at + 1:]) + "持平。"


@pass_context
def 变动句(context: Context, 项: Any, 引导: str, 持平: str | None = None, 原因: str = "主要变动原因是",
         新组建: str | None = None, 无上年: str = "", 变动原因: Any = None, 升降: bool = True) -> str:
    """``引导`` 增加X万元，增长Y%。主要变动原因是…; ``持平`` (:func:`_same`) when unchanged (see the module).
    ``变动原因``: the reason to give when it is not ``项``'s own (printed only when the data gives it);
    ``升降=False``: the difference without its rate (增加X万元。)."""
    if 变动原因 is None:
        reason = _get(项, "变动原因") if _has(项, "变动原因") else None
    else:
        reason = None if isinstance(变动原因, Undefined) else 变动原因
    return _change(context, 项, 引导, _same(引导) if 持平 is None else 持平, reason, 原因, 新组建, 无上年, 升降)


@pass_context
def 收支变动句(context: Context, 项: Any, 类别: str = "", 新组建: str | None = None) -> str:
    """收入总计 then 支出总计 compared with last year; the reason after both unless 支出 has its own."""
    income = (f"与{{上年度}}年相比，{类别}收入总计", f"与{{上年度}}年相比，{类别}收入总计持平。")
    spending_item = _get(项, "支出")
    spending = (f"{类别}支出总计", f"{类别}支出总计持平。")
    if _has(项, "支出变动原因"):
        own = _get(项, "变动原因") if _has(项, "变动原因") else None
        return (_change(context, 项, *income, own, "主要变动原因是", 新组建, "")
                + _change(context, spending_item, *spending, _get(项, "支出变动原因"), "主要变动原因是", "", ""))
    text = (_change(context, 项, *income, None, None, 新组建, "")
            + _change(context, spending_item, *spending, None, None, "", ""))
    moved = _get(_get(项, "变动"), "增减") in _UP_DOWN or _get(_get(spending_item, "变动"), "增减") in _UP_DOWN
    if _has(项, "变动原因") and moved:
        text += "主要变动原因是" + sentence(_get(项, "变动原因"))
    return text


@pass_context
def 总计句(context: Context, 项: Any, 相等: str | None = None, 不等: str | None = None, 引导: str | None = None,
        持平: str | None = None, 类别: str = "", 原因: str = "主要变动原因是", 新组建: str | None = None) -> str:
    """The 收、支总计 sentence: one figure and its change, or both figures and theirs (see the module)."""
    相等 = f"{{年度}}年{类别}收、支总计{{本年}}万元。" if 相等 is None else 相等
    不等 = f"{{年度}}年{类别}收入总计{{收入}}万元，{类别}支出总计{{支出}}万元。" if 不等 is None else 不等
    引导 = f"与{{上年度}}年相比，{类别}收、支总计各" if 引导 is None else 引导
    持平 = f"与{{上年度}}年相比，{类别}收、支总计持平。" if 持平 is None else 持平
    money = _filter(context, "金额")
    if _get(项, "收支相等"):
        return (_fill(context, 相等, 本年=money(_get(项, "本年")))
                + 变动句(context, 项, 引导, 持平, 原因=原因, 新组建=新组建))
    return (_fill(context, 不等, 收入=money(_get(项, "本年")), 支出=money(_get(_get(项, "支出"), "本年")))
            + 收支变动句(context, 项, 类别, 新组建))


@pass_context
def 完成句(context: Context, 项: Any, 引导: str = "，完成预算", 按: str = "完成") -> str:
    """``引导`` and the completion rate ``项.<按>.完成率``, or nothing when there was no budget to
    complete (``按`` not given, or its rate none): ``按='完成年初预算'`` for the 年初 budget."""
    if 按 != "完成" and not _given(项, 按):
        return ""
    rate = _get(_lookup(项, 按), "完成率")
    return "" if rate is None else _fill(context, 引导) + _filter(context, "百分比")(rate)


@pass_context
def 差异原因句(context: Context, 项: Any, 预算: str = "预算数", 按: str = "完成") -> str:
    """决算数小于``预算``的主要原因是… (the comparison of ``项.<按>``) when the data gives the reason."""
    if not _has(项, "预决算差异原因"):
        return ""
    return f"决算数{_get(_lookup(项, 按), '比较')}{预算}的主要原因是" + sentence(_get(项, "预决算差异原因"))


@pass_context
def 预决算句(context: Context, 项: Any, 等于: str = "等于预算数") -> str:
    """决算数小于预算数。 (``等于`` when equal), with 的主要原因是… when the data gives it."""
    compared = _get(_get(项, "完成"), "比较")
    text = "决算数" + (_fill(context, 等于) if compared == "等于" else f"{compared}预算数")
    if _has(项, "预决算差异原因"):
        return text + "的主要原因是" + sentence(_get(项, "预决算差异原因"))
    return text + "。"


def _lookup(item: Any, path: str) -> Any:
    value = item
    for key in path.split(".") if path else ():
        value = _get(value, int(key) if key.isdigit() and not isinstance(value, Mapping) else key)
    return value


def _given(item: Any, path: str) -> bool:
    """Whether ``item`` has the dotted field ``path`` (each part a key of a mapping, not none)."""
    for key in path.split("."):
        if not _has(item, key) or item[key] is None:
            return False
        item = item[key]
    return True


def _given_value(item: Any, path: str) -> bool:
    """Whether the field ``path`` of a listed item has a value (given, not none, not empty)."""
    if path == "序号":
        return True
    try:
        value = _lookup(item, path) if path else item
    except UndefinedError:
        return False
    return value is not None and value != "" and not isinstance(value, Undefined)


def _entries(items: Any) -> Iterable[Any]:
    if isinstance(items, Undefined):
        items._fail_with_undefined_error()
    return list(items.items()) if isinstance(items, Mapping) else list(items)


@pass_context
def 列举(context: Context, 各项: Any, 格式: str, 分隔: str = "、", 结尾: str = "", 开头: str = "", 无: str = "",
       只列: str = "", 缺: Any = None) -> str:
    """Each item written by ``格式``, joined by ``分隔``, between ``开头`` and ``结尾`` (``无`` when
    there is none; see the module)."""
    def one(number: int, item: Any) -> str:
        def field(match: re.Match[str]) -> str:
            name = match.group(1).strip()
            value = number if name == "序号" else _lookup(item, name)
            if match.group(2):
                return str(_filter(context, match.group(2).strip())(value))
            return str(value)

        def part(match: re.Match[str]) -> str:
            given = all(_given_value(item, name.strip()) for name, _ in _FIELD.findall(match.group(1)))
            return _FIELD.sub(field, match.group(1)) if given else ""

        return _FIELD.sub(field, _OPTIONAL.sub(part, words))

    words = chinese_quotes(格式).translate(_WIDE_BRACES)
    entries = _entries(各项)
    if 只列:
        given = dict(entries)
        entries = [(key, given.get(key, 缺)) for key in 只列.split("、") if key in given or 缺 is not None]
    texts = [one(number, item) for number, item in enumerate(entries, 1)]
    return 开头 + 分隔.join(texts) + 结尾 if texts else 无


@pass_context
def 接待句(context: Context, 项: Any, 格式: str, 分隔: str = "；", 开头: str = "具体内容包括：", 结尾: str = "",
        批次: str = "国内公务接待{批次}批次，", 人次: str = "{人次}人次（不包括陪同人员），",
        共计: str = "共计支出{决算数}万元") -> str:
    """A reception's 批次, 人次 and total (when the data gives 批次), then its items (see the module)."""
    listed = 列举(context, 项["明细"], 格式, 分隔, 结尾, 开头) if _given(项, "明细") else ""
    if not _given(项, "批次"):
        return listed + "。" if listed else ""
    text = _fill(context, 批次, 批次=str(项["批次"]))
    if _given(项, "人次"):
        text += _fill(context, 人次, 人次=str(项["人次"]))
    text += _fill(context, 共计, 决算数=_filter(context, "金额")(_get(项, "决算数")))
    return text + ("，" + listed if listed else "") + "。"


@pass_context
def 授予句(context: Context, 项: Any, 零: Any = None,
        格式: str = "授予{名称}合同金额{金额|金额}万元，占政府采购支出总额的{占比|百分比}", 分隔: str = "，其中：",
        结尾: str = "。") -> str:
    """The awards of ``项.授予`` by :func:`列举` with default words (see the module)."""
    awards = []
    for award in _get(项, "授予"):
        if award["占比"] is None and 零 is None:
            break
        awards.append(award if award["占比"] is not None else {**award, "占比": 零})
    return 列举(context, awards, 格式, 分隔, 结尾)


@pass_context
def 结构句(context: Context, 各项: Any, 金额: str = "金额", 占: str = "占") -> str:
    """名称X万元，占Y%；…。 for each item of a breakdown."""
    return 列举(context, 各项, f"{{名称}}{{{金额}|金额}}万元，{占}{{占比|百分比}}", "；", "。")


@pass_context
def 引(context: Context, 文字: Any, 引用: Any = None) -> str:
    """``文字`` with each cited figure ``{名}`` of ``引用`` (the context's own by default) filled in."""
    cited = context.get("引用", {}) if 引用 is None else 引用
    text = str(文字)
    money = _filter(context, "金额")
    for name, value in (cited.items() if isinstance(cited, Mapping) else ()):
        text = text.replace("{" + name + "}", money(value))
    return text


#: The optional fields of its first argument that a helper prints only when the data gives them, so that
#: ``check -v`` names them when a report leaves them out, as it does a template's own guards (docgen/leftout.py).
OPTIONAL_FIELDS: dict[str, tuple[str, ...]] = {
    "变动句": ("变动原因",), "收支变动句": ("变动原因", "支出变动原因"), "差异原因句": ("预决算差异原因",),
    "预决算句": ("预决算差异原因",), "接待句": ("批次", "人次", "明细"),
}


def make_globals() -> dict[str, Callable[..., str]]:
    """The helpers a layout's templates may call, by name."""
    return {f.__name__: f for f in (变动句, 收支变动句, 总计句, 完成句, 差异原因句, 预决算句, 列举, 接待句, 授予句,
                                    结构句, 引)}

