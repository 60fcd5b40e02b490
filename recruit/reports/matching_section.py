"""The summary's matching part: the event's latest match run, its hard-to-fill postings and its placement."""
import logging

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from recruit.core import clock
from recruit.core import display
from recruit.employers.models import Employer
from recruit.extensions import db
from recruit.matching import services as matching
from recruit.matching.models import Match
from recruit.postings.models import Posting
from recruit.reports.document import Column
from recruit.reports.document import Percent
from recruit.reports.document import Section

logger = logging.getLogger(__name__)

POSTING_COLUMNS = [Column("employer", _l("Employer"), 30), Column("posting", _l("Posting"), 24),
                   Column("occupation", _l("Occupation"), 16), Column("positions", _l("Positions"), 10)]


def sections(scope):
    """Figures, hard-to-fill postings and placement of the scope's event; a note when it has no run."""
    event = scope.single
    run = matching.latest_run(event) if event is not None else None
    figures = Section("matching", _l("Matching"), [Column("figure", _l("Figure"), 36),
                                                   Column("value", _l("Value"), 14)], [])
    if scope.region_codes:
        # A placement shares the places among every seeker of the event: a region's slice of it means nothing.
        figures.note = _l("Matching covers every seeker of the event and is in the bureau's summary.")
        return [figures]
    if run is None:
        figures.note = (_l("No match run of this event yet: run matching from the event's page.")
                        if event is not None else _l("Matching is reported per event."))
        return [figures]
    figures.rows = [
        (_l("Matched on"), clock.to_local(run.created_at)),
        (_l("Seekers considered"), run.seekers),
        (_l("Seekers with at least one good match"), run.good_matches),
        (_l("Share of seekers with a good match"), Percent(run.good_matches / run.seekers) if run.seekers else None),
        (_l("Open postings considered"), run.postings),
        (_l("Hard to fill (no good match)"), run.hard_to_fill),
        (_l("Seekers placed by the suggested placement"), run.placed),
    ]
    figures.note = _l("A good match scores %(points)s or more.", points=matching.GOOD_MATCH)
    return [figures, hard_to_fill_section(run), placement_section(run)]


def _posting_rows(query):
    return [(employer, title, display.occupation_name(code), *rest) for employer, title, code, *rest
            in db.session.execute(query)]


def hard_to_fill_section(run):
    query = (sa.select(Employer.name, Posting.title, Posting.occupation_code, Posting.headcount)
             .join(Employer, Employer.id == Posting.employer_id)
             .where(Posting.id.in_(run.hard_to_fill_ids or []))
             .order_by(Posting.headcount.desc(), Employer.name, Posting.title))
    return Section("hard_to_fill", _l("Hard to fill"), POSTING_COLUMNS, _posting_rows(query),
                   note=_l("Open postings no seeker of the event scored a good match with."))


def placement_section(run):
    """Per posting, how many seekers the suggested placement sends there; it never exceeds the places left."""
    placed = (sa.select(Match.posting_id, sa.func.count().label("placed"), sa.func.avg(Match.score).label("score"))
              .where(Match.run_id == run.id, Match.placed.is_(True)).group_by(Match.posting_id).subquery())
    query = (sa.select(Employer.name, Posting.title, Posting.occupation_code, Posting.headcount, placed.c.placed,
                       sa.func.round(placed.c.score, 1))
             .join(placed, placed.c.posting_id == Posting.id).join(Employer, Employer.id == Posting.employer_id)
             .order_by(placed.c.placed.desc(), Employer.name, Posting.title))
    rows = [(*row[:5], float(row[5])) for row in _posting_rows(query)]
    return Section("placement", _l("Suggested placement"),
                   [*POSTING_COLUMNS, Column("placed", _l("Placed"), 10), Column("score", _l("Mean score"), 10)],
                   rows, note=_l("A placement of seekers to postings that respects every posting's headcount."))
