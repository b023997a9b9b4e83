"""Golden file for examples/2022-linshui-自评表.yaml: Linshui's report attaching its four projects as forms.

The main report is examples/2022-linshui.yaml's, word for word; its 第四部分 attaches the 部门整体 narrative
and the four projects of examples/2022-linshui-自评表/ as 全国-自评表 forms. A changed golden file is a claim
that the new output is right: read its diff. Regenerate with ``pytest --force-regen``.
"""
from __future__ import annotations

from docgen.pipeline import prepare
from docgen.testing import document_text, render_bytes

from conftest import EXAMPLES, LINSHUI

LINSHUI_FORMS = EXAMPLES / "2022-linshui-自评表.yaml"


def test_document_text(file_regression) -> None:
    file_regression.check(document_text(render_bytes(LINSHUI_FORMS)), extension=".txt", encoding="utf-8")


def test_the_main_report_is_linshuis_and_the_projects_are_forms() -> None:
    prepared = prepare(LINSHUI_FORMS)
    assert [a.layout.name for a in prepared.attachments] == ["四川-邻水"] + ["全国-自评表"] * 4
    assert [a.context["附件序号"] for a in prepared.attachments] == [1, 2, 3, 4, 5]
    text = document_text(render_bytes(LINSHUI_FORMS))
    narrative = document_text(render_bytes(LINSHUI))
    cut = "项目支出绩效自评表\n"
    assert text[:text.index(cut)] == narrative[:narrative.index("2023年县级项目支出绩效自评报告\n")]
    assert text.count(cut) == 4
    # each form's 总分 recomputed: 执行率 score (分值 10 × 执行数 ÷ 预算数, half-up) + the indicator scores
    assert [line for line in text.splitlines() if line.startswith("总分 | ")] == [
        "总分 | 100 | 100 | 评价等级：优",  # 4016.89 of 4016.89: 10; 30 + 20 + 30 + 10
        "总分 | 100 | 98.68 | 评价等级：优",  # 10 × 96.8 ÷ 100 = 9.68; 30 + 20 + 30 + 9
        "总分 | 100 | 97.65 | 评价等级：优",  # 10 × 103.62 ÷ 107.4 = 9.648 -> 9.65; 20 + 8 + 20 + 30 + 10
        "总分 | 100 | 100 | 评价等级：优",  # 1432.42 of 1432.42: 10; 50 + 30 + 10
    ]
