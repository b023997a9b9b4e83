"""Turn :class:`~docgen.errors.Problem` data into text, in Chinese or English.

Every code docgen can raise has one line here; ``tests/test_messages.py``
keeps the catalogue and the raising code in step.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Literal

from .errors import Location, Problem

Language = Literal["zh", "en"]

#: code -> (Chinese template, English template); ``str.format`` placeholders.
MESSAGES: dict[str, tuple[str, str]] = {
    # loading (DG1xx)
    "DG101": ("无法读取文件：{reason}", "cannot read the file: {reason}"),
    "DG102": (
        "文件似乎不是 UTF-8 编码（看起来是 {encoding}）：请在编辑器中“另存为”，编码选 UTF-8"
        "（记事本中的“ANSI”“Unicode”都不是 UTF-8）；此处是第一个不能按 UTF-8 读出的字节",
        "the file does not seem to be UTF-8 (it looks like {encoding}): save it as UTF-8 in your editor "
        "(Notepad's “ANSI” and “Unicode” are not UTF-8); the first byte that is not UTF-8 is here",
    ),
    "DG103": ("YAML 语法错误：{reason}", "YAML syntax error: {reason}"),
    "DG104": ("文件为空，应为报告数据（键: 值）", "the file is empty; expected report data (key: value)"),
    "DG105": (
        "文件顶层应为映射（键: 值），实际为{actual}",
        "the top level must be a mapping (key: value), not {actual}",
    ),
    "DG106": (
        "键 {key} 重复（第一次出现在第 {first_line} 行）",
        "duplicate key {key} (first at line {first_line})",
    ),
    "DG107": (
        "缺少报告类型：请在文件开头写 type: 部门决算（可用类型：{available}）",
        "no report type: start the file with `type: 部门决算` (available: {available})",
    ),
    "DG108": ("文字是乱码：“{written}”（原文应为“{meant}”）：文件曾按另一种编码（“ANSI”）打开后又保存，中文已经损坏；"
              "请找回原来的 UTF-8 文件（或备份）编辑，并以 UTF-8 编码保存",
              "garbled text: “{written}” (meant “{meant}”): the file was opened in another encoding (“ANSI”) and "
              "saved, which broke its Chinese; go back to the original UTF-8 file (or a backup) and save as UTF-8"),
    "DG109": ("这一行像是从 Excel 复制来的表格（单元格之间是制表符 Tab）：请逐项写成“名称: 数字”，例如 {example}",
              "this line looks like a table row pasted from Excel (cells separated by tabs): write each item as "
              "`name: number`, e.g. {example}"),
    "DG110": ("键（冒号前的字段名）应为文字，这里是列表或映射：请去掉方括号或花括号，或给键加引号",
              "a key (the field name before the colon) must be text, not a list or mapping: remove the brackets "
              "or quote the key"),
    "DG111": ("不接受 YAML 标签 {tag}：请去掉它，直接写值（数字写作 1234.56，不写 1_000、0x10、.inf、nan）",
              "the YAML tag {tag} is not accepted: remove it and write the value plainly (numbers as 1234.56, "
              "not 1_000, 0x10, .inf or nan)"),
    "DG112": ("数字太长（{digits} 位）：整数部分最多 {max_whole} 位，小数部分最多 {max_fraction} 位（金额以万元为单位）",
              "the number is too long ({digits} digits): at most {max_whole} digits before the point and "
              "{max_fraction} after (amounts are in 万元)"),
    "DG113": ("{path} 太大（{size} MB，上限 {limit} MB）：数据文件不会这么大，请确认选对了文件",
              "{path} is too large ({size} MB, limit {limit} MB): no data file is that big; check the file"),
    "DG114": ("{path} 不是普通文件（而是文件夹、管道或设备）：数据文件和附件必须是普通文件",
              "{path} is not a regular file (a folder, pipe or device): data files and attachments must be regular files"),
    "DG115": ("附件 {path} 不在本文件所在的文件夹之内：附件的路径相对于本文件所在的文件夹，不能是绝对路径，"
              "不能用“..”或链接指向外面（另外的文件夹可用环境变量 DOCGEN_ATTACHMENT_DIRS 指定）",
              "attachment {path} is outside this file's folder: attachment paths are relative to it, and may not "
              "be absolute or lead outside through .. or links (allow more folders with DOCGEN_ATTACHMENT_DIRS)"),
    "DG116": ("找不到附件 {path}（路径相对于本文件所在的文件夹）",
              "attachment {path} not found (paths are relative to this file's folder)"),
    "DG117": ("这不是文本数据文件（文件格式：{kind}）：请给出 UTF-8 编码的 YAML 数据文件（.yaml）",
              "this is not a text data file (format: {kind}): give a UTF-8 YAML data file (.yaml)"),
    "DG118": ("别名（*名称）引用了包含它自身的内容（循环引用）：请删除这个别名",
              "an alias (*name) refers to content that contains it (a cycle): remove the alias"),
    "DG119": ("嵌套超过 {limit} 层：数据文件不会嵌套这么深，请检查缩进和括号",
              "nested deeper than {limit} levels: no data file nests that deep; check the indentation and brackets"),
    "DG120": ("键“{written}”全是问号：文件曾以不能表示中文的编码（如 Windows-1252）保存，中文已变成问号、无法恢复；"
              "请找回原来的文件（或备份），以 UTF-8 编码保存",
              "the key “{written}” is all question marks: the file was saved in an encoding without Chinese "
              "(e.g. Windows-1252), which lost its Chinese for good; go back to the original (or a backup), save as UTF-8"),
    "DG121": ("展开别名（*名称）后超过 {limit} 个节点：数据文件不会这么大，请直接写出内容，不要层层引用别名",
              "expanding the aliases (*name) gives more than {limit} nodes: no data file is that big; write the "
              "content out instead of nesting aliases"),
    # schema validation (DG2xx)
    "DG201": ("应为{expected}，实际为 {actual}{hint}", "expected {expected}, got {actual}{hint}"),
    "DG202": ("缺少必填字段 {name}", "missing required field {name}"),
    "DG203": ("应不小于 {limit}，实际为 {actual}", "must be at least {limit}, got {actual}"),
    "DG204": ("未知字段 {name}{hint}", "unknown field {name}{hint}"),
    "DG205": ("应为以下之一：{allowed}，实际为 {actual}", "must be one of {allowed}, got {actual}"),
    "DG206": ("格式不对：{description}，实际为 {actual}", "wrong format: {description}, got {actual}"),
    "DG207": ("至少应有 {limit} 项", "needs at least {limit} item(s)"),
    "DG208": ("不符合数据格式（JSON Schema）中的“{keyword}”规则：{detail}",
              "breaks the data schema's “{keyword}” rule: {detail}"),
    "DG209": ("应不大于 {limit}，实际为 {actual}", "must be at most {limit}, got {actual}"),
    "DG210": ("{name} 由 docgen 计算，不要填写（删除这一行）", "{name} is computed by docgen; do not type it (delete this line)"),
    "DG211": ("不能为空", "must not be empty"),
    # plugins and layouts (DG3xx)
    "DG301": ("未知的报告类型 {name}{hint}（可用类型：{available}）",
              "unknown report type {name}{hint} (available: {available})"),
    "DG302": ("插件 {name}（{group}）加载失败：{reason}",
              "plugin {name} ({group}) failed to load: {reason}"),
    "DG303": ("插件名 {name}（{group}）被两个包注册：{first} 与 {second}",
              "plugin name {name} ({group}) is registered by two packages: {first} and {second}"),
    "DG304": ("报告类型 {type} 使用了未知的计算器 {name}{hint}",
              "report type {type} uses unknown calculator {name}{hint}"),
    "DG305": ("计算器 {calculator} 试图覆盖已有字段 {name}：计算结果不能改写输入数据",
              "calculator {calculator} tried to overwrite field {name}; calculators may not change input"),
    "DG306": ("报告类型 {type} 没有版式 {name}{hint}（可用版式：{available}）",
              "report type {type} has no layout {name}{hint} (available: {available})"),
    "DG310": ("科目 {subject}（{level}）不在内置科目表中，数据也没有给出名称：请照决算表列出这一{level}级科目行"
              "（编码: {subject}, 名称: …），或在数据的“科目”下补充其名称",
              "subject {subject} ({level}) is neither in the built-in catalogue nor named in the data: list its row "
              "as the 决算表 prints it (编码: {subject}, 名称: …) or add its name under `科目`"),
    "DG312": ("科目 {subject} 列在{level} {parent} 之下，但它属于{level} {own}：请核对编码（类 3 位、款 5 位、项 7 位，"
              "下级编码以上级编码开头）",
              "subject {subject} is listed under {level} {parent} but belongs to {level} {own}; check the codes"),
    "DG311": ("术语“{term}”没有名词解释：请在数据的“术语”下补充其说明",
              "term {term} has no explanation; add it under `术语` in the data"),
    # consistency of the data (DG7xx), run after the calculators
    "DG701": ("收入总计 {income} 万元（本年收入合计 {income_year} + 使用非财政拨款结余 + 年初结转和结余）与支出总计 "
              "{spending} 万元（本年支出合计 {spending_year} + 结余分配 + 年末结转和结余）相差 {difference} 万元："
              "收入支出决算总表两边相等，请核对这些数字",
              "收入总计 {income} (本年收入合计 {income_year} + 使用非财政拨款结余 + 年初结转和结余) and 支出总计 "
              "{spending} (本年支出合计 {spending_year} + 结余分配 + 年末结转和结余) differ by {difference}; "
              "the table balances: check these figures"),
    "DG709": ("金额 {amount} 万元达到 {limit} 万元：似乎按“元”填写了（docgen 的金额单位是万元，{amount} 元 = {wan} 万元）；"
              "请把全部金额换算为万元",
              "{amount} 万元 reaches {limit} 万元: it looks typed in 元 (amounts are in 万元; {amount} 元 = {wan} 万元)"),
    "DG790": ("未填写：版式 {layout} 中依赖这一项的句子、段落或小节没有写入报告",
              "not given: what layout {layout} says of it is left out of the report"),
    "DG710": ("科目 {subject} {name} 没有已知的名词解释，名词解释中未列出它；可在数据的“科目”下补充其说明",
              "subject {subject} {name} has no known explanation and is left out of the 名词解释; add its 说明 under `科目`"),
    "DG711": ("国内公务接待与外事接待合计 {parts} 万元，与公务接待费 {total} 万元不相等",
              "国内公务接待 + 外事接待 = {parts}, but 公务接待费 is {total}"),
    "DG712": ("一般公共预算财政拨款{kind} {part} 万元大于本年{kind} {whole} 万元：前者是后者的一部分，请核对这两个数",
              "the 一般公共预算财政拨款 {kind} {part} exceeds the year's whole {kind} {whole}, which it is part of"),
    "DG713": ("一般公共预算财政拨款支出（科目合计）{part} 万元大于本年支出合计 {whole} 万元：前者是后者的一部分，请核对",
              "一般公共预算财政拨款支出 (its lines) {part} exceeds 本年支出合计 {whole}, which it is part of"),
    "DG714": ("机关运行经费 {part} 万元大于公用经费 {whole} 万元：按版式的定义机关运行经费是公用经费的一部分"
              "（版式设置“机关运行经费属于公用经费”），请核对",
              "机关运行经费 {part} exceeds 公用经费 {whole}, which it is part of by the layout's definition "
              "(setting 机关运行经费属于公用经费)"),
    "DG715": ("{item}决算数 {actual} 万元超过调整预算数 {budget} 万元，却没有填写“预决算差异原因”：请核对或说明原因",
              "{item}: 决算数 {actual} exceeds its 调整预算数 {budget} and no 预决算差异原因 says why"),
    "DG716": ("国内公务接待列出 {rows} 条明细，批次却是 {count}：明细应逐批列全，或不列明细",
              "{rows} receptions are itemised but 批次 is {count}: list every one, or none"),
    "DG717": ("国内公务接待明细合计 {parts} 元（{wan} 万元），与国内公务接待支出 {total} 万元不相等（明细已按批次列全）",
              "the complete list of receptions adds up to {parts} 元 ({wan} 万元), not the 国内公务接待 {total} 万元"),
    "DG718": ("明细写的是 {year} 年（“{text}”），而决算年度是 {report_year} 年：请核对日期，或不把它列入本年明细",
              "an item is dated {year} (“{text}”) in the {report_year} accounts: check the date"),
    "DG719": ("{amount} 万元在公用经费中是“{item}”（货物），政府采购中却列为{kind}（货物只有 {goods} 万元）："
              "同一笔支出应归同一类，请核对",
              "{amount} is “{item}” (goods) among the 公用经费 but {kind} under 政府采购 (goods only {goods}): "
              "one payment, one class"),
    "DG720": ("文中写的总得分是 {stated} 分（“{text}”），而各指标得分合计为 {score} 分：请改正文字，或核对指标得分",
              "a text states a total score of {stated} (“{text}”), but the indicators add up to {score}"),
    "DG721": ("文中写的评价等级是“{stated}”（“{text}”），而得分 {score} 按版式的评级对应“{grade}”：请核对等级或得分",
              "a text states the grade “{stated}” (“{text}”), but the score {score} is graded “{grade}” by the layout"),
    "DG722": ("文中写的执行率是 {stated}%（“{text}”），而执行数 {actual} 万元 ÷ 预算数 {budget} 万元 = {rate}%：请核对",
              "a text states an execution rate of {stated}% (“{text}”), but {actual} ÷ {budget} is {rate}%"),
    "DG723": ("{part} 万元大于{whole} 万元：上年结余资金是全年预算数（和年初结转结余）的一部分，请核对",
              "{part} exceeds {whole}: last year's balance is part of it"),
    "DG724": ("文中的日期是 {year} 年（“{text}”），而报告的年份是 {years} 年：请核对日期",
              "a date in the text is in {year} (“{text}”), outside the report's years {years}"),
    "DG702": ("明细之和 {parts} 万元大于合计 {total} 万元", "the items add up to {parts}, more than the total {total}"),
    "DG703": ("基本支出 {basic} 万元 + 项目支出 {project} 万元 = {both} 万元，与功能分类科目合计 {lines} 万元不相等",
              "基本支出 {basic} + 项目支出 {project} = {both}, but the function lines add up to {lines}"),
    "DG704": ("增减变动较大（{trend}{rate}%），请说明原因：填写“变动原因”",
              "a large change ({trend} {rate}%) needs a reason: fill in 变动原因"),
    "DG705": ("{part} {amount} 万元大于{whole} {limit} 万元", "{part} {amount} exceeds {whole} {limit}"),
    "DG706": ("年末车辆 {assets} 辆（国有资产）与公务用车保有量 {cars} 辆（“三公”经费）不相等",
              "vehicles under 国有资产 ({assets}) and under 三公经费 ({cars}) differ"),
    "DG707": ("接待明细合计 {parts} 元大于国内公务接待支出 {total} 万元", "the reception items ({parts} 元) exceed the total ({total} 万元)"),
    "DG308": ("报告类型 {type} 的版式 {name} 出现在两处：{first} 与 {second}；请给其中一个改名",
              "layout {name} of {type} is found twice: {first} and {second}; rename one"),
    "DG320": ("{path} 已存在：请换一个版式名称，或先删除那个文件夹", "{path} exists already; choose another name"),
    "DG309": ("附件中的报告不能再带附件", "an attached report cannot have attachments of its own"),
    "DG708": ("附件的{name}为 {theirs}，与主报告 {main} 的 {ours} 不一致",
              "the attachment's {name} is {theirs}, but the main report {main} states {ours}"),
    # templates (DG4xx)
    "DG401": ("版式 {layout} 的模板有语法错误：{reason}；所在段落：“{paragraph}”",
              "template of layout {layout} has a syntax error: {reason}; in paragraph “{paragraph}”"),
    "DG402": ("版式 {layout} 的模板使用了不存在的变量：{reason}；所在段落：“{paragraph}”",
              "template of layout {layout} uses an undefined variable: {reason}; in paragraph “{paragraph}”"),
    "DG403": ("版式 {layout} 的模板文件无法打开（{path}）：{reason}",
              "template of layout {layout} cannot be opened ({path}): {reason}"),
    "DG404": ("版式 {layout} 的模板试图访问不安全的内容，已拒绝：{reason}",
              "template of layout {layout} tried an unsafe operation and was refused: {reason}"),
    "DG405": ("版式 {layout} 的模板出错：{reason}；所在段落：“{paragraph}”",
              "template of layout {layout} failed: {reason}; in paragraph “{paragraph}”"),
    "DG406": ("缺少 {name}，版式 {layout} 需要它", "{name} is missing; layout {layout} needs it"),
    "DG407": ("版式 {layout} 的模板递归过深（宏是否调用了自己？）；所在段落：“{paragraph}”",
              "template of layout {layout} recurses too deeply (does a macro call itself?); "
              "in paragraph “{paragraph}”"),
    "DG408": ("版式 {layout} 的模板超过 {limit} 秒仍未生成完（是否有过大的循环？）：时限由 layout.yaml 的“渲染时限秒”设置；"
              "所在段落：“{paragraph}”",
              "template of layout {layout} did not finish within {limit} s (a loop too large?); the limit is "
              "渲染时限秒 in layout.yaml; in paragraph “{paragraph}”"),
    "DG409": ("版式 {layout} 生成的文档超过 {limit} MB 的上限（是否有过大的循环或重复？）：上限由 layout.yaml 的"
              "“输出上限MB”设置",
              "the document of layout {layout} exceeds the limit of {limit} MB (a loop or repetition too large?); "
              "the limit is 输出上限MB in layout.yaml"),
    "DG410": ("版式 {layout} 的模板文件 {path} 中的 {part} 过大（解压后 {size} MB，上限 {limit} MB，或压缩比异常），"
              "已拒绝：请在 Word 中另存为 .docx",
              "in the template of layout {layout} ({path}) the part {part} is too large ({size} MB unpacked, "
              "limit {limit} MB, or compressed suspiciously well) and was refused; save it again as .docx in Word"),
    "DG414": ("版式 {layout} 的模板文件 {path} 不是 Word 文档：缺少 {part}；请在 Word 中另存为 .docx",
              "the template of layout {layout} ({path}) is not a Word document: it lacks {part}; "
              "save it as .docx in Word"),
    "DG415": ("版式 {layout} 的模板文件 {path} 中的 {part} 不是有效的 XML（{reason}）：请在 Word 中打开并另存为 .docx",
              "in the template of layout {layout} ({path}) the part {part} is not well-formed XML ({reason}); "
              "open it in Word and save it again as .docx"),
    "DG416": ("版式 {layout} 的模板文件 {path} 中的 {part} 含有文档类型声明（DOCTYPE），已拒绝：Word 文档不会有它",
              "in the template of layout {layout} ({path}) the part {part} has a document type declaration "
              "(DOCTYPE), which no Word document has; refused"),
    "DG417": ("版式 {layout} 生成的 {part} 不是有效的 XML（{reason}）：模板的标签可能拆开了 Word 的段落或表格结构，"
              "请用 docgen layout check 检查；未生成文件",
              "layout {layout} produced a {part} that is not well-formed XML ({reason}): a tag may split a Word "
              "paragraph or table; run docgen layout check; nothing was written"),
    "DG418": ("版式 {layout} 的模板要计算一个过大的数，已拒绝；所在段落：“{paragraph}”",
              "template of layout {layout} tried to compute a number too large and was refused; "
              "in paragraph “{paragraph}”"),
    "DG419": ("版式 {layout} 的模板要输出一个 {kind} 值，只能输出文字或数字（请输出它的某个字段，或用循环列出各项）；"
              "所在段落：“{paragraph}”",
              "template of layout {layout} prints a {kind} value; only text and numbers can be printed (print one "
              "of its fields, or list its items in a loop); in paragraph “{paragraph}”"),
    "DG411": ("版式 {layout} 的标签 {tag} 被 Word 的格式拆成了几段：docgen 会把它拼起来，但标签内的格式会丢失；"
              "建议选中整个标签，清除格式后重新输入；所在段落：“{paragraph}”",
              "in layout {layout} the tag {tag} is split across formatting runs; retype it without formatting; "
              "in paragraph “{paragraph}”"),
    "DG412": ("版式 {layout} 的模板使用了不存在的过滤器 {name}（可用：{available}）；所在段落：“{paragraph}”",
              "layout {layout} uses an unknown filter {name} (available: {available}); in paragraph “{paragraph}”"),
    "DG413": ("版式 {layout} 的模板使用了该报告类型没有的字段 {name}（用 docgen render --dump-context 查看全部字段）；"
              "所在段落：“{paragraph}”",
              "layout {layout} uses {name}, which this report type does not have (see --dump-context); "
              "in paragraph “{paragraph}”"),
    "DG420": ("版式 {layout} 的模板 {part} 中，<{element}> 不在 OOXML 标准规定的先后位置（多是某项格式设置的顺序不对）："
              "Word 打开时会提示“发现无法读取的内容”，修复时可能丢掉这项设置，WPS 可能直接忽略它；请在 Word 中打开模板，"
              "接受修复后检查这一处的格式，再另存为 .docx；位置：“{place}”",
              "layout {layout}: in {part}, <{element}> is out of the order the OOXML schema requires: Word reports "
              "unreadable content and its repair may drop the setting, WPS may ignore it; open the template in Word, "
              "accept the repair, check the formatting there and save as .docx; at “{place}”"),
    "DG421": ("版式 {layout} 的模板 {part} 中有 Word 不认识的元素 <{element}>：Word 打开时会提示“发现无法读取的内容”，"
              "修复时删掉它（连同其中的文字和标签），WPS 可能拒绝打开；请在 Word 中删掉这一处重新输入，"
              "或接受修复后另存为 .docx；位置：“{place}”",
              "layout {layout}: {part} has an element Word does not know, <{element}>: Word reports unreadable "
              "content and its repair deletes it (with its text and tags), WPS may refuse the file; retype that "
              "place in Word, or accept the repair and save as .docx; at “{place}”"),
    "DG422": ("版式 {layout} 的模板 {part} 中，<{element}> 的 {attribute} 取值 {value} 不是标准允许的值：Word 会提示修复并"
              "丢掉这项格式，WPS 可能显示得不一样；请在 Word 中选中这一处，用“段落”或“字体”对话框重新设置后另存为 .docx；"
              "位置：“{place}”",
              "layout {layout}: in {part}, {attribute}=“{value}” of <{element}> is not an allowed value: Word "
              "repairs the file and drops that formatting, WPS may show it differently; set it again in Word's "
              "Paragraph or Font dialog and save as .docx; at “{place}”"),
    "DG423": ("版式 {layout} 的模板 {part} 不符合 OOXML 标准（{reason}）：Word 或 WPS 打开时可能要求修复；"
              "请在 Word 中打开模板、接受修复后另存为 .docx；位置：“{place}”",
              "layout {layout}: {part} is not valid OOXML ({reason}); Word or WPS may ask to repair it; open the "
              "template in Word, accept the repair and save as .docx; at “{place}”"),
    "DG424": ("版式 {layout} 的段落标签 {tag} 所在段落里还有文字“{text}”：{{%p %}} 标签代表整个段落，这些文字不会出现在报告中；"
              "请把它们移到另一段；所在段落：“{paragraph}”",
              "layout {layout}: the paragraph tag {tag} shares its paragraph with “{text}”: a {{%p %}} tag stands "
              "for the whole paragraph, so that text never reaches the report; move it to another paragraph; "
              "in paragraph “{paragraph}”"),
    "DG425": ("未安装 openxml-audit，没有按 OOXML 标准检查版式 {layout} 的模板（pip install openxml-audit）",
              "openxml-audit is not installed, so layout {layout}'s template was not checked against the OOXML "
              "schemas (pip install openxml-audit)"),
    "DG426": ("版式 {layout} 中标签的括号“{pair}”被拆在两段格式不同的文字里，docgen 无法把它拼回标签（报告里会照原样印出括号，"
              "或报语法错误）；请选中整个标签，清除格式后重新输入；所在段落：“{paragraph}”",
              "layout {layout}: the tag braces “{pair}” are split between two runs of different formatting, so "
              "docgen cannot join the tag again (the braces print as they are, or it is a syntax error); select "
              "the whole tag, clear its formatting and type it again; in paragraph “{paragraph}”"),
    # output (DG5xx)
    "DG501": ("无法写入输出文件 {path}：{reason}", "cannot write the output file {path}: {reason}"),
    # charts and PDF (DG8xx)
    "DG801": ("版式 {layout} 中的图表“{name}”没有数据{hint}（可用的图表数据：{available}）："
              "图表的可选文字（说明）应为“图表”中的一个名称",
              "chart “{name}” in layout {layout} has no data{hint} (chart data: {available}); "
              "its alt text must name an entry of 图表"),
    "DG802": ("版式 {layout} 中的图表“{name}”出现了不止一次（是否在循环中？）：每个图表只能出现一次",
              "chart “{name}” in layout {layout} appears more than once (inside a loop?); each chart can appear once"),
    "DG803": ("版式 {layout} 中的图表“{name}”不能绑定数据（{reason}）：请改用柱形图、条形图、折线图、面积图、"
              "雷达图、饼图或圆环图",
              "chart “{name}” in layout {layout} cannot be bound to data ({reason}); use a column, bar, line, "
              "area, radar, pie or doughnut chart"),
    "DG811": ("未安装 LibreOffice，无法生成 PDF：请安装 Debian 软件包 libreoffice-writer-nogui、fonts-noto-cjk "
              "和 python3-uno（apt-get install libreoffice-writer-nogui fonts-noto-cjk python3-uno）",
              "LibreOffice is not installed, so no PDF can be made: install the Debian packages "
              "libreoffice-writer-nogui, fonts-noto-cjk and python3-uno"),
    "DG812": ("无法生成 PDF {path}：{reason}", "cannot make the PDF {path}: {reason}"),
    "DG813": ("未能通过 UNO 使用 LibreOffice（{reason}），已改用 soffice --convert-to pdf：PDF 中的目录没有更新页码。"
              "请安装 Debian 软件包 python3-uno",
              "LibreOffice could not be used through UNO ({reason}); used soffice --convert-to pdf instead, so the "
              "PDF's table of contents has no page numbers: install the Debian package python3-uno"),
    "DG814": ("生成 PDF {path} 超过了 {seconds} 秒，LibreOffice 已被终止（可用 --pdf-timeout 放宽时限）",
              "making the PDF {path} took more than {seconds} s and LibreOffice was stopped "
              "(raise the limit with --pdf-timeout)"),
    "DG815": ("生成 PDF {path} 时 LibreOffice 崩溃了（{reason}），重启后重试仍然失败",
              "LibreOffice crashed while making the PDF {path} ({reason}), and again after a restart"),
    # batch and output names (DG82x)
    "DG821": ("输出文件 {path} 应以 .docx 结尾：只给一个数据文件时，-o 是输出的 .docx 文件（不带扩展名时是输出文件夹）",
              "the output file {path} must end in .docx: with one data file, -o names the .docx "
              "(or, without an extension, a folder)"),
    "DG822": ("输出文件 {path} 就是输入文件，生成会覆盖它：请用 -o 另指定输出文件或文件夹",
              "the output {path} is an input file and would overwrite it: choose another output with -o"),
    "DG823": ("{first} 与 {second} 都会生成 {path}，其中一份会丢失：请给其中一个改名，或分开生成",
              "{first} and {second} would both be written to {path}, losing one: rename one of them or "
              "render them separately"),
    "DG824": ("生成时出现内部错误（{error}）：这是 docgen 或某个插件的缺陷，请连同这个数据文件一起报告；其余文件照常生成",
              "internal error ({error}): a bug in docgen or a plugin; please report it with this data file. "
              "The other files are rendered as usual"),
    "DG825": ("生成这份报告的进程意外退出（{status}）：其余文件照常生成",
              "the process rendering this report exited unexpectedly ({status}); the other files are rendered "
              "as usual"),
    # the 决算公开表 (DG90x: figures and identities; DG91x: import; DG92x: next year and workbooks)
    "DG901": ("此处填写的 {typed} 万元与{table}“{row}”行“{column}”列的 {value} 万元不一致：报告中的数字以公开表为准，"
              "请删去此处的数字或核对公开表",
              "{typed} here disagrees with {value} in {table}, row “{row}”, column “{column}”: the report takes "
              "the tables' figure; remove this one or check the table"),
    "DG902": ("缺少 {name}：数据没有填写，决算公开表也没有给出它（请填写，或补充相应的公开表）",
              "{name} is missing: neither typed nor given by the 决算公开表 (type it, or add the table)"),
    "DG903": ("{table}“{row}”行：“{column}”为 {value} 万元，而{parts}之和为 {sum} 万元",
              "{table}, row “{row}”: “{column}” is {value}, but {parts} add up to {sum}"),
    "DG904": ("{table}“{row}”行“{column}”列为 {value} 万元，而{what}之和为 {sum} 万元",
              "{table}, row “{row}”, column “{column}” is {value}, but {what} add up to {sum}"),
    "DG905": ("{table}“{row}”行“{column}”列为 {value} 万元，与{other}“{other_row}”行“{other_column}”列的 "
              "{other_value} 万元不一致：两张表中的同一数字应当相等",
              "{table}, row “{row}”, column “{column}” is {value}, but {other}, row “{other_row}”, column "
              "“{other_column}” is {other_value}: the same figure in two tables must agree"),
    "DG911": ("无法读取工作簿 {path}：{reason}；请确认它是 Excel 文件（.xlsx 或 .xls），可在 Excel 中另存为 .xlsx",
              "cannot read the workbook {path}: {reason}; check that it is an Excel file (.xlsx or .xls)"),
    "DG912": ("工作簿 {path} 中没有找到任何决算公开表：按表的标题查找（如 {tables}，或表号 公开01表），"
              "请确认选对了文件",
              "no public table found in {path}: tables are found by their titles (e.g. {tables}, or 公开01表)"),
    "DG913": ("{table}：标题下面没有找到表头“{wanted}”：表头应在标题下方几行之内",
              "{table}: no header “{wanted}” below the title (it should be within a few rows)"),
    "DG914": ("“{value}”不是{what}：请在工作簿中改正这个单元格",
              "“{value}” is not {what}: correct this cell in the workbook"),
    "DG915": ("数据文件没有“决算公开表”：用 docgen import 从导出的公开表工作簿读入，或照示例填写",
              "the data file has no 决算公开表: read them with docgen import, or type them as the example does"),
    "DG916": ("输出文件 {path} 应以 {suffix} 结尾", "the output file {path} must end in {suffix}"),
    "DG917": ("输出文件 {path} 已存在（或就是输入文件）：docgen 不覆盖文件，请换一个名称或先删除它",
              "the output {path} exists (or is an input): docgen overwrites nothing; choose another name"),
    "DG921": ("“{text}”是由 docgen next-year 带过来的上年说明文字（草稿）：请按本年情况改写，并删去开头的“{mark}”",
              "“{text}” is last year's wording carried over by docgen next-year (a draft): rewrite it for this "
              "year and remove the leading “{mark}”"),
    # the 决算公开表 placed in the report by {{p 附表() }} (DG93x)
    "DG931": ("版式在报告中列出决算公开表（模板中的 附表()），数据却没有“决算公开表”：用 docgen import 从导出的公开表"
              "工作簿读入，或照示例填写",
              "the layout prints the 决算公开表 (附表() in its template), but the data has no 决算公开表: read them "
              "with docgen import, or type them as the example does"),
    "DG932": ("模板中的 附表('{name}') 不是决算公开表：请写表号 {available}，或表的名称",
              "附表('{name}') in the template is not a public table: use a 表号 ({available}) or a table's name"),
    "DG933": ("版式在报告中列出{number} {name}，数据的决算公开表没有这张表：请补上它（本年度没有数字的表写 []，"
              "报告中注明“本部门本年度无此项收支”）",
              "the layout prints {number} {name}, but the data's 决算公开表 lacks it: add it (a table without "
              "figures is written [] and printed with 本部门本年度无此项收支)"),
    # auditing published reports (DG95x)
    "DG951": ("{path} 不是可核对的报告：请给出 {kinds} 文件或包含它们的文件夹",
              "{path} is not a report that can be audited: give {kinds} files or folders holding them"),
    "DG952": ("无法读取报告 {path}：{reason}", "cannot read the report {path}: {reason}"),
    "DG953": ("核对 PDF 需要 poppler 的 pdftotext：请安装 Debian 软件包 poppler-utils（apt-get install poppler-utils）",
              "auditing a PDF needs poppler's pdftotext: install the Debian package poppler-utils"),
    # department performance (DG62x)
    "DG621": ("{name}的得分 {score} 超过分值 {full}：得分不能高于该指标的满分",
              "{name} scores {score}, above its full marks {full}: a score cannot exceed the full marks"),
    "DG622": ("{name}缺少{missing}：没有列出下级指标时，应填写分值和得分",
              "{name} lacks {missing}: without sub-indicators it needs both 分值 and 得分"),
    "DG623": ("{name}已列出{sub}，{key}由{sub}合计得出：请删去此处的{key}",
              "{name} lists {sub}, so its {key} is their total: remove {key} here"),
    # project performance (DG60x)
    "DG601": ("{level}指标“{name}”的得分 {score} 高于满分 {full}：得分不能高于该指标的满分",
              "the {level} indicator “{name}” scores {score}, above its full marks {full}: a score cannot exceed them"),
    "DG602": ("{name}由{source}计算得出：请删去此处的{name}",
              "{name} is computed from {source}: remove {name} here"),
    "DG603": ("填写了{name}，还须填写{needed}", "{name} needs {needed} as well"),
    "DG604": ("年末结转结余为负：上年结转结余 {previous} + 本年收入 {income} − 本年支出 {spending} = {result} 万元，请核对",
              "the year-end balance is negative: {previous} + {income} − {spending} = {result} (万元); check the figures"),
    "DG605": ("文字中的 {{{name}}} 不是可引用的数字{hint}（可引用：{available}）",
              "the text cites {{{name}}}, which is not a figure it can cite{hint} (available: {available})"),
    "DG606": ("其它资金的{name} {other} 万元大于项目的{name} {total} 万元：其中财政拨款不能为负，请核对",
              "其它资金's {name} {other} exceeds the project's {name} {total} (万元): the 财政拨款 part cannot be negative"),
    "DG607": ("共用满分的三级指标（{names}）得分合计 {score}，高于这一组的满分 {full}：得分不能高于满分",
              "the 三级 indicators sharing one full mark ({names}) score {score} in all, above their full marks {full}"),
    "DG608": ("{name}已列出{sub}：{key}应分别写在{sub}上，请删去此处的{key}",
              "{name} lists {sub}: write {key} on each of them and remove it here"),
    # the self-evaluation forms, 自评表 (DG65x)
    "DG650": ("自评表“{row}”一行的得分 {score} 高于分值 {full}：得分不能高于分值",
              "the 自评表 row “{row}” scores {score}, more than its 分值 {full}"),
    "DG651": ("自评表的分值合计为 {sum}（执行率 {execution} + 绩效指标 {indicators}），不是 100：请核对各指标的分值",
              "the 自评表's marks add up to {sum} (execution {execution} + indicators {indicators}), not 100: "
              "check the indicators' 分值"),
    "DG652": ("自评表的年度资金总额（{column}）为 {whole} 万元，而其中各项（{names}）合计 {parts} 万元：请核对",
              "the 自评表's 年度资金总额 ({column}) is {whole} but its sources ({names}) add up to {parts}"),
    "DG653": ("自评表的年度资金总额（{column}）为 {form} 万元，与“资金”的{name} {narrative} 万元不一致：执行率将与报告不符，请核对",
              "the 自评表's 年度资金总额 ({column}) is {form}, but 资金.{name} is {narrative}: the form's 执行率 "
              "would contradict the report"),
    "DG654": ("自评表“{row}”一行的{missing}是空的：发布前请填写",
              "the 自评表 row “{row}” has {missing} blank: fill it in before publishing"),
    "DG655": ("自评表“{row}”的{name}似乎还是表格的填写说明或占位文字（“{text}”）：请换成实际内容",
              "the 自评表's {name} of “{row}” still looks like the form's instructions or a placeholder "
              "(“{text}”): replace it with the real content"),
    "DG656": ("自评表没有项目资金：请在“自评表.资金”中填写年度资金总额或其来源，或在“资金”中填写预算数和执行数",
              "the 自评表 has no funds: give 自评表.资金 (年度资金总额 or its sources), or 资金.预算数 and 执行数"),
}

#: Phrases a message embeds as a parameter (a hint made where the problem is found): key -> (Chinese, English).
PHRASES: dict[str, tuple[str, str]] = {
    "did_you_mean": ("，是否想写 {name}？", "; did you mean {name}?"),
    "unknown_paragraph": ("（位置未知）", "(position unknown)"),
    "available_here": ("（此处可用：{names}）", " (allowed here: {names})"),
    "either": ("{first}或{second}", "{first} or {second}"),
    "type_number": ("数字", "a number"),
    "type_integer": ("整数", "an integer"),
    "type_string": ("文本", "text"),
    "type_object": ("映射（键: 值）", "a mapping (key: value)"),
    "type_array": ("列表（- 项）", "a list (- item)"),
    "type_boolean": ("true 或 false", "true or false"),
    "type_null": ("空值", "an empty value"),
    "value_null": ("空值", "an empty value"),
    "value_mapping": ("映射（键: 值）", "a mapping (key: value)"),
    "value_list": ("列表", "a list"),
    "hint_quote_text": ("（这里应写文字：含数字的文字请加引号，例如 \"58.35万元\"）",
                        " (text belongs here: quote text that contains figures, e.g. \"58.35万元\")"),
    "hint_no_quotes": ("（数字不要加引号）", " (do not quote numbers)"),
    "hint_computed": ("（占比、增减率、完成率由 docgen 计算，不要填写）",
                      " (shares, rates of change and completion rates are computed by docgen: leave them out)"),
    "hint_wan": ("（金额以万元为单位，只写数字，例如 0.68）", " (amounts are in 万元: write the number only, e.g. 0.68)"),
    "hint_digits": ("（只写数字，例如 6796.16；千分位逗号须三位一组）",
                    " (write the number only, e.g. 6796.16; thousands separators group three digits)"),
    "folder_missing": ("所在文件夹不存在", "its folder does not exist"),
    "minimal_data": ("最小数据（只含必填字段）", "minimal data (required fields only)"),
}


class Phrase(str):
    """A message parameter that is text of its own: the Chinese text as a ``str``, English at the edge."""

    def __new__(cls, key: str, **params: Any) -> "Phrase":
        self = super().__new__(cls, PHRASES[key][0].format(**params))
        self.key, self.params = key, params
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # across processes (batch workers) as key and parameters
        return _phrase, (self.key, self.params)

    def text(self, lang: Language) -> str:
        if lang == "zh":
            return str(self)
        params = {k: v.text(lang) if isinstance(v, Phrase) else v for k, v in self.params.items()}
        return PHRASES[self.key][1].format(**params)


def _phrase(key: str, params: dict[str, Any]) -> Phrase:
    return Phrase(key, **params)


_SEVERITY_WORD = {"zh": {"error": "错误", "warning": "警告", "note": "说明"},
                  "en": {"error": "error", "warning": "warning", "note": "note"}}


def format_message(problem: Problem, lang: Language = "zh") -> str:
    """The problem's sentence alone, without location."""
    zh, en = MESSAGES[problem.code]
    params = {k: v.text(lang) if isinstance(v, Phrase) else v for k, v in problem.params.items()}
    return (zh if lang == "zh" else en).format(**params)


def titled(name: str, title: str | None, last: str | None = None) -> str:
    """``name`` plus what its Chinese ``title`` adds: 调整预算数 + 调整预算数（万元） -> 调整预算数（万元）."""
    last = name if last is None else last
    if not title or title == last:
        return name
    return name + title[len(last):] if title.startswith(last) else f"{name}（{title}）"


def _field_label(location: Location) -> str:
    """``收入.一般公共预算财政拨款收入（万元）``: the field's path and title."""
    if not location.field:
        return ""
    path = ".".join(f"[{p + 1}]" if isinstance(p, int) else p for p in location.field).replace(".[", "[")
    return titled(path, location.title, str(location.field[-1]))


def display_path(file: str, lang: Language = "zh") -> str:
    """A file as the user knows it: relative to the working folder when inside it, else its name;
    a :class:`Phrase` names data that is no file of the user's (``layout check``'s minimal data)."""
    if isinstance(file, Phrase):
        return file.text(lang)
    path = Path(file)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return path.name


def format_problem(problem: Problem, lang: Language = "zh") -> str:
    """One line: ``file:line:col: 错误 DG201: field: message``."""
    loc = problem.location or Location()
    where = ""
    if loc.file:
        name = display_path(loc.file, lang)
        where = (name if loc.line is None else f"{name}:{loc.line}:{loc.column or 1}") + ": "
    label = _field_label(loc)
    label = f"{label}: " if label else ""
    severity = _SEVERITY_WORD[lang][problem.severity]
    return f"{where}{severity} {problem.code}: {label}{format_message(problem, lang)}"


def problem_record(problem: Problem, lang: Language = "zh") -> dict[str, Any]:
    """One problem for machines (``docgen check --format json``): where, what, and its text."""
    loc = problem.location or Location()
    return {"file": display_path(loc.file, lang) if loc.file else None, "line": loc.line, "column": loc.column,
            "field": _field_label(loc) or None, "code": problem.code, "severity": problem.severity,
            "message": format_message(problem, lang)}


def _source_excerpt(location: Location | None, sources: dict[str, list[str]]) -> list[str]:
    """The offending source line and a caret under the column (as Jinja does)."""
    if not location or not location.file or location.line is None:
        return []
    lines = sources.get(location.file)
    if lines is None or not 0 < location.line <= len(lines):
        return []
    text = lines[location.line - 1].rstrip("\n")
    # East Asian characters take two columns in a terminal; pad the caret to match.
    prefix = text[: max((location.column or 1) - 1, 0)]
    width = sum(2 if ord(ch) > 0x2E80 else 1 for ch in prefix)
    return [f"    {text}", "    " + " " * width + "^"]


def format_report(problems: Iterable[Problem], lang: Language = "zh",
                  sources: dict[str, list[str]] | None = None) -> str:
    """All problems as one printable block, each followed by its source line."""
    out: list[str] = []
    for problem in problems:
        out.append(format_problem(problem, lang))
        out.extend(_source_excerpt(problem.location, sources or {}))
    return "\n".join(out)
