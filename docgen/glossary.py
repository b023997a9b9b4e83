"""The built-in catalogues behind 科目 names and the 名词解释.

``data/subjects.yaml`` maps 科目 codes (类 3, 款 5, 项 7 digits) to their
name and explanation; ``data/terms.yaml`` explains general terms (基本支出, …).
A data file may override or extend either (its ``科目`` and ``术语`` sections).

Parsing them is a good part of a render's reading, so once parsed they are kept
as JSON in docgen's disk cache, keyed by each file's (path, modification time,
size); an edited catalogue is parsed again.
"""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from . import diskcache
from .loader import load_file
from .resources import data_file

_CACHE = "catalogues"
_FORMAT = 1  # bump when what the loader makes of a catalogue changes


def _builtin(name: str) -> dict[str, Any]:
    path = data_file(name)
    st = path.stat()
    return _parsed(path, st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=8)
def _parsed(path: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    """The catalogue at ``path`` as of that stamp: from the disk cache, else parsed (and cached)."""
    key = hashlib.sha256(repr((_FORMAT, str(path.resolve()), mtime_ns, size)).encode()).hexdigest()
    cached = diskcache.get(_CACHE, key)
    if cached is not None:
        return json.loads(cached)
    data = load_file(path).data
    diskcache.put(_CACHE, key, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return data


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
