"""The 项目支出绩效自评 examples against their seeds, sentence by sentence.

Seed 004 is one whole report; seed 001 holds four project reports in its
第四部分 附件, each cut out by the ``start``/``end`` markers of its spec.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen.testing import document_text, render_bytes
from fidelity_compare import differences, seed_text, sentences

from conftest import EXAMPLES

FIDELITY = Path(__file__).parent / "fidelity"
LINSHUI = EXAMPLES / "2022-linshui-附件"

# (spec, data file, seed sentences, of which differing: each listed with its reason)
CASES = [
    ("004-dongchuan.yaml", EXAMPLES / "2020-dongchuan-离休.yaml", 90, 7),
    ("001-linshui-项目-城乡居民医疗保险参保县级匹配资金.yaml", LINSHUI / "项目-城乡居民医疗保险参保县级匹配资金.yaml", 45, 6),
    ("001-linshui-项目-离休干部医疗补助.yaml", LINSHUI / "项目-离休干部医疗补助.yaml", 48, 2),
    ("001-linshui-项目-医保基金征收及管理.yaml", LINSHUI / "项目-医保基金征收及管理.yaml", 46, 11),
    ("001-linshui-项目-城乡医疗救助补助资金.yaml", LINSHUI / "项目-城乡医疗救助补助资金.yaml", 45, 1),
]


def load_spec(name: str) -> dict:
    return yaml.safe_load((FIDELITY / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("spec_name, data_file", [case[:2] for case in CASES], ids=[case[0] for case in CASES])
def test_every_difference_from_the_seed_is_reviewed(spec_name: str, data_file: Path) -> None:
    spec = load_spec(spec_name)
    actual = differences(seed_text(spec), document_text(render_bytes(data_file)))
    assert actual == [{"seed": d["seed"], "ours": d["ours"]} for d in spec["differences"]]
    assert all(d.get("reason") for d in spec["differences"]), "every difference needs its reason"


@pytest.mark.parametrize("spec_name, count, differing", [(c[0], c[2], c[3]) for c in CASES], ids=[c[0] for c in CASES])
def test_most_seed_sentences_match_exactly(spec_name: str, count: int, differing: int) -> None:
    spec = load_spec(spec_name)
    assert len(sentences(seed_text(spec))) == count
    assert sum(len(d["seed"]) for d in spec["differences"]) == differing


def test_the_linshui_cuts_hold_exactly_one_project_report_each() -> None:
    for spec_name, *_ in CASES[1:]:
        text = seed_text(load_spec(spec_name))
        assert text.count("县级项目支出绩效自评报告") == 1, spec_name
        assert "部门整体" not in text and "收入决算结构图" not in text, spec_name
