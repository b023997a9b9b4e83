"""Where layouts come from: the report type's own folder, then folders outside the package.

A template author's layouts live in a folder laid out like docgen's own
``templates/``: ``<folder>/<report type id>/<layout name>/template.docx`` (+
``layout.yaml``). docgen looks in, in order: folders given with
``--templates``, the folders in the ``DOCGEN_TEMPLATES`` environment variable
(separated like PATH), and folders that installed plugin packages register in
the ``docgen.layouts`` entry point group (the entry point names an object that
is the folder's path). A name found in two places is an error naming both
(DG308): a layout is never silently shadowed.
"""
from __future__ import annotations

import os
import sys
from functools import lru_cache
from importlib.metadata import entry_points
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from .errors import DocgenError

if TYPE_CHECKING:
    from .reporttype import Layout, ReportType

ENV_VAR = "DOCGEN_TEMPLATES"
LAYOUTS_GROUP = "docgen.layouts"


def template_roots(extra: Sequence[Path] = ()) -> list[tuple[str, Path]]:
    """``(where it came from, folder)`` for every folder of layouts outside the package."""
    roots = [("--templates", Path(p)) for p in extra]
    roots += [(ENV_VAR, Path(p)) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return roots + list(_plugin_roots(tuple(sys.path)))


@lru_cache(maxsize=4)
def _plugin_roots(path: tuple[str, ...]) -> tuple[tuple[str, Path], ...]:
    """Layout folders registered by plugins; scanning installed packages costs milliseconds,
    so it happens once per ``sys.path``."""
    roots = []
    for ep in entry_points(group=LAYOUTS_GROUP):
        try:
            roots.append((f"插件 {ep.name}", Path(ep.load())))
        except Exception as exc:  # a broken plugin must not break unrelated renders
            raise DocgenError.single("DG302", name=ep.name, group=LAYOUTS_GROUP,
                                     reason=f"{type(exc).__name__}: {exc}") from exc
    return tuple(roots)


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
            found.setdefault(name, _layout(name, report_type.name, layout_dir))
            origins.setdefault(name, origin)
    return found


@lru_cache(maxsize=256)
def _layout(name: str, report_type: str, folder: Path) -> "Layout":
    """One Layout object per folder, so its settings are read once per process."""
    from .reporttype import Layout

    return Layout(name, report_type, folder)
