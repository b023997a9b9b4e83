"""Read a YAML data file safely, keeping every value's position.

PyYAML's SafeLoader follows YAML 1.1: ``NO`` is false, ``010`` is 8,
``2024-01-05`` becomes a date and duplicate keys silently keep the last. A
finance report wants none of that, so this loader resolves only ``true`` /
``false``, plain decimal integers, and decimals, which become
:class:`decimal.Decimal` straight from their text (money is never a float).
Dates and everything else stay strings; keys are always the text written.

Amounts typed the way people type them are read as the number they mean, when
written without quotes: full-width digits (``６７９６．１６``), thousands
separators in their proper places (``6,796.16``) and the unit ``万元``
(``6796.16万元``). Anything else (``6796元``, ``1,23``) stays text, and the
schema then rejects it with a hint.

Whatever the bytes, the result is a document or a :class:`DocgenError` whose
problems are located and worded in the catalogue (never libyaml's English):
files saved in another encoding, tab indentation, rows pasted from Excel,
explicit tags (``!!float .inf``), keys that are lists, numbers too long to be
figures, nesting too deep and files too large are all told apart. Files are
read bounded: only regular files, at most :data:`MAX_FILE_BYTES`, checked
before reading. A file parsed before without problems, byte for byte, comes
from docgen's disk cache (its data and the positions of its values), so a run
on data that did not change does not import PyYAML.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import pickle
import re
import stat
import sys
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from . import diskcache
from .errors import DocgenError, FieldPath, Location, Problem

if TYPE_CHECKING:  # imported where a file is parsed: a run whose files come from the disk cache does not need it
    import yaml

_CACHE = "parsed-data"  # disk cache namespace: data files parsed and found without problems
#: Expanded node count above which a file is refused (alias "billion laughs").
MAX_NODES = 200_000
#: Largest data file read (checked with fstat before reading, and while reading).
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Deepest nesting of mappings and lists accepted (real data files nest about 6 deep).
MAX_DEPTH = 50
#: Digits a number may have before and after its decimal point (万元 amounts need far fewer).
MAX_INTEGER_DIGITS = 15
MAX_FRACTION_DIGITS = 10


_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_MAP, _SEQ, _MERGE = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:merge"
_AMOUNT_TAG = "tag:docgen,2024:amount"
_DIGIT = "[0-9０-９]"
#: The implicit types: tag, pattern, the characters a value of that type can begin with.
_IMPLICIT = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_INT, r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    (_FLOAT, r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)$", "-+0123456789."),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (_MERGE, r"^(?:<<)$", "<"),
    (_AMOUNT_TAG, rf"^(?=.*[０-９．,，万])[-+]?(?:{_DIGIT}{{1,3}}(?:[,，]{_DIGIT}{{3}})+|{_DIGIT}+)(?:[.．]{_DIGIT}+)?(?:万元)?$",
     "-+0123456789０１２３４５６７８９"),
)
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.", ",，")


@lru_cache(maxsize=1)
def _loader_class() -> type:
    """SafeLoader with a small, unsurprising set of implicit types and text keys (made on first use:
    a run whose files all come from the disk cache does not import PyYAML)."""
    import yaml

    # libyaml's C parser when PyYAML was built with it (ten times faster), else pure Python.
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _Loader(base):  # type: ignore[misc, valid-type]
        yaml_implicit_resolvers: dict = {}
        yaml_constructors: dict = {}

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
            """Keys are the text written (``1: x`` has the key "1"); :func:`_node_problems` ensured they are scalars."""
            self.flatten_mapping(node)
            return {key.value: self.construct_object(value, deep=deep) for key, value in node.value}

        def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
            """PyYAML's ``resolve`` for what is registered here (no wildcard or path resolvers): the same
            tag, with less work for each of the thousands of scalars of a data file."""
            if kind is yaml.ScalarNode:
                if implicit[0]:
                    for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                        if pattern.match(value):
                            return tag
                return self.DEFAULT_SCALAR_TAG
            return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG

    for tag, pattern, first in _IMPLICIT:
        _Loader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))
    for tag, constructor in {
        "tag:yaml.org,2002:null": _Loader.construct_yaml_null, "tag:yaml.org,2002:bool": _Loader.construct_yaml_bool,
        _INT: _construct_int, _FLOAT: _construct_decimal, _AMOUNT_TAG: _construct_amount,
        _STR: _Loader.construct_yaml_str, _MERGE: _Loader.construct_yaml_str,
        _SEQ: _Loader.construct_yaml_seq, _MAP: _Loader.construct_yaml_map,
    }.items():
        _Loader.add_constructor(tag, constructor)
    return _Loader


def _construct_decimal(loader: Any, node: yaml.ScalarNode) -> Decimal:
    return Decimal(node.value)


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int:
    return int(node.value, 10)


def _construct_amount(loader: Any, node: yaml.ScalarNode) -> int | Decimal:
    """``６,７９６．１６万元`` -> Decimal('6796.16'); without a decimal point, an int."""
    text = _amount_text(node.value)
    return Decimal(text) if "." in text else int(text, 10)


def _amount_text(value: str) -> str:
    return value.removesuffix("万元").translate(_FULL_WIDTH)


_NUMBER_TAGS = (_INT, _FLOAT, _AMOUNT_TAG)

#: libyaml's (and PyYAML's) complaints said in Chinese, by how the English begins; first match wins.
_YAML_REASONS = (
    ("mapping values are not allowed", "此处不能出现“键: 值”（冒号后的内容可能需要加引号）"),
    ("found unexpected ':'", "此处不能出现“键: 值”（冒号后的内容可能需要加引号）"),
    ("did not find expected '-' indicator", "列表项“- ”的缩进与上文不一致"),
    ("expected <block end>, but found '<block sequence start>'", "列表项“- ”的缩进与上文不一致"),
    ("block sequence entries are not allowed", "此处不能出现列表项“- ”（缩进不对，或“- ”应另起一行）"),
    ("mapping keys are not allowed", "此处不能出现键（缩进不对？）"),
    ("found undefined alias", "引用了未定义的别名（*名称）"),
    ("found duplicate anchor", "锚点（&名称）重复"),
    ("could not find expected ':'", "缺少冒号：键和值之间应写英文冒号加空格“: ”"),
    ("found unexpected end of stream", "引号或括号没有闭合"),
    ("did not find expected ',' or ']'", "方括号“[”没有闭合，或其中的项之间缺少逗号"),
    ("did not find expected ',' or '}'", "花括号“{”没有闭合，或其中的项之间缺少逗号"),
    ("did not find expected key", "缩进不一致，找不到应有的键"),
    ("did not find expected node content", "此处缺少值"),
    ("did not find expected comment or line break", "值之后还有多余的内容（例如引号之后又写了文字）"),
    ("found unknown escape character", "双引号中的反斜杠“\\”后是不认识的字符：文字中的反斜杠请改用单引号，或写成“\\\\”"),
    ("found invalid Unicode character escape", "双引号中的 \\u 或 \\x 转义写得不对"),
    ("expected a single document", "文件中有第二份文档（“---”之后）：一个文件只写一份报告数据"),
    ("but found another document", "文件中有第二份文档（“---”之后）：一个文件只写一份报告数据"),
    ("found unexpected document indicator", "行首的“---”或“...”表示文档边界：文字中有它时请加引号"),
    ("expected a mapping or list of mappings for merging", "合并键“<<”之后应为映射（*名称）"),
    ("expected a mapping for merging", "合并键“<<”之后应为映射（*名称）"),
)
_CANNOT_START = "此处的字符“{char}”不能开始一个值：请给这个值加引号"
_SPECIAL_START = "“{char}”在 YAML 中有特殊含义，不能这样开始一个值：请给这个值加引号"
_TAB_INDENT = "这一行用了制表符（Tab）缩进：YAML 只能用空格缩进，请把 Tab 换成空格"
_FULL_WIDTH_COLON = "用了中文冒号“：”：键和值之间应写英文冒号加空格“: ”"
_NO_SPACE_COLON = "冒号之后缺少空格：应写“键: 值”"
_UNCLOSED_QUOTE = "这一行的引号没有闭合（到第 {line} 行才找到下一个引号）"
_OTHER = "这里的写法不合 YAML 格式：请检查这一行和上一行的缩进（只能用空格）、冒号（“键: 值”）和引号"


#: Where a value is written: (line, column, what is below it), both 0-based; below a mapping, its values
#: by key (the last of a key written twice); below a list, its items; a scalar: the text as written.
Spot = tuple[int, int, Any]


@dataclass
class LoadedDocument:
    """A parsed data file: its data plus what is needed to point into it."""

    path: Path
    data: dict[str, Any]
    root: Spot
    lines: list[str]

    def part(self, field: FieldPath) -> "LoadedDocument":
        """The mapping at ``field`` as a document of its own (a report written inline)."""
        data: Any = self.data
        for step in field:
            data = data[step]
        return LoadedDocument(self.path, copy_data(data), _walk(self.root, field), self.lines)

    def typed_text(self, field: FieldPath) -> str | None:
        """The text written in the file for the scalar at ``field`` (None if it is not a scalar there)."""
        spot = _walk(self.root, field)
        return spot[2] if isinstance(spot[2], str) and spot is not self.root else None

    def locate(self, field: FieldPath, title: str | None = None) -> Location:
        """File position of ``field`` (or of its nearest existing parent)."""
        line, column, _ = _walk(self.root, field)
        return Location(str(self.path), line + 1, column + 1, tuple(field), title)


def copy_data(node: Any) -> Any:
    """A copy of YAML-shaped data (mappings, lists, immutable scalars); faster than deepcopy."""
    if isinstance(node, dict):
        return {key: copy_data(value) for key, value in node.items()}
    if isinstance(node, list):
        return [copy_data(value) for value in node]
    return node


def _walk(spot: Spot, field: FieldPath) -> Spot:
    """Follow a jsonschema ``absolute_path`` through the positions of a document."""
    for step in field:
        below = spot[2]
        if isinstance(below, dict) and isinstance(step, str):
            if step not in below:
                return spot
            spot = below[step]
        elif isinstance(below, list) and isinstance(step, int) and step < len(below):
            spot = below[step]
        else:
            return spot
    return spot


def _spots(root: yaml.Node) -> Spot:
    """The positions of a composed (and constructed: merge keys resolved) node tree; a node reached
    through several aliases is converted once."""
    import yaml

    memo: dict[int, Spot] = {}

    def spot(node: yaml.Node) -> Spot:
        if id(node) not in memo:
            if isinstance(node, yaml.MappingNode):
                below: Any = {key.value: spot(value) for key, value in node.value}
            elif isinstance(node, yaml.SequenceNode):
                below = [spot(item) for item in node.value]
            else:
                below = node.value
            memo[id(node)] = (node.start_mark.line, node.start_mark.column, below)
        return memo[id(node)]

    return spot(root)


# --- bytes -> text ---------------------------------------------------------------------------------------------

def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters, as ``source_lines`` shows them) of byte ``offset``."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[line_start:offset].decode("utf-8", "replace")) + 1


#: Leading bytes of files people give by mistake, by the format they are.
_BINARY_KINDS = ((b"PK\x03\x04", "Word/Excel (.docx/.xlsx)"), (b"\xd0\xcf\x11\xe0", "Word/Excel 97-2003 (.doc/.xls)"),
                 (b"%PDF", "PDF"), (b"\x89PNG", "PNG"), (b"\xff\xd8\xff", "JPEG"))


def _decode(raw: bytes, path: Path) -> str:
    """UTF-8 text (a byte order mark is dropped); other encodings and binary files are told apart."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # what Windows Notepad calls "Unicode"
        raise DocgenError.single("DG102", Location(str(path), 1, 1), encoding="UTF-16")
    kind = next((kind for magic, kind in _BINARY_KINDS if raw.startswith(magic)), None)
    if kind or raw[:8192].count(b"\x00") > 80:  # one stray NUL is a typo the YAML reader locates
        raise DocgenError.single("DG117", Location(str(path)), kind=kind or "binary")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        row = raw[raw.rfind(b"\n", 0, exc.start) + 1: (raw.find(b"\n", exc.start) + 1 or len(raw) + 1) - 1]
        encoding = "Windows-1252" if not _decodes(row, "gb18030") and _decodes(row, "cp1252") else "GBK/GB18030"
        raise DocgenError.single("DG102", Location(str(path), line, column), encoding=encoding) from None


def _decodes(raw: bytes, codec: str) -> bool:
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


# The patterns of this module are compiled on first use (by ``re``'s cache): a run whose files all come
# from the disk cache parses nothing, and compiling these costs milliseconds.
_CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
#: Runs of characters that UTF-8 Chinese turns into when read as Windows-1252 (éƒ¨é—¨) or as GBK (閮ㄩ棬).
_LATIN_RUN = (r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
              r"\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{3,}")
_CJK_RUN = r"[\u2e80-\u9fff\uf900-\uffef]{2,}"


#: Two of the Chinese characters :func:`_undo` counts, as UTF-8 bytes with valid UTF-8 between them (the
#: byte classes take in a little more than exactly those): what the GBK bytes of a garbled run must hold.
_UTF8_CJK = rb"(?:[\xe3-\xe9][\x80-\xbf]{2}|\xef[\xa4-\xab][\x80-\xbf])"
_UTF8_CHAR = rb"(?:[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3})"
_READ_AS_GBK = _UTF8_CJK + _UTF8_CHAR + rb"*?" + _UTF8_CJK


def _mojibake(text: str) -> tuple[int, int, str, str] | None:
    """The first run of garbled Chinese: (line, column, as written, as meant)."""
    if not re.search(_LATIN_RUN, text) and not re.search(_READ_AS_GBK, text.encode("gbk", "replace")):
        return None  # nothing _undo could take back (one pass over the whole text, not one per run)
    for number, line in enumerate(text.splitlines(), start=1):
        for pattern, codec in ((_LATIN_RUN, "cp1252"), (_CJK_RUN, "gbk")):
            for match in re.finditer(pattern, line):
                meant = _undo(match.group(), codec)
                if meant:
                    return number, match.start() + 1, match.group(), meant
    return None


def _undo(run: str, codec: str) -> str | None:
    """What ``run`` said before UTF-8 bytes were read as ``codec``, if that is Chinese."""
    try:
        raw = b"".join(map(_cp1252_byte, run)) if codec == "cp1252" else run.encode(codec)
        meant = codecs.utf_8_decode(raw, "strict", False)[0]  # a character cut off at the end is left out
    except (UnicodeError, ValueError):
        return None
    return meant if len(re.findall(_CJK, meant)) >= 2 and not re.search(r"[\u0080-\u00ff]", meant) else None


def _cp1252_byte(ch: str) -> bytes:
    """The byte Windows wrote for ``ch`` (its five undefined cp1252 bytes come back as C1 controls)."""
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        return ch.encode("latin-1")


# --- text -> nodes ---------------------------------------------------------------------------------------------

_ROW = r"^[ ]*(?:- )?([^\t:#\"'\s][^\t:#\"']*)\t+([^\t]*)"


def _pasted_row(line: str) -> tuple[int, str] | None:
    """``一般公共预算财政拨款收入<Tab>5996.78`` -> (column, "一般公共预算财政拨款收入: 5996.78")."""
    match = re.match(_ROW, line)
    if not match or not match.group(2).strip():
        return None
    return match.start(1) + 1, f"{match.group(1).strip()}: {match.group(2).strip()}"


def _yaml_problem(exc: yaml.MarkedYAMLError, text: str, path: Path) -> Problem:
    """A parser complaint in Chinese, at the line that causes it (not where libyaml gave up)."""
    lines = text.splitlines()
    mark = exc.problem_mark or exc.context_mark
    line = mark.line if mark else 0
    reason = exc.problem or ""
    pasted = _first_pasted_row(lines, line)
    if pasted is not None:
        column, example = _pasted_row(lines[pasted])
        return Problem("DG109", {"example": example}, Location(str(path), pasted + 1, column))
    tab = _tab_indent(lines, line)
    if tab:
        return Problem("DG103", {"reason": _TAB_INDENT}, Location(str(path), *tab))
    quote = _open_quote(text, line)
    if quote:
        start, end = quote
        return Problem("DG103", {"reason": _UNCLOSED_QUOTE.format(line=end.line + 1)},
                       Location(str(path), start.line + 1, start.column + 1))
    if reason.startswith(("found unexpected end of stream", "did not find expected ','", "could not find expected ':'",
                          "found unknown escape", "found invalid Unicode")) and exc.context_mark:
        mark = exc.context_mark  # where the quote, bracket or key began
    if "tag" in (exc.context or "") and exc.context_mark:
        mark, reason = exc.context_mark, "found undefined tag handle"
    where = Location(str(path), mark.line + 1, mark.column + 1) if mark else Location(str(path))
    written = lines[mark.line] if mark and mark.line < len(lines) else ""
    return Problem("DG103", {"reason": _reason(reason, written, mark.column if mark else 0)}, where)


def _first_pasted_row(lines: list[str], line: int) -> int | None:
    """The first of the pasted rows on, or at most two lines above, the error's ``line`` (0-based)."""
    found = next((n for n in range(min(line, len(lines) - 1), line - 3, -1) if n >= 0 and _pasted_row(lines[n])), None)
    while found and _pasted_row(lines[found - 1]):
        found -= 1
    return found


def _reason(problem: str, written: str, column: int) -> str:
    """The Chinese for ``problem``, made specific with the line as ``written``."""
    char = written[column] if column < len(written) else ""
    if problem.startswith("could not find expected ':'"):
        if "：" in written:
            return _FULL_WIDTH_COLON
        if re.match(r"^\s*(?:- )?[^\s:#][^:]*:[^\s]", written):
            return _NO_SPACE_COLON
    if problem.startswith("found character that cannot start any token"):
        return (_SPECIAL_START if char in "%@`!&*|>" else _CANNOT_START).format(char=char)
    if problem.startswith("found undefined tag handle"):
        return _SPECIAL_START.format(char="!")
    if "alphabetic or numeric" in problem:  # an anchor or alias without a name
        return _SPECIAL_START.format(char=char or "&")
    return next((said for english, said in _YAML_REASONS if problem.startswith(english)), _OTHER)


def _tab_indent(lines: list[str], line: int) -> tuple[int, int] | None:
    """(line, column) of a tab in the indentation of the error's line or the line above it."""
    for number in (line, line - 1):
        if 0 <= number < len(lines):
            indent = re.match(r"^[ \t]*", lines[number]).group()
            if "\t" in indent and lines[number].strip():
                return number + 1, indent.index("\t") + 1
    return None


def _open_quote(text: str, line: int) -> tuple[yaml.Mark, yaml.Mark] | None:
    """A quoted text before the error that runs on over lines looking like ``键: 值``: a quote left open."""
    import yaml

    try:
        for token in yaml.scan(text, Loader=_loader_class().__bases__[0]):  # the plain SafeLoader's scanner
            if token.start_mark.line > line:
                return None
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and \
                    token.end_mark.line > token.start_mark.line:
                spanned = text.splitlines()[token.start_mark.line + 1: token.end_mark.line + 1]
                if any(re.match(r"^\s*(?:- )?[^\s:#\"'][^:\"']*:(\s|$)", row) for row in spanned):
                    return token.start_mark, token.end_mark
    except yaml.YAMLError:
        return None
    return None


def _reader_problem(exc: yaml.reader.ReaderError, text: str, path: Path) -> Problem:
    """Locate a forbidden character (libyaml counts bytes and gives a code, PyYAML characters)."""
    if isinstance(exc.character, int):
        code, before = exc.character, text.encode("utf-8")[: exc.position].decode("utf-8", "ignore")
    else:
        code, before = ord(exc.character), text[: exc.position]
    line_start = before.rfind("\n") + 1
    loc = Location(str(path), before.count("\n") + 1, len(before) - line_start + 1)
    return Problem("DG103", {"reason": f"文件中有不允许出现的控制字符 U+{code:04X}，请删除"}, loc)


# --- nodes: what a data file may hold ---------------------------------------------------------------------------

def _at(node: yaml.Node, path: Path) -> Location:
    return Location(str(path), node.start_mark.line + 1, node.start_mark.column + 1)


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _node_problems(root: yaml.Node, loader: Any, path: Path, lines: list[str],
                   shared: bool) -> tuple[list[Problem], int]:
    """Everything a well-formed YAML file may hold but a data file may not, in file order, and the
    number of nodes walked.

    The walk is iterative and bounded. With ``shared`` (the text has an anchor, so a node may be
    reached through aliases), a node reached again is checked once, and walked again only where it
    now sits deeper; without, every node has one parent and is reached once, so the walk keeps no
    ancestors and its count is the document's size.
    """
    import yaml

    problems: list[Problem] = []
    stack: list[tuple[yaml.Node, int, frozenset[int]]] = [(root, 1, frozenset())]
    deepest: dict[int, int] = {}
    walked = 0
    mapping, sequence, scalar = yaml.MappingNode, yaml.SequenceNode, yaml.ScalarNode
    control = re.compile(_ESCAPED_CONTROL).search
    while stack:
        node, depth, ancestors = stack.pop()
        if shared and id(node) in ancestors:
            problems.append(Problem("DG118", {}, _at(node, path)))
            continue
        if depth > MAX_DEPTH:
            return [Problem("DG119", {"limit": MAX_DEPTH}, _at(node, path))], walked
        if shared:
            if deepest.get(id(node), 0) >= depth:
                continue
            first = id(node) not in deepest
            deepest[id(node)] = depth
        else:
            first = True
        walked += 1
        kind = type(node)
        if kind is scalar:
            value = node.value
            if first and (node.tag != _STR or "\t" in value or control(value)):
                problems.extend(_tag_problems(node, loader, path, lines))  # a plain text has none
            continue  # nothing below a scalar
        if first:
            problems.extend(_tag_problems(node, loader, path, lines))
            if kind is mapping:
                problems.extend(_key_problems(node, path))
        if kind is mapping:
            children = [n for key, item in node.value for n in ((key, item) if type(key) is scalar else (item,))]
        elif kind is sequence:
            children = node.value
        else:
            continue
        inside = ancestors | {id(node)} if shared else ancestors
        stack.extend((child, depth + 1, inside) for child in reversed(children))
    return sorted(problems, key=lambda p: (p.location.line or 0, p.location.column or 0)), walked


def _key_problems(node: yaml.MappingNode, path: Path) -> Iterator[Problem]:
    """Keys that are lists or mappings, keys written twice, keys turned into question marks."""
    import yaml

    first: dict[str, int] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            yield Problem("DG110", {}, _at(key, path))
        elif key.value != "<<" or key.tag != _MERGE:
            if key.value in first:
                yield Problem("DG106", {"key": key.value, "first_line": first[key.value]}, _at(key, path))
            else:
                first[key.value] = key.start_mark.line + 1
            if len(key.value) >= 2 and set(key.value) <= {"?", " "}:
                yield Problem("DG120", {"written": key.value}, _at(key, path))


#: Characters no Word document (XML 1.0) can hold, which YAML lets through as double-quoted escapes.
_ESCAPED_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
#: A cell, tabs, then a number: a row of a table pasted from Excel.
_TAB_NUMBER = r"([^\t\n ]+)\t+ *([-+]?[0-9０-９][0-9０-９,，.．]*)(?=\s|$)"


def _tag_problems(node: yaml.Node, loader: Any, path: Path, lines: list[str]) -> Iterator[Problem]:
    """Explicit tags other than the plain ones, numbers too long, Excel rows typed as a text."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        control = re.search(_ESCAPED_CONTROL, node.value)
        if control:  # typed as an escape ("\0") in double quotes: the reader only sees the raw characters
            yield Problem("DG103", {"reason": f"文字中有不允许出现的控制字符 U+{ord(control.group()):04X}（双引号中的 \\ 转义），"
                                              "请删除"}, _at(node, path))
            return
        implicit = loader.resolve(yaml.ScalarNode, node.value, (True, False))
        if node.tag not in (_STR, implicit) or (node.tag == _MERGE and node.value != "<<"):
            yield Problem("DG111", {"tag": _short_tag(node.tag)}, _at(node, path))
        elif node.tag in _NUMBER_TAGS:
            whole, _, fraction = _amount_text(node.value).lstrip("+-").partition(".")
            if len(whole) > MAX_INTEGER_DIGITS or len(fraction) > MAX_FRACTION_DIGITS:
                yield Problem("DG112", {"digits": len(whole) + len(fraction), "max_whole": MAX_INTEGER_DIGITS,
                                        "max_fraction": MAX_FRACTION_DIGITS}, _at(node, path))
        elif not node.style and "\t" in node.value and re.search(_TAB_NUMBER, node.value):  # plain (libyaml says "")
            start, end = node.start_mark.line, min(node.end_mark.line, len(lines) - 1)
            number = next((n for n in range(start, end + 1) if re.search(_TAB_NUMBER, lines[n])), start)
            match = re.search(_TAB_NUMBER, lines[number]) or re.search(_TAB_NUMBER, node.value)
            column = lines[number].find(match.group(1)) + 1 if number < len(lines) else None
            yield Problem("DG109", {"example": f"{match.group(1)}: {match.group(2)}"},
                          Location(str(path), number + 1, column or None))
    elif node.tag != (_MAP if isinstance(node, yaml.MappingNode) else _SEQ):
        yield Problem("DG111", {"tag": _short_tag(node.tag)}, _at(node, path))


def _expanded_size(node: yaml.Node, memo: dict[int, int]) -> int:
    """Node count once aliases are expanded, computed without expanding them."""
    import yaml

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
    import yaml

    if not text.strip():
        raise DocgenError.single("DG104", Location(str(path)))
    garbled = _mojibake(text)
    if garbled:
        line, column, written, meant = garbled
        raise DocgenError.single("DG108", Location(str(path), line, column), written=written, meant=meant)
    loader = _loader_class()(text)
    lines = text.splitlines()
    try:
        root = loader.get_single_node()
        if root is None:
            raise DocgenError.single("DG104", Location(str(path)))
        shared = "&" in text  # an alias needs an anchor: without one, no node is reached twice
        problems, walked = _node_problems(root, loader, path, lines, shared)
        if problems:
            raise DocgenError(problems)
        if (_expanded_size(root, {}) if shared else walked) > MAX_NODES:
            raise DocgenError.single("DG121", Location(str(path), 1, 1), limit=MAX_NODES)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        raise DocgenError([_yaml_problem(exc, text, path)]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids, e.g. a control character
        raise DocgenError([_reader_problem(exc, text, path)]) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = {list: "列表", str: "文本"}.get(type(data), type(data).__name__)
        raise DocgenError.single("DG105", Location(str(path), 1, 1), actual=kind)
    return LoadedDocument(path, data, _spots(root), lines)


# --- files -----------------------------------------------------------------------------------------------------

def read_bounded(path: Path, shown: str | None = None, where: Location | None = None) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_BYTES`, checked before reading.

    Failures are located at ``where`` (default: the file itself) and name the
    file as ``shown`` (default: as given). A FIFO, a device or a folder is
    refused without blocking on it.
    """
    shown = str(path) if shown is None else shown
    where = where or Location(str(path))
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise DocgenError.single("DG101", where, reason=reason) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise DocgenError.single("DG114", where, path=shown)
    with os.fdopen(fd, "rb") as file:
        raw = b"" if info.st_size > MAX_FILE_BYTES else file.read(MAX_FILE_BYTES + 1)  # /proc files say size 0
    if info.st_size > MAX_FILE_BYTES or len(raw) > MAX_FILE_BYTES:
        raise DocgenError.single("DG113", where, path=shown, size=_megabytes(max(info.st_size, len(raw))),
                                 limit=_megabytes(MAX_FILE_BYTES))
    return raw


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".removesuffix(".0")


def load_file(path: str | Path, shown: str | None = None, where: Location | None = None) -> LoadedDocument:
    """Read (bounded, see :func:`read_bounded`) and parse a YAML data file.

    A file whose bytes were parsed before by the same code comes from the disk cache
    (:mod:`docgen.diskcache`): its data and the positions of its values, not parsed nor checked
    again (only a file found without problems is remembered).
    """
    path = Path(path)
    raw = read_bounded(path, shown, where)
    text = _decode(raw, path)
    key = hashlib.sha256(_code_fingerprint() + raw).hexdigest() if diskcache.folder() is not None else None
    cached = diskcache.get(_CACHE, key) if key else None
    if cached is not None:
        try:
            data, root = pickle.loads(cached)
            return LoadedDocument(path, data, root, text.splitlines())
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
            pass  # an entry this code cannot read is parsed anew
    document = load_text(text, path)
    if key:
        diskcache.put(_CACHE, key, pickle.dumps((document.data, document.root), pickle.HIGHEST_PROTOCOL))
    return document


@lru_cache(maxsize=1)
def _code_fingerprint() -> bytes:
    """What a parsed file depends on besides its bytes: this module, PyYAML and Python."""
    from .plugins import installed_version

    return hashlib.sha256(repr((sys.version, installed_version("PyYAML"))).encode()
                          + Path(__file__).read_bytes()).digest()


def source_lines(file: str | Path) -> list[str]:
    """The lines of a data file for quoting under an error ([] if it cannot be read as one)."""
    try:
        return read_bounded(Path(file)).decode("utf-8-sig", "replace").splitlines()
    except DocgenError:
        return []
