"""``docgen audit``: check the arithmetic of a published report's text.

A report states figures and the figures derived from them in the same
sentence: 增加X万元，增长Y% beside the year's amount, 占Y% beside a total, 完成
预算Y% beside 预算数 and 决算数, a total beside its 其中 parts. Each such
statement is recomputed from the figures the document itself states and every
disagreement is a :class:`Finding`. Rounding is tolerated: a derived figure
agrees when some amounts that print as the stated ones (to the cent) give it at
its printed precision; one that only exact arithmetic contradicts is reported as
``可能`` (perhaps rounding), one no rounding explains as ``确定``. Shares that a
report made sum to 100% by adjusting one item are accepted.

Text comes from .txt (UTF-8), .docx (python-docx: paragraphs, and table rows
with their cells joined by tabs) and .pdf (poppler's ``pdftotext``, a page per
form feed; paragraphs joined across wrapped lines). A folder stands for the
reports in it.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Iterable, Iterator

from .errors import DocgenError, Location, Problem

SUFFIXES = (".txt", ".docx", ".pdf")
_NUMBER = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_AMOUNT = re.compile(_NUMBER + r"\s*万元")
_CHANGE = re.compile(r"(增加|减少)\s*" + _NUMBER + r"\s*万元\s*[，,]?\s*(增长|下降)\s*" + _NUMBER + r"\s*%")
# X万元，占Y% / 占比Y% / 占本年支出合计的Y% / Y% (its 占 dropped): amount, the named whole, the share
_SHARE = re.compile(_NUMBER + r"\s*万元\s*(?:[，,]?\s*占(?:比)?(?:([^，,。；;%\d]{1,16})的)?|[，,])\s*" + _NUMBER + r"\s*%")
_LIST_START = re.compile(_NUMBER + r"\s*万元\s*[，,]?\s*(?:其中|主要用于以下方面)\s*[:：，,]?")
_COMPLETION = re.compile(r"(?:完成(?:年初)?预算(?:的)?|执行率(?:为|是)?)\s*" + _NUMBER + r"\s*%")
_BUDGET = re.compile(r"(?:预算(?:数)?|全年数)(?:为|是)?\s*" + _NUMBER + r"\s*万元")
_ACTUAL = re.compile(r"(?:执行数|实际完成数|决算数|决算|支出)(?:为|是)?\s*" + _NUMBER + r"\s*万元")
_SENTENCE_END = "。！？!?"
_PARTIAL = ("主要", "等", "包括", "部分")
HALF_CENT = Decimal("0.005")  # amounts are printed to the cent at most


@dataclass(frozen=True)
class Finding:
    """One derived figure a report states differently from what its own figures give."""

    file: str
    line: int  # the paragraph's number (its line in a .txt); for a .pdf, the page is in ``where``
    kind: str  # 增减率, 占比, 合计, 完成预算
    stated: str
    expected: str
    sentence: str
    certainty: str  # 确定: no rounding explains it; 可能: only exact arithmetic contradicts it
    where: str = ""

    def record(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Paragraph:
    file: str
    line: int
    text: str
    where: str


def reports(paths: Iterable[Path]) -> list[Path]:
    """The report files named, a folder standing for the reports in it (sorted); anything else is DG951."""
    found, problems = [], []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()))
        elif path.is_file() and path.suffix.lower() in SUFFIXES:
            found.append(path)
        else:
            problems.append(Problem("DG951", {"path": str(path), "kinds": "、".join(SUFFIXES)}, Location(str(path))))
    if problems:
        raise DocgenError(problems)
    return found


def paragraphs(path: Path) -> list[Paragraph]:
    """The report's text, one paragraph (or table row) at a time."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return [Paragraph(str(path), n, text, f"第 {n} 段") for n, text in enumerate(_docx_lines(path), 1) if text]
    if suffix == ".pdf":
        return _pdf_paragraphs(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise DocgenError.single("DG952", Location(str(path)), path=str(path), reason=str(error)) from None
    return [Paragraph(str(path), n, line, f"第 {n} 行") for n, line in enumerate(text.splitlines(), 1) if line.strip()]


def _docx_lines(path: Path) -> list[str]:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        document = Document(str(path))
    except Exception as error:  # python-docx raises many kinds for a broken package
        raise DocgenError.single("DG952", Location(str(path)), path=str(path), reason=str(error)) from None
    lines = []
    for block in document.element.body.iterchildren():
        if block.tag.endswith("}p"):
            lines.append(DocxParagraph(block, document).text)
        elif block.tag.endswith("}tbl"):
            lines.extend("\t".join(cell.text for cell in row.cells) for row in Table(block, document).rows)
    return lines


def _pdf_paragraphs(path: Path) -> list[Paragraph]:
    tool = shutil.which("pdftotext")
    if tool is None:
        raise DocgenError.single("DG953", Location(str(path)), path=str(path))
    run = subprocess.run([tool, "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=300)
    if run.returncode != 0:
        raise DocgenError.single("DG952", Location(str(path)), path=str(path),
                                 reason=run.stderr.decode("utf-8", "replace").strip())
    result: list[Paragraph] = []
    for page_number, page in enumerate(run.stdout.decode("utf-8", "replace").split("\f"), 1):
        for text in _unwrapped(page):
            result.append(Paragraph(str(path), len(result) + 1, text, f"第 {page_number} 页"))
    return result


def _unwrapped(page: str) -> Iterator[str]:
    """A page's paragraphs: a line continues the one before unless that one ended a sentence or a lead-in
    (。！？：), the line opens a numbered heading (一、 （一） 1. 第一部分), or a blank line came between."""
    current = ""
    for line in (line.strip() for line in page.splitlines()):
        if current and (not line or current.endswith(("。", "！", "？", "：", ":")) or _HEADING.match(line)):
            yield current
            current = ""
        current += line
    if current:
        yield current


_HEADING = re.compile(r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[.、．](?!\d)|第[一二三四五六七八九十]+部分)")


def audit(paths: Iterable[Path]) -> list[Finding]:
    """Every inconsistency in the reports named (files or folders)."""
    return [finding for path in reports(paths) for finding in audit_paragraphs(paragraphs(path))]


def audit_paragraphs(document: list[Paragraph]) -> list[Finding]:
    """Every inconsistency in one report's paragraphs, in order."""
    findings: list[Finding] = []
    named = _named_amounts(document)
    for index, paragraph in enumerate(document):
        findings.extend(_unchosen_words(paragraph))
        findings.extend(_changes(paragraph))
        findings.extend(_shares(paragraph, named))
        findings.extend(_completions(paragraph))
        findings.extend(_parts_below(document, index))
    return findings


def _unchosen_words(paragraph: Paragraph) -> Iterator[Finding]:
    """A template's alternatives left in the text (增加/减少, 增长/下降): the report does not say which."""
    for match in re.finditer(r"增加/减少|增长/下降|增加或减少|增长或下降", paragraph.text):
        yield _finding(paragraph, "措辞", match.group(), "增加或减少、增长或下降之一", *match.span(), "确定")


def _parts_below(document: list[Paragraph], index: int) -> Iterator[Finding]:
    """A total ending its paragraph with 其中： and parts opening the paragraphs below (人员经费X万元…)."""
    paragraph = document[index]
    head = re.search(_NUMBER + r"\s*万元\s*[，,]?\s*其中\s*[:：]\s*$", paragraph.text)
    if not head:
        return
    parts: list[Decimal] = []
    total = _number(head.group(1))
    for below in document[index + 1:]:
        item = re.match(r"\s*(?:\d+[.、．]\s*)?[\u4e00-\u9fff“”（）()]{2,20}?(?:支出|费|经费)?(?:为|是)?\s*" + _NUMBER
                        + r"\s*万元", below.text)
        # a paragraph that would take the parts past the total starts something else (授予中小企业… after 货物…)
        if not item or sum(parts, Decimal(0)) + _number(item.group(1)) > total:
            break
        parts.append(_number(item.group(1)))
    if len(parts) > 1 and sum(parts, Decimal(0)) != total:
        yield _finding(paragraph, "合计", f"{total:f}万元", f"{sum(parts, Decimal(0)):f}万元",
                       *head.span(), "确定")


def _named_amounts(document: list[Paragraph]) -> dict[str, Decimal]:
    """Totals the document states by name (本年支出合计1335.68万元), the first time each is stated."""
    named: dict[str, Decimal] = {}
    for paragraph in document:
        for match in re.finditer(r"(本年(?:收入|支出)合计|收入总计|支出总计|财政拨款支出|财政拨款收入)(?:为|是|：|:)?\s*"
                                 + _NUMBER + r"\s*万元", paragraph.text):
            named.setdefault(match.group(1), _number(match.group(2)))
    return named


# ------------------------------------------------------------------ arithmetic with printed figures


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def _round(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _verdict(stated: str, exact: Decimal, low: Decimal, high: Decimal) -> str | None:
    """None when ``stated`` (a percentage as printed) agrees with ``exact``; else 确定 or 可能.

    It agrees when the exact value rounds to it at its printed precision; when
    only a value in [low, high] (the figures' rounding) does, it is 可能.
    """
    places = _places(stated)
    value = _number(stated)
    if _round(exact, places) == value:
        return None
    half = Decimal(5).scaleb(-places - 1)
    return "可能" if low <= value + half and value - half <= high else "确定"


def _ratio(part: Decimal, whole: Decimal) -> tuple[Decimal, Decimal, Decimal]:
    """part / whole in percent, with its range when both are rounded to the cent."""
    if whole <= 0:
        return Decimal(0), Decimal(0), Decimal(0)
    exact = part / whole * 100
    low = max(part - HALF_CENT, Decimal(0)) / (whole + HALF_CENT) * 100
    high = (part + HALF_CENT) / max(whole - HALF_CENT, HALF_CENT) * 100
    return exact, low, high


def _shown(value: Decimal, places: int) -> str:
    """What a percentage should read: to its printed precision, at least two places (1.01% beside 1%)."""
    return f"{_round(value, max(places, 2)):f}%"


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding [start, end)."""
    left = max((text.rfind(mark, 0, start) for mark in _SENTENCE_END), default=-1) + 1
    rights = [i for i in (text.find(mark, end) for mark in _SENTENCE_END) if i != -1]
    return text[left:(min(rights) + 1 if rights else len(text))].strip()


def _finding(paragraph: Paragraph, kind: str, stated: str, expected: str, start: int, end: int,
             certainty: str) -> Finding:
    return Finding(paragraph.file, paragraph.line, kind, stated, expected,
                   _sentence(paragraph.text, start, end), certainty, paragraph.where)


# ------------------------------------------------------------------ 增加X万元，增长Y%


def _changes(paragraph: Paragraph) -> Iterator[Finding]:
    text = paragraph.text
    changes = list(_CHANGE.finditer(text))
    change_spans = [m.span(2) for m in changes]
    for match in changes:
        word, amount, trend, rate = match.group(1), match.group(2), match.group(3), match.group(4)
        if (word == "增加") != (trend == "增长"):
            yield _finding(paragraph, "增减方向", f"{word}…{trend}", f"{word}…{'增长' if word == '增加' else '下降'}",
                           *match.span(), "确定")
            continue
        change = _number(amount)
        previous = _stated_previous(text, match.start())
        if previous is None:
            current = _current_amount(text, match.start(), change_spans)
            if current is None:
                continue
            previous = current - change if word == "增加" else current + change
            if previous <= 0:
                continue
        exact, low, high = _ratio(change, previous)
        verdict = _verdict(rate, exact, low, high)
        if verdict:
            yield _finding(paragraph, "增减率", rate + "%", _shown(exact, _places(rate)), *match.span(), verdict)


def _stated_previous(text: str, before: int) -> Decimal | None:
    """Last year's figure written just before the change: 比2017年(5.39万元）减少…"""
    match = re.search(r"[（(]\s*" + _NUMBER + r"\s*万元\s*[)）]\s*$", text[max(0, before - 30):before])
    return _number(match.group(1)) if match else None


def _current_amount(text: str, before: int, change_spans: list[tuple[int, int]]) -> Decimal | None:
    """The year's figure a change refers to: the amount written after the same subject earlier in the paragraph,
    else the last amount before it that is not itself a change."""
    head = text[:before]
    subject = re.search(r"([\u4e00-\u9fff“”\"（）()]{2,12}?)(?:各)?\s*$", head)
    amounts = [m for m in _AMOUNT.finditer(head) if m.span(1) not in change_spans]
    if subject:
        name = subject.group(1).lstrip("，,。；比较与")
        named = [m for m in amounts if name and head[:m.start()].rstrip("为是：:").endswith(name)]
        if named:
            return _number(named[-1].group(1))
    return _number(amounts[-1].group(1)) if amounts else None


# ------------------------------------------------------------------ X万元，占Y% (and 其中 lists)


def _shares(paragraph: Paragraph, named: dict[str, Decimal]) -> Iterator[Finding]:
    text = paragraph.text
    for start, total, items in _share_lists(text):
        amounts = [_number(m.group(1)) for m in items]
        wholes = {m.group(2) for m in items if m.group(2)}
        if total is None and wholes:  # 占本年支出合计的Y%: the whole the document states by that name
            total = named.get(wholes.pop()) if len(wholes) == 1 else None
            if total is None:
                continue
        stated_sum = sum((_number(m.group(3)) for m in items), Decimal(0))
        whole = total if total is not None else sum(amounts, Decimal(0))
        if total is not None and len(items) > 1 and sum(amounts, Decimal(0)) != total:
            parts = sum(amounts, Decimal(0))
            if parts > total or not any(word in text[start:items[-1].end()] for word in _PARTIAL):
                yield _finding(paragraph, "合计", f"{total:f}万元", f"{parts:f}万元",
                               start, items[-1].end(), "确定")
        largest = max(range(len(items)), key=lambda i: amounts[i])
        for index, match in enumerate(items):
            share = match.group(3)
            exact, low, high = _ratio(amounts[index], whole)
            verdict = _verdict(share, exact, low, high)
            if verdict and index == largest and stated_sum == 100 and whole > 0 and _adjusted(items, amounts, whole, largest):
                continue  # the residual put into the largest item so that the shares sum to 100%
            if verdict:
                yield _finding(paragraph, "占比", share + "%", _shown(exact, _places(share)), *match.span(), verdict)


def _share_lists(text: str) -> Iterator[tuple[int, Decimal | None, list[re.Match[str]]]]:
    """Runs of “X万元，占Y%” items: (where the run starts, the total stated before it if any, the items)."""
    items = list(_SHARE.finditer(text))
    run: list[re.Match[str]] = []
    for match in items + [None]:  # type: ignore[list-item]
        if match is not None and (not run or re.fullmatch(r"[^。]*", text[run[-1].end():match.start()])):
            run.append(match)
            continue
        if run:
            yield _with_total(text, run)
        run = [match] if match is not None else []


def _with_total(text: str, run: list[re.Match[str]]) -> tuple[int, Decimal | None, list[re.Match[str]]]:
    head = text[:run[0].start()]
    lists = list(_LIST_START.finditer(head))
    if lists and not _AMOUNT.search(head[lists[-1].end():]):
        return lists[-1].start(), _number(lists[-1].group(1)), run
    return run[0].start(), None, run


def _adjusted(items: list[re.Match[str]], amounts: list[Decimal], whole: Decimal, largest: int) -> bool:
    """The largest item's share is 100 minus the others' (each of them right): a legitimate adjustment."""
    others = [i for i in range(len(items)) if i != largest]
    for i in others:
        exact, low, high = _ratio(amounts[i], whole)
        if _verdict(items[i].group(3), exact, low, high):
            return False
    return True


# ------------------------------------------------------------------ 完成预算Y%


def _completions(paragraph: Paragraph) -> Iterator[Finding]:
    text = paragraph.text
    for match in _COMPLETION.finditer(text):
        sentence_start = max((text.rfind(mark, 0, match.start()) for mark in _SENTENCE_END), default=-1) + 1
        head = text[sentence_start:match.start()]
        budgets, actuals = list(_BUDGET.finditer(head)), list(_ACTUAL.finditer(head))
        if not budgets or not actuals:
            continue
        budget, actual = _number(budgets[-1].group(1)), _number(actuals[-1].group(1))
        if budget == 0:
            continue
        exact, low, high = _ratio(actual, budget)
        verdict = _verdict(match.group(1), exact, low, high)
        if verdict:
            yield _finding(paragraph, "完成预算", match.group(1) + "%", _shown(exact, _places(match.group(1))),
                           *match.span(), verdict)


# ------------------------------------------------------------------ the text report


def text_report(findings: list[Finding], checked: int) -> str:
    """A readable Chinese report: each finding with its sentence, then a summary."""
    lines = []
    for f in findings:
        lines.append(f"{f.file}:{f.line}（{f.where}）: {f.kind}: 写的是 {f.stated}，按文中数字应为 {f.expected}"
                     f"（{'确定' if f.certainty == '确定' else '可能是舍入'}）")
        lines.append(f"    {f.sentence}")
    sure = sum(f.certainty == "确定" for f in findings)
    lines.append(f"共检查 {checked} 份报告，发现 {len(findings)} 处不一致（确定 {sure} 处，可能是舍入 {len(findings) - sure} 处）。"
                 if findings else f"共检查 {checked} 份报告，未发现不一致。")
    return "\n".join(lines)
