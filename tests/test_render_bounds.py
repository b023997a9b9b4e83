"""Hostile templates end in a clean DG4xx error, within the layout's time and size limits;
missing data is named by its path; caches see edits; compiled templates are kept on disk."""
from __future__ import annotations

import io
import os
import threading
import zipfile
from pathlib import Path

import pytest
from docx import Document

from docgen import diskcache
from docgen.errors import DocgenError
from docgen.formatting import safe_format
from docgen.output import document_bytes
from docgen.pipeline import find_report_type
from docgen.reporttype import Layout
from docgen.rendering import render_layout
from docgen.testing import document_text

from conftest import problem_of

#: Small bounds, so that every runaway case ends quickly.
TINY = "渲染时限秒: 0.5\n输出上限MB: 1\n"


def template_bytes(*paragraphs: str) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    return document_bytes(document)


def layout_with(tmp_path: Path, *paragraphs: str, settings: str = TINY, template: bytes | None = None) -> Layout:
    folder = tmp_path / "测试版式"
    folder.mkdir(exist_ok=True)
    (folder / "template.docx").write_bytes(template if template is not None else template_bytes(*paragraphs))
    (folder / "layout.yaml").write_text(settings, encoding="utf-8")
    return Layout("测试版式", "部门决算", folder)


RUNAWAY = [
    ("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}", "DG408"),
    ("{{ 7**999999999 }}", "DG418"),
    ("{% set ns = namespace(n=3) %}{% for i in range(40) %}{% set ns.n = ns.n * ns.n %}{% endfor %}", "DG418"),
    ("{{ 'x'*10**9 }}", "DG409"),
    ("{{ '%999999999d' % 1 }}", "DG409"),
    ("{{ '{:999999999}'.format(1) }}", "DG409"),
    ("{% for i in range(3000) %}{{ 部门 * 200 }}{% endfor %}", "DG409"),
    ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "DG407"),
    ("{{ {}.pop('x') }}", "DG404"),
    ("{{ [部门] }}", "DG419"),
    ("{{ 编号 }}", "DG419"),
]


@pytest.mark.parametrize("source, code", RUNAWAY)
def test_a_runaway_template_ends_in_a_clean_error(tmp_path: Path, source: str, code: str) -> None:
    problem = problem_of(layout_with(tmp_path, "开头", source))
    assert (problem.code, problem.params["layout"]) == (code, "测试版式")


def test_the_time_limit_names_the_paragraph_and_the_setting(tmp_path: Path) -> None:
    problem = problem_of(layout_with(tmp_path, "开头", "{% for i in range(99999) %}{% for j in range(99999) %}"
                                                      "{% endfor %}{% endfor %}"))
    assert problem.params == {"layout": "测试版式", "limit": "0.5", "paragraph": "{% for i in range(99999) %}"
                              "{% for j in range(99999) %}{% endfor %}{% endfor %}"}


def test_the_time_limit_holds_outside_the_main_thread(tmp_path: Path) -> None:
    layout = layout_with(tmp_path, "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}")
    caught: list[DocgenError] = []

    def render() -> None:
        try:
            render_layout(layout, {})
        except DocgenError as error:
            caught.append(error)

    thread = threading.Thread(target=render)
    thread.start()
    thread.join(10)
    assert [p.code for p in caught[0].problems] == ["DG408"]


def test_a_failing_str_method_is_a_template_error(tmp_path: Path) -> None:
    problem = problem_of(layout_with(tmp_path, "{{ '{x}'.format_map({}) }}"))
    assert (problem.code, problem.params["reason"]) == ("DG405", "KeyError: 'x'")


def test_printing_a_list_names_its_kind(tmp_path: Path) -> None:
    problem = problem_of(layout_with(tmp_path, "第一段", "收入：{{ 明细 }}"), {"明细": [1, 2]})
    assert problem.params == {"layout": "测试版式", "kind": "list", "paragraph": "收入：{{ 明细 }}"}


def test_data_text_with_escaped_braces_stays_as_typed(tmp_path: Path) -> None:
    layout = layout_with(tmp_path, "{{ 部门 }}")
    text = "某局 {_{ x }_} {_% y %_} a_b"
    assert document_text(render_layout(layout, {"部门": text})) == text + "\n"


def test_a_template_may_still_escape_its_own_braces(tmp_path: Path) -> None:
    layout = layout_with(tmp_path, "写作 {_{ 部门 }_}：{{ 部门 }}")
    assert document_text(render_layout(layout, {"部门": "某局"})) == "写作 {{ 部门 }}：某局\n"


# ------------------------------------------------------------------ the template file itself


def rezipped(data: bytes, drop: str = "", replace: dict[str, bytes] | None = None,
             add: dict[str, bytes] | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name != drop:
                target.writestr(name, (replace or {}).get(name, source.read(name)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def test_a_template_without_its_document_part(tmp_path: Path) -> None:
    problem = problem_of(layout_with(tmp_path, template=rezipped(template_bytes("x"), drop="word/document.xml")))
    assert (problem.code, problem.params["part"]) == ("DG414", "word/document.xml")


def test_a_template_with_broken_xml(tmp_path: Path) -> None:
    good = template_bytes("x")
    document = zipfile.ZipFile(io.BytesIO(good)).read("word/document.xml").replace(b"</w:body>", b"")
    problem = problem_of(layout_with(tmp_path, template=rezipped(good, replace={"word/document.xml": document})))
    assert (problem.code, problem.params["part"]) == ("DG415", "word/document.xml")
    assert problem.params["reason"].startswith("mismatched tag")


def test_a_template_with_a_doctype(tmp_path: Path) -> None:
    good = template_bytes("x")
    styles = zipfile.ZipFile(io.BytesIO(good)).read("word/styles.xml")
    bomb = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">]>' + styles[styles.index(b"<w:styles"):]
    problem = problem_of(layout_with(tmp_path, template=rezipped(good, replace={"word/styles.xml": bomb})))
    assert (problem.code, problem.params["part"]) == ("DG416", "word/styles.xml")


def test_a_zip_bomb_template_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    bomb = rezipped(template_bytes("x"), add={"word/media/zeros.bin": bytes(3 * 2**20)})
    problem = problem_of(layout_with(tmp_path, template=bomb, settings="输出上限MB: 100\n"))
    assert (problem.code, problem.params["part"], problem.params["size"]) == ("DG410", "word/media/zeros.bin", "3.0")


def test_a_template_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    big = rezipped(template_bytes("x"), add={"word/media/noise.bin": os.urandom(2 * 2**20)})
    problem = problem_of(layout_with(tmp_path, template=big))
    assert (problem.code, problem.params["limit"]) == ("DG410", "1.0")


def test_a_rendered_part_that_is_not_xml_is_never_packaged(tmp_path: Path) -> None:
    problem = problem_of(layout_with(tmp_path, "{{ '<w:p>'|safe }}"))
    assert (problem.code, problem.params["part"]) == ("DG417", "word/document.xml")


# ------------------------------------------------------------------ missing data, with its path


def test_a_missing_data_field_is_named_by_its_path(tmp_path: Path) -> None:
    layout = layout_with(tmp_path, "人员经费：{{ 一般公共预算财政拨款基本支出.人员经费.明细 }}")
    problem = problem_of(layout, {"一般公共预算财政拨款基本支出": {"人员经费": {"决算数": 1}}})
    assert problem.code == "DG406"
    assert problem.params == {"field": ("一般公共预算财政拨款基本支出", "人员经费", "明细"), "layout": "测试版式",
                              "name": "明细", "paragraph": "人员经费：{{ 一般公共预算财政拨款基本支出.人员经费.明细 }}"}


def test_a_missing_field_inside_a_loop_has_the_list_index(tmp_path: Path) -> None:
    layout = layout_with(tmp_path, "{% for 项 in 一般公共预算财政拨款基本支出.人员经费.明细 %}{{ 项.金额 }}{% endfor %}")
    context = {"一般公共预算财政拨款基本支出": {"人员经费": {"明细": [{"名称": "a", "金额": 1}, {"名称": "b"}]}}}
    assert problem_of(layout, context).params["field"] == ("一般公共预算财政拨款基本支出", "人员经费", "明细", 1, "金额")


def test_a_missing_top_level_field(tmp_path: Path) -> None:
    problem = problem_of(layout_with(tmp_path, "{{ 部门简称 }}"))
    assert (problem.code, problem.params["field"], problem.params["name"]) == ("DG406", ("部门简称",), "部门简称")


@pytest.mark.parametrize("source", ["{{ 本年收入总额 }}", "{{ 部门.简称 }}", "{{ 收入.合计额 }}"])
def test_a_name_that_is_no_data_field_is_a_template_typo(tmp_path: Path, source: str) -> None:
    problem = problem_of(layout_with(tmp_path, source), {"部门": "某局", "收入": {"合计": 1}})
    assert problem.code == "DG402" and "field" not in problem.params


# ------------------------------------------------------------------ layout settings


def test_the_safe_formatter_fills_only_plain_names() -> None:
    assert safe_format("{类}/{款}/{x}{0.__class__}{类.upper}{{}}", {"类": "甲", "款": "乙"}) == \
        "甲/乙/{x}{0.__class__}{类.upper}{}"


def test_a_subject_format_with_another_field_is_a_located_settings_error(tmp_path: Path) -> None:
    layout = layout_with(tmp_path, "x", settings="科目全称格式: \"{类}{x}\"\n")
    with pytest.raises(DocgenError) as caught:
        layout.settings
    (problem,) = caught.value.problems
    assert (problem.code, problem.location.line, problem.location.field) == ("DG206", 1, ("科目全称格式",))


@pytest.mark.parametrize("settings", ["渲染时限秒: 0\n", "输出上限MB: -1\n", "渲染时限秒: 一分钟\n"])
def test_the_bounds_must_be_positive_numbers(tmp_path: Path, settings: str) -> None:
    with pytest.raises(DocgenError):
        layout_with(tmp_path, "x", settings=settings).settings


# ------------------------------------------------------------------ caches


def touch(path: Path, content: bytes) -> None:
    """Write ``content`` with a modification time a second later, so that any clock resolution sees it."""
    before = path.stat().st_mtime_ns
    path.write_bytes(content)
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_an_edited_template_and_layout_are_seen_in_the_same_process(tmp_path: Path) -> None:
    folder = tmp_path / "final-accounts" / "测试版式"
    folder.mkdir(parents=True)
    (folder / "template.docx").write_bytes(template_bytes("第一版 {{ 金额|金额 }}"))
    (folder / "layout.yaml").write_text("金额格式: 两位小数\n", encoding="utf-8")
    report_type = find_report_type("部门决算")

    def text() -> str:
        return document_text(render_layout(report_type.layout("测试版式", templates=[tmp_path]), {"金额": 6}))

    assert text() == "第一版 6.00\n"
    touch(folder / "template.docx", template_bytes("第二版 {{ 金额|金额 }}"))
    assert text() == "第二版 6.00\n"
    touch(folder / "layout.yaml", "金额格式: 去掉末尾的零\n".encode())
    assert text() == "第二版 6\n"


def test_compiled_templates_are_kept_on_disk_and_give_the_same_bytes(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from docgen.rendering import _compiled_for

    cache = tmp_path / "cache"
    monkeypatch.setenv(diskcache.ENV_VAR, str(cache))
    layout = layout_with(tmp_path, "{{ 部门 }}收入{{ 金额|金额 }}万元")
    first = render_layout(layout, {"部门": "某局", "金额": 1})
    (entry,) = (cache / "templates").glob("*.bin")
    _compiled_for.cache_clear()  # as a new process would
    assert render_layout(layout, {"部门": "某局", "金额": 1}) == first
    entry.write_bytes(entry.read_bytes()[:-10])  # a damaged entry is a miss, never an error
    _compiled_for.cache_clear()
    assert render_layout(layout, {"部门": "某局", "金额": 1}) == first


def test_a_cache_folder_others_can_write_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "shared"
    cache.mkdir()
    cache.chmod(0o777)
    monkeypatch.setenv(diskcache.ENV_VAR, str(cache))
    diskcache.put("templates", "k", b"payload")
    assert diskcache.get("templates", "k") is None
    cache.chmod(0o755)
    diskcache.put("templates", "k", b"payload")
    assert diskcache.get("templates", "k") == b"payload"


def test_the_cache_keeps_the_recently_used_entries_within_its_size(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(diskcache.ENV_VAR, str(tmp_path))
    monkeypatch.setattr(diskcache, "MAX_BYTES", 2500)
    for n, key in enumerate("abc"):
        diskcache.put("t", key, bytes(1000))
        os.utime(tmp_path / "t" / f"{key}.bin", ns=(n * 10**9, n * 10**9))
    diskcache.put("t", "d", bytes(1000))
    assert sorted(p.stem for p in (tmp_path / "t").glob("*.bin")) == ["c", "d"]
