"""Template filters that show stored codes as names in the reader's language."""
import logging

from flask_babel import get_locale

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


def occupation_name(code):
    occupation = occupations.get(code or "")
    if occupation is None:
        return code or ""
    return occupation.name_en if ui_lang() == "en" and occupation.name_en else occupation.name


def education_name(code):
    return education.name(code, ui_lang()) if code and education.is_valid(code) else ""


def labelled(labels):
    """A filter that shows a code through a table of translated labels."""
    return lambda code: labels.get(code, code)


def init_app(app):
    from recruit.employers.labels import EMPLOYER_STATUS_LABELS
    from recruit.employers.labels import SIZE_LABELS
    from recruit.postings.labels import BENEFIT_LABELS
    from recruit.postings.labels import POSTING_STATUS_LABELS

    app.jinja_env.filters.update({
        "employer_status": labelled(EMPLOYER_STATUS_LABELS),
        "employer_size": labelled(SIZE_LABELS),
        "posting_status": labelled(POSTING_STATUS_LABELS),
        "benefit": labelled(BENEFIT_LABELS),
        "industry_name": industry_name,
        "region_name": region_name,
        "occupation_name": occupation_name,
        "education_name": education_name,
    })
