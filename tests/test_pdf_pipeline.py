"""The PDF pipeline survives: LibreOffice crashes and hangs are restarted and retried, a stopped run leaves
no process and no temporary file, one LibreOffice per worker, no TCP port to wait on.

Needs LibreOffice and python3-uno (skipped without them, failed in CI like tests/test_pdf.py). The
processes of each test are found by a marker in their environment, which LibreOffice inherits.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Callable, Iterator

import pytest

from docgen.pdf import Converter

from conftest import LINSHUI, LINSHUI_MAIN
from test_pdf import need_tools, pages

MARK = "DOCGEN_TEST_RUN"


def marked(marker: str, name: str | None = None) -> list[int]:
    """The pids of live processes whose environment carries ``marker`` (and whose command is ``name``)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes().split(b"\0")
            command = (entry / "comm").read_text().strip()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if f"{MARK}={marker}".encode() in environ and state != "Z" and (name is None or command == name):
            found.append(int(entry.name))
    return found


def wait_for(condition: Callable[[], object], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def need_uno() -> None:
    """LibreOffice and the tools test_pdf needs, and python3-uno (without it docgen falls back to soffice)."""
    need_tools()
    from docgen.pdf import UNO_PYTHON

    python = os.environ.get("DOCGEN_UNO_PYTHON", UNO_PYTHON)
    try:
        if subprocess.run([python, "-c", "import uno"], capture_output=True).returncode == 0:
            return
    except OSError:
        pass
    if os.environ.get("CI"):
        pytest.fail(f"CI must install python3-uno ({python} cannot import uno)")
    pytest.skip(f"not installed here: python3-uno ({python} cannot import uno)")


def our_sockets() -> set[str]:
    """LibreOffice's sockets for the UNO pipes of converters in this process (LibreOffice puts them in /tmp)."""
    return {p.name for p in Path("/tmp").glob(f"OSL_PIPE_*_docgen-{os.getpid()}-*")}


@pytest.fixture
def marker(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A marker in this process's environment; afterwards, none of its processes and sockets may be left."""
    need_uno()
    value = uuid.uuid4().hex
    monkeypatch.setenv(MARK, value)
    sockets = our_sockets()
    yield value
    wait_for(lambda: not marked(value), timeout=20)
    assert our_sockets() - sockets == set()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Linshui main report (no attachments) as a .docx."""
    from docgen.pipeline import RenderOptions, render_file

    folder = tmp_path_factory.mktemp("report")
    data = folder / "医保局.yaml"
    data.write_text(LINSHUI_MAIN, encoding="utf-8")
    return render_file(data, RenderOptions()).path


def test_libreoffice_is_restarted_after_a_crash_and_the_document_tried_again(marker: str, report: Path) -> None:
    with Converter() as converter:
        converter.convert(report)
        [office] = marked(marker, "soffice.bin")
        report.with_suffix(".pdf").unlink()
        os.kill(office, signal.SIGKILL)
        converter.convert(report)
        assert marked(marker, "soffice.bin") != [office]
    assert pages(report.with_suffix(".pdf"))[0] == "邻水县医疗保障局2022年度部门决算"
    assert converter.warnings == []


def test_a_hung_libreoffice_is_killed_after_the_timeout_and_replaced(marker: str, report: Path) -> None:
    with Converter(timeout=5) as converter:
        converter.convert(report)
        [office] = marked(marker, "soffice.bin")
        os.kill(office, signal.SIGSTOP)  # frozen: it neither answers nor exits
        report.with_suffix(".pdf").unlink()
        converter.convert(report)
        assert office not in marked(marker)
    assert report.with_suffix(".pdf").is_file()


def test_a_document_libreoffice_cannot_open_fails_alone(marker: str, report: Path, tmp_path: Path) -> None:
    from docgen.errors import DocgenError

    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\3\4 not really a zip")
    with Converter() as converter:
        with pytest.raises(DocgenError) as raised:
            converter.convert(broken)
        converter.convert(report)
    [problem] = raised.value.problems
    assert (problem.code, problem.params["path"]) == ("DG812", str(tmp_path / "坏.pdf"))
    assert not (tmp_path / "坏.pdf").exists() and report.with_suffix(".pdf").is_file()


def test_start_up_needs_no_tcp_port(marker: str, report: Path) -> None:
    """Ports 2002/2003 (where LibreOffice and unoserver listen by default) held by listeners that never answer."""
    squatters = []
    for port in (2002, 2003):
        listener = socket.socket()
        try:
            listener.bind(("127.0.0.1", port))
            listener.listen(1)
            squatters.append(listener)
        except OSError:  # taken already, which is just as good
            listener.close()
    try:
        with Converter(timeout=60) as converter:
            converter.convert(report)
    finally:
        for listener in squatters:
            listener.close()
    assert report.with_suffix(".pdf").is_file()


def start_docgen(marker: str, tmp: Path, *args: str) -> subprocess.Popen[bytes]:
    """``docgen`` in a process of its own, its temporary files under ``tmp``."""
    tmp.mkdir()
    environment = {**os.environ, MARK: marker, "TMPDIR": str(tmp)}
    return subprocess.Popen([sys.executable, "-m", "docgen", *args], env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.suffix not in (".docx", ".pdf", ".yaml"))


def test_sigterm_during_a_pdf_batch_stops_every_libreoffice_and_leaves_no_file(marker: str, tmp_path: Path) -> None:
    data, out = tmp_path / "数据", tmp_path / "out"
    data.mkdir()
    for number in range(8):
        (data / f"部门{number}.yaml").write_text(LINSHUI_MAIN, encoding="utf-8")
    process = start_docgen(marker, tmp_path / "tmp", "render", str(data), "-o", str(out), "--pdf", "-j", "2", "-q")
    wait_for(lambda: len(marked(marker, "soffice.bin")) == 2)  # one LibreOffice per worker
    wait_for(lambda: list(out.glob("*.pdf")))
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, stderr.decode()
    wait_for(lambda: not marked(marker), timeout=20)
    assert leftovers(out) == [] and leftovers(tmp_path / "tmp") == []


def test_ctrl_c_while_libreoffice_starts_leaves_nothing(marker: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    process = start_docgen(marker, tmp_path / "tmp", "render", str(LINSHUI), "-o", str(out / "邻水.docx"), "--pdf")
    wait_for(lambda: marked(marker, "soffice.bin"))
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0, stderr.decode()
    wait_for(lambda: not marked(marker), timeout=20)
    assert leftovers(out) == [] and leftovers(tmp_path / "tmp") == []
