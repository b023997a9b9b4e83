"""The 部门整体支出绩效评价 layouts of seeds 000, 002 and 003: golden files and the wording of variants.

A changed golden file is a claim that the new output is right: read its diff.
Regenerate with ``pytest --force-regen`` and review before committing.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from docgen.testing import context_text, document_text, render_bytes

from conftest import EXAMPLES

ABA = EXAMPLES / "2018-aba-附件" / "部门整体.yaml"
PANZHIHUA = EXAMPLES / "2019-panzhihua-附件" / "部门整体.yaml"
EMEISHAN = EXAMPLES / "2019-emeishan-附件" / "部门整体.yaml"
EXAMPLE_FILES = {"aba": ABA, "panzhihua": PANZHIHUA, "emeishan": EMEISHAN}


@pytest.mark.parametrize("name", list(EXAMPLE_FILES))
def test_document_text(name: str, file_regression) -> None:
    file_regression.check(document_text(render_bytes(EXAMPLE_FILES[name])), basename=f"{name}_document_text",
                          extension=".txt", encoding="utf-8")


@pytest.mark.parametrize("name", list(EXAMPLE_FILES))
def test_computed_context(name: str, file_regression) -> None:
    file_regression.check(context_text(EXAMPLE_FILES[name]), basename=f"{name}_computed_context",
                          extension=".yaml", encoding="utf-8")


def variant(tmp_path: Path, source: Path, *edits: tuple[str, str]) -> Path:
    """A copy of the example ``source`` with each ``old`` text replaced by ``new`` once."""
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "部门整体.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def lines(path: Path) -> list[str]:
    return document_text(render_bytes(path)).splitlines()


# ---------------------------------------------------------------- 四川-峨眉山-2019


def test_projects_all_spent_as_budgeted_need_no_list(tmp_path: Path) -> None:
    path = variant(tmp_path, EMEISHAN, ("预算数: 8.00, 执行数: 5.69", "预算数: 8.00, 执行数: 8.00"))
    assert ("峨眉山市医疗保障局为2019年3月新组建单位，部门绩效制定五个项目，目标完成均为100%。"
            "严格控制项目支出，按照工作进度有序开展工作，预算完成良好。") in lines(path)


def test_every_project_off_its_budget_is_listed(tmp_path: Path) -> None:
    path = variant(tmp_path, EMEISHAN, ("预算数: 4.16, 执行数: 4.16", "预算数: 4.16, 执行数: 4.00"),
                   ("组建时间: 2019年3月\n", ""))
    # 4.00 / 4.16 = 96.15%; the others still spent exactly; no 组建时间, no "new department" clause
    assert ("部门绩效制定五个项目，其中双创工作经费预算为4.16万元，预算完成了4.00万元，完成96.15%；"
            "医疗服务保障能力提升预算为8.00万元，预算完成了5.69万元，完成71.13%，其他目标完成均为100%。"
            "严格控制项目支出，按照工作进度有序开展工作，预算完成良好。") in lines(path)
    # and the project lines total the listed amounts: 4.00 + 2.15 + 246.73 + 5.69 + 34.80 = 293.37
    assert any(line.startswith("2.项目支出：293.37万元（其中双创工作经费：4.00万元，") for line in lines(path))


def test_without_its_breakdown_the_basic_spending_is_typed(tmp_path: Path) -> None:
    path = variant(tmp_path, EMEISHAN, ("基本支出明细:\n  人员经费: 57.40\n  日常公用经费: 12.57\n", ""),
                   ("支出:\n  项目支出: 293.53", "支出:\n  基本支出: 69.97\n  项目支出: 293.53"))
    text = lines(path)
    assert "1.基本费用：69.97万元。" in text and "1.基本支出：69.97万元。" in text


# ---------------------------------------------------------------- 四川-攀枝花-2019


def test_the_letter_is_signed_by_the_department_unless_told_otherwise(tmp_path: Path) -> None:
    assert lines(PANZHIHUA)[-2:] == ["攀枝花市医疗保障事务中心", "2020年9月15日"]
    path = variant(tmp_path, PANZHIHUA, ("日期: 2020年9月15日", "落款: 攀枝花市医疗保障事务中心（盖章）"))
    assert lines(path)[-1] == "攀枝花市医疗保障事务中心（盖章）"


def test_a_project_without_a_contract_states_its_spending(tmp_path: Path) -> None:
    path = variant(tmp_path, PANZHIHUA, ("      应付: {内容: 项目建设和服务维护费, 金额: 120}\n", ""),
                   ("      结余资金: 29.2\n", ""))
    assert ("市级专项资金为按疾病诊断相关分组（DRG）结合点数法付费改革工作专项资金，2019年该项目资金实现专款专用，"
            "全年预算数139.2万元，执行数为72万元，完成预算的51.72%。") in lines(path)


def test_sections_without_their_facts_are_left_out_with_their_numbers(tmp_path: Path) -> None:
    start, end = "年初结转结余:\n", "\n# 三、"
    text = PANZHIHUA.read_text(encoding="utf-8")
    path = variant(tmp_path, PANZHIHUA, (text[text.index(start):text.index(end)], ""),
                   ("  其他收入: 0.05\n", ""), ("其他资金来源: 利息收入\n", ""),
                   ("整体绩效目标:\n  全年数: 1089.83\n  完成数: 1060.63\n", "整体绩效目标:\n  全年数: 1089.83\n  完成数: 1089.83\n"))
    text = lines(path)
    assert not any("其他资金收支" in line for line in text)
    # nothing carried over when the whole target is met
    assert ("市医保中心全年预算主要用于保障正常运转、完成日常工作任务以及承担全市医保事业发展相关工作。"
            "2019年预算整体绩效目标全年数1089.83万元，实际完成数1089.83万元，执行率100%。") in text


# ---------------------------------------------------------------- 四川-阿坝-2018


def test_without_a_breakdown_the_spending_is_split_by_kind(tmp_path: Path) -> None:
    text = ABA.read_text(encoding="utf-8")
    start, end = "支出明细:\n", "\n# 三、"
    path = variant(tmp_path, ABA, (text[text.index(start):text.index(end)], ""))
    # 704.2 / 1335.66 = 52.72%, 631.46 / 1335.66 = 47.28%
    assert ("阿坝州医疗保险管理局2018年单位财政资金支出1335.66万元，其中：基本支出704.2万元，占52.72%；"
            "项目支出631.46万元，占47.28%。") in lines(path)


def test_head_counts_are_worded_when_no_description_is_given(tmp_path: Path) -> None:
    path = variant(tmp_path, ABA, ("    说明:\n      - 阿坝州医疗保险管理局核定编制数30名，实有在职职工25人，退休人员1人。\n",
                                   "    编制: 30\n    在职实有人员: 25\n"))
    assert "阿坝州医疗保险管理局编制30个，在职实有人员25人。" in lines(path)  # as 四川-邻水 words them


def test_as_an_attachment_the_report_is_labelled() -> None:
    from docgen.pipeline import prepare, render_prepared

    prepared = prepare(ABA)
    prepared.context["附件序号"] = 1
    assert document_text(render_prepared(prepared)).splitlines()[:2] == ["附件1", "阿坝州医疗保险管理局"]
