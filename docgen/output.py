"""Byte-identical .docx packages, written atomically.

python-docx stamps every zip entry with the current time, so the same input
would give a different file each second; :func:`normalise_zip` rewrites the
archive through :mod:`docgen.docxzip`, with a fixed timestamp and the original
entry order.
:func:`write_atomic` writes to a temporary file in the target folder and
renames it into place: a failure never leaves a partial file nor replaces a
good one; the temporary name is short, so any name the file system accepts
can be written. :func:`cleanup_on_signals` turns SIGTERM into an exception
like Ctrl-C's, so that cleanup runs whichever way a run is stopped.
"""
from __future__ import annotations

import contextlib
import io
import os
import signal
import tempfile
import threading
import zipfile
from pathlib import Path
from types import FrameType
from typing import Iterator, NoReturn

from . import docxzip
from .errors import DocgenError, Location
from .messages import Phrase


def normalise_zip(data: bytes) -> bytes:
    """The same archive, members in the same order, with fixed timestamps and permissions."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return docxzip.write(docxzip.Member.compress(name, source.read(name)) for name in source.namelist())


def document_bytes(document: object) -> bytes:
    """A python-docx ``Document`` as deterministic .docx bytes."""
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return normalise_zip(buffer.getvalue())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once, or not at all."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise DocgenError.single("DG501", Location(str(path)), path=str(path), reason=Phrase("folder_missing"))
    tmp_name = None
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".dg-", suffix=".tmp", delete=False) as tmp:
            tmp_name = tmp.name
            tmp.write(data)
        os.chmod(tmp_name, 0o666 & ~_umask())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        raise DocgenError.single("DG501", Location(str(path)), path=str(path),
                                 reason=exc.strerror or str(exc)) from None
    finally:
        if tmp_name is not None and os.path.exists(tmp_name):
            os.unlink(tmp_name)


def stop_on_signal(signum: int, frame: FrameType | None) -> NoReturn:
    """A signal handler: end the run by an exception, so every ``finally`` runs (temporary files
    removed, LibreOffice stopped); further signals are ignored so that cleanup is not cut short."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def cleanup_on_signals() -> Iterator[None]:
    """While active, SIGINT (Ctrl-C) and SIGTERM stop the run through :func:`stop_on_signal`;
    the previous handlers come back afterwards. Signals reach only the main thread: elsewhere a no-op."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, stop_on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
