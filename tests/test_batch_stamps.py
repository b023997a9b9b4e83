"""`--changed-only`: the stamp covers everything that decides an output, and the journal survives kills
and concurrent runs."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.batch import STAMPS
from docgen.cli import main

from conftest import LINSHUI_MAIN, ROOT

LAYOUT = ROOT / "templates" / "final-accounts" / "四川-邻水"


def invoke(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def summary(result) -> str:
    return result.output.splitlines()[-1]


@pytest.fixture
def own_layout(tmp_path: Path) -> tuple[Path, Path]:
    """A data file using a layout of its own in a --templates folder: (data file, layout folder)."""
    folder = tmp_path / "版式" / "final-accounts" / "本县"
    shutil.copytree(LAYOUT, folder)
    data = tmp_path / "数据" / "医保局.yaml"
    data.parent.mkdir()
    data.write_text(LINSHUI_MAIN.replace("版式: 四川-邻水", "版式: 本县"), encoding="utf-8")
    assert "版式: 本县" in data.read_text(encoding="utf-8")
    return data, folder


def test_editing_an_external_layout_renders_again(own_layout: tuple[Path, Path], tmp_path: Path) -> None:
    data, layout = own_layout
    args = ("render", str(data.parent), "-o", str(tmp_path / "out"), "--changed-only",
            "--templates", str(tmp_path / "版式"), "-j", "1")
    assert summary(invoke(*args)) == "共 1 份：已生成 1 份，未变化 0 份，失败 0 份。"
    assert summary(invoke(*args)) == "共 1 份：已生成 0 份，未变化 1 份，失败 0 份。"
    settings = layout / "layout.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("金额格式: 整数省略小数", "金额格式: 两位小数"),
                        encoding="utf-8")
    assert summary(invoke(*args)) == "共 1 份：已生成 1 份，未变化 0 份，失败 0 份。"
    (layout / "template.docx").write_bytes((LAYOUT / "template.docx").read_bytes() + b"\0")
    assert summary(invoke(*args)) == "共 1 份：已生成 1 份，未变化 0 份，失败 0 份。"


def test_the_same_layout_name_from_another_folder_renders_again(own_layout: tuple[Path, Path],
                                                                tmp_path: Path) -> None:
    data, layout = own_layout
    elsewhere = tmp_path / "别处" / "final-accounts" / "本县"
    shutil.copytree(layout, elsewhere)
    (elsewhere / "layout.yaml").write_text("金额格式: 一位小数\n", encoding="utf-8")
    args = ("render", str(data.parent), "-o", str(tmp_path / "out"), "--changed-only", "-j", "1")
    invoke(*args, "--templates", str(tmp_path / "版式"))
    again = invoke(*args, env={"DOCGEN_TEMPLATES": str(tmp_path / "别处")})
    assert summary(again) == "共 1 份：已生成 1 份，未变化 0 份，失败 0 份。"


@pytest.mark.parametrize("option", [("--strict",), ("--layout", "四川-阿坝-2018")])
def test_an_option_that_changes_the_output_renders_again(tmp_path: Path, option: tuple[str, ...]) -> None:
    data = tmp_path / "数据" / "医保局.yaml"
    data.parent.mkdir()
    data.write_text(LINSHUI_MAIN, encoding="utf-8")
    args = ("render", str(data.parent), "-o", str(tmp_path / "out"), "--changed-only", "-j", "1")
    invoke(*args)
    assert summary(invoke(*args, *option)) == "共 1 份：已生成 1 份，未变化 0 份，失败 0 份。"
    assert summary(invoke(*args, *option)) == "共 1 份：已生成 0 份，未变化 1 份，失败 0 份。"


#: Runs `docgen render` with each render slowed down, so that a test can stop it half-way.
SLOW_DOCGEN = """
import sys, time
import docgen.batch
from docgen.cli import main
real = docgen.batch.prepare
def slow(*args):
    time.sleep(0.3)
    return real(*args)
docgen.batch.prepare = slow
main(sys.argv[1:])
"""


def make_departments(folder: Path, count: int, prefix: str = "部门") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"{prefix}{number:02d}.yaml").write_text(LINSHUI_MAIN, encoding="utf-8")


def journal_lines(folder: Path) -> int:
    try:
        return len((folder / STAMPS).read_bytes().splitlines())
    except FileNotFoundError:
        return 0


def start_slow(data: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", SLOW_DOCGEN, "render", str(data), "-o", str(out),
                             "--changed-only", "-q", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True)


def finish(process: subprocess.Popen[bytes]) -> str:
    """The process's stderr once it has ended (killed, with its workers, if it takes a minute)."""
    try:
        return process.communicate(timeout=60)[1].decode()
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError(f"still running a minute later: {process.communicate()[1].decode()}") from None


def wait_for(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_batch_keeps_the_stamps_of_finished_jobs(tmp_path: Path, sig: signal.Signals) -> None:
    data, out = tmp_path / "数据", tmp_path / "out"
    make_departments(data, 12)
    process = start_slow(data, out, "-j", "2")
    wait_for(lambda: journal_lines(out) >= 3)
    process.send_signal(sig)
    stderr = finish(process)
    assert process.returncode == (-9 if sig == signal.SIGKILL else 128 + 15), stderr
    finished = journal_lines(out)
    assert 3 <= finished < 12
    if sig == signal.SIGTERM:  # stopped by a signal it can handle: not a temporary file left
        assert sorted(p.name for p in out.iterdir() if p.suffix != ".docx") == [STAMPS]
    again = invoke("render", str(data), "-o", str(out), "--changed-only", "-j", "1")
    assert again.exit_code == 0, again.output
    assert summary(again) == f"共 12 份：已生成 {12 - finished} 份，未变化 {finished} 份，失败 0 份。"


def test_two_runs_into_one_folder_lose_no_stamp(tmp_path: Path) -> None:
    out = tmp_path / "out"
    make_departments(tmp_path / "甲", 8, "甲")
    make_departments(tmp_path / "乙", 8, "乙")
    runs = [start_slow(tmp_path / name, out, "-j", "2") for name in ("甲", "乙")]
    for run in runs:
        stderr = finish(run)
        assert run.returncode == 0, stderr
    assert journal_lines(out) == 16
    both = invoke("render", str(tmp_path / "甲"), str(tmp_path / "乙"), "-o", str(out), "--changed-only", "-j", "1")
    assert summary(both) == "共 16 份：已生成 0 份，未变化 16 份，失败 0 份。"


def test_a_line_cut_short_in_the_journal_spoils_nothing_else(tmp_path: Path) -> None:
    data, out = tmp_path / "数据", tmp_path / "out"
    make_departments(data, 2)
    invoke("render", str(data), "-o", str(out), "--changed-only", "-j", "1")
    with open(out / STAMPS, "ab") as journal:
        journal.write('["部门00.docx", "00'.encode())  # a kill in the middle of a write
    (data / "部门01.yaml").write_text(LINSHUI_MAIN.replace("邻水县医疗保障局", "邻水县财政局"), encoding="utf-8")
    again = invoke("render", str(data), "-o", str(out), "--changed-only", "-j", "1")
    assert summary(again) == "共 2 份：已生成 1 份，未变化 1 份，失败 0 份。"
    assert journal_lines(out) == 2  # compacted at the end of the run
    third = invoke("render", str(data), "-o", str(out), "--changed-only", "-j", "1")
    assert summary(third) == "共 2 份：已生成 0 份，未变化 2 份，失败 0 份。"
