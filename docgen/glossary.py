"""The built-in catalogues behind 科目 names and the 名词解释.

``data/subjects.yaml`` maps 科目 codes (类 3, 款 5, 项 7 digits) to their
name and explanation; ``data/terms.yaml`` explains general terms (基本支出, …).
A data file may override or extend either (its ``科目`` and ``术语`` sections).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Mapping

from .loader import load_file
from .reporttype import merge_settings
from .resources import data_file


@lru_cache(maxsize=None)
def _builtin(name: str) -> dict[str, Any]:
    return load_file(data_file(name)).data


def subjects(overrides: Mapping[str, Any] | None = None) -> dict[str, dict[str, str]]:
    """The 科目 catalogue with the data's overrides applied."""
    return merge_settings(_builtin("subjects.yaml"), overrides or {})


def terms(overrides: Mapping[str, Any] | None = None) -> dict[str, dict[str, str]]:
    """The general-term catalogue with the data's overrides applied."""
    return merge_settings(_builtin("terms.yaml"), overrides or {})
