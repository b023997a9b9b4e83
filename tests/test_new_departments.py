"""Three 部门决算 examples for departments outside health and medical insurance, one per built-in layout style.

- examples/2022-司法局.yaml (四川-攀枝花-2019): 收入总计 ≠ 支出总计, non-fiscal income, prior-year 收入合计/支出合计;
- examples/2022-农业农村局.yaml (四川-邻水): no project list, no vehicles, no 其他重要事项, balanced carry-overs;
- examples/2022-街道办事处.yaml (四川-阿坝-2018): only the 三公 among the optional sections.

Their 功能分类 科目 (204, 213, 201) are not in the built-in catalogue: the data lists the 类, 款 and 项 rows with
their names, and gives a 说明 for some 项 only (the others stay out of the glossary). Golden files of each
example (the document's text and the computed context), then the key sentences with figures recomputed by hand.
A changed golden file is a claim that the new output is right: read its diff (``pytest --force-regen``).
"""
from __future__ import annotations

import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.testing import context_of, context_text, document_text, render_bytes

from conftest import EXAMPLES
from test_charts import cached, charts_of

JUSTICE = EXAMPLES / "2022-司法局.yaml"
AGRICULTURE = EXAMPLES / "2022-农业农村局.yaml"
STREET = EXAMPLES / "2022-街道办事处.yaml"
#: example, its layout, the 项 codes left out of the glossary (no known 说明)
EXAMPLES_ = [(JUSTICE, "四川-攀枝花-2019", ["2040604", "2040605"]),
             (AGRICULTURE, "四川-邻水", ["2130102", "2130108", "2130199"]),
             (STREET, "四川-阿坝-2018", ["2010302", "2010350", "2010399"])]
IDS = ["justice", "agriculture", "street"]


@pytest.fixture(scope="module")
def rendered() -> dict[Path, bytes]:
    """Each example rendered once."""
    return {data: render_bytes(data) for data, _, _ in EXAMPLES_}


def lines(rendered: dict[Path, bytes], data: Path) -> list[str]:
    return document_text(rendered[data]).splitlines()


def part(text: list[str], start: str, end: str) -> list[str]:
    """The lines from the one starting with ``start`` up to the one starting with ``end``."""
    first = next(i for i, line in enumerate(text) if line.startswith(start))
    return text[first:next(i for i, line in enumerate(text) if i > first and line.startswith(end))]


def headings(text: list[str]) -> list[str]:
    """The numbered sections (一、二、…) of 第二部分."""
    return [line for line in part(text, "第二部分", "第三部分") if re.match(r"[一二三四五六七八九十]+、", line)]


# ---------------------------------------------------------------- golden files, check and layout check


@pytest.mark.parametrize("data, layout, unexplained", EXAMPLES_, ids=IDS)
def test_document_text(data: Path, layout: str, unexplained: list[str], rendered: dict[Path, bytes],
                       file_regression) -> None:
    file_regression.check(document_text(rendered[data]), basename=f"{data.stem}-document", extension=".txt",
                          encoding="utf-8")


@pytest.mark.parametrize("data, layout, unexplained", EXAMPLES_, ids=IDS)
def test_computed_context(data: Path, layout: str, unexplained: list[str], file_regression) -> None:
    file_regression.check(context_text(data), basename=f"{data.stem}-context", extension=".yaml", encoding="utf-8")


@pytest.mark.parametrize("data, layout, unexplained", EXAMPLES_, ids=IDS)
def test_check_finds_nothing_and_notes_the_subjects_left_out_of_the_glossary(
        data: Path, layout: str, unexplained: list[str]) -> None:
    plain = CliRunner().invoke(main, ["check", str(data)])
    assert (plain.exit_code, plain.stdout) == (0, "数据正确。\n")
    # the agriculture bureau itemises 4 receptions beside 9 批次, as seed 001 does (tests/test_rules.py lists it)
    assert re.findall(r"警告 (DG\d+)", plain.stderr) == (["DG716"] if data.name == "2022-农业农村局.yaml" else [])
    verbose = CliRunner().invoke(main, ["check", "-v", str(data)])
    assert verbose.exit_code == 0 and verbose.output.endswith("数据正确。\n")
    assert re.findall(r"说明 DG710: .*科目 (\d+) ", verbose.output) == unexplained
    assert [x["编码"] for x in context_of(data)["名词解释未列科目"]] == unexplained


@pytest.mark.parametrize("data, layout, unexplained", EXAMPLES_, ids=IDS)
def test_layout_check_finds_nothing_on_the_example(data: Path, layout: str, unexplained: list[str]) -> None:
    result = CliRunner().invoke(main, ["layout", "check", layout, "--data", str(data)])
    assert (result.exit_code, result.output) == (0, f"版式 {layout}：0 个错误，0 个警告。\n")


# ---------------------------------------------------------------- 司法局: two totals, non-fiscal income


def test_justice_states_both_totals_and_both_changes(rendered: dict[Path, bytes]) -> None:
    text = lines(rendered, JUSTICE)
    # 760.00 + 48.20 + 4.20 = 812.40 against 786.50: +25.90, 25.90 / 786.50 = 3.293% -> 3.29
    # 612.35 + 186.45 = 798.80 against 779.30: +19.50, 19.50 / 779.30 = 2.502% -> 2.5 (去掉末尾的零)
    assert ("2022年度全年收入总计812.4万元。全年支出总计798.8万元。与2021年相比，收入总计增加25.9万元，增长3.29%。"
            "支出总计增加19.5万元，增长2.5%。主要变动原因是公证业务量增加、基层司法所规范化建设和普法宣传项目支出增加。") in text
    # 财政拨款: 760.00 against 725.00: +35, 4.828% -> 4.83; 752.30 against 718.60: +33.70, 4.690% -> 4.69
    assert ("2022年财政拨款收入总计760万元，财政拨款支出总计752.3万元。与2021年相比，财政拨款收入总计增加35万元，增长4.83%。"
            "财政拨款支出总计增加33.7万元，增长4.69%。主要变动原因是基层司法所规范化建设和普法宣传项目经费增加。") in text
    context = context_of(JUSTICE)
    totals = context["收支总计"]
    assert (context["收入总计"], context["支出总计"], totals["收支相等"]) == (D("812.40"), D("798.80"), False)
    assert (totals["变动"]["差额"], totals["变动"]["变动率"], totals["支出"]["变动"]["差额"],
            totals["支出"]["变动"]["变动率"]) == (D("25.90"), D("3.29"), D("19.50"), D("2.50"))


def test_justice_chart_has_an_income_and_a_spending_series(rendered: dict[Path, bytes]) -> None:
    chart, _ = charts_of(rendered[JUSTICE])["收支总计变动"]
    assert cached(chart, "c:tx") == ["收入总计", "支出总计"]
    assert cached(chart, "c:cat") == ["2021年度", "2022年度"] * 2
    assert [D(v) for v in cached(chart, "c:val")] == [D("786.50"), D("812.40"), D("779.30"), D("798.80")]


def test_justice_income_and_spending_are_compared_with_last_years_totals(rendered: dict[Path, bytes]) -> None:
    text = lines(rendered, JUSTICE)
    # 760 / 812.40 = 93.551%, 48.20 / 812.40 = 5.933%, 4.20 / 812.40 = 0.517%
    assert ("2022年本年收入合计812.4万元，其中：一般公共预算财政拨款收入760万元，占93.55%；事业收入48.2万元，占5.93%；"
            "其他收入4.2万元，占0.52%。与2021年决算数相比，本年收入合计增加25.9万元，增长3.29%。"
            "主要变动原因是公证业务量增加，事业收入相应增加。") in text
    # 612.35 / 798.80 = 76.660%, 186.45 / 798.80 = 23.341%
    assert ("2022年本年支出合计798.8万元，其中：基本支出612.35万元，占76.66%；项目支出186.45万元，占23.34%。"
            "与2021年决算数相比，本年支出合计增加19.5万元，增长2.5%。主要变动原因是司法所规范化建设和普法宣传项目支出增加。") in text


def test_justice_lines_carry_the_names_from_the_data(rendered: dict[Path, bytes]) -> None:
    text = lines(rendered, JUSTICE)
    detail = part(text, "2022年一般公共预算支出决算数为752.3万元", "六、")
    # 752.30 / 759.90 = 98.9999% -> 99; 72.40 / 80 = 90.5%
    assert detail[0] == "2022年一般公共预算支出决算数为752.3万元，完成预算99%。其中："
    assert [line.split("：")[0] for line in detail[1:5]] == [
        "1.公共安全支出（类）司法（款）行政运行（项）", "2.公共安全支出（类）司法（款）一般行政管理事务（项）",
        "3.公共安全支出（类）司法（款）基层司法业务（项）", "4.公共安全支出（类）司法（款）普法宣传（项）"]
    assert detail[3] == ("3.公共安全支出（类）司法（款）基层司法业务（项）：支出决算为72.4万元，完成预算90.5%。"
                         "决算数小于预算数的主要原因是两个司法所的业务用房维修跨年度实施，部分资金结转下年使用。")
    # 437.70 + 38.50 + 72.40 + 56.30 = 604.90, 604.90 / 752.30 = 80.407%
    assert "主要用于以下方面:公共安全支出604.9万元，占80.41%；" in "".join(text)


def test_justice_glossary_explains_only_the_subjects_with_a_known_explanation(rendered: dict[Path, bytes]) -> None:
    text = lines(rendered, JUSTICE)
    glossary = text[text.index("第三部分 名词解释"):]
    assert ("9.公共安全：2040601行政运行，指反映行政单位（包括实行公务员管理的事业单位）的基本支出。"
            "2040602一般行政管理事务，指反映行政单位（包括实行公务员管理的事业单位）未单独设置项级科目的其他项目支出。"
            ) in glossary
    assert not [line for line in glossary if "基层司法业务" in line or "普法宣传" in line]
    assert "17.机关运行经费：" in "".join(glossary)  # the report has the section


# ---------------------------------------------------------------- 农业农村局: no projects, no vehicles


def test_agriculture_has_no_project_section(rendered: dict[Path, bytes]) -> None:
    text = lines(rendered, AGRICULTURE)
    assert not [line for line in text if "项目支出决算情况说明" in line or "项目支出0" in line]
    # 702.85 / 1306.25 = 53.8067%; the project spending appears in the structure only
    assert "2022年本年支出合计1306.25万元，其中：基本支出702.85万元，占53.81%；项目支出603.40万元，占46.19%。" in text
    assert headings(text) == [
        "一、收入支出决算总体情况说明", "二、收入决算情况说明", "三、支出决算情况说明", "四、财政拨款收入支出决算总体情况说明",
        "五、一般公共预算财政拨款支出决算情况说明", "六、一般公共预算财政拨款基本支出决算情况说明",
        "七、“三公”经费财政拨款支出决算情况说明", "八、政府性基金预算支出决算情况说明", "九、国有资本经营预算支出决算情况说明"]


def test_agriculture_states_no_vehicle_count_and_no_other_matters(rendered: dict[Path, bytes]) -> None:
    text = lines(rendered, AGRICULTURE)
    whole = "".join(text)
    assert not re.search(r"\d+辆", whole)  # no count of vehicles (the glossary's 车辆购置支出 is no count)
    assert "其他重要事项" not in whole and "机关运行经费" not in whole
    cars = text.index("2.公务用车购置及运行维护费支出0万元，完成预算0%。公务用车购置及运行维护费支出决算与2021年持平。")
    assert text[cars + 1] == "公务用车运行维护费支出0万元。"  # typed 0: a fact
    assert text[cars + 2].startswith("3.公务接待费支出1.28万元，完成预算85.33%。公务接待费支出决算比2021年减少0.44万元，"
                                     "下降25.58%。")  # 1.28 / 1.50 = 85.333%; 0.44 / 1.72 = 25.581%


def test_agriculture_totals_balance_with_the_carry_overs(rendered: dict[Path, bytes]) -> None:
    text = lines(rendered, AGRICULTURE)
    # 1286.40 + 45.30 = 1306.25 + 25.45 = 1331.70 against 1402.60: -70.90, 5.0549% -> 5.05
    assert ("2022年度收、支总计1331.70万元。与2021年相比，收、支总计各减少70.90万元，下降5.05%。"
            "主要变动原因是2021年的农业生产救灾资金在本年未再安排。") in text
    # no prior 本年收入合计 in the data: no comparison
    assert "2022年本年收入合计1286.40万元，其中：一般公共预算财政拨款收入1286.40万元，占100%。" in text
    # 1306.25 / 1185 = 110.2321% -> 110.23
    assert ("财政拨款支出年初预算数1185万元，决算数1306.25万元，完成年初预算的110.23%。"
            "决算数大于年初预算数的主要原因是年中追加农作物重大病虫害防治和动物疫病防控经费。") in "".join(text)
    # 1306.25 / 1321.65 = 98.8348% -> 98.83
    assert "2022年一般公共预算支出决算数为1306.25万元，完成预算98.83%，完成年初预算的110.23%。其中：" in text


def test_agriculture_lines_and_glossary(rendered: dict[Path, bytes]) -> None:
    text = lines(rendered, AGRICULTURE)
    assert "5.农林水支出（类）农业农村（款）行政运行（项）：支出决算为248.75万元，完成预算100%。" in text
    # 214.60 / 230 = 93.3043% -> 93.3
    assert text[text.index("7.农林水支出（类）农业农村（款）事业运行（项）：支出决算为258.70万元，完成预算100%。") + 1] == (
        "8.农林水支出（类）农业农村（款）病虫害控制（项）：支出决算为214.60万元，完成预算93.3%。"
        "决算数小于预算数的主要原因是部分统防统治药剂政府采购合同在年末签订，资金结转下年支付。")
    glossary = text[text.index("第三部分 名词解释"):]
    assert [line.split("：")[0] for line in glossary if "农林水" in line] == [
        "7.农林水支出（类）农业农村（款）行政运行（项）", "8.农林水支出（类）农业农村（款）事业运行（项）"]
    assert glossary[-1].startswith("12.“三公”经费：")  # no 机关运行经费 section: no entry


# ---------------------------------------------------------------- 街道办事处: only part of the sections


def test_street_office_has_only_the_sections_its_data_gives(rendered: dict[Path, bytes]) -> None:
    text = lines(rendered, STREET)
    assert headings(text) == [
        "一、收入支出决算总体情况说明", "二、收入决算情况说明", "三、支出决算情况说明", "四、财政拨款收入支出决算总体情况说明",
        "五、一般公共预算财政拨款支出决算情况说明", "六、一般公共预算财政拨款基本支出决算情况说明",
        "七、“三公”经费财政拨款支出决算情况说明"]
    assert part(text, "第一部分", "第二部分")[1:4] == ["一、基本职能及主要工作", "（一）主要职能。",
                                                  "贯彻执行党和国家的路线、方针、政策和法律法规，落实区委、区政府的决策部署，统筹辖区经济社会发展。"]
    whole = "".join(text)
    for absent in ("重点工作", "政府性基金", "国有资本", "机关运行经费", "政府采购", "国有资产", "预算绩效", "其他重要事项"):
        assert absent not in whole, absent
    assert not re.search(r"\d+辆", whole)


def test_street_office_figures(rendered: dict[Path, bytes]) -> None:
    text = lines(rendered, STREET)
    # 1026.45 + 8.20 = 1022.20 + 12.45 = 1034.65 against 998.30: +36.35, 3.6412% -> 3.64
    assert ("2022年度收入、支出总计1034.65万元。较2021年相比增加36.35万元，增长3.64%。"
            "主要原因是人员工资调标和社区治理项目支出增加。") in text
    # by 类: 822.95 / 1021.35 = 80.574%, 122.65 -> 12.009%, 26.80 -> 2.624%, 48.95 -> 4.793%: 99.99%,
    # the missing 0.01 goes to the largest (占比补差: 最大项)
    assert ("2022年一般公共预算财政拨款支出1021.35万元，主要用于以下方面:一般公共服务支出822.95万元，占80.58%；"
            "社会保障和就业支出122.65万元，占12.01%；卫生健康支出26.8万元，占2.62%；住房保障支出48.95万元，占4.79%。") in text
    # 人员经费 nine items = 754.60, 公用经费 fourteen = 90.85; 754.60 + 90.85 = 845.45
    assert "2022年一般公共预算财政拨款基本支出845.45万元，其中：" in text
    assert context_of(STREET)["一般公共预算财政拨款基本支出"]["人员经费"]["合计"] == D("754.60")
    # 三公: 0 + 3.64 + 0.96 = 4.60 of 5.20 -> 88.4615%; hosting 0.96 against 0.88: +0.08 (no rate in this layout)
    assert "2022年“三公”经费财政拨款支出决算为4.6万元，完成预算88.46%。" in text
    assert "3.公务接待费支出0.96万元，完成预算80%。公务接待费支出决算比2021年增加0.08万元。" in "".join(text)


def test_street_office_lines_and_glossary(rendered: dict[Path, bytes]) -> None:
    text = lines(rendered, STREET)
    assert ("4.一般公共服务支出/政府办公厅（室）及相关机构事务/其他政府办公厅（室）及相关机构事务支出:"
            "支出决算为67.5万元，完成预算100%。") in text
    glossary = text[text.index("第三部分 名词解释"):]
    # only 2010301 has a 说明 (from the data): 2010302, 2010350 and 2010399 are left out
    assert [line for line in glossary if "政府办公厅" in line] == [
        "9.一般公共服务支出/政府办公厅（室）及相关机构事务/行政运行：反映行政单位（包括实行公务员管理的事业单位）的基本支出。"]
    assert glossary[-1].startswith("18.“三公”经费：") and "机关运行经费" not in "".join(glossary)
