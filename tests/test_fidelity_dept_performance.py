"""The rendered 部门整体支出绩效评价 reports against their seeds, sentence by sentence.

Seed 001's is its 第四部分 附件; seeds 000, 002 and 003 print theirs as 附件1,
each cut out by the ``start``/``end`` markers of its spec.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen.testing import document_text, render_bytes
from fidelity_compare import differences, seed_text, sentences

from conftest import EXAMPLES

pytestmark = pytest.mark.usefixtures("seeds")  # skipped on a plain clone without ../shared

FIDELITY = Path(__file__).parent / "fidelity"

# (spec, data file, seed sentences, of which differing: each listed with its reason)
CASES = [
    # from the title to the end of 改进建议
    ("001-linshui-部门整体.yaml", EXAMPLES / "2022-linshui-附件" / "部门整体.yaml", 61, 3),
    ("000-aba-部门整体.yaml", EXAMPLES / "2018-aba-附件" / "部门整体.yaml", 41, 5),
    # the whole letter, from the sender's name to the date
    ("002-panzhihua-部门整体.yaml", EXAMPLES / "2019-panzhihua-附件" / "部门整体.yaml", 100, 3),
    ("003-emeishan-部门整体.yaml", EXAMPLES / "2019-emeishan-附件" / "部门整体.yaml", 63, 4),
]
IDS = [case[0] for case in CASES]


def load_spec(name: str) -> dict:
    return yaml.safe_load((FIDELITY / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("spec_name, data_file", [case[:2] for case in CASES], ids=IDS)
def test_every_difference_from_the_seed_is_reviewed(spec_name: str, data_file: Path) -> None:
    spec = load_spec(spec_name)
    actual = differences(seed_text(spec), document_text(render_bytes(data_file)))
    assert actual == [{"seed": d["seed"], "ours": d["ours"]} for d in spec["differences"]]
    assert all(d.get("reason") for d in spec["differences"]), "every difference needs its reason"


@pytest.mark.parametrize("spec_name, count, differing", [(c[0], c[2], c[3]) for c in CASES], ids=IDS)
def test_most_seed_sentences_match_exactly(spec_name: str, count: int, differing: int) -> None:
    spec = load_spec(spec_name)
    assert len(sentences(seed_text(spec))) == count
    assert sum(len(d["seed"]) for d in spec["differences"]) == differing
