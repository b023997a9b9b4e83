"""Where layouts come from: the report type's own folder, then folders outside the package.

A template author's layouts live in a folder laid out like docgen's own
``templates/``: ``<folder>/<report type id>/<layout name>/template.docx`` (+
``layout.yaml``). docgen looks in, in order: folders given with
``--templates``, the folders in the ``DOCGEN_TEMPLATES`` environment variable
(separated like PATH), and folders that installed plugin packages register in
the ``docgen.layouts`` entry point group (the entry point names an object that
is the folder's path). A name found in two places is an error naming both
(DG308): a layout is never silently shadowed. A layout plugin that fails to
load only lacks its own layouts (:func:`broken_plugins` says why); every other
layout still works.

A :class:`~docgen.reporttype.Layout` object reads its settings once; this
module hands out a new one when ``layout.yaml`` or ``template.docx`` has
changed (modification time or size), so a long-lived process sees edits.
"""
from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .errors import DocgenError, Problem
from .plugins import group_entry_points

if TYPE_CHECKING:
    from .reporttype import Layout, ReportType

ENV_VAR = "DOCGEN_TEMPLATES"
LAYOUTS_GROUP = "docgen.layouts"


def template_roots(extra: Sequence[Path] = ()) -> list[tuple[str, Path]]:
    """``(where it came from, folder)`` for every folder of layouts outside the package."""
    roots = [("--templates", Path(p)) for p in extra]
    roots += [(ENV_VAR, Path(p)) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return roots + list(_plugin_roots(tuple(sys.path))[0])


def broken_plugins() -> list[Problem]:
    """A DG302 warning for each layout plugin that failed to load (its layouts are missing)."""
    return list(_plugin_roots(tuple(sys.path))[1])


@lru_cache(maxsize=4)
def _plugin_roots(path: tuple[str, ...]) -> tuple[tuple[tuple[str, Path], ...], tuple[Problem, ...]]:
    """Layout folders registered by plugins, and the plugins that failed to load; scanning
    installed packages costs milliseconds, so it happens once per ``sys.path``."""
    roots, broken = [], []
    for ep in group_entry_points(LAYOUTS_GROUP):
        try:
            roots.append((f"插件 {ep.name}", Path(ep.load())))
        except Exception as exc:  # a broken plugin must not break unrelated renders
            broken.append(Problem("DG302", {"name": ep.name, "group": LAYOUTS_GROUP,
                                            "reason": f"{type(exc).__name__}: {exc}"}, severity="warning"))
    return tuple(roots), tuple(broken)


def find(report_type: "ReportType", extra: Sequence[Path] = ()) -> dict[str, "Layout"]:
    """Every layout of ``report_type``, by name (built-in ones first)."""
    found: dict[str, Layout] = {}
    origins: dict[str, str] = {}
    for origin, root in [("docgen", report_type.layouts_dir.parent)] + template_roots(extra):
        folder = root / report_type.id if origin != "docgen" else report_type.layouts_dir
        for layout_dir in sorted(folder.iterdir()) if folder.is_dir() else []:
            if not (layout_dir / "template.docx").is_file():
                continue
            name = layout_dir.name
            if name in found and found[name].folder.resolve() != layout_dir.resolve():
                raise DocgenError.single("DG308", type=report_type.name, name=name,
                                         first=f"{found[name].folder}（{origins[name]}）",
                                         second=f"{layout_dir}（{origin}）")
            found.setdefault(name, _layout(name, report_type.name, layout_dir, file_stamp(layout_dir / "layout.yaml"),
                                           file_stamp(layout_dir / "template.docx")))
            origins.setdefault(name, origin)
    return found


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(modification time in ns, size) of a file, for caches to see it change; None if it is not there."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


@lru_cache(maxsize=256)
def _layout(name: str, report_type: str, folder: Path, *stamps: tuple[int, int] | None) -> "Layout":
    """One Layout object per folder and version of its files, so settings are read once per edit."""
    from .reporttype import Layout

    return Layout(name, report_type, folder)
