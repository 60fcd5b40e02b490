"""Cell values as the services take them: regions by code or name, education and trades by name, lists, flags.

A value that cannot be read is passed on as it was typed, so that the service refuses it with its own message.
"""
import functools
import logging
import re
import unicodedata
from datetime import date
from datetime import datetime

from recruit.domain import education
from recruit.domain import industries
from recruit.domain import occupations
from recruit.domain import regions
from recruit.domain import skills
from recruit.employers.models import SIZES

logger = logging.getLogger(__name__)

# Spreadsheets from other bureaus separate several values with any of these.
LIST_SEPARATORS = re.compile(r"[、,，;；]+")
YES = frozenset({"是", "愿意", "y", "yes", "true", "1", "√", "✓", "有"})
NO = frozenset({"否", "不愿意", "n", "no", "false", "0", "×", "无", ""})
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")
# Names people write for the levels besides the standard's own.
EDUCATION_ALIASES = {"硕士": "10", "博士": "10", "本科": "20", "大学": "20", "大专": "30", "高中": "60",
                     "技工学校": "47", "职业高中": "44", "中等专业学校": "41", "初中及以下": "70"}
SIZE_ALIASES = {"1000人以上": "1000+", "1000以上": "1000+"}


def text(value):
    """The cell as text: numbers without a trailing .0 (Excel stores typed digits as numbers)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    return str(value).strip()


def fold(value):
    return "".join(unicodedata.normalize("NFKC", value).split()).lower()


def split_list(value):
    """Several values in one cell."""
    return [part.strip() for part in LIST_SEPARATORS.split(text(value)) if part.strip()]


def integer(value):
    """A whole number (also "5,000" or "5000元"), or the text as typed; None when empty."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() else text(value)
    typed = fold(text(value)).replace(",", "").removesuffix("元")
    if not typed:
        return None
    return int(typed) if re.fullmatch(r"-?[0-9]+", typed) else text(value)


def flag(value):
    """Yes or no; anything else as typed, so that the service refuses it."""
    if isinstance(value, bool):
        return value
    typed = fold(text(value))
    if typed in YES:
        return True
    if typed in NO:
        return False
    return text(value)


def day(value):
    """A date cell, or a date typed in one of the usual ways; None when empty."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    typed = fold(text(value))
    if not typed:
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(typed, pattern).date()
        except ValueError:
            continue
    return text(value)


@functools.cache
def _region_names():
    """Each pickable region by its name, full name and short name; a name two regions share names neither."""
    found = {}
    for region in regions.all_regions():
        if region.pickable:
            for name in {region.name, region.full_name, regions.short_name(region.name)}:
                found.setdefault(name, set()).add(region.code)
    return {name: codes.pop() for name, codes in found.items() if len(codes) == 1}


def region(value):
    """A region code, or the code of the one region with this name (威宁彝族回族苗族自治县, 浙江省衢州市衢江区)."""
    typed = "".join(text(value).split())
    if not typed or typed.isdigit():
        return typed or None
    return _region_names().get(typed, typed)


@functools.cache
def _education_names():
    names = {fold(code): code for code in education.LEVELS}
    for code, (zh, en) in education.LEVELS.items():
        names[fold(zh)] = names[fold(en)] = code
    names.update({fold(name): code for name, code in EDUCATION_ALIASES.items()})
    return names


def education_level(value):
    typed = text(value)
    return _education_names().get(fold(typed), typed) if typed else None


@functools.cache
def _occupation_names():
    names = {}
    for occupation in occupations.all_occupations():
        for name in (occupation.code, occupation.name, occupation.name_en, *occupation.synonyms):
            names.setdefault(fold(name), occupation.code)
    return names


def occupation(value):
    typed = text(value)
    return _occupation_names().get(fold(typed), typed) if typed else None


def occupation_list(value):
    return [occupation(part) for part in split_list(value)]


def tags(value):
    return skills.split(text(value))


def industry(value):
    """A section by its letter or its Chinese or English name."""
    typed = text(value)
    for letter, names in industries.SECTIONS.items():
        if fold(typed) in (letter.lower(), *(fold(name) for name in names)):
            return letter
    return typed


def size(value):
    """A company size as stored ("20-99"), also written 20～99人 or 20-99 employees."""
    typed = fold(text(value)).replace("～", "-").replace("~", "-").replace("–", "-").replace("—", "-")
    typed = SIZE_ALIASES.get(typed, typed).removesuffix("人").removesuffix("employees").removesuffix("名")
    return typed if typed in SIZES else text(value)
