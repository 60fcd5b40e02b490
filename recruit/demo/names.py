"""Invented names: people (surname and given-name tables) and companies (brands, trades, places)."""
import functools
import itertools
import logging

logger = logging.getLogger(__name__)

# Surnames common in each home region, most frequent first (the weight falls with the rank).
SURNAMES = {
    # Quzhou: 徐, 祝, 毛, 郑 and 占 are far more frequent there than nationally; 蓝 and 雷 are She families.
    "33": "徐王吴郑祝毛余叶姜汪周方杨刘张陈李黄胡邱柴鲁占江程童蓝雷傅翁华龚严应",
    # Weining: Yi, Hui and Miao families (禄, 安, 马, 龙, 管, 卯, 海) beside the common Han surnames.
    "52": "陈王李张杨马刘朱赵吴罗龙禄安管丁苏陶邓胡高左卯海金周黄何顾余",
    "": "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许邓冯韩曹曾彭蔡潘田董袁余叶蒋杜苏魏程吕丁沈任姚"
        "卢钟姜崔谭廖范汪陆金石戴贾韦夏邱方侯邹熊孟秦白江薛尹段雷黎史龙陶贺顾毛郝龚邵万钱严赖覃洪武莫孔",
}
GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙林阳建国志文海峰亮成东晨博荣兵昊轩睿诚达"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞燕玲婷雪慧颖琳倩红梅洁琴云莉兰萍晶丹玉莹欣悦怡蓉秀英娇巧凤芬彤萱瑶璐佳月"
GIVEN_EITHER = "子思雨文晓嘉家安新永春金小一梓若诗海天立昕"

# Two-character brands of invented companies; local words (三衢, 烂柯, 信安, 仙霞) make them sound local.
BRANDS = (
    "瑞晟", "恒泰", "鑫源", "宏达", "嘉禾", "锦程", "安恒", "正阳", "鼎丰", "博远", "创远", "睿驰",
    "天衡", "信诚", "明德", "远航", "越新", "万通", "同创", "金瓯", "衢峰", "江澜", "烂柯", "三衢",
    "信安", "仙霞", "钱塘", "浙西", "绿源", "嘉利", "丰益", "华越", "启明", "致远", "朗润", "凯瑞",
    "昌盛", "永和", "兴邦", "宏图", "百川", "海纳", "卓越", "诚泰", "润达", "新锐", "耀华", "顺达",
    "通衢", "汇丰", "元亨", "长青", "云帆", "精工", "德胜", "盛世", "东升", "福鑫", "众合", "聚力",
    "蓝海", "星辰", "银河", "晨光", "开元", "瑞丰", "金诚", "康达", "和信", "汇通", "鸿运", "奇点",
    "优品", "欣悦", "麒麟", "凤鸣", "翠峰", "云岭", "青山", "清源", "碧水", "春晖",
)
TOY_BRANDS = BRANDS[:40] + ("乐趣", "童心", "欢乐谷", "小熊", "奇趣", "彩虹", "乐宝", "星梦", "童趣", "萌趣")
# Streets and towns of Qujiang District where each kind of employer would sit.
TOWNS = {
    "industrial": ("东港街道", "樟潭街道", "高家镇", "莲花镇"),
    "toys": ("廿里镇",),
    "port": ("樟潭街道", "东港街道"),
    "tea": ("湖南镇", "峡川镇", "举村乡", "大洲镇", "黄坛口乡", "杜泽镇"),
    "town": ("浮石街道", "樟潭街道", "周家乡", "全旺镇", "上方镇", "后溪镇"),
}
ROADS = ("兴业路", "创新大道", "振兴东路", "纬三路", "经二路", "通港路", "沿江东路", "富民路", "园区大道",
         "工业大道", "创业路", "开元路", "春晖路", "安仁路", "滨江路", "茶园路")


@functools.cache
def _cumulative(text):
    """Cumulative weights for a ranked table: the first entries are the most frequent."""
    return tuple(itertools.accumulate(1 / (rank + 4) for rank in range(len(text))))


def ranked_choice(rng, text):
    return rng.choices(text, cum_weights=_cumulative(text))[0]


def person_name(rng, sex, region_code):
    """A surname usual in the home province and a one- or two-character given name fitting the sex."""
    surname = ranked_choice(rng, SURNAMES.get(region_code[:2], SURNAMES[""]))
    chars = (GIVEN_MALE if sex == "M" else GIVEN_FEMALE) + GIVEN_EITHER
    size = 1 if rng.random() < 0.3 else 2
    return surname + "".join(rng.choice(chars) for _ in range(size))
