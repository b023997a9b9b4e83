"""PDF beside each .docx, made by LibreOffice (``docgen render --pdf``).

A plain ``soffice --headless --convert-to pdf`` leaves a 目录 (TOC field) as
the placeholder text the .docx carries; LibreOffice fills it with the right
page numbers only when the document's indexes are updated through its UNO API
before export. That API needs the ``uno`` module of Debian's python3-uno, i.e.
the system ``python3``, so a :class:`Converter` runs :mod:`docgen.unoworker`
with that interpreter: a small process that starts one LibreOffice and
converts the documents it is sent over a pipe. Without python3-uno, docgen
falls back to ``soffice --convert-to pdf`` and says what the PDF lacks (DG813).

Nothing waits without a deadline. LibreOffice is used as soon as it answers
(no fixed sleep, no TCP port: the UNO connection is a named pipe); a
conversion that takes longer than its timeout, or a LibreOffice that crashes,
is killed and restarted and the document tried once more (DG814, DG815 if it
fails again). LibreOffice and its helper run in process groups of their own
and are killed as a whole when done (quicker than asking LibreOffice to quit);
what LibreOffice would leave (profile, temporary files, its sockets in /tmp)
is removed after it. The PDF is made in a private temporary folder and written
beside the .docx atomically, so an interrupted run leaves neither processes
nor partial files (the CLI turns SIGTERM into an exception for this). Each
batch worker has its own Converter, so ``--pdf -j N`` converts N documents
at a time. The profile LibreOffice sets up on its first start is kept in
docgen's disk cache (:mod:`docgen.diskcache`, about 20 KB) and reused.

The templates name the faces of Chinese government documents (仿宋_GB2312,
黑体, 楷体_GB2312, 方正小标宋简体); LibreOffice is pointed (``FONTCONFIG_FILE``)
at ``docgen/data/fonts.conf``, which maps them to Noto Serif/Sans CJK SC, so
the PDF has Simplified Chinese glyphs and not the Japanese variant.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import select
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Iterable

from .errors import DocgenError, Location, Problem

FONTS_CONF = Path(__file__).parent / "data" / "fonts.conf"
WORKER = Path(__file__).with_name("unoworker.py")
#: The Python that has Debian's python3-uno (override with DOCGEN_UNO_PYTHON).
UNO_PYTHON = "/usr/bin/python3"
#: Seconds one document may take to convert (``docgen render --pdf-timeout``).
DEFAULT_TIMEOUT = 120.0
_START_TIMEOUT = 60.0  # seconds LibreOffice may take to start answering
_STOP_TIMEOUT = 15.0  # seconds the helper may take to stop LibreOffice before both are killed
_PROFILE_CACHE = "libreoffice-profile"  # docgen.diskcache namespace


def soffice() -> str:
    """The LibreOffice executable; DG811 when LibreOffice is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise DocgenError.single("DG811")
    return found


def pdf_path(docx: Path) -> Path:
    """``report.docx`` -> ``report.pdf`` beside it."""
    return docx.with_suffix(".pdf")


def _environment() -> dict[str, str]:
    return {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}


def _profile_key(soffice: str) -> str:
    """Which LibreOffice a cached profile belongs to: its program folder and the identity of its binary."""
    program = Path(soffice).resolve().parent
    try:
        binary = (program / "soffice.bin").stat()
        identity = f"{program} {binary.st_size} {binary.st_mtime_ns}"
    except OSError:
        identity = str(program)
    return hashlib.sha256(identity.encode()).hexdigest()


def _remove_office_sockets(profile: Path, pipe: str | None = None) -> None:
    """Remove the local sockets a LibreOffice made for its single-instance check and its UNO
    ``pipe``, which it leaves behind when killed (and sometimes when not). They are in /tmp (else
    /var/tmp) whatever TMPDIR says; the first is named by LibreOffice's MD5 of the profile URL in
    UTF-16, its bytes in hex without padding."""
    digest = hashlib.md5(profile.as_uri().encode("utf-16-le"), usedforsecurity=False).digest()
    names = ["SingleOfficeIPC_" + "".join(f"{byte:x}" for byte in digest)] + ([pipe] if pipe else [])
    for folder in ("/tmp", "/var/tmp"):
        for name in names:
            path = Path(folder) / f"OSL_PIPE_{os.getuid()}_{name}"
            with contextlib.suppress(OSError):
                if stat.S_ISSOCK(path.lstat().st_mode):
                    path.unlink()


def _kill_group(pid: int | None) -> None:
    """SIGKILL a process group started with ``start_new_session`` (its leader's pid)."""
    if pid is None:
        return
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


class _Timeout(Exception):
    """The helper did not answer in time."""


class _Gone(Exception):
    """The helper exited; the message is the last line it logged."""


class _Office:
    """One running :mod:`docgen.unoworker` and the LibreOffice it started; every wait has a deadline."""

    def __init__(self, soffice: str, folder: Path):
        from . import diskcache

        self._log = folder / "unoworker.log"
        python = os.environ.get("DOCGEN_UNO_PYTHON", UNO_PYTHON)
        pipe = f"docgen-{os.getpid()}-{secrets.token_hex(6)}"
        # A profile LibreOffice has set up once (a small tar in docgen's cache) saves it the first-start work.
        self._profile_key = _profile_key(soffice)
        cached = diskcache.get(_PROFILE_CACHE, self._profile_key)
        seed = folder / f"{pipe}-seed.tar"
        if cached is not None:
            seed.write_bytes(cached)
        self._save = folder / f"{pipe}.tar" if cached is None and diskcache.folder() is not None else None
        with open(self._log, "ab") as log:
            self.process = subprocess.Popen(
                [python, str(WORKER), soffice, pipe, str(seed) if cached is not None else "", str(self._save or "")],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=_environment(),
                start_new_session=True)
        self._buffer = b""
        self._pipe = pipe
        self._office: int | None = None  # LibreOffice's pid (and process group)
        self._folder: str | None = None  # the helper's: LibreOffice's profile and temporary files
        self._profile: str | None = None
        self.ready = False

    def wait_ready(self, timeout: float) -> None:
        """Until LibreOffice answers; :class:`_Timeout` or :class:`_Gone` if it does not."""
        deadline = time.monotonic() + timeout
        while not self.ready:
            self._note(self._message(deadline))

    def _note(self, message: dict[str, Any]) -> None:
        """Remember what the helper says about itself: LibreOffice's pid, the profile, readiness."""
        self._office = message.get("office", self._office)
        self._folder = message.get("folder", self._folder)
        self._profile = message.get("profile", self._profile)
        self.ready = self.ready or bool(message.get("ready"))

    def request(self, message: dict[str, str], timeout: float) -> dict[str, Any]:
        """Send one request and wait for its reply."""
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(message).encode() + b"\n")
            self.process.stdin.flush()
        except OSError:
            raise _Gone(self._last_log_line()) from None
        return self._message(time.monotonic() + timeout)

    def _message(self, deadline: float) -> dict[str, Any]:
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if select.select([fd], [], [], max(remaining, 0))[0]:
                chunk = os.read(fd, 65536)
                if not chunk:
                    raise _Gone(self._last_log_line())
                self._buffer += chunk
            elif remaining <= 0:
                raise _Timeout
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def _last_log_line(self) -> str:
        try:
            lines = self._log.read_text("utf-8", "replace").strip().splitlines()
        except OSError:
            lines = []
        return lines[-1] if lines else f"exit code {self.process.poll()}"

    def stop(self) -> None:
        """Stop the helper and LibreOffice. Killing them is quickest and leaves nothing behind (see
        :meth:`kill`); only a profile to be cached needs LibreOffice to quit by itself."""
        if self._save is not None and self.ready:
            assert self.process.stdin is not None
            try:
                self.process.stdin.close()  # end of its input: the helper quits LibreOffice, saves the profile
                self.process.wait(_STOP_TIMEOUT)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self.kill()
        if self._save is not None and self._save.exists():  # written only when LibreOffice quit cleanly
            from . import diskcache

            diskcache.put(_PROFILE_CACHE, self._profile_key, self._save.read_bytes())

    def kill(self) -> None:
        """Kill the helper and LibreOffice (both whole process groups) and remove what LibreOffice
        leaves: the helper's folder (profile, temporary files) and LibreOffice's sockets in /tmp."""
        if self.process.returncode != 0:  # 0: the helper stopped LibreOffice itself
            with contextlib.suppress(_Timeout, _Gone, ValueError):
                while self._office is None:  # killed before it was asked anything: LibreOffice's pid may be unread
                    self._note(self._message(time.monotonic()))
            _kill_group(self._office)
            _kill_group(self.process.pid)
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)
        if self._profile:
            _remove_office_sockets(Path(self._profile), self._pipe)


class Converter:
    """Converts .docx files to PDF with one LibreOffice, started on :meth:`start` (or first use).

    Use as a context manager. :attr:`warnings` says when the table of contents
    could not be updated (no python3-uno: plain ``soffice`` conversion instead).
    ``timeout`` bounds each document's conversion, in seconds (default :data:`DEFAULT_TIMEOUT`).
    """

    def __init__(self, timeout: float | None = None) -> None:
        self._soffice = soffice()
        self.timeout = timeout or DEFAULT_TIMEOUT
        self._folder = Path(tempfile.mkdtemp(prefix="docgen-pdf-"))
        self._office: _Office | None = None
        self._fallback = ""  # why UNO cannot be used; then each document goes through soffice
        self._made = 0
        self.warnings: list[Problem] = []

    def __enter__(self) -> "Converter":
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def start(self) -> None:
        """Start LibreOffice without waiting for it, so it comes up while the documents render."""
        if self._office is None and not self._fallback:
            python = os.environ.get("DOCGEN_UNO_PYTHON", UNO_PYTHON)
            if not Path(python).exists():
                self._use_soffice(f"{python}: no such file")
            else:
                self._office = _Office(self._soffice, self._folder)

    def close(self) -> None:
        """Stop LibreOffice and remove every temporary file."""
        office, self._office = self._office, None
        try:
            if office is not None:
                office.stop()
        finally:
            shutil.rmtree(self._folder, ignore_errors=True)

    def convert(self, docx: Path) -> Path:
        """Write ``docx``'s PDF beside it (atomically); DG812, DG814 or DG815 when it cannot.

        After a hang or a crash LibreOffice is restarted and the document tried once more.
        """
        from .output import write_atomic

        self._made += 1
        made = self._folder / f"{self._made}.pdf"
        try:
            for attempt in (1, 2):
                if not self._uno_available():
                    made = self._with_soffice(docx)
                    break
                failure = self._with_uno(docx, made)
                if failure is None:
                    break
                assert self._office is not None
                self._office.kill()  # the next attempt starts a new one
                self._office = None
                if attempt == 2:
                    raise failure
            write_atomic(pdf_path(docx), made.read_bytes())
        finally:
            made.unlink(missing_ok=True)
        return pdf_path(docx)

    def _uno_available(self) -> bool:
        """Whether LibreOffice answers through the helper (started now if need be)."""
        self.start()
        if self._office is not None and not self._office.ready:
            try:
                self._office.wait_ready(_START_TIMEOUT)
            except _Timeout:
                self._use_soffice(f"no answer in {_START_TIMEOUT:.0f} s")
            except _Gone as gone:
                self._use_soffice(str(gone))
        return not self._fallback

    def _use_soffice(self, reason: str) -> None:
        if self._office is not None:
            self._office.kill()
            self._office = None
        self._fallback = reason
        self.warnings.append(Problem("DG813", {"reason": reason}, severity="warning"))

    def _with_uno(self, docx: Path, made: Path) -> DocgenError | None:
        """Convert through the helper: None when done, the failure when LibreOffice hung or crashed
        (DG814, DG815); DG812 raised when LibreOffice is fine but cannot convert the document."""
        assert self._office is not None
        where, target = Location(str(docx)), str(pdf_path(docx))
        try:
            reply = self._office.request({"docx": str(docx.resolve()), "pdf": str(made)}, self.timeout)
        except _Timeout:
            return DocgenError.single("DG814", where, path=target, seconds=f"{self.timeout:g}")
        except _Gone as gone:
            return DocgenError.single("DG815", where, path=target, reason=str(gone))
        if "ok" in reply:
            return None
        if not reply.get("alive"):
            return DocgenError.single("DG815", where, path=target, reason=reply.get("error", ""))
        raise DocgenError.single("DG812", where, path=target, reason=reply.get("error", ""))

    def _with_soffice(self, docx: Path) -> Path:
        """``soffice --convert-to pdf`` (no TOC update); the PDF made, in the private folder."""
        out, profile = self._folder / "soffice", self._folder / "profile"
        command = [self._soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(out), str(docx)]
        process = subprocess.Popen(command, env={**_environment(), "TMPDIR": str(self._folder)},
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, start_new_session=True)
        try:
            output, _ = process.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            raise DocgenError.single("DG814", Location(str(docx)), path=str(pdf_path(docx)),
                                     seconds=f"{self.timeout:g}") from None
        finally:
            _kill_group(process.pid)
            process.wait()
            _remove_office_sockets(profile)
        made = out / pdf_path(docx).name
        if process.returncode != 0 or not made.exists():
            reason = output.decode("utf-8", "replace").strip() or f"exit code {process.returncode}"
            raise DocgenError.single("DG812", Location(str(docx)), path=str(pdf_path(docx)), reason=reason)
        return made


def write_pdfs(documents: Iterable[Path], converter: Converter | None = None) -> list[Problem]:
    """Write each document's PDF beside it; return the warnings.

    Uses ``converter`` if given (e.g. one started while the documents rendered;
    its owner closes it), else one of its own. Raises :class:`DocgenError` with
    every failed conversion (the others are written).
    """
    errors: list[Problem] = []
    with Converter() if converter is None else contextlib.nullcontext(converter) as used:
        for docx in documents:
            try:
                used.convert(docx)
            except DocgenError as error:
                errors.extend(error.problems)
        warnings = used.warnings
    if errors:
        raise DocgenError(errors)
    return warnings
