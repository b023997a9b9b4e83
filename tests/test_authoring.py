"""Template authors: copy a layout, edit it in "Word", register it, render; lint a layout."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from docgen.cli import main
from docgen.output import document_bytes
from docgen.testing import document_text

from conftest import LINSHUI_MAIN


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def paragraph(document, starts: str):
    return next(p for p in document.paragraphs if p.text.startswith(starts))


def section(document, words: str) -> list:
    """The paragraphs of the section whose heading has ``words``: the heading and what follows it
    up to the next heading of the same style or the next part, as an author selects it in Word."""
    paragraphs = list(document.paragraphs)
    index = next(i for i, p in enumerate(paragraphs) if words in p.text and p.style.name.startswith("一级"))
    ends = {paragraphs[index].style.name, "部分标题"}
    following = next(i for i, p in enumerate(paragraphs) if i > index and p.style.name in ends)
    return [p._element for p in paragraphs[index:following]]


@pytest.fixture
def authored(tmp_path: Path) -> Path:
    """A new layout 达州-通川, copied from 四川-邻水 and edited as an author would in Word."""
    templates = tmp_path / "templates"
    result = invoke("layout", "new", "达州-通川", "--from", "四川-邻水", "--into", str(templates))
    assert result.exit_code == 0, result.output
    template = templates / "final-accounts" / "达州-通川" / "template.docx"
    document = Document(str(template))
    # a reworded sentence: words changed, no Jinja touched
    changed = paragraph(document, "{{ 总计句(收支总计, ")
    for run in changed.runs:
        run.text = run.text.replace("收、支总计各", "收入、支出总计均")
    # a removed section: 政府性基金预算支出决算情况说明
    for element in section(document, "政府性基金预算支出决算情况说明"):
        element.getparent().remove(element)
    # a reordered section: 国有资本经营预算 moved before 收入支出决算总体情况说明
    moved = section(document, "国有资本经营预算支出决算情况说明")
    anchor = paragraph(document, "{{ 一级 }}收入支出决算总体情况说明")._element
    for element in moved:
        anchor.addprevious(element)
    template.write_bytes(document_bytes(document))
    data = tmp_path / "通川区医保局.yaml"
    data.write_text(LINSHUI_MAIN.replace("版式: 四川-邻水", "版式: 达州-通川"), encoding="utf-8")
    return data


def test_an_author_copies_edits_registers_and_renders_a_layout(authored: Path) -> None:
    templates = authored.parent / "templates"
    result = invoke("render", str(authored), "--templates", str(templates))
    assert result.exit_code == 0, result.output
    lines = document_text(authored.with_suffix(".docx")).splitlines()
    part2 = lines[lines.index("第二部分 2022年度部门决算情况说明"): lines.index("第三部分 名词解释")]
    headings = [line for line in part2 if line[:1] in "一二三四五六七八九十" and "、" in line[:3]]
    assert headings == [
        "一、国有资本经营预算支出决算情况说明", "二、收入支出决算总体情况说明", "三、收入决算情况说明",
        "四、支出决算情况说明", "五、财政拨款收入支出决算总体情况说明", "六、一般公共预算财政拨款支出决算情况说明",
        "七、一般公共预算财政拨款基本支出决算情况说明", "八、一般公共预算财政拨款项目支出决算情况说明",
        "九、“三公”经费财政拨款支出决算情况说明", "十、其他重要事项的情况说明",
    ]
    assert ("2022年度收、支总计6796.16万元。与2021年相比，收入、支出总计均减少351.21万元，下降4.91%。"
            "主要变动原因是2022年度参保人数减少所致。") in lines
    assert not any("政府性基金预算财政拨款支出799.38" in line for line in lines)


def test_the_environment_variable_registers_a_layout_folder(authored: Path, monkeypatch) -> None:
    monkeypatch.setenv("DOCGEN_TEMPLATES", str(authored.parent / "templates"))
    assert invoke("render", str(authored)).exit_code == 0
    listed = invoke("layout", "list").output.splitlines()
    assert "达州-通川  达州-通川（由 四川-邻水 复制而来，请改写这一句）" in listed


def test_the_copied_layout_checks_clean(authored: Path) -> None:
    """Clean on its data and on the minimal data (a department whose spending is all zero: the share
    of a zero total is left out with its words)."""
    templates = str(authored.parent / "templates")
    result = invoke("layout", "check", "达州-通川", "--templates", templates, "--data", str(authored))
    assert (result.exit_code, result.output) == (0, "版式 达州-通川：0 个错误，0 个警告。\n")
    result = invoke("layout", "check", "达州-通川", "--templates", templates)
    assert (result.output.splitlines()[-1], result.stderr) == ("版式 达州-通川：0 个错误，0 个警告。", "")


def test_a_layout_name_found_twice_is_an_error(tmp_path: Path) -> None:
    invoke("layout", "new", "四川-邻水", "--from", "四川-邻水", "--into", str(tmp_path / "a"))
    result = invoke("layout", "list", "--templates", str(tmp_path / "a" / ".." / "a"))
    assert result.exit_code == 1
    assert "错误 DG308: 报告类型 部门决算 的版式 四川-邻水 出现在两处" in result.stderr


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    invoke("layout", "new", "甲", "--from", "四川-邻水", "--into", str(tmp_path))
    result = invoke("layout", "new", "甲", "--from", "四川-邻水", "--into", str(tmp_path))
    assert result.exit_code == 1
    assert "错误 DG320" in result.stderr and "已存在" in result.stderr


def broken_layout(tmp_path: Path) -> Path:
    """A layout whose template has each kind of mistake the checker finds."""
    templates = tmp_path / "templates"
    invoke("layout", "new", "坏版式", "--from", "四川-邻水", "--into", str(templates))
    template = templates / "final-accounts" / "坏版式" / "template.docx"
    document = Document(str(template))
    document.add_paragraph("收入合计{{ 本年收入合计|万元 }}。")
    document.add_paragraph("{{ 本年收入总额 }}与{{ 收入.不存在的收入 }}")
    split = document.add_paragraph("部门：")
    split.add_run("{{ 部")
    split.add_run("门 }}").bold = True
    template.write_bytes(document_bytes(document))
    return templates


def test_check_lists_every_mistake_with_its_paragraph(tmp_path: Path) -> None:
    result = invoke("layout", "check", "坏版式", "--templates", str(broken_layout(tmp_path)))
    assert result.exit_code == 1
    messages = [line for line in result.stderr.splitlines() if "DG4" in line]
    assert messages == [
        "警告 DG411: 版式 坏版式 的标签 {{ 部门 }} 被 Word 的格式拆成了几段：docgen 会把它拼起来，但标签内的格式会丢失；"
        "建议选中整个标签，清除格式后重新输入；所在段落：“部门：{{ 部门 }}”",
        "错误 DG412: 版式 坏版式 的模板使用了不存在的过滤器 万元（可用：中文数字、去句号、句、百分比、金额）；"
        "所在段落：“收入合计{{ 本年收入合计|万元 }}。”",
        "错误 DG413: 版式 坏版式 的模板使用了该报告类型没有的字段 本年收入总额（用 docgen render --dump-context 查看全部字段）；"
        "所在段落：“{{ 本年收入总额 }}与{{ 收入.不存在的收入 }}”",
        "错误 DG413: 版式 坏版式 的模板使用了该报告类型没有的字段 收入.不存在的收入（用 docgen render --dump-context 查看全部字段）；"
        "所在段落：“{{ 本年收入总额 }}与{{ 收入.不存在的收入 }}”",
    ]
    assert result.output.splitlines()[-1] == "版式 坏版式：3 个错误，1 个警告。"


def test_check_reports_a_syntax_error(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    invoke("layout", "new", "语法错", "--from", "四川-邻水", "--into", str(templates))
    template = templates / "final-accounts" / "语法错" / "template.docx"
    document = Document(str(template))
    document.add_paragraph("{% if 收入 %}没有结束")
    template.write_bytes(document_bytes(document))
    result = invoke("layout", "check", "语法错", "--templates", str(templates))
    assert result.exit_code == 1
    assert "错误 DG401: 版式 语法错 的模板有语法错误：Unexpected end of template." in result.stderr


def test_every_built_in_layout_checks_clean_on_its_own_example() -> None:
    from docgen.authoring import check_layout, example_for
    from docgen.pipeline import report_types

    registry = report_types()
    findings = {}
    for type_name in registry.names():
        report_type = registry.get(type_name)
        for name, layout in report_type.layouts().items():
            problems = check_layout(report_type, layout, example_for(report_type, layout), trials=False)
            findings[f"{type_name}/{name}"] = [p.code for p in problems]
    assert findings and all(codes == [] for codes in findings.values()), findings


def test_a_layout_folder_may_carry_its_own_example(authored: Path) -> None:
    from docgen.authoring import example_for
    from docgen.pipeline import find_report_type

    report_type = find_report_type("部门决算")
    layout = report_type.layout("达州-通川", templates=[authored.parent / "templates"])
    assert example_for(report_type, layout) == report_type.example
    (layout.folder / "示例数据.yaml").write_text(authored.read_text(encoding="utf-8"), encoding="utf-8")
    assert example_for(report_type, layout) == layout.folder / "示例数据.yaml"


def test_a_new_layout_finds_the_report_type_of_a_layout_only_one_type_has(tmp_path: Path) -> None:
    result = invoke("layout", "new", "东川-测试", "--from", "云南-东川", "--into", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "project-performance" / "东川-测试" / "template.docx").is_file()
    assert f"docgen layout check 东川-测试 --type 项目支出绩效自评 --templates {tmp_path}" in result.output


def test_check_tries_the_minimal_data_and_every_example_of_the_type() -> None:
    """Optional fields a template needs without guarding them show up on data that lacks them:
    the minimal data (required fields only) and the other bundled examples, located by file."""
    from docgen.authoring import check_layout, example_for
    from docgen.messages import format_report
    from docgen.pipeline import find_report_type

    report_type = find_report_type("项目支出绩效自评")
    layout = report_type.layout("四川-邻水")
    assert format_report(check_layout(report_type, layout, example_for(report_type, layout))).splitlines() == [
        "最小数据（只含必填字段）: 警告 DG406: 缺少 项目概况，版式 四川-邻水 需要它",  # a form needs no 项目概况
        "examples/2019-emeishan-附件/项目-办公设备配置.yaml: 警告 DG406: 缺少 综述，版式 四川-邻水 需要它",
        "examples/2019-emeishan-附件/项目-双创工作经费.yaml: 警告 DG406: 缺少 评价结论，版式 四川-邻水 需要它",
    ]


def test_the_minimal_data_has_the_required_fields_only() -> None:
    """Required fields with placeholders, and those the schema's if/then requires when 决算公开表 is absent."""
    from docgen.authoring import minimal_data
    from docgen.pipeline import find_report_type
    from docgen.validation import schema_of

    assert minimal_data(schema_of(find_report_type("部门决算").schema)) == {
        "type": "示例", "部门": "示例", "年度": 2000, "部门概况": {"主要职能": "示例", "下属单位": [{"名称": "示例", "性质": "示例"}]},
        "收入": {}, "支出": {}, "一般公共预算财政拨款支出": {"科目": [{"编码": 100}]}}


def test_ooxml_findings_are_explained_for_a_word_user(tmp_path: Path) -> None:
    """An element out of the schema's order, one Word does not know, a value outside the allowed ones:
    each says what Word/WPS does and how to fix it in Word, located by the paragraph's text."""
    import zipfile

    from docgen.authoring import ooxml_problems
    from docgen.messages import format_message

    pytest.importorskip("openxml_audit")
    source = zipfile.ZipFile(Path(__file__).parent.parent / "templates" / "final-accounts" / "四川-阿坝-2018" / "template.docx")
    document = source.read("word/document.xml").decode()
    document = document.replace('<w:pgSz w:w="11906" w:h="16838"/>', '<w:pgNumType w:start="1"/><w:pgSz w:w="11906" w:h="16838"/>', 1)
    document = document.replace("<w:pPr>", "<w:pPr><w:foo/>", 1)
    document = document.replace('<w:jc w:val="center"/>', '<w:jc w:val="middle"/>', 1)
    broken = tmp_path / "template.docx"
    with zipfile.ZipFile(broken, "w") as target:
        for name in source.namelist():
            target.writestr(name, document if name == "word/document.xml" else source.read(name))
    assert [format_message(p) for p in ooxml_problems(broken, "坏版式")] == [
        "版式 坏版式 的模板 word/document.xml 中有 Word 不认识的元素 <foo>：Word 打开时会提示“发现无法读取的内容”，"
        "修复时删掉它（连同其中的文字和标签），WPS 可能拒绝打开；请在 Word 中删掉这一处重新输入，或接受修复后另存为 .docx；"
        "位置：“{{ 部门 }}”",
        "版式 坏版式 的模板 word/document.xml 中，<pgSz> 不在 OOXML 标准规定的先后位置（多是某项格式设置的顺序不对）："
        "Word 打开时会提示“发现无法读取的内容”，修复时可能丢掉这项设置，WPS 可能直接忽略它；请在 Word 中打开模板，"
        "接受修复后检查这一处的格式，再另存为 .docx；位置：“（目录在 Word 打开文档或 docgen 生成 PDF 时更新）⏎”",
        "版式 坏版式 的模板 word/document.xml 中，<jc> 的 val 取值 middle 不是标准允许的值：Word 会提示修复并丢掉这项格式，"
        "WPS 可能显示得不一样；请在 Word 中选中这一处，用“段落”或“字体”对话框重新设置后另存为 .docx；"
        "位置：“项目名称{{ a.项目名称 }}预算单位{{ t.预算单位 }}预算执行情况(万元)预算数:{% if a.资金.预算数”",
    ]


def test_text_beside_a_paragraph_tag_is_a_warning() -> None:
    from docgen.authoring import paragraph_tag_neighbours
    from docgen.messages import format_message

    xml = ("<w:body><w:p><w:r><w:t>{%p if 收入 %}</w:t></w:r><w:r><w:t>这句会消失</w:t></w:r></w:p>"
           "<w:p><w:r><w:t>{%p endif %}</w:t></w:r></w:p></w:body>")
    assert [format_message(p) for p in paragraph_tag_neighbours(xml, "甲")] == [
        "版式 甲 的段落标签 {%p if 收入 %} 所在段落里还有文字“这句会消失”：{%p %} 标签代表整个段落，这些文字不会出现在报告中；"
        "请把它们移到另一段；所在段落：“{%p if 收入 %}这句会消失”"]
