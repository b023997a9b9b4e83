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

Across a paragraph and the document, figures that must agree are compared too:
a count (29批次) with the itemised list beside it, the dates of a dated list with
the report's year (its first “2022年度”), 人数 × 标准 with their product, a year's
named total stated twice, a part stated in one section with its whole in another
(机关运行经费 and 公用经费), a 类 with its 项 lines, and scores written in words
(得分 ≤ 满分, an indicator with its sub-indicators, a total with its grade).

Text comes from .txt (UTF-8), .docx (python-docx: paragraphs, and table rows
with their cells joined by tabs) and .pdf (poppler's ``pdftotext``, a page per
form feed; paragraphs joined across wrapped lines). A folder stands for the
reports in it.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import asdict, dataclass, replace
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
        texts = [text for text in _unwrapped(page) if not _FOOTER.fullmatch(text)]
        # a paragraph the page break cut goes on at the top of the next page
        if texts and result and not result[-1].text.endswith(("。", "！", "？", "：", ":")) and not _HEADING.match(texts[0]):
            result[-1] = replace(result[-1], text=result[-1].text + texts.pop(0))
        for text in texts:
            result.append(Paragraph(str(path), len(result) + 1, text, f"第 {page_number} 页"))
    return result


#: A page number in a footer: 13, - 13 -, 第 13 页, 13/42.
_FOOTER = re.compile(r"[-—\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—\s]*")


def _unwrapped(page: str) -> Iterator[str]:
    """A page's paragraphs: a line continues the one before unless that one ended a sentence or a lead-in
    (。！？, or ： unless an itemised list （1、… follows), the line opens a numbered heading (一、 （一） 1. 第一部分), or a blank line came between."""
    current = ""
    for line in (line.strip() for line in page.splitlines()):
        lead_in = current.endswith(("：", ":")) and not _LIST_OPENING.match(line)  # （1、… continues its lead-in
        if current and (not line or current.endswith(("。", "！", "？")) or lead_in or _HEADING.match(line)):
            yield current
            current = ""
        current += line
    if current:
        yield current


_LIST_OPENING = re.compile(r"[（(]\s*1\s*、")
_HEADING = re.compile(r"(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[.、．](?!\d)|第[一二三四五六七八九十]+部分)")


def audit(paths: Iterable[Path]) -> list[Finding]:
    """Every inconsistency in the reports named (files or folders)."""
    return [finding for path in reports(paths) for finding in audit_paragraphs(paragraphs(path))]


def audit_paragraphs(document: list[Paragraph]) -> list[Finding]:
    """Every inconsistency in one report's paragraphs, in order."""
    findings: list[Finding] = []
    named = _named_amounts(document)
    year = _report_year(document)
    for index, paragraph in enumerate(document):
        findings.extend(_unchosen_words(paragraph))
        findings.extend(_changes(paragraph))
        findings.extend(_shares(paragraph, named))
        findings.extend(_completions(paragraph))
        findings.extend(_parts_below(document, index))
        findings.extend(_counted_lists(paragraph, year))
        findings.extend(_products(paragraph))
        findings.extend(_scores(document, index))
    findings.extend(_restated(document))
    findings.extend(_parts_above_wholes(document))
    findings.extend(_class_totals(document))
    return sorted(findings, key=lambda f: f.line)


def _unchosen_words(paragraph: Paragraph) -> Iterator[Finding]:
    """A template's alternatives left in the text (增加/减少, 增长/下降), or its hint (（或与2018年决算数持平）)."""
    for match in re.finditer(r"增加/减少|增长/下降|增加或减少|增长或下降", paragraph.text):
        yield _finding(paragraph, "措辞", match.group(), "增加或减少、增长或下降之一", *match.span(), "确定")
    for match in re.finditer(r"[（(]或[^（）()。]{0,20}持平[）)]", paragraph.text):
        yield _finding(paragraph, "措辞", match.group(), "删去填写提示", *match.span(), "确定")


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
    stated = re.sub(r"\s+", "", stated)  # as the report writes it, without the spaces pdftotext puts around digits
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


# ------------------------------------------------------------------ counts, dates and products in lists


_COUNT = re.compile(r"(\d+)\s*批次")
#: Words saying a list gives only some of what was counted (具体内容包括 promises them all).
_SOME_OF = ("主要", "部分", "例如", "如下几", "等")
#: An itemised list's entries: （1、… 2、… (a number and 、 opening the list or after ；).
_ENTRY = re.compile(r"(?:^|[（(；;])\s*(\d{1,3})\s*[、.．]")
_DATED_ENTRY = re.compile(r"(?:((?:19|20)\d\d)\s*年\s*)?(\d{1,2})\s*月\s*\d{1,2}\s*日")


def _report_year(document: list[Paragraph]) -> int | None:
    """The year a report is about: the first “2022年度” it writes (its title or first heading)."""
    for paragraph in document:
        match = re.search(r"(?<!\d)((?:19|20)\d\d)\s*年度", paragraph.text)
        if match:
            return int(match.group(1))
    return None


def _entries(text: str) -> list[tuple[int, int, int]]:
    """An itemised list numbered 1、2、3… in a paragraph: (number, start, end) of each entry, the numbers in order."""
    numbered = [(int(m.group(1)), m.end()) for m in _ENTRY.finditer(text)]
    entries: list[tuple[int, int]] = []
    for number, start in numbered:
        if number == len(entries) + 1:
            entries.append((number, start))
    ends = [start for _, start in entries[1:]] + [len(text)]
    return [(number, start, end) for (number, start), end in zip(entries, ends)] if len(entries) > 1 else []


def _counted_lists(paragraph: Paragraph, year: int | None) -> Iterator[Finding]:
    """N批次 beside an itemised list of another length (when the list does not say it is partial); an entry of a
    dated list (3月3日 …) dated in another year than the report's."""
    text = paragraph.text
    entries = _entries(text)
    if not entries:
        return
    count = _COUNT.search(text[:entries[0][1]])
    listed = len(entries)
    lead = text[count.end() if count else 0:entries[0][1]]
    if count and int(count.group(1)) != listed and not any(word in lead for word in _SOME_OF):
        yield _finding(paragraph, "计数", count.group(), f"列出的 {listed} 次", *count.span(), "确定")
    dated = [(_DATED_ENTRY.match(text[start:end].lstrip()), start) for _, start, end in entries]
    if year is None or sum(1 for match, _ in dated if match) < 2:
        return
    for match, start in dated:
        if match and match.group(1) and int(match.group(1)) != year:
            where = text.index(match.group(), start)
            yield _finding(paragraph, "日期", match.group(), f"{year} 年内", where, where + len(match.group()), "确定")


_PRODUCT = re.compile(r"(\d+)\s*人[^。；]{0,30}?(\d+(?:\.\d+)?)\s*元\s*/\s*人[^。；]{0,12}?(?:合计|共计|计)\s*" + _NUMBER + r"\s*万元")


def _products(paragraph: Paragraph) -> Iterator[Finding]:
    """人数 × 标准 (元/人) stated beside their product in 万元: 762218人 × 52.7元/人 = 4016.89万元."""
    for match in _PRODUCT.finditer(paragraph.text):
        exact = Decimal(match.group(1)) * Decimal(match.group(2)) / 10000
        stated = _number(match.group(3))
        places = _places(match.group(3))
        if _round(exact, places) != stated:
            certainty = "可能" if abs(exact - stated) < Decimal(1).scaleb(-places) else "确定"
            yield _finding(paragraph, "乘积", f"{match.group(3)}万元", f"{_round(exact, max(places, 2)):f}万元",
                           *match.span(), certainty)


# ------------------------------------------------------------------ figures across the document


#: Totals a report states once for its year: a second, different value is a slip (2022年本年收入合计…).
_RESTATED = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*年(?:度)?\s*(本年收入合计|本年支出合计|财政拨款收、支总计|收、支总计)(?:为|是|：|:)?\s*"
                       + _NUMBER + r"\s*万元")


def _restated(document: list[Paragraph]) -> Iterator[Finding]:
    """The same year's named total stated again with another value (the main text against an attachment's)."""
    first: dict[tuple[str, str], Decimal] = {}
    for paragraph in document:
        for match in _RESTATED.finditer(paragraph.text):
            key, value = (match.group(1), match.group(2)), _number(match.group(3))
            if key not in first:
                first[key] = value
            elif first[key] != value:
                yield _finding(paragraph, "前后不一", f"{match.group(3)}万元", f"{first[key]:f}万元", *match.span(), "确定")


#: (part, whole): each the first amount stated after its name; the part cannot be larger.
_PART_WHOLE = ((r"机关运行经费(?:支出)?", r"(?<![人员日常])公用经费(?:支出)?(?:合计)?", "公用经费"),
               (r"一般公共预算财政拨款基本支出", r"(?<!财政拨款)(?<!财政拨款的)基本支出", "本年基本支出"))


def _first_amount(document: list[Paragraph], name: str) -> tuple[Paragraph, re.Match[str]] | None:
    pattern = re.compile(name + r"(?:为|是|：|:)?\s*" + _NUMBER + r"\s*万元")
    for paragraph in document:
        match = pattern.search(paragraph.text)
        if match:
            return paragraph, match
    return None


def _parts_above_wholes(document: list[Paragraph]) -> Iterator[Finding]:
    """机关运行经费 above the 公用经费 it is part of; 一般公共预算财政拨款基本支出 above the year's 基本支出."""
    for part_name, whole_name, whole_word in _PART_WHOLE:
        part, whole = _first_amount(document, part_name), _first_amount(document, whole_name)
        if part and whole and _number(part[1].group(1)) > _number(whole[1].group(1)):
            paragraph, match = part
            yield _finding(paragraph, "部分大于整体", match.group(), f"不大于{whole_word} {whole[1].group(1)} 万元",
                           *match.span(), "确定")


_CLASS_TOTAL = re.compile(r"([\u4e00-\u9fff]{2,12}?)(?:（类）)?支出(?:（类）)?\s*" + _NUMBER + r"\s*万元")


def _class_totals(document: list[Paragraph]) -> Iterator[Finding]:
    """Each 类 of the 一般公共预算财政拨款支出 list (主要用于以下方面) against its 项 lines further on
    (卫生健康（类）…（项）：支出决算为52.27万元), when every 项 of the document's lines is given."""
    heads = [(i, m) for i, p in enumerate(document)
             for m in [re.search(_NUMBER + r"\s*万元\s*[，,]?\s*主要用于以下方面", p.text)] if m]
    if not heads:
        return
    start, head = heads[0]
    paragraph = document[start]
    totals = {m.group(1): m for m in _CLASS_TOTAL.finditer(paragraph.text, head.end())}
    items: dict[str, list[Decimal]] = {}
    for index in range(start + 1, len(document)):
        line = document[index]
        name = re.match(r"^\s*(?:\d+[.、．]\s*)?([\u4e00-\u9fff]{2,12})（类）[^（]{1,20}（款）[^（]{1,30}（项）", line.text)
        if not name:
            continue
        amount = re.search(r"支出决算为\s*" + _NUMBER + r"\s*万元", line.text)
        if amount is None and index + 1 < len(document):  # the figure on the next line (4.住房保障…（项）：)
            amount = re.match(r"\s*支出决算为\s*" + _NUMBER + r"\s*万元", document[index + 1].text)
        if amount:
            items.setdefault(_class_name(name.group(1)), []).append(_number(amount.group(1)))
    for name, match in totals.items():
        parts = items.get(_class_name(name))
        if parts and len(items) >= 2 and sum(parts, Decimal(0)) != _number(match.group(2)):
            yield _finding(paragraph, "合计", f"{match.group(2)}万元", f"{sum(parts, Decimal(0)):f}万元",
                           *match.span(), "确定")


def _class_name(name: str) -> str:
    """A 类 as both places write it: 社会保障和就业支出（类） and 社会保障和就业（类） are one."""
    return name[:-2] if name.endswith("支出") else name


# ------------------------------------------------------------------ score tables in words


_MARKS = re.compile(r"满分\s*(\d+(?:\.\d+)?)\s*分[^。；]{0,20}?得分(?:为)?\s*(\d+(?:\.\d+)?)\s*分")
_GRADE = re.compile(r"得分(?:为)?\s*(\d+(?:\.\d+)?)\s*分\s*[，,]\s*(?:评价|自评)?(?:结果|等级)(?:为|是)\s*[“\"]?(优|良|中|差)")
#: The national grading of performance self-evaluations: 优 from 90, 良 from 80, 中 from 60.
_GRADES = ((Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))


def _scores(document: list[Paragraph], index: int) -> Iterator[Finding]:
    """A 得分 above its 满分; an indicator's 满分 and 得分 against its sub-indicators' (（1）二级指标… in the paragraphs
    below); a total score against its grade."""
    paragraph = document[index]
    text = paragraph.text
    for match in _MARKS.finditer(text):
        full, got = _number(match.group(1)), _number(match.group(2))
        if got > full:
            yield _finding(paragraph, "得分", f"{match.group(2)}分", f"不高于满分 {match.group(1)} 分", *match.span(), "确定")
    for match in _GRADE.finditer(text):
        score = _number(match.group(1))
        grade = next(word for floor, word in _GRADES if score >= floor)
        if grade != match.group(2):
            yield _finding(paragraph, "等级", match.group(2), f"{grade}（{match.group(1)} 分）", *match.span(), "确定")
    own = _MARKS.search(text)
    if not own or "一级指标" not in text:
        return
    subs = []
    for below in document[index + 1:]:
        if not re.match(r"\s*[（(]\d+[)）]", below.text):
            if subs:
                break
            continue
        sub = _MARKS.search(below.text)
        if sub:
            subs.append((_number(sub.group(1)), _number(sub.group(2))))
    if len(subs) < 2:
        return
    for position, word in ((0, "满分"), (1, "得分")):
        stated, parts = _number(own.group(position + 1)), sum((s[position] for s in subs), Decimal(0))
        if stated != parts:
            yield _finding(paragraph, "合计", f"{word}{own.group(position + 1)}分", f"{word}{parts:f}分", *own.span(), "确定")


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
