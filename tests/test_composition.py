"""Attached reports (第四部分 附件): shared facts, cross-checks, joining, errors in attachments."""
from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner
from docx import Document
from docx.enum.style import WD_STYLE_TYPE

from docgen.cli import main
from docgen.output import document_bytes
from docgen.testing import document_text, render_bytes

from conftest import EXAMPLES, LINSHUI, LINSHUI_MAIN

ATTACHED = EXAMPLES / "2022-linshui-附件"
ORDER = ["部门整体.yaml", "项目-城乡居民医疗保险参保县级匹配资金.yaml", "项目-离休干部医疗补助.yaml",
         "项目-医保基金征收及管理.yaml", "项目-城乡医疗救助补助资金.yaml"]


def test_the_whole_report_is_the_main_part_then_each_attachment_on_a_new_page() -> None:
    whole = document_text(render_bytes(LINSHUI))
    main_part = whole[: whole.index("第四部分 附件\n")]
    parts = [document_text(render_bytes(ATTACHED / name)) for name in ORDER]
    # the page break before each attachment is an empty paragraph in the text
    assert whole == main_part + "第四部分 附件\n" + "".join("\n" + part for part in parts)


def write_main(tmp_path: Path, attachments: str) -> Path:
    path = tmp_path / "main.yaml"
    path.write_text(LINSHUI_MAIN + attachments, encoding="utf-8")
    return path


def test_an_attachment_takes_the_shared_facts_from_the_main_report(tmp_path: Path) -> None:
    text = (ATTACHED / "项目-离休干部医疗补助.yaml").read_text(encoding="utf-8")
    text = text.replace("部门: 邻水县医疗保障局\n", "").replace("年度: 2022\n", "年度: 2022\n", 1)
    assert "部门:" not in text
    (tmp_path / "项目.yaml").write_text(text.replace("年度: 2022\n", ""), encoding="utf-8")
    rendered = document_text(render_bytes(write_main(tmp_path, "附件:\n  - 项目.yaml\n")))
    # 年度 2022 taken from the main report: the title year is 年度 + 1
    assert "第四部分 附件\n\n2023年县级项目支出绩效自评报告\n（2022年离休干部医疗补助项目）\n" in rendered


def test_an_attachment_can_be_written_inline(tmp_path: Path) -> None:
    inline = (ATTACHED / "项目-离休干部医疗补助.yaml").read_text(encoding="utf-8")
    body = "".join(f"    {line}\n" if line.strip() else "\n" for line in inline.splitlines()
                   if not line.startswith("#")).replace("    type:", "  - type:", 1)
    rendered = document_text(render_bytes(write_main(tmp_path, "附件:\n" + body)))
    assert rendered.endswith(document_text(render_bytes(ATTACHED / "项目-离休干部医疗补助.yaml")))


def test_an_error_in_an_attachment_is_located_in_its_own_file(tmp_path: Path) -> None:
    text = (ATTACHED / "部门整体.yaml").read_text(encoding="utf-8").replace("一般公共预算财政拨款收入: 10005.9",
                                                                        "一般公共预算财政拨款收入: 一万")
    (tmp_path / "部门整体.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(write_main(tmp_path, "附件:\n  - 部门整体.yaml\n"))])
    assert result.exit_code == 1
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "一万" in l)
    assert result.stderr.splitlines()[0].startswith(
        f'部门整体.yaml:{line}:')
    assert 'DG201: 收入.一般公共预算财政拨款收入（万元）: 应为数字，实际为 "一万"' in result.stderr.splitlines()[0]
    assert not (tmp_path / "main.docx").exists()


def test_a_missing_attachment_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(write_main(tmp_path, "附件:\n  - 没有.yaml\n"))])
    assert result.exit_code == 1
    line = (LINSHUI_MAIN + "附件:\n").count("\n") + 1
    assert result.stderr.splitlines()[0] == (
        f"main.yaml:{line}:5: 错误 DG116: 附件[1]: 找不到附件 没有.yaml（路径相对于本文件所在的文件夹）")


def test_an_attachment_may_not_have_attachments(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(LINSHUI_MAIN + "附件:\n  - b.yaml\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(write_main(tmp_path, "附件:\n  - a.yaml\n"))])
    line = (LINSHUI_MAIN + "附件:\n").count("\n") + 1  # the list under 附件
    assert result.stderr.splitlines()[0] == f"a.yaml:{line}:3: 错误 DG309: 附件: 附件中的报告不能再带附件"


def test_an_attachment_whose_styles_the_main_template_lacks_is_joined_by_docxcompose(tmp_path, monkeypatch) -> None:
    from docgen import rendering
    from docgen.reporttype import Layout

    folder = tmp_path / "特别版式"
    folder.mkdir()
    document = Document()
    document.styles.add_style("附件专用", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("{{ 部门 }}的附件", style="附件专用")
    (folder / "template.docx").write_bytes(document_bytes(document))
    special = Layout("特别版式", "部门决算", folder)
    main_layout = Layout("四川-邻水", "部门决算", EXAMPLES.parent / "templates" / "final-accounts" / "四川-邻水")
    assert not rendering._compiled(main_layout).can_host(rendering._compiled(special))
    from docgen.testing import context_of

    context = context_of(LINSHUI)
    data = rendering.render_document((main_layout, context), [(special, {"部门": "某局"})])
    assert document_text(data).endswith("第四部分 附件\n\n某局的附件\n")
    styles = {s.name for s in Document(io.BytesIO(data)).styles}
    assert "附件专用" in styles


def test_the_main_report_sees_its_attachments_computed_fields() -> None:
    from docgen.pipeline import prepare

    prepared = prepare(LINSHUI)
    attached = prepared.context["附件报告"]
    assert [a["报告类型"] for a in attached] == ["部门整体支出绩效评价"] + ["项目支出绩效自评"] * 4
    assert [a["附件序号"] for a in attached] == [1, 2, 3, 4, 5]
    # a figure the attachment computed: its 本年收入合计 10005.9 + 799.4 = 10805.3
    assert str(attached[0]["本年收入合计"]) == "10805.30"
