"""Render many data files: plan the jobs, run them (in worker processes), report outcomes.

A bad file never stops the batch: its problems are collected and the batch goes
on. Each output is byte-identical whatever the number of workers. With
``changed_only``, a job whose output exists and whose stamp (a hash of the
data file, the layout's files and docgen's version) is unchanged is skipped;
stamps live in ``.docgen-stamps.json`` beside the outputs.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Literal

from .errors import DocgenError, Location, Problem
from .pipeline import prepare, render_prepared

STAMPS = ".docgen-stamps.json"
DATA_SUFFIXES = (".yaml", ".yml")
Status = Literal["written", "skipped", "failed"]


@dataclass(frozen=True)
class Job:
    """One data file and the .docx it renders to."""

    source: Path
    output: Path


@dataclass(frozen=True)
class Outcome:
    """What became of a job: written, skipped (unchanged) or failed, with its problems."""

    job: Job
    status: Status
    problems: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    stamp: str = ""


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs."""

    layout: str | None = None
    strict: bool = False
    templates: tuple[Path, ...] = ()
    workers: int = 1
    changed_only: bool = False
    stamps: dict[str, str] = field(default_factory=dict)


def _data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in DATA_SUFFIXES and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def plan(inputs: Iterable[Path], output_dir: Path | None) -> list[Job]:
    """Jobs for the given files and folders (folders searched for *.yaml, sorted).

    Without ``output_dir`` each .docx goes beside its data file; with it, the
    folder structure under each given folder is kept.
    """
    jobs: list[Job] = []
    for given in inputs:
        sources = [(given, given.name)] if not given.is_dir() else \
            [(p, str(p.relative_to(given))) for p in _data_files(given)]
        for source, relative in sources:
            target = source.with_suffix(".docx") if output_dir is None else \
                (output_dir / relative).with_suffix(".docx")
            jobs.append(Job(source, target))
    return jobs


def stamp(job: Job) -> str:
    """A hash of everything that decides the output: the data file and its attachments'
    files, every layout's files, and docgen's version."""
    from importlib.metadata import version

    digest = hashlib.sha256(version("docgen").encode())
    digest.update(_layouts_digest())
    for path in _input_files(job.source):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _input_files(source: Path) -> list[Path]:
    """The data file and the files it attaches (a file that cannot be read counts as changed)."""
    from .loader import load_file

    try:
        attached = load_file(source).data.get("附件", [])
    except DocgenError:
        return [source]
    return [source] + [source.parent / entry for entry in attached if isinstance(entry, str)
                       and (source.parent / entry).is_file()]


@lru_cache(maxsize=1)
def _layouts_digest() -> bytes:
    """One hash of all the bundled layouts' files, computed once per process."""
    from .resources import bundled_dir

    digest = hashlib.sha256()
    root = bundled_dir("templates")
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + path.read_bytes())
    return digest.digest()


def run_job(job: Job, options: BatchOptions) -> Outcome:
    """Render one job; never raises for a problem with the input."""
    from .output import write_atomic

    try:
        current = stamp(job) if options.changed_only else ""
        if current and job.output.exists() and options.stamps.get(str(job.output.resolve())) == current:
            return Outcome(job, "skipped", stamp=current)
        prepared = prepare(job.source, options.layout, options.strict, options.templates)
        job.output.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(job.output, render_prepared(prepared))
        return Outcome(job, "written", warnings=tuple(prepared.warnings), stamp=current)
    except DocgenError as error:
        return Outcome(job, "failed", problems=tuple(error.problems))
    except OSError as error:
        problem = Problem("DG501", {"path": str(job.output), "reason": error.strerror or str(error)},
                          Location(str(job.output)))
        return Outcome(job, "failed", problems=(problem,))


def _run_job_star(args: tuple[Job, BatchOptions]) -> Outcome:
    return run_job(*args)


def run(jobs: list[Job], options: BatchOptions,
        on_outcome: Callable[[Outcome], None] = lambda outcome: None) -> list[Outcome]:
    """Run every job (in ``options.workers`` processes); outcomes in job order."""
    outcomes: list[Outcome] = []
    for outcome in _outcomes(jobs, options):
        on_outcome(outcome)
        outcomes.append(outcome)
    if options.changed_only:
        _save_stamps(outcomes)
    return outcomes


def _outcomes(jobs: list[Job], options: BatchOptions) -> Iterator[Outcome]:
    if options.workers <= 1 or len(jobs) <= 1:
        yield from (run_job(job, options) for job in jobs)
        return
    # The first job runs here: it imports docxtpl, compiles the schema and the layout's template,
    # and forked workers inherit all of that instead of each paying for it again.
    yield run_job(jobs[0], options)
    rest = jobs[1:]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, min(16, len(rest) // (options.workers * 4)))
    with context.Pool(options.workers) as pool:
        yield from pool.imap(_run_job_star, [(job, options) for job in rest], chunksize=chunk)


def _read_stamps(folder: Path) -> dict[str, str]:
    try:
        return json.loads((folder / STAMPS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def load_stamps(jobs: list[Job]) -> dict[str, str]:
    """The stamps recorded beside the jobs' outputs by earlier runs, keyed by absolute output path."""
    stamps: dict[str, str] = {}
    for folder in sorted({job.output.parent for job in jobs}):
        stamps.update({str((folder / name).resolve()): value for name, value in _read_stamps(folder).items()})
    return stamps


def _save_stamps(outcomes: list[Outcome]) -> None:
    from .output import write_atomic

    by_folder: dict[Path, dict[str, str]] = {}
    for outcome in outcomes:
        if outcome.status != "failed" and outcome.stamp:
            by_folder.setdefault(outcome.job.output.parent, {})[outcome.job.output.name] = outcome.stamp
    for folder, stamps in by_folder.items():
        merged = {**_read_stamps(folder), **stamps}
        write_atomic(folder / STAMPS, json.dumps(merged, ensure_ascii=False, indent=1, sort_keys=True).encode())


def default_workers() -> int:
    """One worker per core."""
    return os.cpu_count() or 1
