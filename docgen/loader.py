"""Read a YAML data file safely, keeping every value's position.

PyYAML's SafeLoader follows YAML 1.1: ``NO`` is false, ``010`` is 8,
``2024-01-05`` becomes a date and duplicate keys silently keep the last. A
finance report wants none of that, so this loader resolves only ``true`` /
``false``, plain decimal integers, and decimals, which become
:class:`decimal.Decimal` straight from their text (money is never a float).
Dates and everything else stay strings.

Amounts typed the way people type them are read as the number they mean, when
written without quotes: full-width digits (``６７９６．１６``), thousands
separators in their proper places (``6,796.16``) and the unit ``万元``
(``6796.16万元``). Anything else (``6796元``, ``1,23``) stays text, and the
schema then rejects it with a hint.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .errors import DocgenError, FieldPath, Location, Problem

#: Expanded node count above which a file is refused (alias "billion laughs").
MAX_NODES = 200_000


# libyaml's C parser when PyYAML was built with it (ten times faster), else pure Python.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader with a small, unsurprising set of implicit types."""

    yaml_implicit_resolvers: dict = {}


def _resolver(tag: str, pattern: str, first: str) -> None:
    _Loader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_resolver("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolver("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789")
_resolver("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$", "-+0123456789.")
_resolver("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])
_resolver("tag:yaml.org,2002:merge", r"^(?:<<)$", "<")
_AMOUNT_TAG = "tag:docgen,2024:amount"
_DIGIT = "[0-9０-９]"
_resolver(_AMOUNT_TAG, rf"^(?=.*[０-９．,，万])[-+]?(?:{_DIGIT}{{1,3}}(?:[,，]{_DIGIT}{{3}})+|{_DIGIT}+)(?:[.．]{_DIGIT}+)?(?:万元)?$",
          "-+0123456789０１２３４５６７８９")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.", ",，")


def _construct_decimal(loader: _Loader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node))


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    return int(loader.construct_scalar(node), 10)


def _construct_amount(loader: _Loader, node: yaml.ScalarNode) -> int | Decimal:
    """``６,７９６．１６万元`` -> Decimal('6796.16'); without a decimal point, an int."""
    text = loader.construct_scalar(node).removesuffix("万元").translate(_FULL_WIDTH)
    return Decimal(text) if "." in text else int(text, 10)


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
_Loader.add_constructor(_AMOUNT_TAG, _construct_amount)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)

#: The parsers' commonest complaints (PyYAML's and libyaml's wording), said in Chinese.
_YAML_HINTS = {
    "mapping values are not allowed here": "此处不能出现“键: 值”（冒号后的内容可能需要加引号）",
    "mapping values are not allowed in this context": "此处不能出现“键: 值”（冒号后的内容可能需要加引号）",
    "found character that cannot start any token": "此处的字符不能开始一个值（是否用了制表符 Tab 缩进，或需要加引号？）",
    "did not find expected '-' indicator": "列表项“- ”的缩进与上文不一致",
    "found undefined alias": "引用了未定义的别名（*名称）",
    "could not find expected ':'": "缺少冒号“:”",
    "found character '\\t' that cannot start any token": "不能用制表符（Tab）缩进，请改用空格",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合）",
    "did not find expected key": "缩进不一致，找不到应有的键",
    "expected <block end>, but found '<block sequence start>'": "列表项“- ”的缩进与上文不一致",
}


@dataclass
class LoadedDocument:
    """A parsed data file: its data plus what is needed to point into it."""

    path: Path
    data: dict[str, Any]
    root: yaml.Node
    lines: list[str]

    def part(self, field: FieldPath) -> "LoadedDocument":
        """The mapping at ``field`` as a document of its own (a report written inline)."""
        data: Any = self.data
        for step in field:
            data = data[step]
        return LoadedDocument(self.path, copy_data(data), _walk(self.root, field), self.lines)

    def typed_text(self, field: FieldPath) -> str | None:
        """The text written in the file for the scalar at ``field`` (None if it is not a scalar there)."""
        node = _walk(self.root, field)
        return node.value if isinstance(node, yaml.ScalarNode) and node is not self.root else None

    def locate(self, field: FieldPath, title: str | None = None) -> Location:
        """File position of ``field`` (or of its nearest existing parent)."""
        node = _walk(self.root, field)
        mark = node.start_mark
        return Location(str(self.path), mark.line + 1, mark.column + 1, tuple(field), title)


def copy_data(node: Any) -> Any:
    """A copy of YAML-shaped data (mappings, lists, immutable scalars); faster than deepcopy."""
    if isinstance(node, dict):
        return {key: copy_data(value) for key, value in node.items()}
    if isinstance(node, list):
        return [copy_data(value) for value in node]
    return node


def _walk(node: yaml.Node, field: FieldPath) -> yaml.Node:
    """Follow a jsonschema ``absolute_path`` through the composed node tree."""
    for step in field:
        if isinstance(node, yaml.MappingNode) and isinstance(step, str):
            match = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == step]
            if not match:
                return node
            node = match[-1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            return node
    return node


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        guess = ""
        try:
            raw.decode("gb18030")
            guess = "（看起来是 GBK/GB18030 编码）"
        except UnicodeDecodeError:
            pass
        line = raw[: exc.start].count(b"\n") + 1
        raise DocgenError.single("DG102", Location(str(path), line, None), guess=guess) from None


def _yaml_problem(exc: yaml.MarkedYAMLError, path: Path) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    reason = exc.problem or str(exc)
    reason = _YAML_HINTS.get(reason, reason)
    loc = Location(str(path), mark.line + 1, mark.column + 1) if mark else Location(str(path))
    return Problem("DG103", {"reason": reason}, loc)


def _reader_problem(exc: yaml.reader.ReaderError, text: str, path: Path) -> Problem:
    """Locate a forbidden character (libyaml counts bytes and gives a code, PyYAML characters)."""
    if isinstance(exc.character, int):
        code, before = exc.character, text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
    else:
        code, before = ord(exc.character), text[: exc.position]
    line_start = before.rfind("\n") + 1
    loc = Location(str(path), before.count("\n") + 1, len(before) - line_start + 1)
    return Problem("DG103", {"reason": f"文件中有不允许出现的控制字符 U+{code:04X}，请删除"}, loc)


def _duplicate_keys(node: yaml.Node, path: Path, seen: set[int]) -> list[Problem]:
    """Every key written twice in one mapping, anywhere in the tree."""
    if id(node) in seen:
        return []
    seen.add(id(node))
    problems: list[Problem] = []
    if isinstance(node, yaml.MappingNode):
        first: dict[str, int] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value != "<<":
                if key.value in first:
                    loc = Location(str(path), key.start_mark.line + 1, key.start_mark.column + 1)
                    problems.append(Problem("DG106", {"key": key.value, "first_line": first[key.value]}, loc))
                else:
                    first[key.value] = key.start_mark.line + 1
            problems.extend(_duplicate_keys(value, path, seen))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            problems.extend(_duplicate_keys(item, path, seen))
    return problems


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Node count once aliases are expanded, computed without expanding them."""
    if id(node) in memo:
        return memo[id(node)]
    memo[id(node)] = 1  # guards against recursive aliases
    if isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(v, memo) for v in node.value)
    else:
        size = 1
    memo[id(node)] = size
    return size


def load_text(text: str, path: Path) -> LoadedDocument:
    """Parse YAML text; raise :class:`DocgenError` with every problem found."""
    if not text.strip():
        raise DocgenError.single("DG104", Location(str(path)))
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise DocgenError.single("DG104", Location(str(path)))
        problems = _duplicate_keys(root, path, set())
        if problems:
            raise DocgenError(problems)
        if _expanded_size(root, {}) > MAX_NODES:
            raise DocgenError.single("DG208", Location(str(path), 1, 1),
                                     detail=f"展开别名后超过 {MAX_NODES} 个节点，文件过大")
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        raise DocgenError([_yaml_problem(exc, path)]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids, e.g. a control character
        raise DocgenError([_reader_problem(exc, text, path)]) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = {list: "列表", str: "文本"}.get(type(data), type(data).__name__)
        raise DocgenError.single("DG105", Location(str(path), 1, 1), actual=kind)
    return LoadedDocument(path, data, root, text.splitlines())


def load_file(path: str | Path) -> LoadedDocument:
    """Read and parse a YAML data file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocgenError.single("DG101", Location(str(path)), reason=exc.strerror or str(exc)) from None
    return load_text(_decode(raw, path), path)
