"""A small on-disk cache shared by docgen processes: bytes by key, bounded in size.

Entries live in ``$DOCGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/docgen``, else
``~/.cache/docgen`` (``DOCGEN_CACHE_DIR=off`` turns the cache off). An entry is
written to a temporary file and renamed into place, so concurrent processes
see a whole entry or none, and it carries a digest of its payload, so a
damaged entry is a miss. When a namespace grows beyond :data:`MAX_BYTES`, the
entries used least recently go, down to nine tenths of it. A process counts a
namespace at its first write there, then adds what it writes, and counts again
(seeing other processes' writes) only when that passes the bound: counting
costs a stat per entry, too much for every write of a batch. Entries can hold
compiled code, so a folder that belongs to someone else or that others may
write to is not used.
"""
from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from pathlib import Path

ENV_VAR = "DOCGEN_CACHE_DIR"
#: Size a namespace may reach before its least recently used entries are removed.
MAX_BYTES = 64 * 2**20
_DIGEST = 32  # sha256
#: The size of each namespace folder as this process last counted it, plus what it wrote there since.
_counted: dict[Path, int] = {}


def folder() -> Path | None:
    """The cache folder, or None when caching is off."""
    chosen = os.environ.get(ENV_VAR)
    if chosen is not None:
        return None if chosen in ("", "off", "0") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "docgen"


def _usable(path: Path) -> bool:
    """Whether ``path`` is a folder of ours that nobody else can write to (one stat: asked on every lookup)."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    return not hasattr(os, "getuid") or (st.st_uid == os.getuid() and not st.st_mode & 0o022)


def _namespace(namespace: str, create: bool) -> Path | None:
    root = folder()
    if root is None:
        return None
    target = root / namespace
    if create and not target.exists():
        try:
            target.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return None
    return target if _usable(root) and _usable(target) else None


def get(namespace: str, key: str) -> bytes | None:
    """The payload stored under ``key``, or None."""
    where = _namespace(namespace, create=False)
    if where is None:
        return None
    path = where / f"{key}.bin"
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError:
        return None
    payload = data[_DIGEST:]
    if hashlib.sha256(payload).digest() != data[:_DIGEST]:
        return None
    try:
        os.utime(path)  # recently used: removed last
    except OSError:
        pass
    return payload


def put(namespace: str, key: str, payload: bytes) -> None:
    """Store ``payload`` under ``key``; a cache that cannot be written is simply no cache."""
    where = _namespace(namespace, create=True)
    if where is None:
        return
    tmp = None
    try:
        with tempfile.NamedTemporaryFile(dir=where, prefix=".", suffix=".tmp", delete=False) as file:
            tmp = file.name
            file.write(hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, where / f"{key}.bin")
        tmp = None
        total = _counted.get(where)
        written = _DIGEST + len(payload)
        _counted[where] = total + written if total is not None and total + written <= MAX_BYTES else _trim(where)
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _trim(where: Path) -> int:
    """Remove the least recently used entries of a namespace that has grown beyond :data:`MAX_BYTES`
    until it holds nine tenths of it; the size it holds."""
    entries = []
    with os.scandir(where) as listing:
        for entry in listing:
            if entry.name.endswith(".bin") and not entry.name.startswith("."):
                try:
                    st = entry.stat()
                except OSError:
                    continue
                entries.append((st.st_mtime_ns, st.st_size, entry.path))
    total = sum(size for _, size, _ in entries)
    if total <= MAX_BYTES:
        return total
    for _, size, path in sorted(entries):
        if total <= MAX_BYTES * 9 // 10:
            break
        try:
            os.unlink(path)
            total -= size
        except OSError:
            pass
    return total
