"""Run a report type's calculators in order and merge what they derive.

A calculator is a pure function ``(data, ctx) -> new fields``: it reads the
data (with everything earlier calculators added) and returns a nested mapping
of NEW fields. Merging may add keys inside existing mappings, and item by item
inside lists of the same length, but never replace a value that is already
there: overwriting an input field is an error (DG305).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, Mapping, Sequence

from . import calc
from .errors import DocgenError
from .loader import copy_data
from .plugins import CALCULATORS, Registry, did_you_mean

Calculator = Callable[[Mapping[str, Any], "CalcContext"], Mapping[str, Any]]


@dataclass(frozen=True)
class CalcContext:
    """What a calculator may consult besides the data: layout settings and catalogues."""

    settings: Mapping[str, Any]
    subjects: Mapping[str, Mapping[str, str]]
    terms: Mapping[str, Mapping[str, str]]

    def shares(self, values: Sequence[Any]) -> list[Decimal]:
        """Shares summing to 100.00 by the layout's ``占比补差`` rule."""
        return calc.shares(values, self.settings["占比补差"])

    def structure(self, items: Mapping[str, Any]) -> list[dict[str, Any]]:
        """``[{名称, 金额, 占比}]`` of a breakdown (zero items per ``结构列出零项``), shares summing to 100%."""
        listed = {k: calc.money(v) for k, v in items.items() if v or self.settings["结构列出零项"]}
        shares = self.shares(list(listed.values()))
        return [{"名称": k, "金额": v, "占比": s} for (k, v), s in zip(listed.items(), shares)]

    def grade(self, score: Any) -> str | None:
        """The 评级 (优/良/中/差) of a total score: the first row whose 下限 it reaches."""
        return next((row["等级"] for row in self.settings["评级"] if Decimal(score) >= Decimal(row["下限"])), None)

    def completion(self, actual: Any, budget: Any) -> dict[str, Any]:
        """完成预算% with the layout's ``零预算完成率``."""
        return calc.completion(actual, budget, self.settings["零预算完成率"])

    def subject_name(self, code: str) -> str:
        """The name of a 科目 code (the data's override first)."""
        return self._subject(code, "名称")

    def subject_explanation(self, code: str) -> str:
        """The 名词解释 sentence of a 科目 code (the data's override first)."""
        return self._subject(code, "说明")

    def _subject(self, code: str, key: str) -> str:
        entry = self.subjects.get(code, {})
        if key not in entry:
            raise DocgenError.single("DG310", subject=code, key=key)
        return entry[key]

    def term_explanation(self, term: str) -> str:
        """The 名词解释 sentence of a general term such as 基本支出."""
        if term not in self.terms:
            raise DocgenError.single("DG311", term=term)
        return self.terms[term]["说明"]

    def term_facts(self, term: str) -> list[str] | None:
        """The data fields (dotted paths) whose presence puts ``term`` in the report (None: always there)."""
        return self.terms.get(term, {}).get("事实")


def merge_new_fields(target: dict[str, Any], new: Mapping[str, Any], calculator: str,
                     path: tuple[str | int, ...] = ()) -> None:
    """Merge ``new`` into ``target`` in place, refusing to overwrite anything."""
    for key, value in new.items():
        here = path + (key,)
        if key not in target:
            target[key] = value
        elif isinstance(target[key], dict) and isinstance(value, Mapping):
            merge_new_fields(target[key], value, calculator, here)
        elif isinstance(target[key], list) and isinstance(value, list) and len(value) == len(target[key]):
            for i, (old_item, new_item) in enumerate(zip(target[key], value)):
                if not (isinstance(old_item, dict) and isinstance(new_item, Mapping)):
                    raise DocgenError.single("DG305", calculator=calculator, name=_dotted(here + (i,)))
                merge_new_fields(old_item, new_item, calculator, here + (i,))
        else:
            raise DocgenError.single("DG305", calculator=calculator, name=_dotted(here))


def _dotted(path: tuple[str | int, ...]) -> str:
    return ".".join(f"[{p + 1}]" if isinstance(p, int) else p for p in path).replace(".[", "[")


def run_calculators(type_name: str, names: Sequence[str], data: Mapping[str, Any], ctx: CalcContext,
                    registry: Registry[Calculator] | None = None) -> dict[str, Any]:
    """The render context: a copy of ``data`` plus every calculator's fields."""
    registry = registry or CALCULATORS
    context = copy_data(data)
    for name in names:
        try:
            calculator = registry.get(name)
        except KeyError:
            raise DocgenError.single("DG304", type=type_name, name=name,
                                     hint=did_you_mean(name, registry.names())) from None
        merge_new_fields(context, calculator(context, ctx), name)
    return context
