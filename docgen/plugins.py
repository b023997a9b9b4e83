"""Strict registries over entry points: report types and calculators.

Names are the public names (the entry point names); listing them imports
nothing, and only what a render selects is loaded, so a broken unrelated
plugin cannot break a render. Built-ins register through docgen's own
``pyproject.toml`` exactly as a third-party package would.
"""
from __future__ import annotations

import sys
from importlib.metadata import EntryPoint, entry_points
from typing import Any, Generic, TypeVar

from .errors import DocgenError, Problem
from .messages import Phrase

T = TypeVar("T")

REPORT_TYPES_GROUP = "docgen.report_types"
CALCULATORS_GROUP = "docgen.calculators"


def did_you_mean(name: str, candidates: list[str]) -> str:
    """``，是否想写 X？`` (in English at the edge) for the closest candidate, or an empty string."""
    import difflib  # only when a name is wrong: a render that finds its names need not import it

    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.4)
    return Phrase("did_you_mean", name=close[0]) if close else ""


def group_entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group``. Scanning the installed distributions costs milliseconds whatever
    the group, so every group is read in one scan, again only if ``sys.path`` changed."""
    return list(_all_entry_points(tuple(sys.path)).get(group, ()))


_scanned: dict[tuple[str, ...], dict[str, tuple[EntryPoint, ...]]] = {}


def _all_entry_points(path: tuple[str, ...]) -> dict[str, tuple[EntryPoint, ...]]:
    if path not in _scanned:
        found = entry_points()  # every group (selecting one group would scan all distributions anyway)
        _scanned.clear()  # one sys.path at a time
        _scanned[path] = {group: tuple(found.select(group=group)) for group in found.groups}
    return _scanned[path]


def _distribution(ep: EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    return dist.name if dist is not None else ep.value.split(":")[0]


class Registry(Generic[T]):
    """The plugins of one entry point group, loaded on demand and cached."""

    def __init__(self, group: str):
        self.group = group
        self._loaded: dict[str, T] = {}
        self._found: tuple[tuple[str, ...], dict[str, EntryPoint], dict[str, Problem]] | None = None

    def _entry_points(self) -> dict[str, EntryPoint]:
        return self._scanned()[1]

    def _scanned(self) -> tuple[tuple[str, ...], dict[str, EntryPoint], dict[str, Problem]]:
        # Scanning every installed distribution costs milliseconds: do it once,
        # again only if sys.path changed (a plugin put on the path by a test).
        path = tuple(sys.path)
        if self._found is None or self._found[0] != path:
            self._found = (path, *self._scan())
            self._loaded.clear()
        return self._found

    def _scan(self) -> tuple[dict[str, EntryPoint], dict[str, Problem]]:
        """The entry points by name, and the names two packages claim (DG303): only those fail, when used."""
        found: dict[str, EntryPoint] = {}
        conflicts: dict[str, Problem] = {}
        for ep in group_entry_points(self.group):
            other = found.get(ep.name)
            if other is not None and _distribution(other) != _distribution(ep):
                conflicts.setdefault(ep.name, Problem("DG303", {"name": ep.name, "group": self.group,
                                                                "first": _distribution(other),
                                                                "second": _distribution(ep)}))
            found[ep.name] = ep
        return found, conflicts

    def names(self) -> list[str]:
        """All registered names, sorted, without importing any plugin."""
        return sorted(self._entry_points())

    def get(self, name: str) -> T:
        """Load the plugin registered as ``name``; ``KeyError`` if no such name, DG302 if it fails to
        load, DG303 if two packages claim it (a broken plugin fails only the renders that use it)."""
        _, eps, conflicts = self._scanned()
        if name in self._loaded:
            return self._loaded[name]
        if name in conflicts:
            raise DocgenError([conflicts[name]])
        if name not in eps:
            raise KeyError(name)
        try:
            plugin: Any = eps[name].load()
        except Exception as exc:  # a plugin's own bug must not become a traceback
            raise DocgenError.single("DG302", name=name, group=self.group,
                                     reason=f"{type(exc).__name__}: {exc}") from exc
        self._loaded[name] = plugin
        return plugin


REPORT_TYPES: Registry = Registry(REPORT_TYPES_GROUP)
CALCULATORS: Registry = Registry(CALCULATORS_GROUP)
