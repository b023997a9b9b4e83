"""The built-in catalogues behind 科目 names and the 名词解释.

``data/subjects.yaml`` maps 科目 codes (类 3, 款 5, 项 7 digits) to their
name and explanation; ``data/terms.yaml`` explains general terms (基本支出, …).
A data file may override or extend either (its ``科目`` and ``术语`` sections).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from .loader import load_file
from .resources import data_file


@lru_cache(maxsize=None)
def _builtin(name: str) -> dict[str, Any]:
    return load_file(data_file(name)).data


def _with(builtin: Mapping[str, Any], overrides: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """``builtin`` with each overridden entry merged key by key; shared, never mutated."""
    if not overrides:
        return builtin
    return {**builtin, **{key: {**builtin.get(key, {}), **entry} for key, entry in overrides.items()}}


def subjects(overrides: Mapping[str, Any] | None = None) -> Mapping[str, Mapping[str, str]]:
    """The 科目 catalogue with the data's overrides applied (read-only)."""
    return _with(_builtin("subjects.yaml"), overrides)


def terms(overrides: Mapping[str, Any] | None = None) -> Mapping[str, Mapping[str, str]]:
    """The general-term catalogue with the data's overrides applied (read-only)."""
    return _with(_builtin("terms.yaml"), overrides)
