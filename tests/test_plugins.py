"""Report types and calculators are plugins, found through entry points like any third party's."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.calculation import merge_new_fields
from docgen.cli import main
from docgen.errors import DocgenError
from docgen.pipeline import report_types
from docgen.testing import document_text, render_bytes

from conftest import LINSHUI

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def third_party(monkeypatch: pytest.MonkeyPatch) -> None:
    """Put the fixture distribution `minireport` (not part of docgen) on sys.path."""
    monkeypatch.syspath_prepend(str(FIXTURES / "plugins"))


def test_a_report_type_from_another_package_renders(third_party, tmp_path: Path) -> None:
    data = tmp_path / "mini.yaml"
    data.write_text("type: 示例报告\n单位: 某县医保局\n收入: {甲: 1, 乙: 1, 丙: 1}\n", encoding="utf-8")
    # 最大余数 (the layout's rule): 33.33 each and the spare hundredth to the first -> 33.34
    assert document_text(render_bytes(data)) == (
        "某县医保局收入：甲1.00万元，占33.34%；乙1.00万元，占33.33%；丙1.00万元，占33.33%。\n")


def test_the_id_is_accepted_as_type(third_party, tmp_path: Path) -> None:
    data = tmp_path / "mini.yaml"
    data.write_text("type: mini\n单位: 某县\n收入: {甲: 3}\n", encoding="utf-8")
    assert document_text(render_bytes(data)) == "某县收入：甲3.00万元，占100.00%。\n"


def test_types_lists_every_type_and_layout_and_warns_of_broken_ones(third_party) -> None:
    result = CliRunner().invoke(main, ["types"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "警告 DG302: 插件 坏报告（docgen.report_types）加载失败：ModuleNotFoundError: No module named "
        "'minireport.does_not_exist'"]
    assert result.stdout.splitlines() == [
        "示例报告  [mini]  插件机制测试用的最小报告类型",
        "    简单（默认）  一段话的示例版式",
        "部门决算  [final-accounts]  部门决算情况说明：部门概况、决算情况说明、名词解释",
        "    云南-公开表  云南、甘肃的编排：第一部分 部门概况，第二部分 部门决算表（九张公开表），第三部分 部门决算情况说明，"
        "第四部分 名词解释",
        "    四川-峨眉山-2019  四川县级市部门决算（峨眉山市 2019 年版）：新组建部门的措辞，项级科目按类编号，无图表，"
        "名词解释注明无此项收支",
        "    四川-攀枝花-2019  四川市级部门决算（攀枝花市 2019 年版）：收入、支出总计分别与上年比较，列出全部收支项目（含 0），"
        "七个图表，名词解释按类",
        "    四川-邻水（默认）  四川县级部门决算（邻水县 2022 年版）：十一节决算情况说明，“三公”明细与接待清单",
        "    四川-阿坝-2018  四川州级部门决算（阿坝州 2018 年版）：科目以斜线分隔，基本支出逐项列出金额，十、预算绩效情况说明，"
        "国有资产列出固定资产价值，七个图表",
        "部门整体支出绩效评价  [dept-performance]  部门整体支出绩效自评报告：部门概况、财政资金收支、预算绩效管理、评价结论及建议",
        "    四川-峨眉山-2019  四川县级部门整体支出绩效评价（峨眉山市 2019 年版）：部门概况（内设机构），预算安排的收入与支出"
        "（基本、项目逐项），项目完成情况，评价结论；新组建部门的措辞",
        "    四川-攀枝花-2019  四川市级部门预算整体绩效评价自评报告（攀枝花市 2019 年版）：致市财政局的函，部门概况、"
        "财政资金收支与结转结余、市级与上级专项资金绩效目标、评价结论，落款与日期",
        "    四川-邻水（默认）  四川县级部门整体支出绩效自评报告（邻水县 2022 年度版）：部门概况、财政资金收支、预算绩效管理、评价结论及建议",
        "    四川-部门整体自评表  四川省部门整体支出绩效自评表：部门预算执行情况与执行率得分、年度总体目标、"
        "绩效指标（得分系数 × 权重、核心指标）、总分与等级",
        "    四川-阿坝-2018  四川州级部门整体支出绩效评价（阿坝州 2018 年版）：部门概况、财政资金收支（按科目列出支出及占比）、"
        "预算绩效管理（含专项预算）、评价结论及建议",
        "项目支出绩效自评  [project-performance]  项目支出绩效自评报告：项目概况、资金使用、指标体系得分与评价等级、经验问题与建议",
        "    云南-东川（默认）  云南项目支出预算绩效自评（东川区 2020 年版）：摘要，五部分正文，按一级、二级指标逐项写满分与得分",
        "    全国-自评表  项目支出绩效自评表（全国通用格式）：项目资金与执行率得分、年度总体目标、三级绩效指标、总分与等级",
        "    四川-峨眉山-2019  四川县级市项目支出绩效自评（峨眉山市 2019 年版）：项目概况与资金自评、资金计划到位及使用、财务管理、"
        "实施及管理、绩效、问题及建议",
        "    四川-攀枝花-2019  四川市级项目绩效评价（攀枝花市 2019 年版）：按省模板的提示语逐项作答：项目概况与绩效指标、"
        "资金申报及使用（预算完成率）、实施及管理、绩效、结论及建议",
        "    四川-自评表  四川省项目支出绩效自评表：预算执行情况（执行率得分）、年度总体目标、绩效指标（指标性质、权重、完成值）、"
        "总分与结论",
        "    四川-邻水  四川县级项目支出绩效自评（邻水县 2023 年版）：项目概况、资金申报及使用、实施及管理、绩效、结论及建议",
        "    四川-阿坝-2018  四川州级项目支出绩效评价（阿坝州 2018 年版）：评价工作开展及项目情况，评价结论及绩效分析（评分表），"
        "存在主要问题；可附项目支出绩效目标完成情况表",
    ]


def test_a_broken_unrelated_plugin_does_not_break_a_render(third_party, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(LINSHUI), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.docx").exists()


def test_listing_names_imports_no_plugin(third_party, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.delitem(sys.modules, "minireport", raising=False)
    assert report_types().names() == ["坏报告", "示例报告", "部门决算", "部门整体支出绩效评价", "项目支出绩效自评"]
    assert "minireport" not in sys.modules


def test_two_packages_claiming_one_name_is_an_error_naming_both(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(FIXTURES / "conflict"))
    assert "部门决算" in report_types().names()  # listing still works
    with pytest.raises(DocgenError) as caught:
        report_types().get("部门决算")
    problem = caught.value.problems[0]
    assert problem.code == "DG303"
    assert {problem.params["first"], problem.params["second"]} == {"docgen", "conflicting"}
    assert report_types().get("项目支出绩效自评").id == "project-performance"  # the other types are unaffected


def test_a_broken_layout_plugin_is_a_warning_of_docgen_types(broken_layout_plugin) -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "types"])
    assert result.exit_code == 0 and "四川-邻水（默认）" in result.stdout
    assert result.stderr.splitlines() == [
        "warning DG302: plugin 坏版式 (docgen.layouts) failed to load: ModuleNotFoundError: No module named "
        "'no_such_module'"]


def test_a_calculator_may_not_overwrite_an_input_field() -> None:
    data = {"收入": {"甲": Decimal("1")}, "行": [{"a": 1}]}
    merge_new_fields(data, {"收入": {"合计": Decimal("1")}, "行": [{"b": 2}]}, "ok")
    assert data == {"收入": {"甲": Decimal("1"), "合计": Decimal("1")}, "行": [{"a": 1, "b": 2}]}
    with pytest.raises(DocgenError) as caught:
        merge_new_fields(data, {"收入": {"甲": Decimal("2")}}, "bad.calculator")
    assert caught.value.problems[0].params == {"calculator": "bad.calculator", "name": "收入.甲"}


def test_every_built_in_schema_is_a_valid_schema() -> None:
    """Checked here once rather than on every run (docgen.validation.compiled_validator skips them)."""
    import json

    from jsonschema import Draft202012Validator

    from docgen.resources import bundled_dir

    schemas = sorted(bundled_dir("schemas").glob("*.schema.json"))
    assert len(schemas) == 4
    for path in schemas:
        Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture
def broken_layout_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An installed distribution whose docgen.layouts entry point cannot be loaded."""
    dist = tmp_path / "brokenlayouts-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: brokenlayouts\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[docgen.layouts]\n坏版式 = no_such_module:FOLDER\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))


def test_a_broken_layout_plugin_breaks_neither_renders_nor_listings(broken_layout_plugin, tmp_path: Path) -> None:
    from docgen.layouts import broken_plugins

    result = CliRunner().invoke(main, ["render", str(LINSHUI), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 0, result.output
    for command in (["types"], ["layout", "list"]):
        listing = CliRunner().invoke(main, command)
        assert listing.exit_code == 0 and "四川-邻水（默认）" in listing.output
    (problem,) = broken_plugins()
    assert (problem.code, problem.severity, problem.params["name"]) == ("DG302", "warning", "坏版式")
    assert problem.params["reason"] == "ModuleNotFoundError: No module named 'no_such_module'"


def test_hints_are_english_with_lang_en(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--lang", "en", "render", str(LINSHUI), "--layout", "四川-邻",
                                       "-o", str(tmp_path / "out.docx")])
    assert "has no layout 四川-邻; did you mean 四川-邻水?" in result.output
    assert "是否" not in result.output


def _listing_run(folder: Path, cache: Path) -> tuple[list[str], str, bool]:
    """In a new process with ``folder`` on sys.path: the docgen.layouts entry points (name = value), the
    version of docgen, and whether importlib.metadata had to be imported to tell them."""
    import ast
    import os
    import subprocess
    import sys

    code = ("import sys; sys.path.insert(0, sys.argv[1])\n"
            "from docgen.plugins import group_entry_points, installed_version\n"
            "print([f'{e.name} = {e.value}' for e in group_entry_points('docgen.layouts')])\n"
            "print(installed_version('docgen')); print('importlib.metadata' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, check=True,
                         env={**os.environ, "DOCGEN_CACHE_DIR": str(cache)}).stdout.splitlines()
    return ast.literal_eval(out[0]), out[1], out[2] == "True"


def test_the_installed_entry_points_come_from_the_disk_cache_until_a_distribution_changes(tmp_path: Path) -> None:
    from importlib.metadata import version

    folder, cache = tmp_path / "site", tmp_path / "cache"
    folder.mkdir()
    assert _listing_run(folder, cache) == ([], version("docgen"), True)  # scanned, and remembered
    assert _listing_run(folder, cache) == ([], version("docgen"), False)  # the same distributions: not scanned
    dist = folder / "newlayouts-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: newlayouts\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[docgen.layouts]\n新版式 = newlayouts:FOLDER\n", encoding="utf-8")
    assert _listing_run(folder, cache) == (["新版式 = newlayouts:FOLDER"], version("docgen"), True)
    (dist / "entry_points.txt").write_text("[docgen.layouts]\n新版式 = newlayouts.folders:SECOND\n", encoding="utf-8")
    assert _listing_run(folder, cache) == (["新版式 = newlayouts.folders:SECOND"], version("docgen"), True)
    assert _listing_run(folder, cache) == (["新版式 = newlayouts.folders:SECOND"], version("docgen"), False)


def test_an_entry_point_loads_what_its_value_names() -> None:
    from docgen.plugins import EntryPoint

    loaded = EntryPoint("x", "docgen.calculation : merge_new_fields [extra]", "g", "d").load()
    assert loaded is merge_new_fields
    assert EntryPoint("x", "docgen.plugins:EntryPoint.load", "g", "d").load() is EntryPoint.load
    with pytest.raises(ModuleNotFoundError):
        EntryPoint("x", "no_such_module:X", "g", "d").load()
