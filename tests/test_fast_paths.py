"""The shortcuts a single render takes say exactly what the full path says.

A render reads nine data files; the loader skips work that cannot find
anything (a garbled-text scan of a text with no candidate, the alias
bookkeeping of a text without an anchor, PyYAML's generic resolver), and
charts bound before come from the disk cache. These tests hold each shortcut
to the full path it stands for.
"""
from __future__ import annotations

import os
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from docgen import charts, diskcache, loader
from docgen.errors import DocgenError

from conftest import EXAMPLES, ROOT

TEXTS = sorted(EXAMPLES.rglob("*.yaml"))


def _lines() -> list[str]:
    return [line for path in TEXTS for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("codec", ["gbk", "cp1252"])
def test_the_garbled_text_filter_lets_every_garbled_line_through(codec: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """UTF-8 read as GBK or Windows-1252 (as Notepad does) and saved again: each example line so damaged
    is found as the full scan finds it, and an undamaged one is passed over as the full scan passes it."""
    garbled = {line.encode("utf-8").decode(codec, "replace") for line in _lines()}
    fast = {text: loader._mojibake(text) for text in garbled | set(_lines())}
    monkeypatch.setattr(loader, "_READ_AS_GBK", re.compile(b""))  # matches everything: the full scan always
    assert fast == {text: loader._mojibake(text) for text in fast}
    assert sum(found is not None for found in fast.values()) > 100  # the damaged lines were there to find
    assert all(fast[line] is None for line in _lines())


def test_a_walk_without_anchors_finds_what_the_alias_aware_walk_finds() -> None:
    """Every example, and mistakes of each kind the walk reports, walked both ways: the same problems,
    and the count of a walk without anchors is the expanded size."""
    texts = [path.read_text(encoding="utf-8") for path in TEXTS] + [
        "a: !!float 1\nb: [1, 2]\n", "a:\n  b: 1\n  b: 2\n", "? [1]\n: x\n", "a: " + "[" * 60 + "]" * 60 + "\n",
        "a: '\\t'\nb: \"x\\ty\"\nc: 项目\t12.5\n", "a: 1234567890123456.5\n", "a: !!set {}\n", "?? : 1\n"]
    for text in texts:
        parser = loader._loader_class()(text)
        root = parser.get_single_node()
        lines = text.splitlines()
        plain, walked = loader._node_problems(root, parser, Path("x.yaml"), lines, shared=False)
        assert (plain, walked) == (loader._node_problems(root, parser, Path("x.yaml"), lines, shared=True)), text
        if not plain:
            assert walked == loader._expanded_size(root, {})
        parser.dispose()


def test_the_resolver_gives_pyyamls_tags() -> None:
    values = ["", "~", "null", "Null", "NULL", "true", "False", "TRUE", "yes", "NO", "0", "010", "-1", "+7", "1.5",
              ".5", "1.", "1e3", "6,796.16", "６７９６．１６", "6796.16万元", "12万元", "1,23", "<<", "<", "部门", "2022-01-05",
              "0x1F", "-", "+", "."]
    parser = loader._loader_class()("")
    for value in values:
        for implicit in ((True, False), (False, True), (False, False)):
            assert parser.resolve(yaml.ScalarNode, value, implicit) == \
                yaml.resolver.BaseResolver.resolve(parser, yaml.ScalarNode, value, implicit), (value, implicit)
    for kind in (yaml.SequenceNode, yaml.MappingNode):
        assert parser.resolve(kind, None, (True, False)) == yaml.resolver.BaseResolver.resolve(parser, kind, None,
                                                                                                (True, False))
    parser.dispose()


def test_a_chart_bound_before_comes_from_the_disk_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(diskcache.ENV_VAR, str(tmp_path))
    archive = zipfile.ZipFile(ROOT / "templates" / "final-accounts" / "四川-攀枝花-2019" / "template.docx")
    document = archive.read("word/document.xml").decode("utf-8")
    found = charts.find_charts(document, lambda name: archive.read(name) if name in archive.namelist() else None)
    pie = next(chart for chart in found if b"<c:pieChart>" in chart.xml)
    data = charts.ChartData(("甲", "乙", "丙"), (("金额", (Decimal("1.50"), Decimal("0"), Decimal("2E+1"))),))
    fresh = charts.bind_chart_xml(pie.xml, data, False, ("0.00", "0.00%"))
    assert fresh[2].categories == ("甲", "丙")  # a pie leaves out its zero
    assert charts._bound(pie.xml, data, False, ("0.00", "0.00%")) == fresh  # bound, and remembered
    monkeypatch.setattr(charts, "bind_chart_xml", None)  # from now on, binding would fail
    again = charts._bound(pie.xml, data, False, ("0.00", "0.00%"))
    assert again == fresh and repr(again) == repr(fresh)  # the same part and the same Decimals (1.50, 2E+1)
    for changed in ((pie.xml, data, True, ("0.00", "0.00%")), (pie.xml, data, False, ("General", "0.00%")),
                    (pie.xml, charts.ChartData(data.categories, (("金额", (Decimal("1.5"), Decimal("0"), Decimal("20"))),)),
                     False, ("0.00", "0.00%"))):
        with pytest.raises(TypeError):  # anything else is bound anew
            charts._bound(*changed)


def _paths(data: object, path: tuple = ()) -> list[tuple]:
    """Every field path of YAML-shaped data."""
    below = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    return [path] + [p for key, value in below for p in _paths(value, path + (key,))]


def _node_position(node: yaml.Node, field: tuple) -> tuple[int, int]:
    """Where PyYAML's composed tree puts ``field`` (or its nearest existing parent), 1-based."""
    for step in field:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            match = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == step]
            if not match:
                break
            node = match[-1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1, node.start_mark.column + 1


def test_a_file_parsed_before_comes_from_the_disk_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same data and the same positions (every field located, every scalar's typed text), without
    parsing; a changed file is parsed again, and a file with problems is never remembered."""
    monkeypatch.setenv(diskcache.ENV_VAR, str(tmp_path / "cache"))
    data = tmp_path / "report.yaml"
    data.write_text(EXAMPLES.joinpath("2022-linshui.yaml").read_text(encoding="utf-8")
                    + "别名:\n  基础: &base\n    甲: 1\n    乙: ６,７９６．１６万元\n  引用:\n    <<: *base\n    乙: 2\n",
                    encoding="utf-8")
    fresh = loader.load_file(data)
    monkeypatch.setattr(loader, "load_text", None)  # from now on, parsing would fail
    cached = loader.load_file(data)
    assert cached.data == fresh.data and repr(cached.data) == repr(fresh.data) and cached.lines == fresh.lines
    assert cached.data is not fresh.data
    fields = _paths(fresh.data) + [("别名", "引用", "丙"), ("没有这一项",), ("收入", 99)]
    assert [cached.locate(f) for f in fields] == [fresh.locate(f) for f in fields]
    parser = loader._loader_class()(data.read_text(encoding="utf-8"))
    root = parser.get_single_node()
    parser.construct_document(root)  # merge keys resolved, as when the file was loaded
    assert [(fresh.locate(f).line, fresh.locate(f).column) for f in fields] == [_node_position(root, f) for f in fields]
    assert [cached.typed_text(f) for f in fields] == [fresh.typed_text(f) for f in fields]
    assert fresh.typed_text(("别名", "基础", "乙")) == "６,７９６．１６万元"
    assert cached.locate(("别名", "引用", "甲")).line == fresh.locate(("别名", "基础", "甲")).line  # merged
    assert cached.part(("别名",)).locate(("引用", "乙")) == fresh.part(("别名",)).locate(("引用", "乙"))
    data.write_text(data.read_text(encoding="utf-8") + "新的: 1\n", encoding="utf-8")
    with pytest.raises(TypeError):  # changed: parsed again
        loader.load_file(data)
    monkeypatch.undo()
    monkeypatch.setenv(diskcache.ENV_VAR, str(tmp_path / "cache"))
    data.write_text("a: 1\na: 2\n", encoding="utf-8")
    for _ in range(2):  # DG106 both times: a file with problems is not remembered
        with pytest.raises(DocgenError) as caught:
            loader.load_file(data)
        assert [p.code for p in caught.value.problems] == ["DG106"]


def test_the_disk_cache_counts_a_namespace_again_only_when_it_may_be_full(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting a namespace costs a stat per entry: a process counts at its first write, then adds what it
    writes; past the bound it counts again and keeps the entries used last, nine tenths of the bound."""
    monkeypatch.setenv(diskcache.ENV_VAR, str(tmp_path))
    monkeypatch.setattr(diskcache, "MAX_BYTES", 10_000)
    counted: list[str] = []
    trim = diskcache._trim
    monkeypatch.setattr(diskcache, "_trim", lambda where: counted.append(where.name) or trim(where))
    for n in range(10):
        diskcache.put("t", f"k{n}", bytes(968))  # 1000 bytes with the digest
        os.utime(tmp_path / "t" / f"k{n}.bin", ns=(n * 10**9, n * 10**9))
    assert counted == ["t"]  # 10000 bytes: within the bound, counted once
    diskcache.put("t", "k10", bytes(968))
    assert counted == ["t", "t"]
    assert sorted(p.name for p in (tmp_path / "t").glob("*.bin")) == sorted(f"k{n}.bin" for n in range(2, 11))
