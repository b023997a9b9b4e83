"""The built-in 科目 catalogue (docgen/data/subjects.yaml) keeps its shape and its sourced names."""
from __future__ import annotations

import re

import pytest

from docgen.loader import load_file
from docgen.resources import data_file

PATH = data_file("subjects.yaml")
CATALOGUE: dict[str, dict[str, str]] = load_file(PATH).data
LEVELS = {3: "类", 5: "款", 7: "项"}


def _codes(length: int) -> list[str]:
    return [code for code in CATALOGUE if len(code) == length]


def test_every_code_is_a_类_款_or_项() -> None:
    assert CATALOGUE, "the catalogue is empty"
    bad = [code for code in CATALOGUE if not (isinstance(code, str) and re.fullmatch(r"\d{3}|\d{5}|\d{7}", code))]
    assert bad == []


def test_every_款_and_项_sits_under_entries_of_the_catalogue() -> None:
    orphans = [code for code in CATALOGUE
               if len(code) > 3 and any(code[:n] not in CATALOGUE for n in (3, 5) if n < len(code))]
    assert orphans == []


def test_entries_hold_a_name_and_at_most_an_explanation() -> None:
    wrong = {code: entry for code, entry in CATALOGUE.items()
             if not isinstance(entry, dict) or "名称" not in entry or set(entry) - {"名称", "说明"}
             or not all(isinstance(value, str) for value in entry.values())}
    assert wrong == {}


def test_names_are_bare_official_names() -> None:
    """No empty name, no stray spaces, no （类）/（款）/（项） label (docgen adds those itself)."""
    bad = {code: entry["名称"] for code, entry in CATALOGUE.items()
           if not entry["名称"] or entry["名称"] != entry["名称"].strip()
           or re.search(r"[（(](类|款|项)[）)]", entry["名称"])}
    assert bad == {}


def test_explanations_follow_the_seeds_convention() -> None:
    """Only 项 carry a 说明, and each reads 反映……。 like the seeds' 名词解释."""
    misplaced = [code for code, entry in CATALOGUE.items() if "说明" in entry and len(code) != 7]
    malformed = {code: entry["说明"] for code, entry in CATALOGUE.items()
                 if "说明" in entry and not (entry["说明"].startswith("反映") and entry["说明"].endswith("。"))}
    assert (misplaced, malformed) == ([], {})


def test_codes_are_in_order() -> None:
    """The 类 block comes first in code order; the 款 and 项 follow in code order, each 项 after its 款."""
    classes = [code for code in CATALOGUE if len(code) == 3]
    rest = [code for code in CATALOGUE if len(code) > 3]
    assert list(CATALOGUE) == classes + rest
    assert classes == sorted(classes)
    assert rest == sorted(rest)


def test_the_header_states_the_counts_of_the_entries() -> None:
    header = re.search(r"^# Counts: 类 (\d+), 款 (\d+), 项 (\d+), 说明 (\d+)$", PATH.read_text(encoding="utf-8"), re.M)
    assert header, "the header has lost its '# Counts:' line"
    explained = sum(1 for entry in CATALOGUE.values() if "说明" in entry)
    assert tuple(int(n) for n in header.groups()) == (len(_codes(3)), len(_codes(5)), len(_codes(7)), explained)


# Names confirmed by two independent sources (see the header of subjects.yaml):
# 202/203/204 by the treasury front end [F] (code and name) and the seed-002 template
# or the 2017 list [K]; the 208, 210 and 221 paths by the names in seeds 000, 001 and
# 003 and by seed 002, which writes the codes 2080109, 2101599 and 2210201 with their names.
@pytest.mark.parametrize(("code", "name"), [
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("221", "住房保障支出"),
    ("22102", "住房改革支出"),
    ("2210201", "住房公积金"),
    ("208", "社会保障和就业支出"),
    ("20801", "人力资源和社会保障管理事务"),
    ("2080109", "社会保险经办机构"),
    ("210", "卫生健康支出"),
    ("21015", "医疗保障管理事务"),
    ("2101599", "其他医疗保障管理事务支出"),
])
def test_names_confirmed_by_two_sources(code: str, name: str) -> None:
    assert CATALOGUE[code]["名称"] == name


def test_an_explanation_confirmed_by_two_seeds() -> None:
    # Seeds 001 and 002 give this sentence word for word (002 with a leading 指).
    assert CATALOGUE["2210201"]["说明"] == (
        "反映行政事业单位按人力资源和社会保障部、财政部规定的基本工资和津贴补贴以及规定比例为职工缴纳的住房公积金。")
