"""Render many data files: plan the jobs, run them (in worker processes), record what was written.

A batch outlives its jobs: a bad file, a bug in docgen or a plugin, even a
worker process that dies, ends that one job as a failed :class:`Outcome` and
the batch goes on. Each output is byte-identical whatever the number of
workers. With ``pdf``, every worker process keeps a LibreOffice of its own
(:class:`docgen.pdf.Converter`), so N workers convert N documents at a time.

With ``changed_only``, a job is skipped when its output exists and its stamp
is unchanged: a hash of everything that decides the output (:func:`stamp`).
Stamps are journalled in ``.docgen-stamps.jsonl`` beside the outputs: one
line appended for each finished job, under an exclusive lock on the folder,
so a killed run loses only the jobs in flight and runs writing into one
folder at the same time lose nothing; each run compacts the journal at its end.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import multiprocessing
import os
import pickle
import signal
import time
import traceback
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from multiprocessing.connection import Connection, wait
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Callable, Iterator, Literal, NoReturn

from .errors import DocgenError, Location, Problem
from .jobs import Job
from .pipeline import Prepared, prepare, rendered_in_memory

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from .pdf import Converter

STAMPS = ".docgen-stamps.jsonl"
#: Entry point groups whose packages' versions are part of every stamp.
PLUGIN_GROUPS = ("docgen.report_types", "docgen.calculators", "docgen.layouts")
Status = Literal["written", "skipped", "failed"]
_WORKER_STOP_TIMEOUT = 15.0  # seconds the workers get to clean up (stop LibreOffice) before they are killed


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
    pdf: bool = False  # also write the PDF beside each .docx
    pdf_timeout: float | None = None  # seconds per PDF conversion (None: the converter's default)


def stamp(job: Job, options: BatchOptions) -> str:
    """A hash of everything that decides the job's output: docgen's and the plugins' versions,
    the options (layout, strict, pdf), the data file and its attachments, and the files of the
    layouts they resolve to (from wherever they are found). "" when the data cannot even be read
    far enough to tell: the job then always renders, and reports its problems."""
    from .composition import attached_documents
    from .loader import load_file
    from .pipeline import resolve_report_type

    digest = hashlib.sha256(json.dumps([_versions(), options.layout, options.strict, options.pdf]).encode())
    try:
        main = load_file(job.source)
        documents = [(main, options.layout)] + [(doc, None) for doc in attached_documents(main)]
        for doc, layout in documents:
            chosen = layout or doc.data.get("版式")
            found = resolve_report_type(doc).layout(chosen if isinstance(chosen, str) else None,
                                                    templates=options.templates)
            for path in (doc.path, found.template, found.folder / "layout.yaml"):
                digest.update(str(path.name).encode() + b"\0" + _file_digest(path))
    except DocgenError:
        return ""
    return digest.hexdigest()


def _file_digest(path: Path) -> bytes:
    """The file's hash (b"" if it does not exist), remembered while its mtime and size stay the same."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return b""
    return _hash_of(path, status.st_mtime_ns, status.st_size)


@lru_cache(maxsize=1024)
def _hash_of(path: Path, mtime_ns: int, size: int) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


@lru_cache(maxsize=1)
def _versions() -> tuple[str, ...]:
    """docgen's version and those of the packages that plug into it (installed packages do not change
    during a run)."""
    from importlib.metadata import entry_points, version

    found = {f"docgen {version('docgen')}"}
    for group in PLUGIN_GROUPS:
        found.update(f"{ep.dist.name} {ep.dist.version}" for ep in entry_points(group=group) if ep.dist)
    return tuple(sorted(found))


def run_job(job: Job, options: BatchOptions, converter: Converter | None = None) -> Outcome:
    """Render one job (and its PDF with ``converter``); whatever happens, an outcome."""
    try:
        return _render(job, options, converter)
    except DocgenError as error:
        return Outcome(job, "failed", problems=tuple(error.problems))
    except OSError as error:
        problem = Problem("DG501", {"path": str(job.output), "reason": error.strerror or str(error)},
                          Location(str(job.output)))
        return Outcome(job, "failed", problems=(problem,))
    except Exception as error:  # a bug, docgen's or a plugin's: this job fails, the batch goes on
        return Outcome(job, "failed", problems=(_internal_error(job, error),))


def _internal_error(job: Job, error: BaseException) -> Problem:
    """DG824 naming the exception and the line that raised it."""
    frames = traceback.extract_tb(error.__traceback__)
    where = f" ({Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return Problem("DG824", {"error": f"{type(error).__name__}: {error}{where}"}, Location(str(job.source)))


def _render(job: Job, options: BatchOptions, converter: Converter | None) -> Outcome:
    from .output import write_atomic
    from .pdf import pdf_path

    current = stamp(job, options) if options.changed_only else ""
    if current and options.stamps.get(str(job.output.resolve())) == current and job.output.exists() \
            and (not options.pdf or pdf_path(job.output).exists()):
        return Outcome(job, "skipped", stamp=current)
    prepared = prepare(job.source, options.layout, options.strict, options.templates)
    _refuse_overwriting(job, prepared)
    job.output.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(job.output, rendered_in_memory(prepared))
    warnings = tuple(prepared.warnings)
    if converter is not None:
        try:
            converter.convert(job.output)
        except DocgenError as error:
            return Outcome(job, "failed", problems=tuple(error.problems), warnings=warnings)
        warnings += tuple(converter.warnings)
        converter.warnings.clear()  # said once per converter, with the job that met it
    return Outcome(job, "written", warnings=warnings, stamp=current)


def _refuse_overwriting(job: Job, prepared: Prepared) -> None:
    """DG822 when the output is one of the attachments the job reads."""
    attached = {a.report.document.path.resolve() for a in prepared.attachments}
    if job.output.resolve() in attached:
        raise DocgenError.single("DG822", Location(str(job.source)), path=str(job.output))


def run(jobs: list[Job], options: BatchOptions, on_outcome: Callable[[Outcome], None] = lambda outcome: None,
        converter: Converter | None = None) -> list[Outcome]:
    """Run every job (in ``options.workers`` processes); outcomes in job order, and ``on_outcome``
    called in job order. With ``changed_only`` each written job's stamp is journalled as soon as
    the job is done. With ``pdf``, jobs run in this process use ``converter`` if given (its owner
    closes it), worker processes a converter of their own."""
    done: dict[int, Outcome] = {}
    reported = 0
    folders: set[Path] = set()
    try:
        with contextlib.closing(_outcomes(jobs, options, converter)) as outcomes:
            for index, outcome in outcomes:
                if options.changed_only and outcome.status == "written" and outcome.stamp:
                    _journal(outcome.job.output, outcome.stamp)
                    folders.add(outcome.job.output.parent)
                done[index] = outcome
                while reported in done:
                    on_outcome(done[reported])
                    reported += 1
    finally:
        for folder in sorted(folders):
            _compact(folder)
    return [done[index] for index in range(len(jobs))]


def _outcomes(jobs: list[Job], options: BatchOptions, converter: Converter | None) -> Iterator[tuple[int, Outcome]]:
    """``(job index, outcome)`` as each job finishes."""
    numbered = list(enumerate(jobs))
    if options.workers <= 1 or len(jobs) <= 1:
        with _converter(options) if converter is None else contextlib.nullcontext(converter) as used:
            for index, job in numbered:
                yield index, run_job(job, options, used)
        return
    if not options.pdf:
        # The first job runs here: it imports docxtpl, compiles the schema and the layout's template,
        # and forked workers inherit all of that instead of each paying for it again.
        yield 0, run_job(jobs[0], options)
        numbered = numbered[1:]
    yield from _in_workers(numbered, options)


def _converter(options: BatchOptions) -> contextlib.AbstractContextManager[Converter | None]:
    """A started PDF converter if the batch makes PDFs (LibreOffice comes up while the first job renders)."""
    if not options.pdf:
        return contextlib.nullcontext()
    from .pdf import Converter

    return Converter(options.pdf_timeout)


def _in_workers(tasks: list[tuple[int, Job]], options: BatchOptions) -> Iterator[tuple[int, Outcome]]:
    """Run the tasks in ``options.workers`` forked processes, one task at a time each.

    A worker that dies fails its task (DG825) and is replaced. However this
    ends (done, an exception, Ctrl-C, SIGTERM), every worker is stopped: asked
    to, then SIGTERM (which it turns into an exception, so it cleans up), then
    SIGKILL.
    """
    context = multiprocessing.get_context("fork")  # workers inherit what the parent has compiled
    queue = deque(tasks)
    workers: dict[Connection, tuple[BaseProcess, tuple[int, Job] | None]] = {}

    def start_worker() -> None:
        ours, theirs = context.Pipe()
        process = context.Process(target=_worker, args=(theirs, options), daemon=True)
        process.start()
        theirs.close()
        workers[ours] = (process, None)
        feed(ours)

    def feed(connection: Connection) -> None:
        task = queue.popleft() if queue else None
        workers[connection] = (workers[connection][0], task)
        connection.send(task)

    try:
        for _ in range(min(options.workers, len(queue))):
            start_worker()
        while busy := {c: (p, t) for c, (p, t) in workers.items() if t is not None}:
            ready = wait([*busy, *(process.sentinel for process, _ in busy.values())])
            for connection, (process, (index, job)) in busy.items():
                if connection not in ready and process.sentinel not in ready:
                    continue
                try:
                    index, outcome = connection.recv()
                except (EOFError, OSError):  # died without an answer: its job fails, a new worker takes over
                    process.join()
                    del workers[connection]
                    connection.close()
                    yield index, Outcome(job, "failed", problems=(
                        Problem("DG825", {"status": _exit_status(process.exitcode)}, Location(str(job.source))),))
                    if queue:
                        start_worker()
                    continue
                feed(connection)
                yield index, outcome
    finally:
        _stop_workers(workers)


def _exit_status(code: int | None) -> str:
    """``SIGKILL`` or ``exit code 3``."""
    if code is not None and code < 0:
        return signal.Signals(-code).name
    return f"exit code {code}"


def _stop_workers(workers: dict[Connection, tuple[BaseProcess, tuple[int, Job] | None]]) -> None:
    """Wait for every worker to end (an idle one has been told to stop; a busy one was interrupted);
    one still there after :data:`_WORKER_STOP_TIMEOUT` is killed."""
    for process, task in workers.values():
        if task is not None:
            process.terminate()
    deadline = time.monotonic() + _WORKER_STOP_TIMEOUT
    for connection, (process, _) in workers.items():
        process.join(max(0.0, deadline - time.monotonic()))
        if process.exitcode is None:
            process.kill()
            process.join()
        connection.close()


def _worker(connection: Connection, options: BatchOptions) -> None:
    """A worker process: tasks in, outcomes out, until told to stop, terminated or its parent is gone."""
    terminated = []

    def stop(signum: int, frame: FrameType | None) -> NoReturn:
        terminated.append(signum)  # ends the loop even if something on the way swallows the exception
        raise SystemExit(128 + signum)  # so that cleanup (temporary files, LibreOffice) runs on the way out

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent decides
    signal.signal(signal.SIGTERM, stop)
    parent = os.getppid()
    with _converter(options) as converter:
        while not terminated:
            if not connection.poll(1.0):
                if os.getppid() != parent:
                    return
                continue
            try:
                task = connection.recv()
            except EOFError:
                return
            if task is None:
                return
            index, job = task
            outcome = run_job(job, options, converter)
            try:
                connection.send((index, outcome))
            except (pickle.PicklingError, TypeError, AttributeError) as error:  # a plugin's unpicklable value
                connection.send((index, Outcome(job, "failed", problems=(_internal_error(job, error),))))


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive lock on the folder (``flock`` on the folder itself: no lock file is left behind)."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _journal(output: Path, value: str) -> None:
    """Append the output's stamp to its folder's journal (one ``write``, under the lock); a line
    a kill cut short is ended first, so that it spoils nothing but itself."""
    with _locked(output.parent):
        descriptor = os.open(output.parent / STAMPS, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
        try:
            size = os.fstat(descriptor).st_size
            cut_short = size > 0 and os.pread(descriptor, 1, size - 1) != b"\n"
            line = json.dumps([output.name, value], ensure_ascii=False).encode() + b"\n"
            os.write(descriptor, b"\n" + line if cut_short else line)
        finally:
            os.close(descriptor)


def _compact(folder: Path) -> None:
    """Rewrite the folder's journal with one line per output (the latest), atomically, under the lock."""
    from .output import write_atomic

    with _locked(folder):
        stamps = _read_stamps(folder)
        write_atomic(folder / STAMPS, "".join(json.dumps([name, value], ensure_ascii=False) + "\n"
                                              for name, value in sorted(stamps.items())).encode())


def _read_stamps(folder: Path) -> dict[str, str]:
    """Output name -> stamp, the latest line winning; a line cut short by a kill is ignored."""
    stamps: dict[str, str] = {}
    try:
        lines = (folder / STAMPS).read_bytes().splitlines()
    except OSError:
        return stamps
    for line in lines:
        try:
            name, value = json.loads(line)
        except (ValueError, TypeError):
            continue
        if isinstance(name, str) and isinstance(value, str):
            stamps[name] = value
    return stamps


def load_stamps(jobs: list[Job]) -> dict[str, str]:
    """The stamps recorded beside the jobs' outputs by earlier runs, keyed by absolute output path."""
    stamps: dict[str, str] = {}
    for folder in sorted({job.output.parent for job in jobs}):
        stamps.update({str((folder / name).resolve()): value for name, value in _read_stamps(folder).items()})
    return stamps


def default_workers() -> int:
    """One worker per core."""
    return os.cpu_count() or 1
