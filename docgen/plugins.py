"""Strict registries over entry points: report types and calculators.

Names are the public names (the entry point names); listing them imports
nothing, and only what a render selects is loaded, so a broken unrelated
plugin cannot break a render. Built-ins register through docgen's own
``pyproject.toml`` exactly as a third-party package would.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
from typing import Any, Generic, TypeVar

from . import diskcache
from .errors import DocgenError, Problem
from .messages import Phrase

T = TypeVar("T")

REPORT_TYPES_GROUP = "docgen.report_types"
CALCULATORS_GROUP = "docgen.calculators"
_CACHE = "entry-points"  # disk cache namespace: the entry points (and asked versions) of one set of distributions


def did_you_mean(name: str, candidates: list[str]) -> str:
    """``，是否想写 X？`` (in English at the edge) for the closest candidate, or an empty string."""
    import difflib  # only when a name is wrong: a render that finds its names need not import it

    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.4)
    return Phrase("did_you_mean", name=close[0]) if close else ""


class EntryPoint:
    """An installed entry point, as :mod:`importlib.metadata` lists it (read from the disk cache
    when the installed distributions have not changed, so a run need not import that module)."""

    __slots__ = ("name", "value", "group", "dist")  # a plain class: making a dataclass costs start-up time

    def __init__(self, name: str, value: str, group: str, dist: str):
        self.name = name
        self.value = value  # ``module:attr.attr`` (extras, in brackets, are ignored as importlib.metadata does)
        self.group = group
        self.dist = dist  # the name of the distribution that declares it

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r}, dist={self.dist!r})"

    def load(self) -> Any:
        """Import the module and return the object ``value`` names."""
        from importlib import import_module

        module, _, attrs = self.value.split("[")[0].partition(":")
        found: Any = import_module(module.strip())
        for attr in filter(None, attrs.strip().split(".")):
            found = getattr(found, attr)
        return found


def group_entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group``. Every group is read in one scan, once per ``sys.path``."""
    return list(_all_entry_points(tuple(sys.path)).get(group, ()))


def installed_version(name: str) -> str:
    """The version of the installed distribution ``name`` (``importlib.metadata.version``, remembered on
    disk for as long as the installed distributions do not change)."""
    key = _cache_key(tuple(sys.path), f"version:{name}")
    cached = diskcache.get(_CACHE, key) if key else None
    if cached is not None:
        return cached.decode("utf-8")
    from importlib.metadata import version

    found = version(name)
    if key:
        diskcache.put(_CACHE, key, found.encode("utf-8"))
    return found


def _cache_key(path: tuple[str, ...], what: str) -> str | None:
    """The disk cache key of ``what`` for the distributions on ``path`` now; None without a disk cache."""
    if diskcache.folder() is None:
        return None
    return hashlib.sha256(f"{_distributions_stamp(path)}{what}".encode()).hexdigest()


_scanned: dict[tuple[str, ...], dict[str, tuple[EntryPoint, ...]]] = {}


def _all_entry_points(path: tuple[str, ...]) -> dict[str, tuple[EntryPoint, ...]]:
    """Every group's entry points for one ``sys.path``: from the disk cache while the distributions on
    that path are unchanged (:func:`_distributions_stamp`), else scanned by :mod:`importlib.metadata`."""
    if path not in _scanned:
        key = _cache_key(path, "entry-points")
        cached = diskcache.get(_CACHE, key) if key else None
        try:
            rows = marshal.loads(cached) if cached is not None else None
        except (EOFError, ValueError, TypeError):
            rows = None  # an entry this code cannot read is scanned anew
        if rows is None:
            rows = _scan_installed()
            if key:
                diskcache.put(_CACHE, key, marshal.dumps(rows))
        groups: dict[str, list[EntryPoint]] = {}
        for row in rows:
            groups.setdefault(row[2], []).append(EntryPoint(*row))
        _scanned.clear()  # one sys.path at a time
        _scanned[path] = {group: tuple(eps) for group, eps in groups.items()}
    return _scanned[path]


def _scan_installed() -> tuple[tuple[str, str, str, str], ...]:
    """(name, value, group, distribution) of every entry point of the installed distributions."""
    from importlib.metadata import entry_points

    found = entry_points()  # every group (selecting one group would scan all distributions anyway)
    return tuple((ep.name, ep.value, group, _distribution(ep)) for group in found.groups
                 for ep in found.select(group=group))


def _distribution(ep: Any) -> str:
    dist = getattr(ep, "dist", None)
    return dist.name if dist is not None else ep.value.split(":")[0]


_stamps: dict[tuple[str, ...], str] = {}


def _distributions_stamp(path: tuple[str, ...]) -> str:
    """What decides the installed distributions, their entry points and versions: each entry of
    ``path`` with the metadata of the distributions in it (``*.dist-info``, whose names carry their
    versions, by the time and size of their ``entry_points.txt``; ``*.egg-info`` also by their own and
    their ``PKG-INFO``'s); a file on the path (a zip) by its time and size. Taken once per process
    and ``sys.path``."""
    if path not in _stamps:
        parts: list[Any] = [sys.version]
        for entry in path:
            folder = entry or "."
            try:
                names = os.listdir(folder)
            except OSError:
                parts.append((entry, _file_stamp(folder)))
                continue
            found = []
            for name in names:
                low = name.lower()
                if low.endswith(".dist-info"):
                    found.append((name, _file_stamp(os.path.join(folder, name, "entry_points.txt"))))
                elif low.endswith(".egg-info") or low == "egg-info":  # the last: inside an .egg
                    found.append((name, *(_file_stamp(os.path.join(folder, *part)) for part in
                                          ((name,), (name, "PKG-INFO"), (name, "entry_points.txt")))))
            parts.append((entry, sorted(found)))
        _stamps.clear()
        _stamps[path] = repr(parts)
    return _stamps[path]


def _file_stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


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
            if other is not None and other.dist != ep.dist:
                conflicts.setdefault(ep.name, Problem("DG303", {"name": ep.name, "group": self.group,
                                                                "first": other.dist, "second": ep.dist}))
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
