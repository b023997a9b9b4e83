"""Template filters and section numbering, as the published reports print them.

The seeds print amounts inconsistently (117.20 and 117.2, 6 and 6.00); a layout
chooses one rule (``金额格式`` / ``百分比格式``) and every figure follows it.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable, Mapping

from jinja2 import Undefined

from .calc import CENT

NUMBER_STYLES = ("两位小数", "去掉末尾的零", "整数省略小数", "一位小数")

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 11 -> 十一, 20 -> 二十, 99 -> 九十九."""
    if not 0 < n < 100:
        raise ValueError(f"chinese numerals are supported from 1 to 99, got {n}")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def format_number(value: Any, style: str) -> str:
    """A Decimal amount as text in one of :data:`NUMBER_STYLES`."""
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()  # a clear "x is undefined", not a conversion error
    if value is None:
        raise ValueError("no figure to print (None): guard this place in the template with {% if %}")
    if isinstance(value, float):
        raise TypeError("figures must not be floats; pass a Decimal or int")
    amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP) + 0  # + 0 turns -0.00 into 0.00
    if style == "两位小数":
        return f"{amount:.2f}"
    if style == "整数省略小数":
        return f"{amount:.0f}" if amount == amount.to_integral_value() else f"{amount:.2f}"
    if style == "一位小数":  # rounded half-up to 0.1, whole numbers bare: 10805.3, 10365
        tenth = amount.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        return f"{tenth:.0f}" if tenth == tenth.to_integral_value() else f"{tenth:.1f}"
    if style == "去掉末尾的零":
        text = f"{amount:.2f}".rstrip("0").rstrip(".")
        return "0" if text in ("", "-0") else text
    raise ValueError(f"unknown number style {style!r}; use one of {NUMBER_STYLES}")


def sentence(text: Any) -> str:
    """Narrative text ending in exactly one full stop (。！？ kept as written)."""
    text = re.sub(r"。+$", "。", str(text).rstrip())  # "批复。。" -> "批复。"
    return text if text.endswith(("。", "！", "？", "…")) else text + "。"


def clause(text: Any) -> str:
    """Narrative text without its final full stop, to continue a sentence (…；…)."""
    return str(text).rstrip().rstrip("。")


_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def safe_format(template: str, names: Mapping[str, str]) -> str:
    """``template`` with each ``{name}`` of ``names`` replaced, and nothing else.

    Layout settings are written by template authors, so ``str.format`` (which
    reaches attributes and items, ``{0.__class__}``, and raises on an unknown
    field) is not used on them: any other brace text is kept as written, and
    ``{{``/``}}`` stand for single braces as in ``str.format``.
    """
    def field(match: re.Match[str]) -> str:
        if match.group(0) in ("{{", "}}"):
            return match.group(0)[0]
        name = match.group(1)
        return names[name] if name in names else match.group(0)

    return _FIELD.sub(field, template)


def make_filters(settings: Mapping[str, Any]) -> dict[str, Callable[..., str]]:
    """The filters a layout's templates use, bound to that layout's settings."""
    money_style, percent_style = settings["金额格式"], settings["百分比格式"]
    return {
        "金额": lambda v: format_number(v, money_style),
        "百分比": lambda v: format_number(v, percent_style) + "%",
        "句": sentence,
        "去句号": clause,
        "中文数字": chinese_numeral,
    }


class Numbering:
    """Gapless section numbers, counted as the template is rendered.

    ``编号('一级')`` returns the next first-level number (``一、``) and restarts
    every deeper level; a section a template leaves out (by ``{% if %}`` or by
    deleting it in Word) takes no number. Formats come from the layout's
    ``编号`` setting: ``{一}`` is a Chinese numeral, ``{1}`` an Arabic one.
    One instance serves one document.
    """

    LEVELS = ("部分", "一级", "二级", "三级", "四级")

    def __init__(self, formats: Mapping[str, str]):
        self.formats = dict(formats)
        self.counts: dict[str, int] = {}

    def __call__(self, level: str) -> str:
        if level not in self.formats:
            raise ValueError(f"unknown numbering level {level!r}; use one of {sorted(self.formats)}")
        self.counts[level] = self.counts.get(level, 0) + 1
        if level in self.LEVELS:
            for deeper in self.LEVELS[self.LEVELS.index(level) + 1:]:
                self.counts.pop(deeper, None)
        n = self.counts[level]
        return safe_format(self.formats[level], {"一": chinese_numeral(n), "1": str(n)})

    def names(self) -> dict[str, "NextNumber"]:
        """Each level by its own name, printing its next number: ``{{ 一级 }}`` -> ``一、``."""
        return {level: NextNumber(self, level) for level in self.formats}


class NextNumber:
    """A numbering level printed by name; printing it (and only that) takes the next number."""

    __slots__ = ("numbering", "level")

    def __init__(self, numbering: Numbering, level: str):
        self.numbering, self.level = numbering, level

    def next(self) -> str:
        return self.numbering(self.level)
