"""Batch rendering: many files and folders, a summary, workers, skipping unchanged inputs."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main

from conftest import LINSHUI_MAIN


@pytest.fixture
def county(tmp_path: Path) -> Path:
    """A folder of three departments (one in a subfolder) and one broken file."""
    root = tmp_path / "县"
    (root / "乡镇").mkdir(parents=True)
    for name in ("医保局.yaml", "财政局.yaml", "乡镇/卫生院.yaml"):
        (root / name).write_text(LINSHUI_MAIN, encoding="utf-8")
    (root / "坏文件.yaml").write_text("- 不是映射\n", encoding="utf-8")
    return root


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def outputs(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.docx"))}


def test_a_folder_renders_everything_and_reports_the_bad_file(county: Path, tmp_path: Path) -> None:
    result = invoke("render", str(county), "-o", str(tmp_path / "out"), "-j", "1")
    assert result.exit_code == 1
    assert sorted(outputs(tmp_path / "out")) == ["乡镇/卫生院.docx", "医保局.docx", "财政局.docx"]
    assert result.stderr.splitlines()[0] == "坏文件.yaml:1:1: 错误 DG105: 文件顶层应为映射（键: 值），实际为列表"
    assert result.stderr.splitlines()[-1] == "共 4 份：已生成 3 份，未变化 0 份，失败 1 份。"


def test_two_workers_write_the_same_bytes_as_one(county: Path, tmp_path: Path) -> None:
    invoke("render", str(county), "-o", str(tmp_path / "one"), "-j", "1")
    invoke("render", str(county), "-o", str(tmp_path / "two"), "-j", "2")
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")


def test_changed_only_skips_unchanged_inputs(county: Path, tmp_path: Path) -> None:
    (county / "坏文件.yaml").unlink()
    out = tmp_path / "out"
    first = invoke("render", str(county), "-o", str(out), "--changed-only", "-j", "1")
    assert first.output.splitlines()[-1] == "共 3 份：已生成 3 份，未变化 0 份，失败 0 份。"
    (county / "财政局.yaml").write_text(LINSHUI_MAIN.replace("邻水县医疗保障局", "邻水县财政局"),
                                      encoding="utf-8")
    second = invoke("render", str(county), "-o", str(out), "--changed-only", "-j", "1", "-v")
    assert second.output.splitlines() == [  # sorted by path: 乡 (U+4E61) < 医 (U+533B) < 财 (U+8D22)
        f"未变化 {out / '乡镇' / '卫生院.docx'}",
        f"未变化 {out / '医保局.docx'}",
        f"已生成 {out / '财政局.docx'}",
        "共 3 份：已生成 1 份，未变化 2 份，失败 0 份。",
    ]


def test_several_files_render_beside_themselves(county: Path) -> None:
    result = invoke("render", str(county / "医保局.yaml"), str(county / "财政局.yaml"), "-q")
    assert (result.exit_code, result.output) == (0, "")
    assert (county / "医保局.docx").exists() and (county / "财政局.docx").exists()


def test_changed_only_sees_a_changed_attachment(tmp_path: Path) -> None:
    from conftest import EXAMPLES

    shutil.copytree(EXAMPLES / "2022-linshui-附件", tmp_path / "2022-linshui-附件")
    shutil.copy(EXAMPLES / "2022-linshui.yaml", tmp_path / "2022-linshui.yaml")
    out = tmp_path / "out"
    invoke("render", str(tmp_path / "2022-linshui.yaml"), "-o", str(out), "--changed-only")
    again = invoke("render", str(tmp_path / "2022-linshui.yaml"), "-o", str(out), "--changed-only")
    assert again.output.splitlines()[-1] == "共 1 份：已生成 0 份，未变化 1 份，失败 0 份。"
    attachment = tmp_path / "2022-linshui-附件" / "项目-离休干部医疗补助.yaml"
    attachment.write_text(attachment.read_text(encoding="utf-8") + "\n# 改过\n", encoding="utf-8")
    third = invoke("render", str(tmp_path / "2022-linshui.yaml"), "-o", str(out), "--changed-only")
    assert third.output.splitlines()[-1] == "共 1 份：已生成 1 份，未变化 0 份，失败 0 份。"


def test_a_job_that_raises_a_bug_fails_alone_and_the_summary_is_printed(
        county: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docgen.batch

    real = docgen.batch.prepare

    def broken_for_one(source, *args):  # a bug in a plugin, say, met by one department only (workers inherit it)
        if source.name == "医保局.yaml":
            raise ZeroDivisionError("division by zero")
        return real(source, *args)

    monkeypatch.setattr(docgen.batch, "prepare", broken_for_one)
    result = invoke("render", str(county), "-o", str(tmp_path / "out"), "-j", "2")
    assert result.exit_code == 1
    assert sorted(outputs(tmp_path / "out")) == ["乡镇/卫生院.docx", "财政局.docx"]
    lines = result.stderr.splitlines()
    [internal] = [line for line in lines if "DG824" in line]
    assert internal.startswith("医保局.yaml: 错误 DG824: 生成时出现内部错误（ZeroDivisionError: division by zero (test_batch.py:")
    assert lines[-1] == "共 4 份：已生成 2 份，未变化 0 份，失败 2 份。"


def test_a_worker_that_dies_fails_its_job_and_a_new_worker_goes_on(
        county: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import signal

    import docgen.batch

    real, parent = docgen.batch.prepare, os.getpid()

    def dies_for_one(source, *args):  # a crash in native code, say: the worker process is gone
        if source.name == "医保局.yaml" and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(source, *args)

    monkeypatch.setattr(docgen.batch, "prepare", dies_for_one)
    (county / "坏文件.yaml").unlink()
    for number in range(4):  # enough jobs that the replacement worker has work to do
        (county / f"街道{number}.yaml").write_text(LINSHUI_MAIN, encoding="utf-8")
    result = invoke("render", str(county), "-o", str(tmp_path / "out"), "-j", "2")
    assert result.exit_code == 1
    assert len(outputs(tmp_path / "out")) == 6 and "医保局.docx" not in outputs(tmp_path / "out")
    assert "医保局.yaml: 错误 DG825: 生成这份报告的进程意外退出（SIGKILL）：其余文件照常生成" in result.stderr
    assert result.stderr.splitlines()[-1] == "共 7 份：已生成 6 份，未变化 0 份，失败 1 份。"
