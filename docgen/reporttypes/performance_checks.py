"""Consistency rules both performance report types share: figures their texts state that docgen derives.

A narrative may write the total score, the grade or the 执行率 as literal words
(“自评得分95分，评价等级为优”) instead of citing them. Each such figure is
compared with the one computed from the data; a difference is a warning naming
the text, both figures and the rule. The rule table is in docs/错误与检查.md.
"""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Iterator, Mapping

from ..calc import money
from ..errors import FieldPath, Location, Problem

Context = Mapping[str, Any]

#: The total score written in words: 总得分95分, 自评得分为95.5分, 综合得分：93分.
STATED_SCORE = re.compile(r"(?:总得分|综合得分|自评得分|评价得分|最终得分|总分)(?:为|是|：|:)?\s*(\d+(?:\.\d+)?)\s*分")
#: The grade written in words: 评价等级为“优”, 等级：良好.
STATED_GRADE = re.compile(r"等级(?:为|是|评定为|：|:)\s*[“\"「]?(优秀|良好|合格|不合格|优|良|中|差)")
#: A grade's long name as reports write it.
GRADE_WORDS = {"优秀": "优", "良好": "良", "合格": "中", "不合格": "差"}
#: The 执行率 written in words: 预算执行率为96.48%, 资金执行率100%.
STATED_RATE = re.compile(r"执行率(?:为|是|达到|达|：|:)?\s*(\d+(?:\.\d+)?)\s*%")
#: A year written in a date: 2020年9月15日.
DATE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年\s*\d{1,2}\s*月")


def texts(data: Context, skip: tuple[str, ...]) -> Iterator[tuple[FieldPath, str]]:
    """Every string of the data (its field path and text), the top-level keys ``skip`` aside."""
    def walk(node: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
        if isinstance(node, str):
            yield path, node
        elif isinstance(node, Mapping):
            for key, value in node.items():
                if path or key not in skip:
                    yield from walk(value, path + (key,))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, path + (index,))
    yield from walk(data, ())


def stated_totals(items: Iterator[tuple[FieldPath, str]], score: Any, grade: str | None,
                  grades: list[str]) -> Iterator[Problem]:
    """A total score (DG720) or a grade (DG721) a text states other than the computed ``score`` and its ``grade``."""
    for path, text in items:
        for match in STATED_SCORE.finditer(text):
            if score is not None and Decimal(match.group(1)) != Decimal(score):
                yield Problem("DG720", {"stated": match.group(1), "score": score, "text": _excerpt(text, match)},
                              Location(field=path), "warning")
        for match in STATED_GRADE.finditer(text):
            word = GRADE_WORDS.get(match.group(1), match.group(1))
            if grade is not None and word in grades and word != grade:
                yield Problem("DG721", {"stated": match.group(1), "grade": grade, "score": score,
                                        "text": _excerpt(text, match)}, Location(field=path), "warning")


def stated_rates(items: Iterator[tuple[FieldPath, str]], actual: Any, budget: Any) -> Iterator[Problem]:
    """A 执行率 a text states other than 执行数 ÷ 预算数, rounded half-up to the text's precision (DG722)."""
    if actual is None or budget is None or money(budget) == 0:
        return
    exact = money(actual) / money(budget) * 100
    for path, text in items:
        for match in STATED_RATE.finditer(text):
            shown = exact.quantize(Decimal(match.group(1)), rounding=ROUND_HALF_UP)  # to the stated precision
            if shown != Decimal(match.group(1)):
                yield Problem("DG722", {"stated": match.group(1), "rate": shown, "actual": money(actual),
                                        "budget": money(budget), "text": _excerpt(text, match)},
                              Location(field=path), "warning")


def dated_outside(items: Iterator[tuple[FieldPath, str]], years: tuple[int, ...]) -> Iterator[Problem]:
    """A date in a text whose year is none of ``years`` (the year evaluated and the one the report is written in)."""
    for path, text in items:
        for match in DATE_YEAR.finditer(text):
            if int(match.group(1)) not in years:
                yield Problem("DG724", {"year": match.group(1), "years": "、".join(map(str, years)),
                                        "text": _excerpt(text, match)}, Location(field=path), "warning")


def _excerpt(text: str, match: re.Match[str]) -> str:
    """The clause holding a match (between the marks ，。；), as a message quotes it."""
    left = max(text.rfind(mark, 0, match.start()) for mark in _CLAUSE_ENDS) + 1
    rights = [i for i in (text.find(mark, match.end()) for mark in _CLAUSE_ENDS) if i != -1]
    return text[left:min(rights, default=len(text))].strip()


_CLAUSE_ENDS = "，。；,;"


#: The rules of both performance types: code -> (severity, the rule in words). docs/错误与检查.md prints this table.
RULES: dict[str, tuple[str, str]] = {
    "DG720": ("警告", "绩效报告：文中写出的总得分（总得分、综合得分、自评得分……X分）= 各级指标得分的合计"),
    "DG721": ("警告", "绩效报告：文中写出的评价等级（等级为“优”，优秀/良好/合格/不合格亦可）= 总得分按版式 `评级` 的门槛对应的等级"),
    "DG722": ("警告", "绩效报告：文中写出的执行率 = 执行数 ÷ 预算数，按文中的小数位四舍五入（项目：资金、项目概况、评价结论中的文字；"
                    "部门整体：各项目自己的文字）"),
    "DG723": ("警告", "部门整体：项目的结余资金（全年预算数中的上年结余）≤ 该项目全年预算数；各项目结余资金合计 ≤ 年初结转结余（项目支出）"),
    "DG724": ("警告", "绩效报告：日期的年份是评价年度或其次年（部门整体：落款日期；项目：资金部分文字中的“X年X月”）"),
}
