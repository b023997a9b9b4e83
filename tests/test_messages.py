"""The message catalogue, the code that raises it and the docs stay in step."""
from __future__ import annotations

import re
import string

from docgen.messages import MESSAGES

from conftest import ROOT

SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docgen").rglob("*.py")
                   if p.name != "messages.py")
DOCS = (ROOT / "docs" / "错误与检查.md").read_text(encoding="utf-8")


def test_every_code_is_raised_somewhere() -> None:
    assert [code for code in MESSAGES if f'"{code}"' not in SOURCE] == []


def test_every_raised_code_has_a_message() -> None:
    raised = set(re.findall(r'"(DG\d{3})"', SOURCE))
    assert raised - set(MESSAGES) == set()


def test_every_code_is_documented() -> None:
    assert [code for code in MESSAGES if f"| {code} |" not in DOCS] == []


def test_chinese_and_english_take_the_same_parameters() -> None:
    fields = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}
    assert [code for code, (zh, en) in MESSAGES.items() if fields(zh) != fields(en)] == []
