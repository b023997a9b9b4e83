"""The jobs of a render: which data file goes to which .docx, checked before anything is written.

Kept apart from :mod:`docgen.batch` so that a single render plans its output
without importing multiprocessing.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .errors import DocgenError, Location, Problem

DATA_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Job:
    """One data file and the .docx it renders to."""

    source: Path
    output: Path


def _data_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in DATA_SUFFIXES and p.is_file()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def plan(inputs: Iterable[Path], output: Path | None, pdf: bool = False) -> list[Job]:
    """Jobs for the given files and folders (folders searched for *.yaml, sorted).

    Without ``output`` each .docx goes beside its data file. For a single data
    file, ``output`` with an extension is the .docx itself (DG821 if it is not
    one); otherwise it is a folder, in which the structure under each given
    folder is kept. Raises DG822 for an output (or, with ``pdf``, its PDF) that
    is one of the inputs and DG823 for two inputs with one output, all at once.
    """
    inputs = list(inputs)
    if len(inputs) == 1 and not inputs[0].is_dir() and output is not None and not output.is_dir() \
            and output.suffix:
        if output.suffix.lower() != ".docx":
            raise DocgenError.single("DG821", Location(str(output)), path=str(output))
        jobs = [Job(inputs[0], output)]
    else:
        jobs = []
        for given in inputs:
            sources = [(given, given.name)] if not given.is_dir() else \
                [(p, str(p.relative_to(given))) for p in _data_files(given)]
            for source, relative in sources:
                target = source.with_suffix(".docx") if output is None else \
                    (output / relative).with_suffix(".docx")
                jobs.append(Job(source, target))
    _check_names(jobs, pdf)
    return jobs


def _check_names(jobs: list[Job], pdf: bool) -> None:
    """DG822 for an output that would overwrite an input, DG823 for two jobs writing one file."""
    if pdf:
        from .pdf import pdf_path  # only with --pdf: a plain render need not import docgen.pdf

    sources = {job.source.resolve() for job in jobs}
    writers: dict[Path, Job] = {}
    problems: list[Problem] = []
    for job in jobs:
        for written in (job.output, pdf_path(job.output)) if pdf else (job.output,):
            resolved = written.resolve()
            if resolved in sources:
                problems.append(Problem("DG822", {"path": str(written)}, Location(str(job.source))))
            elif resolved in writers:
                problems.append(Problem("DG823", {"first": str(writers[resolved].source), "second": str(job.source),
                                                  "path": str(written)}, Location(str(job.source))))
            else:
                writers[resolved] = job
    if problems:
        raise DocgenError(problems)
