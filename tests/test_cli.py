"""The docgen command: render, validate, types, --dump-context, determinism."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner

from docgen.cli import main
from docgen.testing import context_text, document_text

from conftest import LINSHUI, LINSHUI_MAIN


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_render_writes_the_docx_beside_the_data(linshui_copy: Path) -> None:
    result = invoke("render", str(linshui_copy))
    target = linshui_copy.with_suffix(".docx")
    assert result.exit_code == 0, result.output
    assert result.output == f"已生成 {target}\n"
    text = document_text(target)
    assert text.startswith("邻水县医疗保障局\n2022年度部门决算\n目  录\n（目录在 Word 打开文档或 docgen 生成 PDF 时更新）\n"
                           "\n第一部分 部门概况\n一、基本职能及主要工作\n")
    assert "2022年本年收入合计6796.16万元，其中：一般公共预算财政拨款收入5996.78万元，占88.24%；" in text


def test_output_option_chooses_the_file(linshui_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "决算.docx"
    target.parent.mkdir()
    assert invoke("render", str(linshui_copy), "--output", str(target)).exit_code == 0
    assert target.exists() and not linshui_copy.with_suffix(".docx").exists()


def test_rendering_twice_gives_byte_identical_files(linshui_copy: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    invoke("render", str(linshui_copy), "-o", str(first))
    invoke("render", str(linshui_copy), "-o", str(second))
    assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256(second.read_bytes()).digest()


def test_rendering_in_separate_processes_is_byte_identical(tmp_path: Path) -> None:
    digests = set()
    for name in ("a.docx", "b.docx"):
        subprocess.run([sys.executable, "-m", "docgen", "render", str(LINSHUI), "-o", str(tmp_path / name)],
                       check=True, capture_output=True)
        digests.add(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert len(digests) == 1


def test_dump_context_prints_derived_fields_and_writes_nothing(linshui_copy: Path) -> None:
    result = invoke("render", str(linshui_copy), "--dump-context")
    assert result.exit_code == 0
    context = yaml.safe_load(result.output)
    assert context["收支总计"]["变动"] == {"有上年": True, "差额": 351.21, "变动率": 4.91, "增减": "减少", "升降": "下降"}
    assert [c["占比"] for c in context["一般公共预算财政拨款支出"]["按类"]] == [5.42, 94.1, 0.48]
    assert not linshui_copy.with_suffix(".docx").exists()


def test_dump_context_is_the_render_context_with_the_attachments_fields() -> None:
    result = invoke("render", str(LINSHUI), "--dump-context")
    assert result.exit_code == 0, result.output
    assert result.output == context_text(LINSHUI)  # one owner: the golden contexts are what the CLI prints
    attached = yaml.safe_load(result.output)["附件报告"]
    assert [(a["报告类型"], a["附件序号"]) for a in attached] == [("部门整体支出绩效评价", 1)] + [
        ("项目支出绩效自评", n) for n in range(2, 6)]
    assert attached[0]["本年收入合计"] == 10805.3


def test_a_missing_attachment_hides_none_of_the_main_reports_own_errors(tmp_path: Path) -> None:
    data = tmp_path / "main.yaml"
    data.write_text(LINSHUI_MAIN.replace("年度: 2022\n", "年度: 二〇二二\n") + "附件:\n  - 不存在.yaml\n",
                    encoding="utf-8")
    result = invoke("render", str(data))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if " 错误 " in line]
    end = LINSHUI_MAIN.count("\n") + 2
    assert errors == ['main.yaml:8:5: 错误 DG201: 年度（决算年度）: 应为整数，实际为 "二〇二二"',
                      f"main.yaml:{end}:5: 错误 DG116: 附件[1]: 找不到附件 不存在.yaml（路径相对于本文件所在的文件夹）"]


def test_validate_accepts_the_example_and_writes_nothing(linshui_copy: Path) -> None:
    result = invoke("validate", str(linshui_copy))
    assert (result.exit_code, result.output) == (0, "数据正确。\n")
    assert not linshui_copy.with_suffix(".docx").exists()


def test_validate_reports_every_file_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("- x\n", encoding="utf-8")
    result = invoke("validate", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "a.yaml: 错误 DG104: 文件为空，应为报告数据（键: 值）",
        "b.yaml:1:1: 错误 DG105: 文件顶层应为映射（键: 值），实际为列表",
        "    - x",
        "    ^",
        "共 2 个错误，未生成文件。",
    ]


def test_types_lists_the_built_in_type_and_marks_its_default_layout() -> None:
    # the full listing, third-party types included, is asserted in test_plugins.py
    result = invoke("types")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "部门决算  [final-accounts]  部门决算情况说明：部门概况、决算情况说明、名词解释"
    assert "    四川-邻水（默认）  四川县级部门决算（邻水县 2022 年版）：十一节决算情况说明，“三公”明细与接待清单" in lines


def test_layout_option_overrides_the_data(linshui_copy: Path) -> None:
    result = invoke("render", str(linshui_copy), "--layout", "不存在")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "错误 DG306: 报告类型 部门决算 没有版式 不存在（可用版式：云南-公开表、四川-峨眉山-2019、四川-攀枝花-2019、四川-邻水、四川-阿坝-2018）")


def test_debug_keeps_the_traceback_for_developers(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("", encoding="utf-8")
    result = invoke("--debug", "render", str(tmp_path / "a.yaml"))
    assert result.exit_code == 1
    assert type(result.exception).__name__ == "DocgenError"


def test_data_once_found_valid_is_not_validated_again_and_errors_still_are(tmp_path: Path) -> None:
    """The validity cache: a rerun on unchanged data imports no jsonschema; a changed figure is checked."""
    code = ("import sys; from docgen.pipeline import load_report; from docgen.errors import DocgenError\n"
            "try:\n    load_report(sys.argv[1]); print('valid', 'jsonschema' in sys.modules)\n"
            "except DocgenError as e:\n    print([p.code for p in e.problems])\n")
    env = {**__import__("os").environ, "DOCGEN_CACHE_DIR": str(tmp_path / "cache")}
    data = tmp_path / "a.yaml"
    data.write_text(LINSHUI_MAIN, encoding="utf-8")
    run = lambda: subprocess.run([sys.executable, "-c", code, str(data)], env=env, capture_output=True,
                                 text=True, check=True).stdout
    assert (run(), run()) == ("valid True\n", "valid False\n")
    data.write_text(LINSHUI_MAIN.replace("年度: 2022\n", "年度: -2022\n"), encoding="utf-8")
    assert run() == "['DG203']\n"
