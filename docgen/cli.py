"""The ``docgen`` command: parses options and calls the library, nothing more.

Heavy modules (docxtpl, lxml, jsonschema) are imported inside the commands
that need them, so ``docgen --help`` stays instant.
"""
from __future__ import annotations

import atexit
import gc
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NoReturn, TypeVar

import click

from .errors import DocgenError, Problem
from .messages import Language, format_report

if TYPE_CHECKING:
    from . import batch
    from .jobs import Job
    from .pdf import Converter

T = TypeVar("T")


def _sources(error: DocgenError) -> dict[str, list[str]]:
    """The text of every data file a problem points to a line of, for the caret lines (read bounded)."""
    from .loader import source_lines

    sources: dict[str, list[str]] = {}
    for problem in error.problems:
        file = problem.location.file if problem.location and problem.location.line else None
        if file and file not in sources:
            sources[file] = source_lines(file)
    return sources


def _fail(error: DocgenError, lang: Language) -> NoReturn:
    click.echo(format_report(error.problems, lang, _sources(error)), err=True)
    count = sum(p.severity == "error" for p in error.problems)
    click.echo(f"共 {count} 个错误，未生成文件。" if lang == "zh" else f"{count} error(s); nothing written.",
               err=True)
    sys.exit(1)


def _warn(warnings: list[Problem], lang: Language) -> None:
    if warnings:
        click.echo(format_report(warnings, lang, _sources(DocgenError(warnings))), err=True)


def _wrote(ctx: click.Context, path: Path) -> None:
    """Say that ``path`` was written, in the chosen language."""
    click.echo(f"已生成 {path}" if ctx.obj["lang"] == "zh" else f"wrote {path}")


def _run(ctx: click.Context, action: Callable[[], T]) -> T:
    """Run ``action``; an expected failure prints its problems (a bug keeps its traceback)."""
    try:
        return action()
    except DocgenError as error:
        if ctx.obj["debug"]:
            raise
        _fail(error, ctx.obj["lang"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="消息语言 / message language")
@click.option("--debug", is_flag=True, help="出错时显示完整的 Python 调用栈 / show tracebacks")
@click.version_option(package_name="docgen")
@click.pass_context
def main(ctx: click.Context, lang: str, debug: bool) -> None:
    """docgen：由 YAML 数据生成部门决算与绩效评价 Word 报告。

    docgen turns a department's budget facts (YAML) into its published Word reports.
    """
    ctx.obj = {"lang": lang, "debug": debug}
    _tune_collector(ctx)


def _tune_collector(ctx: click.Context) -> None:
    """A command allocates much and keeps little: while it runs, young objects are collected less often;
    at exit, the collector does not go over every object only to free memory the process gives back
    anyway (docgen leaves nothing to finalise: files are closed by ``with``, temporary files and
    LibreOffice by the command's context). About 5% of a render; the thresholds come back after it."""
    threshold = gc.get_threshold()
    gc.set_threshold(max(threshold[0], 10_000), *threshold[1:])
    ctx.call_on_close(lambda: gc.set_threshold(*threshold))
    _freeze_at_exit()


@cache
def _freeze_at_exit() -> None:
    atexit.register(gc.freeze)  # once per process


templates_option = click.option(
    "--templates", "templates", multiple=True, type=click.Path(path_type=Path, file_okay=False),
    help="另外的版式文件夹（可多次给出；也可设环境变量 DOCGEN_TEMPLATES）/ more layout folders")


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="输出文件；渲染多个文件时为输出文件夹 / output file, or folder for many inputs")
@click.option("--layout", help="版式名称，覆盖数据中的“版式” / layout name")
@click.option("--dump-context", is_flag=True,
              help="只打印计算后的全部字段（YAML），不生成文档 / print the computed context, write nothing")
@click.option("--strict", is_flag=True, help="有警告也不生成文档 / treat warnings as errors")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="并行进程数（默认为 CPU 核数）/ worker processes")
@click.option("--changed-only", is_flag=True, help="跳过数据与版式都未改变的文件 / skip unchanged inputs")
@click.option("-q", "--quiet", is_flag=True, help="只输出错误 / errors only")
@click.option("-v", "--verbose", is_flag=True, help="逐个列出生成的文件 / list every file")
@click.option("--pdf", is_flag=True,
              help="同时生成 PDF（同名 .pdf，需要 LibreOffice）/ also write the PDF beside each .docx")
@click.option("--pdf-timeout", type=click.FloatRange(min=1),
              help="每份 PDF 的转换时限（秒，默认 120），超时则重启 LibreOffice 重试一次 / seconds per PDF")
@templates_option
@click.pass_context
def render(ctx: click.Context, paths: tuple[Path, ...], output: Path | None, layout: str | None,
           dump_context: bool, strict: bool, jobs: int | None, changed_only: bool, quiet: bool,
           verbose: bool, pdf: bool, pdf_timeout: float | None, templates: tuple[Path, ...]) -> None:
    """生成报告 .docx；可给多个文件或文件夹 / render data files (or folders of them) to .docx."""
    from .output import cleanup_on_signals

    ctx.with_resource(cleanup_on_signals())  # SIGTERM stops a run like Ctrl-C: no temporary file, no LibreOffice left
    converter = None
    if pdf and not dump_context:
        from .pdf import Converter, soffice

        _run(ctx, soffice)  # no LibreOffice: say so before anything is written
        if len(paths) == 1 and not paths[0].is_dir():
            # one report: LibreOffice starts now, while docgen imports and renders (closed when the command ends)
            converter = ctx.with_resource(_run(ctx, lambda: Converter(pdf_timeout)))

    from . import pipeline
    from .jobs import plan

    if dump_context:
        from .contextdump import context_yaml

        def dump() -> str:
            return context_yaml(pipeline.prepare(paths[0], layout, strict, templates).context)

        click.echo(_run(ctx, dump), nl=False)
        return
    planned = _run(ctx, lambda: plan(paths, output, pdf))  # output names checked before anything is written
    single = len(paths) == 1 and not paths[0].is_dir() and (output is None or planned[0].output == output)
    if single and not changed_only:
        options = pipeline.RenderOptions(output=planned[0].output, layout=layout, strict=strict, templates=templates)
        rendered = _run(ctx, lambda: pipeline.render_file(paths[0], options))
        _warn(rendered.warnings, ctx.obj["lang"])
        if not quiet:
            _wrote(ctx, rendered.path)
        if converter is not None:
            _write_pdfs(ctx, converter, [rendered.path], quiet)
        return
    from . import batch

    options = batch.BatchOptions(layout=layout, strict=strict, templates=templates,
                                 workers=jobs or batch.default_workers(), changed_only=changed_only,
                                 stamps=batch.load_stamps(planned) if changed_only else {},
                                 pdf=pdf, pdf_timeout=pdf_timeout)
    _render_batch(ctx, planned, options, quiet, verbose, converter)


def _write_pdfs(ctx: click.Context, converter: Converter, documents: list[Path], quiet: bool) -> None:
    """The PDF beside each .docx; a failed conversion is reported (the .docx stays) and exits 1."""
    from .pdf import pdf_path, write_pdfs

    lang: Language = ctx.obj["lang"]
    try:
        _warn(write_pdfs(documents, converter), lang)
    except DocgenError as error:
        if ctx.obj["debug"]:
            raise
        click.echo(format_report(error.problems, lang, {}), err=True)
        click.echo(f"共 {len(error.problems)} 个 PDF 未生成。" if lang == "zh" else
                   f"{len(error.problems)} PDF(s) not written.", err=True)
        sys.exit(1)
    if not quiet:
        for document in documents:
            click.echo(f"已生成 {pdf_path(document)}" if lang == "zh" else f"wrote {pdf_path(document)}")


def _render_batch(ctx: click.Context, planned: list[Job], options: batch.BatchOptions, quiet: bool,
                  verbose: bool, converter: Converter | None) -> None:
    """Render a batch (and its PDFs, with ``converter`` if it runs in this process); the summary always,
    exit 1 if any file failed."""
    from . import batch
    from .pdf import pdf_path

    lang: Language = ctx.obj["lang"]
    show_bar = not quiet and not verbose and sys.stderr.isatty() and len(planned) > 1
    with click.progressbar(length=len(planned), label="生成中", file=sys.stderr) if show_bar else _NoBar() as bar:
        def report(outcome: batch.Outcome) -> None:
            bar.update(1)
            if verbose and outcome.status != "failed":
                word = "已生成" if outcome.status == "written" else "未变化"
                for path in (outcome.job.output, pdf_path(outcome.job.output)) if options.pdf else (outcome.job.output,):
                    click.echo(f"{word} {path}")

        outcomes = batch.run(planned, options, report, converter)
    failed = [o for o in outcomes if o.status == "failed"]
    warnings: list[Problem] = []
    for warning in (w for o in outcomes for w in o.warnings):
        if warning not in warnings:  # e.g. DG813 once per worker: say it once
            warnings.append(warning)
    _warn(warnings, lang)
    if failed:
        problems = [p for o in failed for p in o.problems]
        click.echo(format_report(problems, lang, _sources(DocgenError(problems))), err=True)
    counts = {status: sum(o.status == status for o in outcomes) for status in ("written", "skipped", "failed")}
    summary = (f"共 {len(outcomes)} 份：已生成 {counts['written']} 份，未变化 {counts['skipped']} 份，"
               f"失败 {counts['failed']} 份。" if lang == "zh" else
               f"{len(outcomes)} file(s): {counts['written']} written, {counts['skipped']} unchanged, "
               f"{counts['failed']} failed.")
    if failed or not quiet:
        click.echo(summary, err=bool(failed))
    if failed:
        sys.exit(1)


class _NoBar:
    """Stands in for a progress bar when output is not a terminal."""

    def __enter__(self) -> "_NoBar":
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, n: int) -> None:
        return None


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--strict", is_flag=True, help="有警告也算失败 / treat warnings as errors")
@click.option("-v", "--verbose", is_flag=True, help="同时列出说明（如因缺少数据而未写入报告的内容）/ list notes too")
@click.option("--layout", help="版式名称，覆盖数据中的“版式” / layout name")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json：在标准输出上给出问题列表（file、line、column、field、code、severity、message）/ machine-readable")
@templates_option
@click.pass_context
def check(ctx: click.Context, files: tuple[Path, ...], strict: bool, verbose: bool, layout: str | None,
          output_format: str, templates: tuple[Path, ...]) -> None:
    """检查数据及其前后一致性（与生成时的检查完全相同，不生成文档）/ everything render checks, nothing written."""
    from . import pipeline

    def check_all() -> list[Problem]:
        problems: list[Problem] = []
        warnings: list[Problem] = []
        for file in files:
            try:
                prepared = pipeline.verify(file, layout, strict, templates)
            except DocgenError as error:
                problems.extend(error.problems)
                continue
            warnings.extend(prepared.warnings)
            if verbose:  # what the calculators noted, and what each layout left out for lack of data
                from .leftout import left_out

                warnings.extend(prepared.notes + left_out(prepared))
        if problems:
            raise DocgenError(problems)
        return warnings

    if output_format == "json":
        _check_json(ctx, check_all)
    _warn(_run(ctx, check_all), ctx.obj["lang"])
    click.echo("数据正确。" if ctx.obj["lang"] == "zh" else "data is valid.")


def _check_json(ctx: click.Context, check_all: Callable[[], list[Problem]]) -> NoReturn:
    """``check --format json``: every problem as a record on stdout; exit 1 when any is an error."""
    import json

    from .messages import problem_record

    try:
        problems, failed = check_all(), False
    except DocgenError as error:
        if ctx.obj["debug"]:
            raise
        problems, failed = error.problems, True
    records = [problem_record(p, ctx.obj["lang"]) for p in problems]
    click.echo(json.dumps({"valid": not failed, "problems": records}, ensure_ascii=False, indent=2))
    sys.exit(1 if failed else 0)


@main.command("audit")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json：每处不一致一条记录（file、line、kind、stated、expected、sentence、certainty、where）/ records")
@click.pass_context
def audit_command(ctx: click.Context, paths: tuple[Path, ...], output_format: str) -> None:
    """核对已公开报告中的数字：占比、增减率、完成预算%、合计（.docx、.pdf、.txt 或文件夹）；发现不一致时退出码为 1。

    Check the arithmetic of published reports (.docx, .pdf, .txt, folders); exit 1 when anything is found.
    """
    from . import audit

    files = _run(ctx, lambda: audit.reports(paths))
    findings = _run(ctx, lambda: audit.audit(files))
    if output_format == "json":
        import json

        click.echo(json.dumps([f.record() for f in findings], ensure_ascii=False, indent=2))
    else:
        click.echo(audit.text_report(findings, len(files)))
    sys.exit(1 if findings else 0)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--layout", help="版式名称，覆盖数据中的“版式” / layout name")
@templates_option
@click.pass_context
def validate(ctx: click.Context, files: tuple[Path, ...], layout: str | None, templates: tuple[Path, ...]) -> None:
    """检查数据能否生成报告（拒绝的与 render 完全相同），不生成文档 / refuse exactly what render would."""
    from . import pipeline

    def check_all() -> None:
        problems = []
        for file in files:
            try:
                pipeline.verify(file, layout, templates=templates)
            except DocgenError as error:
                problems.extend(error.problems)
        if problems:
            raise DocgenError(problems)

    _run(ctx, check_all)
    click.echo("数据正确。" if ctx.obj["lang"] == "zh" else "data is valid.")


@main.command()
@templates_option
@click.pass_context
def types(ctx: click.Context, templates: tuple[Path, ...]) -> None:
    """列出已安装的报告类型及其版式；无法加载的插件列为警告 / list report types and layouts, broken plugins as warnings."""
    from dataclasses import replace

    from .layouts import broken_plugins
    from .pipeline import report_types

    registry = _run(ctx, report_types)
    broken: list[Problem] = []
    for name in _run(ctx, registry.names):
        try:
            report_type = registry.get(name)
        except DocgenError as error:  # only this type is unusable: list the others, warn of it
            broken.extend(replace(p, severity="warning") for p in error.problems)
            continue
        click.echo(f"{name}  [{report_type.id}]  {report_type.description}")
        for layout_name, layout in _run(ctx, lambda: report_type.layouts(templates)).items():
            mark = "（默认）" if layout_name == report_type.default_layout else ""
            description = layout.description
            click.echo(f"    {layout_name}{mark}  {description}")
    _warn(broken + broken_plugins(), ctx.obj["lang"])


@main.group()
def layout() -> None:
    """版式：复制、检查、列出 / layouts: copy, check, list."""


type_option = click.option("--type", "type_name", default="部门决算", show_default=True,
                           help="报告类型（中文名或 id）/ report type")


@layout.command("list")
@type_option
@templates_option
@click.pass_context
def layout_list(ctx: click.Context, type_name: str, templates: tuple[Path, ...]) -> None:
    """列出某报告类型的全部版式及其所在文件夹 / list a type's layouts and their folders."""
    from .pipeline import find_report_type

    report_type = _run(ctx, lambda: find_report_type(type_name))
    for name, found in _run(ctx, lambda: report_type.layouts(templates)).items():
        mark = "（默认）" if name == report_type.default_layout else ""
        click.echo(f"{name}{mark}  {found.description}\n    {found.folder}")


@layout.command("new")
@click.argument("name")
@click.option("--from", "source", required=True, help="从哪个版式复制 / the layout to copy")
@click.option("--into", type=click.Path(path_type=Path, file_okay=False), default=Path("templates"),
              show_default=True, help="放到哪个版式文件夹 / the layouts folder to put it in")
@click.option("--type", "type_name", default=None,
              help="报告类型（中文名或 id；默认：有这个版式的那个类型）/ report type (default: the one with that layout)")
@templates_option
@click.pass_context
def layout_new(ctx: click.Context, name: str, source: str, into: Path, type_name: str | None,
               templates: tuple[Path, ...]) -> None:
    """复制一个版式作为起点 / copy a layout to start a new one."""
    from .authoring import new_layout, type_of_layout
    from .pipeline import find_report_type

    report_type = _run(ctx, lambda: find_report_type(type_name or type_of_layout(source, templates) or "部门决算"))
    type_name = report_type.name
    target = _run(ctx, lambda: new_layout(report_type, name, source, into, templates))
    click.echo(f"已创建 {target}\n"
               f"  用 Word 打开 {target / 'template.docx'} 修改；设置在 {target / 'layout.yaml'}。\n"
               f"  使用：数据中写“版式: {name}”，生成时加 --templates {into}（或设环境变量 DOCGEN_TEMPLATES={into}）。\n"
               f"  检查：docgen layout check {name} --type {type_name} --templates {into}")


@layout.command("check")
@click.argument("name")
@click.option("--data", type=click.Path(path_type=Path, dir_okay=False),
              help="用哪份数据试生成（默认：版式文件夹中的 示例数据.yaml，或为该版式写的示例）/ data to try it on")
@type_option
@templates_option
@click.pass_context
def layout_check(ctx: click.Context, name: str, data: Path | None, type_name: str,
                 templates: tuple[Path, ...]) -> None:
    """检查版式：语法、过滤器、字段名、被拆开的标签，并用示例数据试生成 / check a layout."""
    from .authoring import check_layout, example_for
    from .pipeline import find_report_type

    report_type = _run(ctx, lambda: find_report_type(type_name))
    chosen = _run(ctx, lambda: report_type.layout(name, templates=templates))
    problems = _run(ctx, lambda: check_layout(report_type, chosen, data or example_for(report_type, chosen),
                                              trials=data is None))
    errors = [p for p in problems if p.severity == "error"]
    if problems:
        click.echo(format_report(problems, ctx.obj["lang"]), err=True)
    click.echo(f"版式 {name}：{len(errors)} 个错误，{len(problems) - len(errors)} 个警告。")
    if errors:
        sys.exit(1)


@main.command()
@click.argument("type_name", default="部门决算")
@click.pass_context
def fields(ctx: click.Context, type_name: str) -> None:
    """列出报告类型的全部字段（Markdown）/ print a report type's field reference."""
    from .fielddoc import markdown
    from .pipeline import find_report_type

    report_type = _run(ctx, lambda: find_report_type(type_name))
    click.echo(_run(ctx, lambda: markdown(report_type)), nl=False)


@main.command("tables")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="输出的 .xlsx 工作簿 / the workbook to write")
@click.pass_context
def tables_command(ctx: click.Context, file: Path, output: Path) -> None:
    """把数据中的决算公开表写成 Excel 工作簿（每表一页，官方格式）/ write the public tables as a workbook."""
    from .tablecommands import write_tables

    _wrote(ctx, _run(ctx, lambda: write_tables(file, output)))


@main.command("import")
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="输出的数据文件（.yaml）/ the data file to write")
@click.option("--into", type=click.Path(path_type=Path, dir_okay=False),
              help="更新这份已有数据文件的决算公开表，保留其说明文字与注释 / update the tables of this data file")
@click.pass_context
def import_command(ctx: click.Context, workbook: Path, output: Path, into: Path | None) -> None:
    """从导出的公开表工作簿（.xlsx/.xls）读取决算公开表 / read the public tables from an exported workbook."""
    from .tablecommands import import_tables

    _wrote(ctx, _run(ctx, lambda: import_tables(workbook, output, into)))


@main.command("next-year")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="下一年度的数据文件 / the next year's data file")
@click.pass_context
def next_year_command(ctx: click.Context, file: Path, output: Path) -> None:
    """由本年度数据开始下一年度：年度加 1，本年数成为上年数，说明文字标为草稿；附件各得一份 / start next year's data file."""
    from .nextyear import write_next_year

    for path in _run(ctx, lambda: write_next_year(file, output)):
        _wrote(ctx, path)
