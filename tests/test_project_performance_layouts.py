"""The 项目支出绩效自评 layouts 四川-峨眉山-2019 (the five project reports of seed 003's
附件2) and 四川-攀枝花-2019 (seed 002's 附件2, answering the provincial template's prompts).

Golden files of each example (the document's text and the computed context),
``docgen layout check`` on each, and the layouts' own wording: the two ways
seed 003 states how the money arrived, the optional numbered points and
sections, seed 002's budget completion and its lettered indicators. A changed golden file is a claim that the new output is
right: read its diff (``pytest --force-regen``).
"""
from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.testing import context_of, context_text, document_text, render_bytes

from conftest import EXAMPLES

LAYOUT = "四川-峨眉山-2019"
EMEISHAN = EXAMPLES / "2019-emeishan-附件"
PROJECTS = ["双创工作经费", "第一书记工作经费", "办公设备配置", "医疗保障服务能力提升", "精准扶贫对象参加城乡居民医疗保险"]
CASES = {name: EMEISHAN / f"项目-{name}.yaml" for name in PROJECTS}
PANZHIHUA = EXAMPLES / "2019-panzhihua-附件" / "项目-收入征管成本补助资金.yaml"
#: golden-file name → (layout, example)
GOLDEN = {**{f"emeishan-{name}": (LAYOUT, path) for name, path in CASES.items()},
          "panzhihua-收入征管成本补助资金": ("四川-攀枝花-2019", PANZHIHUA)}
OFFICE, SERVICE = CASES["办公设备配置"], CASES["医疗保障服务能力提升"]


@pytest.mark.parametrize("name", GOLDEN)
def test_document_text(file_regression, name: str) -> None:
    file_regression.check(document_text(render_bytes(GOLDEN[name][1])), extension=".txt", encoding="utf-8",
                          basename=f"{name}-document")


@pytest.mark.parametrize("name", GOLDEN)
def test_computed_context(file_regression, name: str) -> None:
    file_regression.check(context_text(GOLDEN[name][1]), extension=".yaml", encoding="utf-8",
                          basename=f"{name}-context")


@pytest.mark.parametrize("name", GOLDEN)
def test_layout_check_finds_nothing_on_the_example(name: str) -> None:
    layout, data = GOLDEN[name]
    result = CliRunner().invoke(main, ["layout", "check", layout, "--type", "项目支出绩效自评", "--data", str(data)])
    assert (result.exit_code, result.output) == (0, f"版式 {layout}：0 个错误，0 个警告。\n")


def lines(data: Path) -> list[str]:
    return document_text(render_bytes(data)).splitlines()


def edited(tmp_path: Path, data: Path, old: str, new: str) -> Path:
    text = data.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "report.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_the_funds_figures_are_computed_not_typed() -> None:
    funds = context_of(SERVICE)["资金"]
    assert (funds["到位数"], funds["到位率"], funds["完成"]["完成率"], funds["未执行数"]) == (
        D("8.00"), D("100"), D("71.13"), D("2.31"))
    assert "到位数" not in yaml_keys(SERVICE) and "到位率" not in yaml_keys(SERVICE)


def yaml_keys(data: Path) -> set[str]:
    import yaml

    return set(yaml.safe_load(data.read_text(encoding="utf-8"))["资金"])


def test_funds_arrived_in_full_are_said_to_arrive_in_the_year_and_a_typed_arrival_is_only_stated() -> None:
    assert ("因我单位为新组建部门，资金由峨眉山市财政全额拨款，无其他资金来源，办公设备与家俱购置计划资金34.80万元，"
            "实际在2019年及时全额到位资金34.80万元，到位率100%。") in lines(OFFICE)
    assert "双创工作经费项目资金计划为4.16万元，实际到位4.16万元，到位率100%。" in lines(CASES["双创工作经费"])


def test_a_partial_arrival_gives_its_rate(tmp_path: Path) -> None:
    path = edited(tmp_path, CASES["双创工作经费"], "  到位数: 4.16\n", "  到位数: 3.12\n")
    assert "双创工作经费项目资金计划为4.16万元，实际到位3.12万元，到位率75%。" in lines(path)


def test_without_a_funds_name_the_sentence_names_the_project(tmp_path: Path) -> None:
    path = edited(tmp_path, SERVICE, "  资金名称: 医疗服务与保障能力提升\n", "")
    assert "医疗保障服务能力提升计划资金8.00万元，实际在2019年及时全额到位资金8.00万元，到位率100%。" in lines(path)


def test_the_title_falls_back_to_the_project_name(tmp_path: Path) -> None:
    path = edited(tmp_path, OFFICE, "标题项目名称: 办公设备与家俱购置费\n", "")
    assert lines(path)[:2] == ["办公设备配置", "项目支出绩效自评报告"]


def test_basic_information_alone_is_not_numbered(tmp_path: Path) -> None:
    text = CASES["双创工作经费"].read_text(encoding="utf-8")
    start = text.index("  立项依据:")
    path = tmp_path / "report.yaml"
    path.write_text(text[:start] + text[text.index("  绩效目标:"):], encoding="utf-8")
    out = lines(path)
    assert out[out.index("（一）项目基本情况") + 1] == "根据《峨眉山市创建国家卫生城市工作方案》等要求，对我单位负责的第三十四责任片区进行创卫、创文等工作。"


def test_problems_and_suggestions_close_the_report_only_when_given() -> None:
    assert lines(OFFICE)[-2] == "五、问题及建议"
    assert "五、问题及建议" not in lines(CASES["双创工作经费"])
    assert [line for line in lines(CASES["双创工作经费"]) if line[1:2] == "、"] == [
        "一、项目概况", "二、项目资金申报及使用情况", "三、项目实施及管理情况", "四、项目绩效情况"]


MINIMAL = """type: 项目支出绩效自评
版式: 四川-峨眉山-2019
部门: 某局
年度: 2021
项目名称: 某
项目概况: {基本情况: 基本情况, 绩效目标: 目标}
"""


def test_a_report_of_only_the_required_fields_leaves_out_every_other_section(tmp_path: Path) -> None:
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert [line for line in lines(path) if line] == [
        "某", "项目支出绩效自评报告", "一、项目概况", "（一）项目基本情况", "基本情况。", "（二）项目绩效目标", "目标。"]


def test_the_other_layouts_still_need_the_conclusion(tmp_path: Path) -> None:
    path = tmp_path / "minimal.yaml"
    path.write_text(MINIMAL.replace(LAYOUT, "四川-邻水"), encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(path), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 1
    # located in the data file (the field is missing: its parent, the top), with the field's Chinese title
    assert ("minimal.yaml:1:1: 错误 DG406: 评价结论及建议（云南-东川、四川-邻水、四川-阿坝-2018 版式须填写综述）: "
            "缺少 评价结论，版式 四川-邻水 需要它") in result.output


# ---------------------------------------------------------------- 四川-攀枝花-2019 (seed 002)


def test_the_budget_completion_and_the_unspent_amount_are_computed() -> None:
    funds = context_of(PANZHIHUA)["资金"]
    assert (funds["完成"]["完成率"], funds["未执行数"]) == (D("86.43"), D("12.89"))
    out = lines(PANZHIHUA)
    assert ("3．资金使用。全年预算数95万元，执行数为82.11万元，完成预算的86.43%。通过项目实施，保障日常基本运转的同时，"
            "开展异地就医宣传和扩面，定点医疗机构监管等工作。项目实施过程中未发生问题，年度指标值完成，尚未执行的预算金额"
            "12.89万元，发现其主要问题为：2019年末财政收回预算指标12.89万元。下一步改进措施：严格按照财政批复的预算指标，"
            "提前根据资金计划和用途，及时安排好各项支出。") in out


def test_the_indicators_are_lettered_after_the_templates_prompt() -> None:
    out = lines(PANZHIHUA)
    start = out.index("2．项目应实现的具体绩效目标，包括目标的量化、细化情况以及项目实施进度计划等。")
    assert [line[:2] for line in out[start + 1:start + 6]] == ["A.", "B.", "C.", "D.", "3．"]
    assert out[start + 2] == "B.质量指标：扩大异地备案范围、拓展备案渠道、开展容缺受理、简化报账资料"


def test_the_panzhihua_points_are_numbered_only_when_several(tmp_path: Path) -> None:
    text = PANZHIHUA.read_text(encoding="utf-8")
    path = tmp_path / "report.yaml"
    path.write_text(text[:text.index("  立项依据:")] + text[text.index("  绩效目标:"):text.index("  绩效指标:")]
                    + text[text.index("  自评步骤及方法:"):], encoding="utf-8")
    out = lines(path)
    assert out[out.index("（一）项目基本情况。") + 1].startswith("主管部门在该项目管理中的职能")
    assert out[out.index("（二）项目绩效目标。") + 1].startswith("项目主要内容是")
    assert out[out.index("（二）项目绩效目标。") + 2] == "（三）项目自评步骤及方法。"
