"""How stored values read on a page: codes as names in the reader's language, times in the bureau's zone."""
import logging
from datetime import UTC

from flask_babel import format_datetime
from flask_babel import format_number
from flask_babel import format_percent
from flask_babel import get_locale
from flask_babel import get_translations

from recruit.core import codes
from recruit.domain import education
from recruit.domain import industries
from recruit.domain import occupations
from recruit.domain import regions

logger = logging.getLogger(__name__)


def ui_lang():
    """The language code the domain's names take: "en" or "zh"."""
    return "en" if str(get_locale()).startswith("en") else "zh"


def industry_name(letter):
    return industries.name(letter, ui_lang()) if industries.is_valid(letter or "") else letter


def region_name(code):
    """A region's full name (province down to county); the code itself when unknown."""
    return regions.full_name(code) if code else ""


def short_region_name(code):
    region = regions.get(code or "")
    return region.name if region else code


def occupation_name(code):
    occupation = occupations.get(code or "")
    if occupation is None:
        return code or ""
    return occupation.name_en if ui_lang() == "en" and occupation.name_en else occupation.name


def education_name(code):
    return education.name(code, ui_lang()) if code and education.is_valid(code) else ""


def money(amount):
    """A monthly amount in yuan, one way everywhere: ¥4,500."""
    return "" if amount is None else f"¥{amount:,}"


def money_range(low, high):
    """A pay range: ¥4,500–6,500 (one amount when both ends are the same)."""
    return money(low) if low == high else f"¥{low:,}–{high:,}"


def counted(singular, plural, num, **variables):
    """The templates' ngettext: the count written as every number is (15,600, not 15600)."""
    text = get_translations().ungettext(singular, plural, num).replace("%(num)d", "%(num)s")
    variables.setdefault("num", format_number(num))
    return text % variables


def local_datetime(value, fmt="yyyy-MM-dd HH:mm"):
    """Stored naive UTC shown in the configured time zone (Asia/Shanghai)."""
    if value is None:
        return ""
    return format_datetime(value.replace(tzinfo=UTC), fmt)


def percent(value):
    """A share (0.803) as the reader's language writes it with one decimal (80.3%); nothing for no share."""
    return "" if value is None else format_percent(value, "#,##0.0%")


def init_app(app):
    app.jinja_env.filters.update({
        "localtime": local_datetime,
        "number": format_number,
        "percent": percent,
        "money": money,
        "money_range": money_range,
        "label": codes.label,
        "badge": codes.badge,
        "industry_name": industry_name,
        "region_name": region_name,
        "short_region_name": short_region_name,
        "occupation_name": occupation_name,
        "education_name": education_name,
    })
    app.jinja_env.globals["ngettext"] = counted  # after Flask-Babel's own (recruit/core/web.py binds it first)
    app.context_processor(lambda: {"current_locale": str(get_locale())})
