"""Output names are checked before anything is written: -o of one file, outputs that are inputs, collisions."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from docgen.cli import main

from conftest import LINSHUI_MAIN


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def department(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(LINSHUI_MAIN, encoding="utf-8")
    return path


def test_one_file_with_an_output_that_is_not_docx_is_refused(tmp_path: Path) -> None:
    data = department(tmp_path / "医保局.yaml")
    result = invoke("render", str(data), "-o", str(tmp_path / "决算.doc"))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"决算.doc: 错误 DG821: 输出文件 {tmp_path / '决算.doc'} 应以 .docx 结尾：只给一个数据文件时，-o 是输出的 .docx 文件"
        "（不带扩展名时是输出文件夹）")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["医保局.yaml"]


def test_one_file_into_a_folder_and_an_upper_case_docx(tmp_path: Path) -> None:
    data = department(tmp_path / "医保局.yaml")
    assert invoke("render", str(data), "-o", str(tmp_path / "out"), "-q").exit_code == 0
    assert invoke("render", str(data), "-o", str(tmp_path / "决算.DOCX"), "-q").exit_code == 0
    assert (tmp_path / "out" / "医保局.docx").is_file() and (tmp_path / "决算.DOCX").is_file()


def test_a_data_file_named_docx_is_not_overwritten_by_its_report(tmp_path: Path) -> None:
    data = department(tmp_path / "医保局.docx")
    result = invoke("render", str(data))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"医保局.docx: 错误 DG822: 输出文件 {data} 就是输入文件，生成会覆盖它：请用 -o 另指定输出文件或文件夹")
    assert data.read_text(encoding="utf-8") == LINSHUI_MAIN


def test_a_pdf_that_would_overwrite_an_input_is_refused(tmp_path: Path) -> None:
    from docgen.jobs import plan
    from docgen.errors import DocgenError

    data = department(tmp_path / "医保局.pdf")
    try:
        plan([data], None, pdf=True)
    except DocgenError as error:
        assert [(p.code, p.params) for p in error.problems] == [("DG822", {"path": str(data)})]
    else:
        raise AssertionError("DG822 expected")
    assert [job.output for job in plan([data], None)] == [tmp_path / "医保局.docx"]


def test_two_inputs_with_one_output_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    department(tmp_path / "县" / "医保局.yaml")
    department(tmp_path / "县" / "医保局.yml")
    department(tmp_path / "县" / "财政局.yaml")
    result = invoke("render", str(tmp_path / "县"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    out = tmp_path / "out"
    assert result.stderr.splitlines() == [
        f"医保局.yml: 错误 DG823: {tmp_path / '县' / '医保局.yaml'} 与 {tmp_path / '县' / '医保局.yml'} 都会生成 "
        f"{out / '医保局.docx'}，其中一份会丢失：请给其中一个改名，或分开生成",
        "共 1 个错误，未生成文件。"]
    assert not out.exists()


def test_a_name_of_254_bytes_can_be_written(tmp_path: Path) -> None:
    stem = "部" * 83  # 249 bytes in UTF-8: the .docx is 254, the longest a file name may be but one
    data = department(tmp_path / f"{stem}.yaml")
    result = invoke("render", str(data), "-q")
    assert (result.exit_code, result.output) == (0, "")
    assert len(f"{stem}.docx".encode()) == 254 and (tmp_path / f"{stem}.docx").is_file()
