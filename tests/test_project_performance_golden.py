"""Golden files for the 项目支出绩效自评 examples: the document's text and the computed context.

One example per layout: 云南-东川 (seed 004), the Linshui matching-funds
project under 四川-邻水 (seed 001's first project report) and the 阿坝 project
under 四川-阿坝-2018 (seed 000's 附件2, with its 评分表 and its
项目支出绩效目标完成情况表). A changed golden
file is a claim that the new output is right: read its diff. Regenerate with
``pytest --force-regen`` and review before committing.
"""
from __future__ import annotations

import pytest

from docgen.testing import context_text, document_text, render_bytes

from conftest import EXAMPLES

CASES = {
    "dongchuan": EXAMPLES / "2020-dongchuan-离休.yaml",
    "linshui_matching_funds": EXAMPLES / "2022-linshui-附件" / "项目-城乡居民医疗保险参保县级匹配资金.yaml",
    "aba": EXAMPLES / "2018-aba-附件" / "项目-建档立卡大病补充商业保险.yaml",
}


@pytest.mark.parametrize("name", CASES)
def test_document_text(file_regression, name: str) -> None:
    file_regression.check(document_text(render_bytes(CASES[name])), extension=".txt", encoding="utf-8",
                          basename=f"{name}_document_text")


@pytest.mark.parametrize("name", CASES)
def test_computed_context(file_regression, name: str) -> None:
    file_regression.check(context_text(CASES[name]), extension=".yaml", encoding="utf-8",
                          basename=f"{name}_computed_context")
