"""The self-evaluation forms (自评表): the national 项目支出绩效自评表, Sichuan's variant and the 部门整体 form.

Golden files of each example form (document text, computed context), then every computed cell recomputed by
hand, the vertical merges and repeated header rows of the Word tables, the warnings naming their rows, and a
部门决算 attaching one form per project. A changed golden file is a claim that the new output is right: read its
diff (``pytest --force-regen``).
"""
from __future__ import annotations

import io
import re
import shutil
import zipfile
from decimal import Decimal as D
from pathlib import Path

import pytest

from docgen.calculation import CalcContext
from docgen.errors import DocgenError
from docgen.messages import format_problem
from docgen.pipeline import prepare, verify
from docgen.reporttype import DEFAULT_SETTINGS
from docgen.reporttypes.form_scoring import execution
from docgen.testing import context_of, context_text, document_text, render_bytes

from conftest import EXAMPLES

FORMS = EXAMPLES / "2022-自评表"
PROJECT = FORMS / "项目-医保经办能力提升.yaml"
DEPT = FORMS / "部门整体.yaml"
LINSHUI_FORMS = EXAMPLES / "2022-linshui-自评表"
#: (data file, layout) of every golden form
GOLDEN = [(PROJECT, "全国-自评表"), (PROJECT, "四川-自评表"), (DEPT, "四川-部门整体自评表")] + [
    (path, "全国-自评表") for path in sorted(LINSHUI_FORMS.glob("*.yaml"))]
IDS = ["national", "sichuan", "dept"] + [p.stem for p, _ in GOLDEN[3:]]
CTX = CalcContext(DEFAULT_SETTINGS, {}, {})
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize("data, layout", GOLDEN, ids=IDS)
def test_document_text(data: Path, layout: str, file_regression) -> None:
    file_regression.check(document_text(render_bytes(data, layout)), basename=f"{data.stem}-{layout}-document",
                          extension=".txt", encoding="utf-8")


@pytest.mark.parametrize("data", [PROJECT, DEPT] + sorted(LINSHUI_FORMS.glob("*.yaml")), ids=lambda p: p.stem)
def test_computed_context(data: Path, file_regression) -> None:
    file_regression.check(context_text(data), basename=f"{data.stem}-context", extension=".yaml", encoding="utf-8")


# ------------------------------------------------------------------ figures recomputed by hand


def test_the_issues_figures() -> None:
    """年初预算 120, 全年预算 125.5, 全年执行 118.37: 118.37 ÷ 125.5 = 0.943187… → 94.32%, 10 × 0.943187… = 9.43."""
    assert execution(D("118.37"), D("125.5"), 10, CTX) == {"执行率": D("94.32"), "得分": D("9.43")}


def test_the_score_is_capped_and_a_zero_budget_follows_the_layout() -> None:
    assert execution(D("130"), D("125.5"), 10, CTX) == {"执行率": D("103.59"), "得分": 10}  # 10 × 1.0359 capped
    assert execution(D("0"), D("0"), 10, CTX) == {"执行率": D("0.00"), "得分": D("0.00")}  # 零预算完成率 0
    assert execution(D("5"), D("0"), 10, CTX) == {"执行率": None, "得分": 10}  # spent without a budget
    # from the exact ratio, not the rounded rate: 10 × 2 ÷ 3 = 6.666… → 6.67 (6.67% × 10 would be the same here)
    assert execution(D("2"), D("3"), 10, CTX)["得分"] == D("6.67")


def test_every_computed_cell_of_the_project_form() -> None:
    form = context_of(PROJECT)["自评表"]
    # 年度资金总额 = 当年财政拨款 + 上年结转资金, column by column
    assert form["资金"]["年度资金总额"] == {"年初预算数": D("120.00"), "全年预算数": D("125.50"), "全年执行数": D("118.37")}
    assert (form["资金总额行"]["执行率"], form["资金总额行"]["得分"]) == (D("94.32"), D("9.43"))
    # 99.87 ÷ 105.5 = 94.66%; 18.5 ÷ 20 = 92.50%
    assert [(r["名称"], r["执行率"]) for r in form["资金来源行"]] == [("当年财政拨款", D("94.66")), ("上年结转资金", D("92.50"))]
    # 产出 15 + 9.5 + 10 + 10 + 5 = 49.5 of 50; 效益 15 + 13 = 28 of 30; 满意度 8 of 10
    assert [(f["分值"], f["得分"]) for f in form["绩效指标"]] == [(50, D("49.5")), (30, 28), (10, 8)]
    assert [(s["分值"], s["得分"]) for s in form["绩效指标"][0]["二级"]] == [(25, D("24.5")), (10, 10), (10, 10), (5, 5)]
    assert (form["指标分值"], form["指标得分"], form["总分值"]) == (90, D("85.5"), 100)
    assert (form["总分"], form["等级"]) == (D("94.93"), "优")  # 9.43 + 85.5
    assert [r["起始"] for r in form["指标行"]] == ["一级", "续", "二级", "二级", "二级", "一级", "二级", "一级"]


def test_every_computed_cell_of_the_department_form() -> None:
    form = context_of(DEPT)["自评表"]
    # 887.06 ÷ 912.75 = 0.971854… → 97.19%, × 10 = 9.72
    assert (form["预算执行"]["执行率"], form["预算执行"]["执行率得分"]) == (D("97.19"), D("9.72"))
    # 得分系数 × 指标权重: 1 × 20, 0.96 × 15, 1 × 15, 0.85 × 20, 1 × 10, 1 × 10
    assert [r["指标得分"] for r in form["指标行"]] == [D("20.00"), D("14.40"), D("15.00"), D("17.00"), D("10.00"),
                                                    D("10.00")]
    assert [(f["指标权重"], f["指标得分"]) for f in form["绩效指标"]] == [(50, D("49.40")), (30, D("27.00")),
                                                                    (10, D("10.00"))]
    assert (form["指标权重合计"], form["指标得分合计"], form["总分值"]) == (90, D("86.40"), 100)
    assert (form["总分"], form["等级"]) == (D("96.12"), "优")
    assert [r["是否核心指标"] for r in form["指标行"]] == ["是", "否", "否", "是", "否", "否"]


@pytest.mark.parametrize("stem, rate, score, got, total", [
    ("项目-城乡居民医疗保险参保县级匹配资金", "100.00", "10", "90", "100"),  # 4016.89 ÷ 4016.89
    ("项目-离休干部医疗补助", "96.80", "9.68", "89", "98.68"),  # 96.8 ÷ 100; 30 + 20 + 30 + 9
    ("项目-医保基金征收及管理", "96.48", "9.65", "88", "97.65"),  # 103.62 ÷ 107.4 = 0.96480…; 20 + 8 + 20 + 30 + 10
    ("项目-城乡医疗救助补助资金", "100.00", "10", "90", "100"),  # 1432.42 ÷ 1432.42
])
def test_the_linshui_projects_as_forms(stem: str, rate: str, score: str, got: str, total: str) -> None:
    form = context_of(LINSHUI_FORMS / f"{stem}.yaml")["自评表"]
    row = form["资金总额行"]
    assert (row["执行率"], D(row["得分"]), D(form["指标得分"]), D(form["总分"])) == (D(rate), D(score), D(got), D(total))
    assert form["总分值"] == 100


def test_the_form_shares_the_narratives_texts() -> None:
    """预期目标, 实际完成情况 and the three conclusions come from the narrative when the form leaves them out."""
    form = context_of(PROJECT)["自评表"]
    assert form["总体目标"]["预期目标"].startswith("全年培训经办人员不少于300人次")
    assert form["改进措施"] == "动态调整走访名单，优化经办窗口服务流程。"
    # and the same file still renders as the narrative report
    assert "医保经办能力提升" in document_text(render_bytes(PROJECT, "四川-邻水"))


# ------------------------------------------------------------------ the Word tables


def _tables(docx: bytes) -> list:
    from lxml import etree

    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")
    return etree.fromstring(xml).findall(f".//{W}tbl")


def _merges(table, column: int) -> list[str]:
    """The vertical merge of the cell starting at grid ``column`` in each row: restart, continue or ''."""
    out = []
    for row in table.findall(f"{W}tr"):
        col = 0
        for cell in row.findall(f"{W}tc"):
            if col == column:
                merge = cell.find(f"{W}tcPr/{W}vMerge")
                out.append("" if merge is None else merge.get(f"{W}val", "continue"))
                break
            span = cell.find(f"{W}tcPr/{W}gridSpan")
            col += int(span.get(f"{W}val")) if span is not None else 1
        else:
            out.append("spanned")  # inside a cell spanning from an earlier column
    return out


def test_national_form_merges_and_repeats_its_header() -> None:
    indicators = _tables(render_bytes(PROJECT, "全国-自评表"))[1]
    rows = indicators.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert [r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows[1:]] == [False] * 9
    # 绩效指标 spans the header and the eight rows; 一级 and 二级 merged down their groups; 总分 stands alone
    assert _merges(indicators, 0) == ["restart"] + ["continue"] * 8 + [""]
    assert _merges(indicators, 1) == ["", "restart", "continue", "continue", "continue", "continue",
                                      "restart", "continue", "restart", "spanned"]
    assert _merges(indicators, 2) == ["", "restart", "continue", "restart", "restart", "restart", "restart",
                                      "restart", "restart", "spanned"]


def test_every_form_has_explicit_chinese_fonts_and_its_orientation() -> None:
    for data, layout, landscape in [(PROJECT, "全国-自评表", False), (PROJECT, "四川-自评表", True),
                                    (DEPT, "四川-部门整体自评表", True)]:
        package = zipfile.ZipFile(io.BytesIO(render_bytes(data, layout)))
        document, styles = package.read("word/document.xml").decode(), package.read("word/styles.xml").decode()
        assert "Theme" not in re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S).group(0)
        assert 'w:eastAsia="zh-CN"' in styles and 'w:eastAsia="仿宋_GB2312"' in styles
        assert 'w:eastAsia="方正小标宋简体"' in document and 'w:eastAsia="黑体"' in document
        size = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"', document)
        assert (int(size.group(1)) > int(size.group(2))) is landscape
        assert "{{" not in document and "{%" not in document


# ------------------------------------------------------------------ checks


def _bad(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = PROJECT.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_warnings_name_their_rows(tmp_path: Path) -> None:
    path = _bad(tmp_path, ("完成值: 0.3%, ", ""), ("得分: 13,", ""), ("偏差原因: 高峰期", "偏差原因: 请填写偏差原因。高峰期"),
                ("分值: 5, 得分: 5", "分值: 6, 得分: 5"),
                ("全年执行数: 18.5}", "全年执行数: 18.5}\n    年度资金总额: {年初预算数: 0, 全年预算数: 0, 全年执行数: 0}"))
    texts = [format_problem(p, "zh") for p in prepare(path).warnings]

    def said(code: str, message: str) -> bool:
        return any(f"警告 {code}: " in text and text.endswith(message) for text in texts)

    assert said("DG651", "自评表的分值合计为 101（执行率 10 + 绩效指标 91），不是 100：请核对各指标的分值")
    assert said("DG654", "自评表“产出指标/质量指标/医保结算差错率”一行的完成值是空的：发布前请填写")
    assert said("DG654", "自评表“效益指标/可持续影响指标/经办服务规范化水平”一行的得分是空的：发布前请填写")
    assert said("DG655", "自评表“满意度指标/服务对象满意度指标/参保群众满意度”的偏差原因似乎还是表格的填写说明或"
            "占位文字（“请填写偏差原因。高峰期窗口等候时间较长，将增设自助服务设备。”）：请换成实际内容")
    for column, parts in (("年初预算数", "120.00"), ("全年预算数", "125.50"), ("全年执行数", "118.37")):
        assert said("DG652", f"自评表的年度资金总额（{column}）为 0 万元，而其中各项（当年财政拨款、上年结转资金）合计 {parts} 万元：请核对")
    assert said("DG653", "自评表的年度资金总额（全年预算数）为 0 万元，与“资金”的预算数 125.5 万元不一致：执行率将与报告不符，请核对")
    assert said("DG653", "自评表的年度资金总额（全年执行数）为 0 万元，与“资金”的执行数 118.37 万元不一致：执行率将与报告不符，请核对")
    assert len(texts) == 9


def test_a_score_above_its_marks_is_an_error_at_its_row(tmp_path: Path) -> None:
    path = _bad(tmp_path, ("得分: 9.5,", "得分: 11,"))
    with pytest.raises(DocgenError) as caught:
        prepare(path)
    (problem,) = caught.value.problems
    assert problem.code == "DG650" and problem.location.line == 43
    assert format_problem(problem, "zh").endswith("自评表“产出指标/数量指标/走访定点医药机构”一行的得分 11 高于分值 10：得分不能高于分值")


def test_a_form_without_funds_is_an_error(tmp_path: Path) -> None:
    path = _bad(tmp_path, ("  执行数: 118.37\n", ""),
                ("  资金:\n    当年财政拨款: {年初预算数: 100, 全年预算数: 105.5, 全年执行数: 99.87}\n"
                 "    上年结转资金: {年初预算数: 20, 全年预算数: 20, 全年执行数: 18.5}\n", ""))
    with pytest.raises(DocgenError) as caught:
        prepare(path)
    assert [p.code for p in caught.value.problems] == ["DG656"]


# ------------------------------------------------------------------ form-only data files


def _without(tmp_path: Path, source: Path, first: str, last: str) -> Path:
    """A copy of ``source`` without its lines from the key ``first`` up to the key ``last``."""
    text = source.read_text(encoding="utf-8")
    path = tmp_path / source.name
    path.write_text(text[:text.index(first)] + text[text.index(last):], encoding="utf-8")
    return path


def test_a_project_form_needs_no_narrative(tmp_path: Path) -> None:
    """项目概况 is the narrative layouts' need, checked by rendering: a form without it is valid, and a
    narrative layout asks for it at its place; the form then needs only its own 预期目标."""
    path = _without(tmp_path, PROJECT, "项目概况:", "资金:")
    with pytest.raises(DocgenError) as caught:
        verify(path)
    assert [format_problem(p, "zh") for p in caught.value.problems] == [
        "项目-医保经办能力提升.yaml:28:3: 错误 DG406: 自评表.总体目标.预期目标（不填时为项目概况的绩效目标）: "
        "缺少 预期目标，版式 全国-自评表 需要它"]
    path.write_text(path.read_text(encoding="utf-8").replace(
        "自评表:\n", "自评表:\n  总体目标: {预期目标: 全年培训经办人员不少于300人次。}\n"), encoding="utf-8")
    assert verify(path).warnings == [] and verify(path, "四川-自评表").warnings == []
    with pytest.raises(DocgenError) as caught:
        verify(path, "四川-邻水")
    assert [(p.code, p.location.field, p.location.line) for p in caught.value.problems] == [("DG406", ("项目概况",), 9)]


def test_a_department_form_needs_no_budget_management_text(tmp_path: Path) -> None:
    path = _without(tmp_path, DEPT, "部门预算管理:", "评价结论:")
    assert verify(path).warnings == []
    with pytest.raises(DocgenError) as caught:
        verify(path, "四川-邻水")
    assert [(p.code, p.location.field) for p in caught.value.problems] == [("DG406", ("部门预算管理",))]


def test_the_examples_have_no_warnings() -> None:
    for path in [PROJECT, DEPT, *sorted(LINSHUI_FORMS.glob("*.yaml"))]:
        assert prepare(path).warnings == [], path


# ------------------------------------------------------------------ attached to a 部门决算


def test_a_final_accounts_report_attaches_one_form_per_project(tmp_path: Path) -> None:
    main = EXAMPLES / "2022-linshui.yaml"
    text = main.read_text(encoding="utf-8")
    head = text[: text.index("附件:")]
    forms = sorted(LINSHUI_FORMS.glob("*.yaml"))
    for path in forms:
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "main.yaml").write_text(head + "附件:\n" + "".join(f"  - {p.name}\n" for p in forms), encoding="utf-8")
    prepared = prepare(tmp_path / "main.yaml")
    assert [a.context["附件序号"] for a in prepared.attachments] == [1, 2, 3, 4]
    assert [a.layout.name for a in prepared.attachments] == ["全国-自评表"] * 4
    text = document_text(render_bytes(tmp_path / "main.yaml"))
    assert text.count("项目支出绩效自评表") == 4
    assert text.count("总分 | 100 | ") == 4
    assert "项目名称 | 离休干部医疗补助" in text
