"""The 项目支出绩效自评 examples against their seeds, sentence by sentence.

Seed 004 is one whole report; seed 001 holds four project reports in its
第四部分 附件 and seed 003 five in its 附件2, each cut out by the
``start``/``end`` markers of its spec (seed 002's one project report ends the
seed). Seed
000's 附件2 and the table in its 部门决算 are compared with the two parts of one
output, cut by the spec's ``ours_start``/``ours_end``. Tables are compared cell
by cell, as the seeds' text extraction writes them.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen.testing import render_bytes
from fidelity_compare import differences, extracted_text, seed_text, sentences

from conftest import EXAMPLES

pytestmark = pytest.mark.usefixtures("seeds")  # skipped on a plain clone without ../shared

FIDELITY = Path(__file__).parent / "fidelity"
LINSHUI = EXAMPLES / "2022-linshui-附件"
ABA = EXAMPLES / "2018-aba-附件" / "项目-建档立卡大病补充商业保险.yaml"
EMEISHAN = EXAMPLES / "2019-emeishan-附件"
PANZHIHUA = EXAMPLES / "2019-panzhihua-附件" / "项目-收入征管成本补助资金.yaml"

# (spec, data file, seed sentences, of which differing: each listed with its reason)
CASES = [
    ("004-dongchuan.yaml", EXAMPLES / "2020-dongchuan-离休.yaml", 90, 7),
    ("001-linshui-项目-城乡居民医疗保险参保县级匹配资金.yaml", LINSHUI / "项目-城乡居民医疗保险参保县级匹配资金.yaml", 45, 6),
    ("001-linshui-项目-离休干部医疗补助.yaml", LINSHUI / "项目-离休干部医疗补助.yaml", 48, 2),
    ("001-linshui-项目-医保基金征收及管理.yaml", LINSHUI / "项目-医保基金征收及管理.yaml", 46, 11),
    ("001-linshui-项目-城乡医疗救助补助资金.yaml", LINSHUI / "项目-城乡医疗救助补助资金.yaml", 45, 1),
    ("000-aba-项目.yaml", ABA, 124, 21),
    ("000-aba-项目-绩效目标完成情况表.yaml", ABA, 37, 0),
    ("002-panzhihua-项目-收入征管成本补助资金.yaml", PANZHIHUA, 66, 1),
    ("003-emeishan-项目-双创工作经费.yaml", EMEISHAN / "项目-双创工作经费.yaml", 35, 1),
    ("003-emeishan-项目-第一书记工作经费.yaml", EMEISHAN / "项目-第一书记工作经费.yaml", 33, 1),
    ("003-emeishan-项目-办公设备配置.yaml", EMEISHAN / "项目-办公设备配置.yaml", 35, 1),
    ("003-emeishan-项目-医疗保障服务能力提升.yaml", EMEISHAN / "项目-医疗保障服务能力提升.yaml", 36, 2),
    ("003-emeishan-项目-精准扶贫对象参加城乡居民医疗保险.yaml", EMEISHAN / "项目-精准扶贫对象参加城乡居民医疗保险.yaml", 33, 3),
]


def load_spec(name: str) -> dict:
    return yaml.safe_load((FIDELITY / name).read_text(encoding="utf-8"))


def our_text(spec: dict, data_file: Path) -> str:
    """The rendered text between the spec's ``ours_start`` and ``ours_end`` (the whole text without them)."""
    text = extracted_text(render_bytes(data_file))
    if spec.get("ours_start"):
        text = text[text.index(spec["ours_start"]):]
    if spec.get("ours_end"):
        text = text[: text.index(spec["ours_end"])]
    return text


@pytest.mark.parametrize("spec_name, data_file", [case[:2] for case in CASES], ids=[case[0] for case in CASES])
def test_every_difference_from_the_seed_is_reviewed(spec_name: str, data_file: Path) -> None:
    spec = load_spec(spec_name)
    actual = differences(seed_text(spec), our_text(spec, data_file))
    assert actual == [{"seed": d["seed"], "ours": d["ours"]} for d in spec["differences"]]
    assert all(d.get("reason") for d in spec["differences"]), "every difference needs its reason"


@pytest.mark.parametrize("spec_name, count, differing", [(c[0], c[2], c[3]) for c in CASES], ids=[c[0] for c in CASES])
def test_most_seed_sentences_match_exactly(spec_name: str, count: int, differing: int) -> None:
    spec = load_spec(spec_name)
    assert len(sentences(seed_text(spec))) == count
    assert sum(len(d["seed"]) for d in spec["differences"]) == differing


def test_the_linshui_cuts_hold_exactly_one_project_report_each() -> None:
    for spec_name in [case[0] for case in CASES if case[0].startswith("001-")]:
        text = seed_text(load_spec(spec_name))
        assert text.count("县级项目支出绩效自评报告") == 1, spec_name
        assert "部门整体" not in text and "收入决算结构图" not in text, spec_name


def test_the_aba_cuts_hold_the_project_report_and_its_table() -> None:
    report, table = (seed_text(load_spec(name)) for name in ("000-aba-项目.yaml", "000-aba-项目-绩效目标完成情况表.yaml"))
    assert report.count("项目支出绩效评价报告") == 1 and "部门整体" not in report and "项目决策（20分）" in report
    assert table.count("项目支出绩效目标完成情况表") == 1 and "项目完成指标" in table and "部门开展绩效评价" not in table


def test_the_emeishan_cuts_hold_exactly_one_project_report_each() -> None:
    for spec_name in [case[0] for case in CASES if case[0].startswith("003-")]:
        text = seed_text(load_spec(spec_name))
        assert text.count("项目支出绩效自评报告") == 1, spec_name
        assert "部门整体" not in text and "附件" not in text, spec_name


def test_the_panzhihua_cut_holds_only_its_project_report() -> None:
    text = seed_text(load_spec("002-panzhihua-项目-收入征管成本补助资金.yaml"))
    assert text.count("绩效评价报告") == 1 and "部门整体" not in text and "附件" not in text
