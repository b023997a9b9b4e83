"""LibreOffice behind a pipe: the process :mod:`docgen.pdf` talks to. Runs under the system Python.

Debian's ``uno`` module exists only for ``/usr/bin/python3`` (python3-uno), so
this file is run by that interpreter as a script and imports nothing from
docgen. It starts one LibreOffice in a folder of its own (profile, temporary
files), listening on a UNO *pipe* (a named local socket, so no TCP port can be
taken or squatted), connects as soon as LibreOffice answers (polling, no fixed
sleep), then serves requests: one JSON object per line on stdin, one reply per
line on stdout.

    {"docx": "/abs/in.docx", "pdf": "/abs/out.pdf"}  ->  {"ok": true} | {"error": "...", "alive": false}

Conversion opens the document hidden and read-only, updates its indexes twice
(the table of contents first grows, then its page numbers settle), and exports
with ``writer_pdf_Export``. The first line it writes is
``{"office": pid, "folder": dir, "profile": dir}``, so that docgen can kill
LibreOffice and clean up after it even if this process is killed; end of input
(docgen closed the pipe, or died) stops LibreOffice and removes the folder.

    python3 unoworker.py SOFFICE PIPE [SEED.tar] [SAVE.tar]

starts from the profile in SEED (if not empty) and, when LibreOffice quits by
itself, saves the profile as SAVE (if not empty) for docgen to cache.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from pathlib import Path

# python3-uno's modules (uno, com.sun.star.*) are imported where used: LibreOffice is started first,
# and loading them overlaps its start-up.
_START_POLL = 0.02  # seconds between connection attempts while LibreOffice starts
_STOP_WAIT = 10.0  # seconds LibreOffice gets to quit before it is killed


def _reply(**message: object) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _props(**values: object) -> tuple:
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())


def _connect(pipe: str, office: subprocess.Popen) -> object:
    """The remote Desktop, as soon as LibreOffice accepts on ``pipe``."""
    import uno  # type: ignore[import-not-found]
    from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            remote = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return remote.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
        except NoConnectException:
            if office.poll() is not None:
                raise RuntimeError(f"LibreOffice exited with code {office.returncode}") from None
            time.sleep(_START_POLL)


def _convert(desktop: object, docx: str, pdf: str) -> None:
    import uno  # type: ignore[import-not-found]

    document = desktop.loadComponentFromURL(  # type: ignore[attr-defined]
        uno.systemPathToFileUrl(docx), "_blank", 0, _props(Hidden=True, ReadOnly=True))
    if document is None:
        raise RuntimeError(f"LibreOffice could not open {docx}")
    try:
        for _ in range(2):
            document.refresh()
            indexes = document.getDocumentIndexes()
            for i in range(indexes.getCount()):
                indexes.getByIndex(i).update()
        document.storeToURL(uno.systemPathToFileUrl(pdf), _props(FilterName="writer_pdf_Export"))
    finally:
        document.close(True)


def _answers(desktop: object) -> bool:
    """Whether LibreOffice still answers (after a crash the bridge to it is disposed)."""
    try:
        desktop.getFrames().getCount()  # type: ignore[attr-defined]
        return True
    except Exception:
        return False


def _stop(office: subprocess.Popen, desktop: object | None) -> bool:
    """Quit LibreOffice politely, then kill what is left of its process group (soffice.bin may
    outlive oosplash); whether it had quit by itself."""
    if office.poll() is None and desktop is not None:
        # terminate() is a UNO call with no timeout: a frozen LibreOffice must not freeze us too
        quitting = threading.Thread(target=_quietly, args=(desktop.terminate,), daemon=True)  # type: ignore[attr-defined]
        quitting.start()
        quitting.join(_STOP_WAIT)
    deadline = time.monotonic() + (_STOP_WAIT if desktop is not None else 0.0)
    while time.monotonic() < deadline and (office.poll() is None or _group_alive(office.pid)):
        time.sleep(_START_POLL)  # let LibreOffice finish quitting: killed half-way it leaves its sockets in /tmp
    clean = office.poll() == 0 and not _group_alive(office.pid)
    try:
        os.killpg(office.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    office.wait()
    return clean


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
        return True
    except ProcessLookupError:
        return False


def _quietly(call: object) -> None:
    try:
        call()  # type: ignore[operator]
    except Exception:  # already gone: the kill that follows is all that is needed
        pass


def main(soffice: str, pipe: str, seed: str, save: str) -> None:
    """Serve conversions; the profile starts as the tar ``seed`` (if given) and is saved as the tar
    ``save`` (if given) when LibreOffice quits cleanly."""
    folder = Path(tempfile.mkdtemp(prefix="docgen-lo-"))
    profile, scratch = folder / "profile", folder / "tmp"  # LibreOffice's temporary files go in ours
    scratch.mkdir()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if seed:
        with tarfile.open(seed) as archive:  # docgen's own cache entry, checked against its digest
            archive.extractall(profile)
    office = subprocess.Popen(
        [soffice, "--headless", "--invisible", "--nocrashreport", "--nodefault", "--nologo",
         "--nofirststartwizard", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        env={**os.environ, "TMPDIR": str(scratch)}, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True)
    desktop = None
    try:
        _reply(office=office.pid, folder=str(folder), profile=str(profile))
        desktop = _connect(pipe, office)
        _reply(ready=True)
        for line in sys.stdin:
            request = json.loads(line)
            try:
                _convert(desktop, request["docx"], request["pdf"])
                _reply(ok=True)
            except Exception as exc:  # any UNO failure is this document's; say whether LibreOffice survived
                _reply(error=f"{type(exc).__name__}: {exc}", alive=_answers(desktop))
    finally:
        if _stop(office, desktop) and save:
            with tarfile.open(save, "w:gz") as archive:
                archive.add(profile, arcname=".")
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
