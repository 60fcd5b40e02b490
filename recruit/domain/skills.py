"""Skill tags: one splitting rule for seekers and postings, and the trade words people use for one thing."""

import functools
import logging
import re
import unicodedata

logger = logging.getLogger(__name__)

# Chinese users separate tags with 、 or full-width punctuation as often as with ASCII commas; a space stays
# inside a tag ("CAD 制图", "forklift licence").
SEPARATORS = re.compile(r"[,，、;；/|\n]+")
# Each group names one skill or trade; the first word is how the matcher writes it. A word may end with 证
# (a certificate): 叉车证 is the forklift skill that the licence proves.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("普工", "操作工", "生产工", "流水线工", "普通工人", "生产工人", "流水线", "一线员工", "作业员"),
    ("电焊", "焊工", "电焊工", "焊接", "氩弧焊", "二保焊"),
    ("叉车", "叉车司机", "叉车工", "叉车证", "开叉车"),
    ("电工", "电工证", "维修电工", "低压电工"),
    ("数控", "CNC", "数控车床", "数控操作", "加工中心"),
    ("包装", "打包", "包装工"),
    ("质检", "品检", "检验", "QC", "质检员", "品检员"),
    ("仓管", "仓库管理", "仓库", "仓管员", "库管"),
    ("电子装配", "电子组装", "插件", "装配"),
    ("缝纫", "车缝", "平车", "缝纫工"),
    ("厨师", "厨工", "做饭", "烹饪"),
    ("驾驶", "司机", "驾驶员", "驾照", "C1", "B2", "A2"),
    ("保洁", "清洁", "保洁员"),
    ("保安", "安保", "门卫", "保安员"),
    ("销售", "业务员", "导购", "营业员"),
    ("客服", "客户服务", "话务员"),
    ("会计", "出纳", "财务", "记账"),
    ("电脑", "办公软件", "Office", "Excel", "Word", "计算机"),
    ("CAD", "CAD制图", "AutoCAD", "制图"),
    ("普通话", "沟通能力", "沟通"),
    ("吃苦耐劳", "能吃苦", "肯吃苦"),
)


def fold(text: str) -> str:
    """One way to write a tag: NFKC (full-width letters become ASCII), inner blanks kept single, upper case."""
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split()).upper()


@functools.cache
def _canonical() -> dict[str, str]:
    table = {}
    for group in SYNONYM_GROUPS:
        for word in group:
            table[fold(word)] = fold(group[0])
    return table


def split(text: str) -> list[str]:
    """The tags of one typed line, as typed (trimmed, duplicates dropped, order kept)."""
    tags = (tag.strip() for tag in SEPARATORS.split(text or ""))
    return list(dict.fromkeys(tag for tag in tags if tag))


def canonical(tag: str) -> str:
    """The word the matcher compares: the synonym group's first word, or the folded tag itself."""
    folded = fold(tag)
    return _canonical().get(folded, folded)


def normalise(tags) -> list[str]:
    """Canonical tags of a stored list; a stored tag holding separators counts as the tags it holds."""
    found = []
    for tag in tags or ():
        found.extend(canonical(part) for part in split(str(tag)))
    return list(dict.fromkeys(found))


def synonyms_of(word: str) -> tuple[str, ...]:
    """Every word of the synonym group the word belongs to (the word alone if it is in none), for searching."""
    folded = fold(word)
    for group in SYNONYM_GROUPS:
        if any(fold(member) == folded for member in group):
            return group
    return (word,)
