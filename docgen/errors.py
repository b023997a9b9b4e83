"""Errors are data: a stable code, its parameters and a location.

Text is made at the edge (:mod:`docgen.messages`), so the same problem can be
shown in Chinese or English, collected with others, or asserted in a test.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Literal, Mapping

Severity = Literal["error", "warning", "note"]  # a note: shown by `check -v` only
FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file position and/or a field of the data."""

    file: str | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    field: FieldPath = ()
    title: str | None = None  # the field's Chinese title from the schema


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, a template or the environment."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)
    location: Location | None = None
    severity: Severity = "error"


class DocgenError(Exception):
    """The one root of every expected failure; carries one or more problems.

    The CLI catches exactly this class and prints its problems; anything else
    escaping is a bug and keeps its traceback.
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__("; ".join(p.code for p in self.problems))

    @classmethod
    def single(cls, code: str, location: Location | None = None, **params: Any) -> "DocgenError":
        """Build an error holding one problem."""
        return cls([Problem(code, params, location)])
