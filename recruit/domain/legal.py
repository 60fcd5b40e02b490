"""Detection of discriminatory requirements in job posting text, for review before publishing."""

import functools
import logging
import re
import unicodedata

from recruit.domain import occupations
from recruit.domain import regions

logger = logging.getLogger(__name__)

LEGAL_REASON = (
    "Job postings may not restrict applicants by sex, ethnicity, religion, household registration "
    "(hukou) or place of origin, nor ask about marriage or childbirth: Employment Promotion Law of the "
    "PRC art. 3, 26, 27, 28 and 31; Law on the Protection of Women's Rights and Interests (2022) "
    "art. 43."
)

_GENDER = r"(?:男|女)(?:性|士|生|工)?"
# An alternation of the ethnic groups' names, without 族.
_ETHNIC_NAMES = (
    "汉|少数民|维吾尔|维|回|藏|蒙古|蒙|壮|苗|彝|满|侗|瑶|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|"
    "东乡|纳西|景颇|柯尔克孜|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|朝鲜|塔吉克|怒|"
    "乌孜别克|俄罗斯|鄂温克|德昂|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|布依|白|水|土|保安|高山"
)
_ETHNIC = r"(?:" + _ETHNIC_NAMES + r")族"
_FAITH = r"(?:信教|宗教人士|穆斯林|基督徒|佛教徒|天主教徒|信徒)"
# Origins that are no entry of the region table; provinces, cities and counties come from the table (_native_spans).
# 内蒙 is the colloquial short of 内蒙古, which the suffix rule cannot derive.
_ORIGIN = r"(?:外地|外省|外来|非本地|东北|内蒙)"
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
    # 子女/儿女/妇女优先 prefers children or women in general (员工子女优先入学), not a sex of applicant.
    r"(?<![子儿妇])" + _GENDER + _PREFER_OR_REFUSE,
    r"性别(?:要求)?\s*[:：]\s*(?:男|女)(?![男女])",
    # 男、女 / 男/女 names both sexes.
    _CLAUSE_START + r"(?:男|女)(?:性|士|生)?(?![、/][男女])" + _CLAUSE_END,
    # After a character (王女士, 张先生) it addresses a person, the contact, and requires nothing.
    r"(?<![\u4e00-\u9fff])(?:男|女)士(?!们|服|装|鞋|包|内衣|用品|化妆品|护肤|专柜|精品|时装|香水|手表|系列|款|洗手间|"
    r"卫生间|更衣室)",
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
    # 不限 (no limit) and 不仅限于 (not only) restrict nothing.
    r"(?<![不仅只])(?:限|仅限|只限|只招)[\u4e00-\u9fff]{2,3}?(?:户口|户籍|籍)",
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


# A sex named in a job word (女工, 男普工, 招女服务员). Not a sex word: one half of 男女 / 男、女 (both sexes), nor
# the 女 of 子女, 儿女 or 妇女 (children, women in general).
_SEX = re.compile(r"(?<![男女子儿妇])(?<![男女][、/和及与或])[男女]")
_SEX_SUFFIXES = "性士子生"
# Job nouns that neither the occupation table nor the suffix rule below covers; 司机, 保安 and 保洁 are in the table
# and stay here should it drop them.
_JOB_NOUNS = ("工人", "学徒", "秘书", "助理", "模特", "主管", "主任", "服务生", "司机", "保安", "保洁")
# One or two characters and a job-noun ending (职工, 技术员, 厨师, 歌手, 木匠). The first character may not be a sex
# word, its suffix, goods or a medical field: in 女鞋店员, 男装导购 or 男科医师 the sex word belongs to the shoes, the
# clothes or the department, not to the person.
_GENERIC_JOB = re.compile(r"(?![男女性士子生科装鞋包袜衣帽裤裙款表])[\u4e00-\u9fff]{1,2}?[工员师手匠]")
# Where a sex+job word names the post: the start of the text or of a clause, or right after a verb of hiring or
# requiring, with an optional head count (招聘10名女工).
_POST_LEAD = re.compile(
    r"(?:^|[\s,，、;；:：。!！?？(（【\[/|]|[招聘需要限求缺收]|聘请)"
    r"(?:(?:\d+|[一二两三四五六七八九十百几数]+)\s*[名位个]\s*)?$"
)
# A sex+job word right before a facility or a business modifies it (女职工宿舍, 女子美容院), and one before a share
# describes the staff (女工占六成); neither names the post.
_NOT_A_POST_AFTER = re.compile(
    r"的?(?:宿舍|公寓|休息室|卫生间|洗手间|厕所|更衣室|浴室|澡堂|母婴室|哺乳室|之家|委员会|店|院|馆|厅|部|中心|会所|专柜|用品"
    r"|占|比例)"
)
# A clause about rights speaks of the employees' entitlements (女职工享受产假), which a posting may well state.
_RIGHTS_IN_CLAUSE = re.compile(r"[^\n,，。;；!！?？]{0,12}?(?:享受|享有|依法|权益|保护|产假|孕期|经期|哺乳|生育|三期)")
# A preference or refusal makes any sex+job word a requirement, wherever it stands (我们女员工优先).
_SEX_PREFER = re.compile(r"优先|勿扰|免谈|除外|谢绝")

# A region followed by a native marker and a preference or refusal (威宁籍人员优先, 河南人勿扰). After 人, 人员 or 人士
# the preference must follow at once; after 籍 up to four characters may name the people (威宁籍务工人员优先).
# 不要 before 错过/犹豫/担心 encourages ("贵州人不要错过"), and 不收费 is about fees: neither refuses anyone.
_NATIVE_PREFER = r"(?:优先|勿扰|免谈|除外|谢绝|不招|不录用|不予?考虑|不收(?!费|取)|不要(?!错过|犹豫|担心))"
# 人 that starts another word (人民, 人才, 人社局, 人大, 人口, 人力资源, 人事) is no marker.
_NATIVE = r"(?:本地|当地)?(?:籍|户口|户籍|人(?![民才社大口力文事]))"
_NATIVE_TAIL = re.compile(_NATIVE + r"(?:人员|人士|员|士|(?<=籍)[\u4e00-\u9fff]{1,4}?)?" + _NATIVE_PREFER)
_NATIVE_MARKER = re.compile(_NATIVE + r"(?:人员|人士|员|士)?")
# A restriction, preference or refusal before a region (限威宁户籍, 仅限衢州本地人, 优先录用毕节籍, 不招贵州人),
# or a hukou field that names one (户籍：威宁县). 招 alone is no restriction: 招收威宁籍务工人员 is a
# cross-province drive.
_NATIVE_LEAD = re.compile(
    r"(?:(?P<limit>(?<![不仅只])(?:仅|只)?限于?|(?:仅|只)(?:招收?|收|要|录用)|(?<!不)(?:需要?|要求|必须(?:是|为)?)"
    r"|优先(?:录用|考虑|招收|招聘|录取|聘用|安排)?)"
    r"|(?P<refuse>不招收?|不要|不收|不录用|不接受|谢绝|拒绝|拒收)"
    r"|(?P<field>(?:户口|户籍|籍贯)(?:要求)?\s*[:：]))\s*[:：]?\s*"
)
# After a refusal the marker may be left out when a list or the clause goes on (不招河南、四川).
_LIST_OR_CLAUSE_END = re.compile(r"$|[\s、,，;；。)）/]|等|及|和|与")
# 林区 is no suffix of its own: 碑林区 and 万柏林区 are 碑林 and 万柏林 (神农架林区 gives 神农架林).
_REGION_SUFFIX = re.compile(r"(?:特别行政区|自治区|自治州|自治县|自治旗|地区|省|市|县|区|盟|旗)$")
# The ethnic names before 自治: with 族 (威宁彝族回族苗族), or a name of two or more characters without it
# (新疆维吾尔), or 各族 (all of them: 龙胜各族自治县).
_LONG_ETHNIC_NAMES = "|".join(name for name in _ETHNIC_NAMES.split("|") if len(name) > 1)
_TRAILING_ETHNIC = re.compile(r"(?:(?:各|" + _ETHNIC_NAMES + r")族|" + _LONG_ETHNIC_NAMES + r")$")
# A short name of one character (赵县 → 赵) would match everywhere.
_MIN_REGION_NAME = 2


@functools.cache
def _job_words() -> tuple[frozenset[str], int]:
    """Return the occupation names, synonyms and extra job nouns, folded, with the length of the longest."""
    words = {
        unicodedata.normalize("NFKC", word).lower()
        for occupation in occupations.all_occupations()
        for word in (occupation.name, *occupation.synonyms)
    }
    words.update(_JOB_NOUNS)
    return frozenset(words), max(map(len, words))


def _job_word_end(text: str, start: int) -> int | None:
    """Return the end of the job word that starts at `start` (the longest known one first), or None."""
    words, longest = _job_words()
    for end in range(min(len(text), start + longest), start, -1):
        if text[start:end].lower() in words:
            return end
    match = _GENERIC_JOB.match(text, start)
    return match.end() if match else None


def _sex_job_end(text: str, start: int) -> int | None:
    """Return the end of the sex word at `start` joined to a job word (女工, 男普工, 女性操作工), or None."""
    after = start + 1
    if after < len(text) and text[after] in _SEX_SUFFIXES:
        end = _job_word_end(text, after + 1)
        if end is not None:
            return end
    end = _job_word_end(text, after)
    if end is not None:
        return end
    # 工 alone is a job word only right after the sex word: 女工, but not 女性工资.
    return after + 1 if text.startswith("工", after) else None


def _names_the_post(text: str, start: int, end: int) -> bool:
    """Whether the sex+job word at start:end names the post rather than the employees' rights or facilities."""
    if not _POST_LEAD.search(text, max(0, start - 12), start):
        return False
    return not (_NOT_A_POST_AFTER.match(text, end) or _RIGHTS_IN_CLAUSE.match(text, end))


def _sex_job_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of job words that name one sex (女工（流水线）, 招女服务员, 女员工优先)."""
    spans = []
    for match in _SEX.finditer(text):
        end = _sex_job_end(text, match.start())
        if end is None:
            continue
        prefer = _SEX_PREFER.match(text, end)
        if prefer:
            spans.append((match.start(), prefer.end()))
        elif _names_the_post(text, match.start(), end):
            spans.append((match.start(), end))
    return spans


def _names_of_region(name: str) -> set[str]:
    """Return a region's full name, its short name and, for an autonomous unit, the short name with its level."""
    names = {name}
    suffix = _REGION_SUFFIX.search(name)
    if suffix is None:
        return names
    stem = name[: suffix.start()]
    if suffix.group().startswith("自治"):
        # Keep two characters at least: 内蒙古 is not 内 + 蒙古, 西藏 not 西 + 藏.
        while (ethnic := _TRAILING_ETHNIC.search(stem)) and ethnic.start() >= _MIN_REGION_NAME:
            stem = stem[: ethnic.start()]
        if stem.endswith("族") and len(stem) > _MIN_REGION_NAME:
            stem = stem[:-1]  # a unit named after its people alone: 东乡族自治县 is 东乡, 鄂温克族自治旗 鄂温克
        if suffix.group() != "自治区":
            names.add(stem + suffix.group()[-1])  # 威宁县, 黔东南州: how people write them
    names.add(stem)
    return names


@functools.cache
def _region_names() -> tuple[frozenset[str], int]:
    """Return the full and short names of every region but the placeholders, with the length of the longest."""
    names = set()
    for region in regions.all_regions():
        if region.name not in regions.PLACEHOLDERS:
            names |= _names_of_region(region.name)
    names = {name for name in names if len(name) >= _MIN_REGION_NAME}
    logger.debug("%d region names for the origin check", len(names))
    return frozenset(names), max(map(len, names))


def _region_start_before(text: str, end: int) -> int | None:
    """Return where the longest region name that ends at `end` starts, or None."""
    names, longest = _region_names()
    for length in range(min(longest, end), _MIN_REGION_NAME - 1, -1):
        if text[end - length : end] in names:
            return end - length
    return None


def _region_end_after(text: str, lead: re.Match) -> int | None:
    """Return the end of the region (and its marker) that follows a restriction or refusal, or None."""
    names, longest = _region_names()
    start = lead.end()
    for length in range(min(longest, len(text) - start), _MIN_REGION_NAME - 1, -1):
        if text[start : start + length] not in names:
            continue
        if lead.group("field"):
            return start + length
        marker = _NATIVE_MARKER.match(text, start + length)
        if marker:
            return marker.end()
        if lead.group("refuse") and _LIST_OR_CLAUSE_END.match(text, start + length):
            return start + length
    return None


def _native_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans that prefer or refuse the natives of a region (威宁籍人员优先, 不招贵州人, 限威宁户籍)."""
    spans = []
    for match in _NATIVE_TAIL.finditer(text):
        start = _region_start_before(text, match.start())
        if start is not None:
            spans.append((start, match.end()))
    for match in _NATIVE_LEAD.finditer(text):
        end = _region_end_after(text, match)
        if end is not None:
            spans.append((match.start(), end))
    return spans


def _merged_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of all rule matches, overlapping ones merged, in text order."""
    spans = [match.span() for pattern in _PATTERNS for match in pattern.finditer(text)]
    spans += _sex_job_spans(text) + _native_spans(text)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
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
