"""Education levels (GB/T 4658-2006) and how they compare."""

import logging

logger = logging.getLogger(__name__)

LEVELS: dict[str, tuple[str, str]] = {
    "10": ("研究生", "Postgraduate"),
    "20": ("大学本科", "Bachelor's degree"),
    "30": ("专科", "Junior college (dazhuan)"),
    "40": ("中等职业教育", "Secondary vocational education"),
    "41": ("中专", "Secondary specialised school"),
    "44": ("职高", "Vocational high school"),
    "47": ("技校", "Technical school"),
    "60": ("普通高中", "General senior high school"),
    "70": ("初中", "Junior high school"),
    "80": ("小学", "Primary school"),
    "90": ("其他", "Other"),
}
# Higher is more. Secondary vocational schooling and senior high school are the same stage, so a
# posting asking for 高中 accepts a 中专 graduate and the other way round; 其他 counts as least.
RANK: dict[str, int] = {
    "10": 7,
    "20": 6,
    "30": 5,
    "40": 4,
    "41": 4,
    "44": 4,
    "47": 4,
    "60": 4,
    "70": 3,
    "80": 2,
    "90": 1,
}
# The groups the employment statistics report, from least to most schooling, with English names.
STAT_GROUPS: dict[str, str] = {
    "初中及以下": "Junior high school or less",
    "高中": "Senior high school",
    "职高·技校·中专": "Vocational high, technical or specialised school",
    "大专": "Junior college",
    "大学": "University",
    "硕士及以上": "Master's degree or above",
}
_STAT_GROUP_OF = {
    "10": "硕士及以上",
    "20": "大学",
    "30": "大专",
    "40": "职高·技校·中专",
    "41": "职高·技校·中专",
    "44": "职高·技校·中专",
    "47": "职高·技校·中专",
    "60": "高中",
    "70": "初中及以下",
    "80": "初中及以下",
    "90": "初中及以下",
}


def is_valid(code: str) -> bool:
    """Whether the code is one of the levels."""
    return code in LEVELS


def name(code: str, lang: str = "zh") -> str:
    """Return the level's Chinese name, or its English one for lang "en"; KeyError if unknown."""
    zh, en = LEVELS[code]
    return en if lang.startswith("en") else zh


def rank(code: str) -> int:
    """Return the level's place in the ordering used for minimum requirements; KeyError if unknown."""
    return RANK[code]


def meets(seeker_code: str, minimum_code: str) -> bool:
    """Whether a seeker's level satisfies a posting's minimum level."""
    return RANK[seeker_code] >= RANK[minimum_code]


def choices(lang: str = "zh") -> list[tuple[str, str]]:
    """Return (code, name) pairs from the highest level down, for a form's select."""
    return [(code, name(code, lang)) for code in LEVELS]


def stat_group(code: str) -> str:
    """Return the statistics group (a key of STAT_GROUPS) a level is counted in."""
    return _STAT_GROUP_OF[code]
