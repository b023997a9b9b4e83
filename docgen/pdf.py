"""PDF beside each .docx, made by LibreOffice (``docgen render --pdf``).

A plain ``soffice --headless --convert-to pdf`` leaves a 目录 (TOC field) as
the placeholder text the .docx carries; LibreOffice fills it with the right
page numbers only when the document's indexes are updated through its UNO API
before export. unoserver (PyPI) does exactly that (``update_index``) and keeps
one LibreOffice running for a whole batch. Its server needs the ``uno``
module of Debian's python3-uno, i.e. the system ``python3``; docgen starts it
with that interpreter, pointing it at the unoserver package installed beside
docgen, and talks to it as a client over XML-RPC on the loopback interface.
Without python3-uno, docgen falls back to ``soffice --convert-to pdf`` and
says what the PDF lacks (DG813).

The templates name the faces of Chinese government documents (仿宋_GB2312,
黑体, 楷体_GB2312, 方正小标宋简体); LibreOffice is pointed (``FONTCONFIG_FILE``)
at ``docgen/data/fonts.conf``, which maps them to Noto Serif/Sans CJK SC, so
the PDF has Simplified Chinese glyphs and not the Japanese variant.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import xmlrpc.client
from pathlib import Path
from types import TracebackType
from typing import Iterable

from .errors import DocgenError, Location, Problem

FONTS_CONF = Path(__file__).parent / "data" / "fonts.conf"
#: The Python that has Debian's python3-uno (override with DOCGEN_UNO_PYTHON).
UNO_PYTHON = "/usr/bin/python3"
_START_TIMEOUT = 60.0
_CONVERT_TIMEOUT = 300


def soffice() -> str:
    """The LibreOffice executable; DG811 when LibreOffice is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise DocgenError.single("DG811")
    return found


def pdf_path(docx: Path) -> Path:
    """``report.docx`` -> ``report.pdf`` beside it."""
    return docx.with_suffix(".pdf")


def _environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF), **extra}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Converter:
    """Converts .docx files to PDF, with one LibreOffice kept running for all of them.

    Use as a context manager; :attr:`warnings` says when the TOC could not be
    updated (unoserver unavailable: plain ``soffice`` conversion instead).
    """

    def __init__(self) -> None:
        self._soffice = soffice()
        self._folder = tempfile.TemporaryDirectory(prefix="docgen-pdf-")
        self._server: subprocess.Popen[bytes] | None = None
        self._port = 0
        self.warnings: list[Problem] = []

    def __enter__(self) -> "Converter":
        reason = self._start_server()
        if reason:
            self.warnings.append(Problem("DG813", {"reason": reason}, severity="warning"))
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._stop_server()
        self._folder.cleanup()

    def convert(self, docx: Path) -> Path:
        """Write ``docx``'s PDF beside it (atomically); DG812 when LibreOffice fails."""
        target = pdf_path(docx)
        made = self._with_server(docx) if self._server else self._with_soffice(docx)
        try:
            os.replace(made, target)
        except OSError as exc:
            raise DocgenError.single("DG812", Location(str(docx)), path=str(target),
                                     reason=exc.strerror or str(exc)) from None
        return target

    def _with_server(self, docx: Path) -> Path:
        from unoserver.client import UnoClient

        made = pdf_path(docx).with_name(f".{docx.stem}.{os.getpid()}.tmp.pdf")
        try:
            UnoClient("127.0.0.1", str(self._port), host_location="local").convert(
                inpath=str(docx), outpath=str(made), convert_to="pdf", update_index=True)
        except (xmlrpc.client.Error, OSError) as exc:
            made.unlink(missing_ok=True)
            raise DocgenError.single("DG812", Location(str(docx)), path=str(pdf_path(docx)),
                                     reason=str(exc)) from None
        return made

    def _with_soffice(self, docx: Path) -> Path:
        folder = Path(tempfile.mkdtemp(dir=self._folder.name))
        profile = (folder / "profile").as_uri()
        command = [self._soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(folder), str(docx)]
        result = subprocess.run(command, env=_environment(), capture_output=True, timeout=_CONVERT_TIMEOUT)
        made = folder / pdf_path(docx).name
        if result.returncode != 0 or not made.exists():
            reason = (result.stderr or result.stdout).decode("utf-8", "replace").strip() or f"退出码 {result.returncode}"
            raise DocgenError.single("DG812", Location(str(docx)), path=str(pdf_path(docx)), reason=reason)
        return made

    def _start_server(self) -> str:
        """Start unoserver and wait until it answers; the reason it could not, or ''."""
        python = os.environ.get("DOCGEN_UNO_PYTHON", UNO_PYTHON)
        if not Path(python).exists():
            return f"找不到带 python3-uno 的 Python：{python}"
        package = self._unoserver_path()
        if package is None:
            return "docgen 的环境中没有安装 unoserver（pip install unoserver）"
        self._port = _free_port()
        log = open(Path(self._folder.name) / "unoserver.log", "wb")
        with log:
            self._server = subprocess.Popen(
                [python, "-m", "unoserver.server", "--interface", "127.0.0.1", "--port", str(self._port),
                 "--uno-port", str(_free_port()), "--executable", self._soffice,
                 "--conversion-timeout", str(_CONVERT_TIMEOUT)],
                env=_environment(PYTHONPATH=str(package)), stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        deadline = time.monotonic() + _START_TIMEOUT
        while time.monotonic() < deadline:
            if self._server.poll() is not None:
                self._server = None
                lines = (Path(self._folder.name) / "unoserver.log").read_text("utf-8", "replace").splitlines()
                return lines[-1] if lines else "unoserver 退出"
            try:
                xmlrpc.client.ServerProxy(f"http://127.0.0.1:{self._port}").info()
                return ""
            except OSError:
                time.sleep(0.1)
        self._stop_server()
        return f"{_START_TIMEOUT:.0f} 秒内没有响应"

    def _unoserver_path(self) -> Path | None:
        """A folder holding only the unoserver package and its metadata, for the system Python's path."""
        from importlib import metadata

        try:
            dist = metadata.distribution("unoserver")
        except metadata.PackageNotFoundError:
            return None
        site = Path(str(dist.locate_file("")))
        folder = Path(self._folder.name) / "path"
        folder.mkdir()
        for name in ("unoserver", f"unoserver-{dist.version}.dist-info"):
            if not (site / name).exists():
                return None
            (folder / name).symlink_to(site / name)
        return folder

    def _stop_server(self) -> None:
        if self._server is None:
            return
        self._server.terminate()  # unoserver stops its LibreOffice on SIGTERM
        try:
            self._server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._server.kill()
            self._server.wait()
        self._server = None


def write_pdfs(documents: Iterable[Path]) -> list[Problem]:
    """Write each document's PDF beside it; return the warnings.

    Raises :class:`DocgenError` with every failed conversion (the others are written).
    """
    errors: list[Problem] = []
    with Converter() as converter:
        for docx in documents:
            try:
                converter.convert(docx)
            except DocgenError as error:
                errors.extend(error.problems)
        warnings = converter.warnings
    if errors:
        raise DocgenError(errors)
    return warnings
