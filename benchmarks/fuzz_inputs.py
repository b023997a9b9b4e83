"""Fuzz docgen's input side: mutated example data through the library and through the CLI.

Every variant is a structural mutation (a field deleted, replaced by a value of
another kind, renamed, an unknown or computed key added, an 附件 entry) or a
textual one (junk inserted, a slice deleted, a line re-indented, tabbed,
duplicated, truncated, the file re-encoded or garbled) of one of
``examples/*.yaml``, written beside a copy of the examples so its attachments
resolve. Each variant goes through ``pipeline.prepare`` (load → validate →
calculate → check) and through one CLI command in turn (``validate``,
``check``, ``render``) with click's CliRunner, under a time limit.

An outcome is clean when it succeeds or raises only :class:`DocgenError` whose
problems all format from the catalogue with no parser English in them; any
other exception is a traceback; a variant over the time limit is a hang.
Variants are derived from (seed, index), so a run is reproducible and a
failing index can be replayed alone::

    python benchmarks/fuzz_inputs.py                      # 10,000 variants, 2 processes
    python benchmarks/fuzz_inputs.py --variants 200 --jobs 1
    python benchmarks/fuzz_inputs.py --replay 1234        # one variant, traceback shown
"""
from __future__ import annotations

import argparse
import copy
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from multiprocessing import Pool
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
COMMANDS = ("validate", "check", "render")
TIME_LIMIT = 30  # seconds per variant (both paths)

#: Values a structural mutation puts in place of a field.
VALUES: list[Any] = [
    None, True, False, 0, -1, 7, 2022, 2100, 10**15, 10**30, Decimal("0.01"), Decimal("-5996.78"),
    Decimal("123456789012345.123"), "", " ", "五千", "6,796.16", "６７９６．１６", "12万元", "88%", "6796元", "NO",
    "2022-13-01", "<w:p>&amp;", "{{ x }}", "{% for %}", "\x00", "a\x00b", "\t", "éƒ¨é—¨", "閮ㄩ棬", "????",
    "../../etc/passwd", "/etc/passwd", "/dev/zero", "/proc/self/environ", "2022-linshui.yaml", "x" * 5000,
    [], [1, 2], [[]], [None], {}, {"a": 1}, {"编码": "abc"}, [{"编码": 2101501, "决算数": 1}],
]
#: Keys a structural mutation adds (unknown, computed, misspelt, not text-like).
KEYS = ["财政拨款收入占比", "变动率", "本年收入合计", "增减额", "部 门", "type ", "附件", "1", "~", "", "版式", "年度"]
#: What a textual mutation inserts.
JUNK = ["\t", ": ", ":", "- ", "-", "[", "]", "{", "}", "'", '"', "!!float .inf", "!!float nan", "!!int 0x10",
        "!!int 1_000", "!!binary aGk=", "!foo ", "&a ", "*a", "<<: *a", "%", "@", "`", "|", ">", "\x00", "\x1f",
        "\x85", "：", "\ufeff", "---\n", "...\n", "#", "\r", "\n", "\n  ", "\\", "\\q", "? ", "9" * 30, "9" * 5000,
        "\t5996.78", "一般公共预算财政拨款收入\t5996.78\n", "é", "\ud800", "😀", "，", "、"]
#: Whole-file changes, applied to the UTF-8 bytes or the text.
ENCODINGS: list[Callable[[str], bytes]] = [
    lambda t: t.encode("gb18030"),
    lambda t: t.encode("utf-16"),
    lambda t: t.encode("cp1252", "replace"),
    lambda t: t.encode("utf-8").decode("cp1252", "replace").encode("utf-8"),
    lambda t: t.encode("utf-8").decode("gbk", "replace").encode("utf-8"),
    lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    lambda t: t.encode("utf-8")[: len(t.encode("utf-8")) // 2],
]


@dataclass
class Tally:
    """Outcomes of a run (or of one worker's share)."""

    variants: int = 0
    prepared: int = 0
    clean_errors: int = 0
    cli_runs: Counter = field(default_factory=Counter)
    renders: int = 0
    tracebacks: list[str] = field(default_factory=list)
    hangs: list[int] = field(default_factory=list)
    english: list[str] = field(default_factory=list)
    codes: Counter = field(default_factory=Counter)

    def add(self, other: "Tally") -> None:
        for name in ("variants", "prepared", "clean_errors", "renders"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("tracebacks", "hangs", "english"):
            getattr(self, name).extend(getattr(other, name))
        self.cli_runs.update(other.cli_runs)
        self.codes.update(other.codes)


def sources() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def paths_in(node: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in the data a mutation can hit."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths_in(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths_in(value, prefix + (index,))
    return found


def structural(data: dict, rng: random.Random) -> str:
    """The data with one to three structural mutations, as YAML."""
    from docgen.contextdump import context_yaml

    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        places = paths_in(data)
        if not places:
            break
        place = rng.choice(places)
        parent: Any = data
        for step in place[:-1]:
            parent = parent[step]
        action = rng.choice(["delete", "replace", "replace", "add key", "rename", "duplicate"])
        if action == "delete":
            del parent[place[-1]]
        elif action == "replace":
            parent[place[-1]] = copy.deepcopy(rng.choice(VALUES))
        elif action == "add key" and isinstance(parent, dict):
            parent[rng.choice(KEYS)] = copy.deepcopy(rng.choice(VALUES))
        elif action == "rename" and isinstance(parent, dict):
            parent[rng.choice(KEYS)] = parent.pop(place[-1])
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[place[-1]]))
    return context_yaml(data)


def textual(text: str, rng: random.Random) -> bytes:
    """The text with one to three textual mutations (or re-encoded), as bytes."""
    if rng.random() < 0.08:
        return rng.choice(ENCODINGS)(text)
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(["insert", "insert", "delete", "indent", "tab row", "duplicate", "truncate"])
        position = rng.randrange(len(text) + 1)
        if kind == "insert":
            junk = rng.choice(JUNK) if rng.random() < 0.7 else "".join(
                chr(rng.choice([rng.randrange(32, 127), rng.randrange(0, 0x3000), rng.randrange(0x4e00, 0x9fff)]))
                for _ in range(rng.randint(1, 8)))
            text = text[:position] + junk + text[position:]
        elif kind == "delete":
            text = text[:position] + text[position + rng.randint(1, 40):]
        elif kind == "truncate":
            text = text[:position]
        else:
            lines = text.split("\n")
            number = rng.randrange(len(lines))
            if kind == "indent":
                lines[number] = rng.choice(["\t", " ", "   ", ""]) + lines[number].lstrip(rng.choice([" ", ""]))
            elif kind == "tab row":
                lines[number] = lines[number].replace(": ", "\t", 1)
            else:
                lines.insert(number, lines[number])
            text = "\n".join(lines)
    return text.encode("utf-8", "surrogatepass")


def variant(seed: int, index: int, bases: list[tuple[Path, str, dict]]) -> tuple[Path, bytes, str]:
    """The source, bytes and kind of variant ``index``."""
    rng = random.Random(f"{seed}:{index}")
    source, text, data = bases[index % len(bases)]
    if index // len(bases) % 2:  # each example gets both kinds
        return source, textual(text, rng), "textual"
    return source, structural(data, rng).encode("utf-8", "surrogatepass"), "structural"


class _TimeUp(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _TimeUp


def _clean(problems: list, tally: Tally) -> bool:
    """Every problem formats from the catalogue, with no parser English in it."""
    from docgen.messages import format_message

    for problem in problems:
        text = format_message(problem)
        tally.codes[problem.code] += 1
        if problem.code == "DG103" and re.search(r"[A-Za-z]{4,}", text.replace("YAML", "").replace("Tab", "")):
            tally.english.append(text)
    return True


def run_one(seed: int, index: int, bases: list[tuple[Path, str, dict]], folder: Path, tally: Tally) -> None:
    """One variant through the library and one CLI command; outcomes into ``tally``."""
    from click.testing import CliRunner

    from docgen.cli import main
    from docgen.errors import DocgenError
    from docgen.pipeline import prepare

    source, raw, kind = variant(seed, index, bases)
    target = folder / source.relative_to(EXAMPLES).with_name(f"_fuzz_{source.name}")
    target.write_bytes(raw)
    output = target.with_suffix(".docx")
    output.unlink(missing_ok=True)
    tally.variants += 1
    signal.alarm(TIME_LIMIT)
    try:
        try:
            prepare(target)
            tally.prepared += 1
        except DocgenError as error:
            tally.clean_errors += _clean(error.problems, tally)
        command = COMMANDS[index % len(COMMANDS)]
        result = CliRunner().invoke(main, [command, str(target)] + (["-o", str(output)] if command == "render" else []))
        tally.cli_runs[f"{command} {result.exit_code}"] += 1
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception.with_traceback(result.exc_info[2])
        if result.exit_code not in (0, 1) or "Traceback" in result.output:
            raise RuntimeError(f"{command} exit {result.exit_code}: {result.output[-500:]}")
        if command == "render" and result.exit_code == 0:
            if not output.is_file():
                raise RuntimeError("render said 0 but wrote nothing")
            tally.renders += 1
    except _TimeUp:
        tally.hangs.append(index)
    except Exception:  # noqa: BLE001 - a traceback is what we count
        tally.tracebacks.append(f"variant {index} ({kind}, {source.name}):\n{traceback.format_exc(limit=-4)}")
    finally:
        signal.alarm(0)


def load_bases() -> list[tuple[Path, str, dict]]:
    from docgen.loader import load_file

    return [(path, path.read_text(encoding="utf-8"), load_file(path).data) for path in sources()]


def run_share(args: tuple[int, list[int]]) -> Tally:
    """A worker's share of the variants, in a private copy of the examples."""
    seed, indices = args
    signal.signal(signal.SIGALRM, _alarm)
    bases = load_bases()
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="docgen-fuzz-") as temp:
        folder = Path(temp) / "examples"
        shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("*.docx", "*.pdf"))
        for index in indices:
            run_one(seed, index, bases, folder, tally)
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variants", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--replay", type=int, help="run one variant and show its traceback")
    args = parser.parse_args(argv)
    if args.replay is not None:
        tally = run_share((args.seed, [args.replay]))
        print("\n".join(tally.tracebacks) or f"variant {args.replay}: clean, {dict(tally.cli_runs)}")
        return 1 if tally.tracebacks or tally.hangs else 0
    started = time.perf_counter()
    shares = [(args.seed, list(range(worker, args.variants, args.jobs))) for worker in range(args.jobs)]
    total = Tally()
    with Pool(args.jobs) as pool:
        for tally in pool.imap_unordered(run_share, shares):
            total.add(tally)
    elapsed = time.perf_counter() - started
    print(f"variants {total.variants} (seed {args.seed}, {len(sources())} examples, half structural, half textual)")
    print(f"library: prepared {total.prepared}, clean errors {total.clean_errors}")
    print(f"CLI: {', '.join(f'{k}: {v}' for k, v in sorted(total.cli_runs.items()))}; documents written {total.renders}")
    print(f"tracebacks {len(total.tracebacks)}, hangs {len(total.hangs)}, parser English {len(total.english)}")
    print(f"time {elapsed:.0f} s with {args.jobs} process(es)")
    print("codes: " + ", ".join(f"{code} {count}" for code, count in sorted(total.codes.items())))
    for text in total.tracebacks[:10]:
        print(text)
    for index in total.hangs[:10]:
        print(f"hang: variant {index}")
    for text in total.english[:10]:
        print(f"English: {text}")
    return 1 if total.tracebacks or total.hangs or total.english else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
