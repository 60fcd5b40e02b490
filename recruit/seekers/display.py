"""What the pages show of a seeker besides the stored columns, in the reader's language."""
import logging

from recruit.core.display import education_name
from recruit.core.display import occupation_name
from recruit.domain import occupations
from recruit.domain import regions
from recruit.seekers.models import SEXES
from recruit.seekers.services import age_of

logger = logging.getLogger(__name__)


def describe(seeker, today=None):
    """Sex, age, regions by name, education and desired trades, as the profile and applicant pages show them."""
    known = [code for code in seeker.desired_occupations or [] if occupations.get(code) is not None]
    return {
        "sex": SEXES.label(seeker.sex),
        "age": age_of(seeker, today),
        "hometown": regions.full_name(seeker.hometown_code),
        "current_region": regions.full_name(seeker.current_region_code) if seeker.current_region_code else "",
        "education": education_name(seeker.education),
        "trades": [occupation_name(code) for code in known],
    }
