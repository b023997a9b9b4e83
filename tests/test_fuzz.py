"""Property-based: any data file ends in a written document or a clean, located error.

Mutations of the Linshui example (structural and textual) are rendered through
the CLI in-process; the run must exit 0 with a document python-docx can open,
or exit 1 with `错误 DGnnn` messages, never with a traceback. CI runs a bounded,
derandomized number of cases; set DOCGEN_FUZZ_EXAMPLES to run more locally.
A fixed slice of ``benchmarks/fuzz_inputs.py`` (10,000 variants of every
example, run by hand; figures in docs/错误与检查.md) runs here too.
"""
from __future__ import annotations

import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.cli import main
from docgen.contextdump import context_yaml
from docgen.loader import load_text

from conftest import LINSHUI, LINSHUI_MAIN, ROOT

EXAMPLES = int(os.environ.get("DOCGEN_FUZZ_EXAMPLES", "15"))
BASE_TEXT = LINSHUI_MAIN
BASE = load_text(BASE_TEXT, LINSHUI).data

VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**9), st.text(max_size=20),
    st.decimals(min_value=Decimal("-1e6"), max_value=Decimal("1e9"), places=2, allow_nan=False),
    st.lists(st.integers(0, 5), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.sampled_from(["6,796.16", "６７９６．１６", "12万元", "88%", "", " ", "<w:p>&", "\x00", "2022-13-01", "NO"]),
)


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in the data a mutation can hit."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += paths(value, prefix + (i,))
    return found


ALL_PATHS = paths(BASE)


def mutated(path: tuple, action: str, value: Any) -> dict:
    import copy

    data = copy.deepcopy(BASE)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    if action == "delete":
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


def assert_clean_outcome(tmp_path: Path, text: str | bytes) -> None:
    data = tmp_path / "fuzz.yaml"
    data.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    output = tmp_path / "fuzz.docx"
    output.unlink(missing_ok=True)
    result = CliRunner().invoke(main, ["render", str(data), "-o", str(output)])
    if result.exit_code == 0:
        Document(str(output))  # opens
        return
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    codes = re.findall(r"错误 (DG\d{3})", result.stderr)
    assert codes and "Traceback" not in result.stderr
    # data that passed validation must render: a template error here is a bug in the layout
    assert not [c for c in codes if c.startswith("DG4")], result.stderr
    assert not output.exists()


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.sampled_from(ALL_PATHS), action=st.sampled_from(["delete", "replace"]), value=VALUES)
def test_structural_mutations_end_cleanly(tmp_path: Path, path: tuple, action: str, value: Any) -> None:
    assert_clean_outcome(tmp_path, context_yaml(mutated(path, action, value)))


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(position=st.integers(0, len(BASE_TEXT)), junk=st.text(min_size=1, max_size=8))
def test_textual_mutations_end_cleanly(tmp_path: Path, position: int, junk: str) -> None:
    assert_clean_outcome(tmp_path, BASE_TEXT[:position] + junk + BASE_TEXT[position:])


def _fuzz_script():
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("fuzz_inputs", ROOT / "benchmarks" / "fuzz_inputs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_inputs"] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


#: Variants of the 10,000-variant run kept here: every example, structural and textual, each CLI command.
FUZZ_SLICE = range(0, 12)


def test_a_slice_of_the_fuzz_run_ends_cleanly(tmp_path: Path) -> None:
    import shutil
    import signal

    fuzz = _fuzz_script()
    folder = tmp_path / "examples"
    shutil.copytree(fuzz.EXAMPLES, folder, ignore=shutil.ignore_patterns("*.docx", "*.pdf"))
    bases = fuzz.load_bases()
    tally = fuzz.Tally()
    previous = signal.signal(signal.SIGALRM, fuzz._alarm)
    try:
        for index in FUZZ_SLICE:
            fuzz.run_one(14, index, bases, folder, tally)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert (tally.tracebacks, tally.hangs, tally.english) == ([], [], [])
    assert tally.variants == len(FUZZ_SLICE) and tally.prepared + tally.clean_errors == len(FUZZ_SLICE)
    assert sum(tally.cli_runs.values()) == len(FUZZ_SLICE) and tally.clean_errors > 0 and tally.prepared > 0


def test_fuzz_variants_are_reproducible() -> None:
    fuzz = _fuzz_script()
    bases = fuzz.load_bases()
    assert fuzz.variant(14, 7, bases) == fuzz.variant(14, 7, bases)
    assert fuzz.variant(14, 7, bases) != fuzz.variant(14, 8, bases)
