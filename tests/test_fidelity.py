"""The rendered reports against their seeds, sentence by sentence (seed 001 whole, with its 附件;
the 部门决算 parts of seeds 000, 002 and 003)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen.testing import render_bytes
from fidelity_compare import differences, extracted_text, seed_text

from conftest import EXAMPLES

pytestmark = pytest.mark.usefixtures("seeds")  # skipped on a plain clone without ../shared

CASES = [
    ("001-linshui.yaml", EXAMPLES / "2022-linshui.yaml"),
    ("002-panzhihua.yaml", EXAMPLES / "2019-panzhihua.yaml"),
    ("003-emeishan.yaml", EXAMPLES / "2019-emeishan.yaml"),
    ("000-aba.yaml", EXAMPLES / "2018-aba.yaml"),
]


@pytest.mark.parametrize("spec_name, data_file", CASES)
def test_every_difference_from_the_seed_is_reviewed(spec_name: str, data_file: Path) -> None:
    spec = yaml.safe_load((Path(__file__).parent / "fidelity" / spec_name).read_text(encoding="utf-8"))
    ours = extracted_text(render_bytes(data_file))  # tables cell by cell, as the seeds' extraction writes them
    if spec.get("ours_end"):  # the attached reports that follow are compared on their own
        ours = ours[: ours.index(spec["ours_end"])]
    actual = differences(seed_text(spec), ours)
    reviewed = [{"seed": d["seed"], "ours": d["ours"]} for d in spec["differences"]]
    assert actual == reviewed
    assert all(d.get("reason") for d in spec["differences"]), "every difference needs its reason"


@pytest.mark.parametrize("spec_name, seed_sentences, differing", [
    # 386 seed sentences in the whole report; the 58 differing ones are all listed with reasons
    ("001-linshui.yaml", 386, 58),
    # 600 in the 部门决算 part; 388 of the 459 differing ones are the five project target tables left out
    ("002-panzhihua.yaml", 600, 459),
    # 453 in the 部门决算 part, its five project target tables printed from the attached projects; 19 of the 43
    # differing ones are the tables' 一级/二级 names, which the seed repeats on every row and the layout merges
    ("003-emeishan.yaml", 453, 43),
    # 186 in the 部门决算 part, its project target table printed from the attached project, cell for cell as the seed
    ("000-aba.yaml", 186, 26),
])
def test_the_seed_sentences_are_counted(spec_name: str, seed_sentences: int, differing: int) -> None:
    from fidelity_compare import sentences

    spec = yaml.safe_load((Path(__file__).parent / "fidelity" / spec_name).read_text(encoding="utf-8"))
    assert len(sentences(seed_text(spec))) == seed_sentences
    assert sum(len(d["seed"]) for d in spec["differences"]) == differing
