"""Validate loaded data against a report type's JSON Schema (draft 2020-12).

Every jsonschema error becomes a located :class:`~docgen.errors.Problem`
naming the field, its Chinese ``title`` and what was expected; all of them are
reported at once.

Importing jsonschema costs more than the rest of a render's checks, so data
once found valid is remembered in docgen's disk cache (:mod:`docgen.diskcache`)
under a digest of the data itself, the schema's bytes and the versions of
docgen and jsonschema: a run on data already seen valid does not import it.
"""
from __future__ import annotations

import copy
import hashlib
import json
import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from . import diskcache
from .errors import Problem
from .loader import LoadedDocument
from .messages import Phrase, titled

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

_VALID = "valid-data"  # disk cache namespace: digests of data found valid (empty entries)

_TYPE_NAMES = ("number", "integer", "string", "object", "array", "boolean", "null")


def schema_of(schema_path: Path) -> dict[str, Any]:
    """The schema at ``schema_path`` as loaded JSON (shared: do not change it), read again when the file changes."""
    return _schema_file(schema_path, *_stamp(schema_path))[0]


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_mtime_ns, st.st_size


@lru_cache(maxsize=32)
def _schema_file(schema_path: Path, mtime_ns: int, size: int) -> tuple[dict[str, Any], str]:
    """The schema and the digest of its bytes, keyed by the file's stamp."""
    with open(schema_path, "rb") as file:
        data = file.read()
    return json.loads(data.decode("utf-8")), hashlib.sha256(data).hexdigest()


def compiled_validator(schema_path: Path) -> Draft202012Validator:
    """The schema's validator, compiled once per version of the file (the built-in schemas are checked
    against the meta-schema by the tests, not on every run)."""
    return _compiled(schema_path, *_stamp(schema_path))


@lru_cache(maxsize=32)
def _compiled(schema_path: Path, mtime_ns: int, size: int) -> Draft202012Validator:
    from jsonschema import Draft202012Validator, FormatChecker

    from .resources import bundled_dir

    schema = schema_of(schema_path)
    if bundled_dir("schemas").resolve() not in schema_path.resolve().parents:
        Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def show_value(value: Any) -> str:
    """A value as a user would recognise it in their file (a :class:`Phrase` where it is a word)."""
    if value is None:
        return Phrase("value_null")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return Phrase("value_mapping")
    if isinstance(value, list):
        return Phrase("value_list")
    return repr(value)


def _expected_types(types: str | list[str]) -> str:
    """``数字或文本``: the JSON types a schema allows, as words."""
    names = [Phrase(f"type_{t}") if t in _TYPE_NAMES else t for t in ([types] if isinstance(types, str) else types)]
    words = names[-1]
    for name in reversed(names[:-1]):
        words = Phrase("either", first=name, second=words)
    return words


def _title(schema: dict[str, Any]) -> str | None:
    return schema.get("title") if isinstance(schema, dict) else None


def _deref(root: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Follow a local ``$ref`` (``#/$defs/...``) once."""
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if not ref or not ref.startswith("#/"):
        return schema if isinstance(schema, dict) else {}
    node: Any = root
    for part in ref[2:].split("/"):
        node = node.get(part, {})
    return node


def schema_at(root: dict[str, Any], path: tuple[str | int, ...]) -> dict[str, Any]:
    """The subschema describing the value at ``path`` (titles sit beside ``$ref``)."""
    node = root
    for step in path:
        node = _deref(root, node)
        if isinstance(step, int):
            node = node.get("items", {})
        else:
            extra = node.get("additionalProperties")
            node = node.get("properties", {}).get(step, extra if isinstance(extra, dict) else {})
    return node if isinstance(node, dict) else {}


def field_title(root: dict[str, Any], path: tuple[str | int, ...]) -> str | None:
    """The Chinese title of the field at ``path``, if the schema gives one."""
    node = schema_at(root, path)
    return _title(node) or _title(_deref(root, node))


#: Words that only a derived figure's name contains (a share, a change, a rate, a total): such a key is
#: never a fact to type, whatever report type it is written in.
COMPUTED_NAME = r"占比|比重|比例|变动率|增长率|增减率|下降率|减少率|完成率|执行率|合计|总计|小计|总额|增减|差额|变动额|增长额|减少额"


def _type_hint(expected: str | list[str], value: Any) -> str:
    """Advice for the common ways a figure (or a text that looks like one) is typed wrongly."""
    if expected == "string" and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return Phrase("hint_quote_text")
    wants_number = expected in ("number", "integer") or (isinstance(expected, list) and "number" in expected)
    if not (wants_number and isinstance(value, str)):
        return ""
    if re.fullmatch(r"\s*[-+]?[0-9]+(\.[0-9]+)?\s*", value):
        return Phrase("hint_no_quotes")
    if value.rstrip().endswith("%"):
        return Phrase("hint_computed")
    if value.rstrip().endswith("元"):
        return Phrase("hint_wan")
    if any(ch.isdigit() for ch in value):
        return Phrase("hint_digits")
    return ""


def _problems_for(error: ValidationError, doc: LoadedDocument, root: dict[str, Any]) -> Iterator[Problem]:
    """Translate one jsonschema error into one or more located problems."""
    path = tuple(error.absolute_path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    title = field_title(root, path)
    value = error.instance

    if kind == "required":
        for name in error.validator_value:
            if isinstance(value, dict) and name not in value:
                label = titled(name, field_title(root, path + (name,)))
                yield Problem("DG202", {"name": label}, doc.locate(path, title))
        return
    if kind in ("additionalProperties", "unevaluatedProperties"):
        import difflib  # only for data with errors: valid data need not import it

        known = list(schema.get("properties", {}))
        for name in value:
            if name not in known and "年度" in root.get("properties", {}) and re.search(COMPUTED_NAME, name):
                yield Problem("DG210", {"name": name}, doc.locate(path + (name,)))
            elif name not in known:
                close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
                hint = Phrase("did_you_mean", name=close[0]) if close else Phrase("available_here", names="、".join(known))
                yield Problem("DG204", {"name": name, "hint": hint}, doc.locate(path + (name,)))
        return

    where = doc.locate(path, title)
    if kind == "type":
        typed = doc.typed_text(path) if isinstance(value, (int, Decimal)) and not isinstance(value, bool) else None
        actual = typed if typed is not None and typed != str(value) else show_value(value)
        yield Problem("DG201", {"expected": _expected_types(error.validator_value),
                                "actual": actual, "hint": _type_hint(error.validator_value, value)}, where)
    elif kind in ("minimum", "exclusiveMinimum"):
        yield Problem("DG203", {"limit": error.validator_value, "actual": show_value(value)}, where)
    elif kind in ("maximum", "exclusiveMaximum"):
        yield Problem("DG209", {"limit": error.validator_value, "actual": show_value(value)}, where)
    elif kind == "enum":
        yield Problem("DG205", {"allowed": "、".join(map(str, error.validator_value)),
                                "actual": show_value(value)}, where)
    elif kind == "pattern":
        yield Problem("DG206", {"description": schema.get("description", error.validator_value),
                                "actual": show_value(value)}, where)
    elif kind == "minItems":
        yield Problem("DG207", {"limit": error.validator_value}, where)
    elif kind == "minLength" and error.validator_value <= 1:
        yield Problem("DG211", {}, where)
    else:  # a rule docgen has no sentence for (a plugin's schema may use any): jsonschema's own words
        yield Problem("DG208", {"keyword": kind, "detail": error.message}, where)


def validate(doc: LoadedDocument, schema_path: Path) -> list[Problem]:
    """All schema problems of ``doc``, each once, ordered by position in the file."""
    root = schema_of(schema_path)
    key = _verdict_key(doc.data, schema_path)
    if key is not None and diskcache.get(_VALID, key) is not None:
        problems = []
    else:
        validator = compiled_validator(schema_path)
        problems = [p for e in validator.iter_errors(doc.data) for p in _problems_for(e, doc, root)]
        if not problems and key is not None:
            diskcache.put(_VALID, key, b"")
    problems.extend(_future_year(doc, root))
    # jsonschema reports each missing name of one `required` list as an error of its own, every one
    # carrying the whole list, so one problem per name arrives once per missing name: keep the first.
    unique = {(p.code, repr(sorted(p.params.items())), p.location): p for p in reversed(problems)}
    problems = list(reversed(unique.values()))
    problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0) if p.location else (0, 0))
    return problems


def _verdict_key(data: Any, schema_path: Path) -> str | None:
    """The cache key of "``data`` is valid against this schema", or None when there is no disk cache.

    ``repr`` tells every value the loader makes apart (``1``, ``"1"``, ``True``,
    ``Decimal('1.0')``, ``Decimal('1.00')``) and keeps the keys' order.
    """
    if diskcache.folder() is None:
        return None
    digest = hashlib.sha256(repr((_versions(), _schema_file(schema_path, *_stamp(schema_path))[1])).encode())
    digest.update(repr(data).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _versions() -> tuple[str, str]:
    from .plugins import installed_version

    return installed_version("docgen"), installed_version("jsonschema")


def _future_year(doc: LoadedDocument, root: dict[str, Any]) -> list[Problem]:
    """年度 after the current year: a typing mistake (there are no accounts of a year not yet over)."""
    year = doc.data.get("年度")
    if "年度" not in root.get("properties", {}) or type(year) is not int or year <= date.today().year:
        return []
    return [Problem("DG209", {"limit": date.today().year, "actual": year},
                    doc.locate(("年度",), field_title(root, ("年度",))))]


def apply_defaults(data: dict[str, Any], root: dict[str, Any]) -> None:
    """Fill in, in place, the schema's ``default`` of every optional field left out.

    Templates can then rely on such fields existing (none of a kind of vehicle
    prints as 0辆) without guarding each one.
    """
    _fill(data, root, root)


def _fill(value: Any, schema: dict[str, Any], root: dict[str, Any]) -> None:
    schema = _deref(root, schema)
    if isinstance(value, dict):
        for name, sub in schema.get("properties", {}).items():
            if name not in value and "default" in sub:
                value[name] = copy.deepcopy(sub["default"])
            if name in value:
                _fill(value[name], sub, root)
    elif isinstance(value, list) and isinstance(schema.get("items"), dict):
        for item in value:
            _fill(item, schema["items"], root)
