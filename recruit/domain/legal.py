"""Detection of discriminatory requirements in job posting text, for review before publishing."""

import logging
import re
import unicodedata

logger = logging.getLogger(__name__)

LEGAL_REASON = (
    "Job postings may not restrict applicants by sex, ethnicity, religion, household registration "
    "(hukou) or place of origin, nor ask about marriage or childbirth: Employment Promotion Law of the "
    "PRC art. 3, 26, 27, 28 and 31; Law on the Protection of Women's Rights and Interests (2022) "
    "art. 43."
)

_GENDER = r"(?:男|女)(?:性|士|生|工)?"
_ETHNIC = (
    r"(?:汉|少数民|维吾尔|维|回|藏|蒙古|蒙|壮|苗|彝|满|侗|瑶|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|"
    r"东乡|纳西|景颇|柯尔克孜|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|朝鲜|塔吉克|怒|"
    r"乌孜别克|俄罗斯|鄂温克|德昂|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|布依)族"
)
_FAITH = r"(?:信教|宗教人士|穆斯林|基督徒|佛教徒|天主教徒|信徒)"
_ORIGIN = (
    r"(?:外地|外省|外来|非本地|东北|北京|天津|河北|山西|内蒙古?|辽宁|吉林|黑龙江|上海|江苏|浙江|安徽|"
    r"福建|江西|山东|河南|湖北|湖南|广东|广西|海南|重庆|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆)"
)
# "不仅男性" (not only men) and "不限" (no limit) are not restrictions.
_ONLY = r"(?<!不)(?:仅限|只限|仅|只|限|只招|仅招|只要)"
_REFUSE = r"(?:勿扰|免谈|除外|不要|谢绝)"
_PREFER_OR_REFUSE = r"(?:优先|勿扰|免谈|除外|不要|谢绝)"
_CLAUSE_START = r"(?:^|(?<=[,，、;；:：。\s(（]))"
_CLAUSE_END = r"(?=[,，、;；。\s)）]|$)"
# Wording that mentions a protected trait only to say it does not matter; blanked out before matching.
_NEUTRAL = re.compile(
    r"男女不限|不限男女|男、女不限|男/女不限|男女(?:均|皆|都)可|男女不拘|不论男女|无论男女|性别不限|不限性别|"
    r"性别不拘|民族不限|不限民族|户籍不限|不限户籍|户口不限|不限户口|地域不限|不限地域|婚否不限|婚育不限|"
    r"regardless of (?:gender|sex|ethnicity|religion|marital status|hukou|origin)",
    re.IGNORECASE,
)
_CHINESE = (
    _ONLY + _GENDER,
    r"(?:招|招聘|要求|需|需要|适合)(?:男|女)(?:性|士|生|工)",
    _GENDER + _PREFER_OR_REFUSE,
    r"性别(?:要求)?\s*[:：]\s*(?:男|女)(?![男女])",
    _CLAUSE_START + r"(?:男|女)(?:性|士|生)?" + _CLAUSE_END,
    r"(?:男|女)士(?!们|服|装|鞋|包|内衣|用品|化妆品|护肤|专柜|精品|时装|香水|手表|系列|款|洗手间|卫生间|更衣室)",
    r"(?:宝妈|宝爸)(?:优先|勿扰)",
    _ONLY + _ETHNIC,
    r"(?:不招|不要|谢绝)" + _ETHNIC,
    _ETHNIC + _PREFER_OR_REFUSE,
    r"民族\s*[:：]\s*汉",
    r"(?:无|没有|不得有|不能有)宗教信仰|不信(?:教|宗教)",
    _ONLY + _FAITH + r"(?:者|人员)?",
    r"(?:不招|谢绝)" + _FAITH,
    _FAITH + r"者?" + _PREFER_OR_REFUSE,
    r"本(?:地|市|县|区|省)(?:常住)?(?:户口|户籍)(?:优先)?",
    _ONLY + r"本(?:地|市|县|区|省)人|本(?:地|市|县|区|省)人优先",
    r"(?:限|仅限|只限|只招)[\u4e00-\u9fff]{2,3}?(?:户口|户籍|籍)",
    r"户(?:口|籍)(?:要求)?\s*[:：]\s*(?:本|限)",
    r"(?:城镇|非农业?|农村|农业)户口" + _PREFER_OR_REFUSE,
    r"(?:不招|谢绝)" + _ORIGIN + r"(?:籍|人|户口|户籍)?",
    _ORIGIN + r"(?:籍|人|户口|户籍)(?:人员)?" + _PREFER_OR_REFUSE,
    r"已婚已育|未婚未育|已婚|未婚|已育|未育|婚否|婚姻状况|婚育(?:状况|情况)",
    r"是否(?:已婚|结婚|婚育|生育|怀孕|有(?:孩子|小孩|子女))",
    r"生育(?:状况|情况|计划)",
    r"(?:[0-9]+|[一二两三四五])年内(?:不|不得|不能)(?:结婚|生育|怀孕|要孩子|生孩子|生小孩)",
    r"(?:不得|不能|不准|禁止)(?:结婚|生育|怀孕)",
    r"孕妇" + _REFUSE,
    r"(?:限|仅限|要求)单身|单身(?:者)?优先",
)
_ENGLISH = (
    r"\b(?:males?|females?|m[ae]n|wom[ae]n)\s+only\b",
    r"\bonly\s+(?:males?|females?|men|women)\b",
    r"\b(?:males?|females?|men|women)\s+(?:(?:applicants?|candidates?)\s+)?(?:are\s+)?preferred\b",
    r"\bprefer(?:ably|ence\s+for)?\s+(?:males?|females?|men|women)\b",
    r"\bmust\s+be\s+(?:an?\s+)?(?:male|female|man|woman|married|single|unmarried)\b",
    r"\b(?:gender|sex)\s*:\s*(?:male|female|m|f)\b(?!\s*(?:/|or\b|and\b))",
    r"\blocal\s+(?:hukou|household\s+registration)\b",
    r"\blocals?\s+(?:residents?\s+|people\s+|candidates\s+)?only\b",
    r"\bhan(?:\s+chinese)?\s+(?:only|ethnicity\s+(?:only|required))\b",
    r"\bno\s+(?:ethnic\s+)?minorities\b",
    r"\b(?:no|without)\s+religio(?:n|us\s+beliefs?)\b",
    r"\b(?:christians?|muslims?|buddhists?)\s+(?:only|preferred)\b",
    r"\bno\s+(?:christians|muslims|buddhists)\b",
    r"\b(?:unmarried|married|single)\s+(?:(?:applicants|candidates)\s+)?(?:only|preferred)\b",
    r"\bunmarried\b",
    r"\bmarital\s+status\b",
    r"\b(?:no|without)\s+(?:children|kids)\b",
    r"\bnot\s+pregnant\b",
    r"\bno\s+plans?\s+(?:to|for)\s+(?:have\s+)?(?:children|kids|pregnancy)\b",
)
_PATTERNS = tuple(re.compile(pattern, re.IGNORECASE) for pattern in _CHINESE + _ENGLISH)


def _merged_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of all pattern matches, overlapping ones merged, in text order."""
    spans = sorted(match.span() for pattern in _PATTERNS for match in pattern.finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def find_discriminatory_terms(text: str) -> list[str]:
    """Return the phrases that restrict sex, ethnicity, religion, hukou or origin, or ask about marriage."""
    normalized = unicodedata.normalize("NFKC", text)
    # Blank neutral wording with spaces of the same length so that offsets stay valid.
    cleaned = _NEUTRAL.sub(lambda match: " " * len(match.group()), normalized)
    # Quote the poster's own characters when normalising kept the offsets (it usually does).
    source = text if len(text) == len(normalized) else normalized
    phrases = [source[start:end].strip() for start, end in _merged_spans(cleaned)]
    return list(dict.fromkeys(phrase for phrase in phrases if phrase))
