"""Recommendations both ways, and an event's stored matches and placement."""

import logging
import time
from dataclasses import dataclass
from datetime import date

import numpy as np
import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload

from recruit.applications.models import OPEN as OPEN_APPLICATIONS
from recruit.applications.models import Application
from recruit.checkin.models import Checkin
from recruit.core.clock import local_today
from recruit.core.clock import to_local
from recruit.domain import education
from recruit.employers.models import Employer
from recruit.events.models import Event
from recruit.extensions import db
from recruit.matching import congestion
from recruit.matching import loading
from recruit.matching import placement
from recruit.matching import reasons
from recruit.matching import score as scoring
from recruit.matching.models import Match as StoredMatch
from recruit.matching.models import MatchRun
from recruit.matching.tables import rank_in_runs
from recruit.postings.models import Posting
from recruit.seekers.models import Seeker

logger = logging.getLogger(__name__)

# A score at least this high is a good match: the summary counts seekers with one and postings without.
GOOD_MATCH = 60
# Candidates kept per seeker for re-ranking and placement, and recommendations stored per seeker.
CANDIDATES = 20
SHOWN = 5
# Postings with this many open applications per place left sink by up to CROWDED_POINTS in a seeker's list.
CROWDED_RATIO = 5
CROWDED_POINTS = 15

SEEKER_FIELDS = (Seeker.id, Seeker.birth_date, Seeker.education, Seeker.current_region_code, Seeker.hometown_code,
                 Seeker.willing_to_relocate, Seeker.available_from, Seeker.expected_salary,
                 Seeker.desired_occupations, Seeker.skills)
POSTING_FIELDS = (Posting.id, Posting.age_min, Posting.age_max, Posting.education_min, Posting.work_region_code,
                  Posting.salary_min, Posting.salary_max, Posting.occupation_code, Posting.skills, Posting.housing,
                  Posting.dormitory, Posting.travel_subsidy, Posting.headcount, Posting.signed_count)


@dataclass
class Match:
    """A recommended pair as a page shows it."""

    seeker: Seeker
    posting: Posting
    score: int
    reasons: list


def weights():
    """The bureau's weights (RECRUIT_MATCH_WEIGHTS), checked when the app was configured."""
    return current_app.config["MATCH_WEIGHTS"]


def event_day(event):
    """The day an event's matches are counted on (ages, availability): its first day."""
    return to_local(event.starts_at).date()


def _open_postings():
    """Postings that take applications and still have a place: open, of an approved employer, not all signed."""
    return (sa.select(*POSTING_FIELDS).join(Posting.employer)
            .where(Posting.status == "open", Employer.status == "approved", Posting.signed_count < Posting.headcount))


def _not_applied(seeker_id):
    applied = sa.select(Application.posting_id).where(Application.seeker_id == seeker_id)
    return Posting.id.not_in(applied)


def _tables(seeker_rows, posting_rows, day):
    vocabulary = loading.Vocabulary()
    postings = loading.postings_table(posting_rows, vocabulary)
    seekers = loading.seekers_table(seeker_rows, day, vocabulary)
    loading.finish(vocabulary, seekers, postings)
    return seekers, postings, vocabulary


def _crowding(posting_ids, capacity):
    """Points each posting sinks by for the open applications it already has per place left."""
    counts = dict(db.session.execute(
        sa.select(Application.posting_id, sa.func.count()).where(
            Application.posting_id.in_([int(i) for i in posting_ids]), Application.status.in_(OPEN_APPLICATIONS))
        .group_by(Application.posting_id)).all())
    waiting = np.array([counts.get(int(i), 0) for i in posting_ids], dtype=np.float32)
    ratio = waiting / np.maximum(capacity, 1)
    return CROWDED_POINTS * np.minimum(ratio / CROWDED_RATIO, 1)


def recommendations_for(seeker, event=None, limit=SHOWN, day=None, exclude=()):
    """A seeker's best open postings (at an event, or anywhere) they have not applied to, with reasons;
    `exclude` names postings the page shows already (an invitation to answer).

    The order weighs how crowded a posting already is, so that the same few postings do not top every list.
    """
    day = day or (event_day(event) if event else local_today())
    query = _open_postings().where(_not_applied(seeker.id))
    if exclude:
        query = query.where(Posting.id.not_in(list(exclude)))
    if event is not None:
        query = query.where(Posting.events.any(Event.id == event.id))
    seekers, postings, vocabulary = _tables([seeker], db.session.execute(query).all(), day)
    edges = scoring.top_postings(seekers, postings, loading.trades(), k=len(postings) or 1, weights=weights())
    if not len(edges):
        return []
    order_by = edges.score - _crowding(postings.ids[edges.posting], postings.capacity[edges.posting])
    chosen = np.argsort(-order_by, kind="stable")[:limit]
    found = _postings_by_id(postings.ids[edges.posting[chosen]])
    return [Match(seeker=seeker, posting=found[int(postings.ids[edges.posting[i]])],
                  score=int(round(float(edges.score[i]))),
                  reasons=reasons.explain(seekers, 0, postings, edges.posting[i], loading.trades(), vocabulary.words))
            for i in chosen]


def _postings_by_id(ids):
    rows = db.session.scalars(sa.select(Posting).where(Posting.id.in_([int(i) for i in ids]))
                              .options(joinedload(Posting.employer))).all()
    return {posting.id: posting for posting in rows}


def _candidate_seekers(posting, day):
    """Findable seekers without an application on the posting, narrowed in SQL by its hard rules and by trade
    group (the scorer applies every rule exactly; this only spares loading those who cannot match)."""
    oldest = date(day.year - posting.age_max - 1, day.month, 1)
    youngest = date(day.year - posting.age_min + 1, 12, 31)
    lives = sa.func.coalesce(Seeker.current_region_code, Seeker.hometown_code)
    # The desired trades are a JSON list of codes, "6-99-01" under major group 6: matched as text.
    wishes = sa.cast(Seeker.desired_occupations, sa.Text)
    group = posting.occupation_code.split("-")[0]
    query = (sa.select(*SEEKER_FIELDS).where(Seeker.findable.is_(True), Seeker.birth_date.between(oldest, youngest))
             .where(sa.or_(Seeker.available_from.is_(None), Seeker.available_from <= day))
             .where(sa.or_(Seeker.willing_to_relocate.is_(True),
                           lives.startswith(posting.work_region_code[:2], autoescape=True)))
             .where(sa.or_(wishes.contains(f'"{group}-', autoescape=True), ~wishes.contains('"', autoescape=True)))
             .where(Seeker.id.not_in(sa.select(Application.seeker_id).where(Application.posting_id == posting.id))))
    if posting.education_min:
        met = [code for code in education.LEVELS if education.meets(code, posting.education_min)]
        query = query.where(Seeker.education.in_(met))
    return db.session.execute(query).all()


def candidates_for(posting, limit=10, day=None):
    """A posting's best candidates among seekers who allow being found, with reasons."""
    day = day or local_today()
    rows = _candidate_seekers(posting, day)
    posting_row = db.session.execute(sa.select(*POSTING_FIELDS).where(Posting.id == posting.id)).one()
    seekers, postings, vocabulary = _tables(rows, [posting_row], day)
    edges = scoring.top_postings(seekers, postings, loading.trades(), k=1, weights=weights())
    best = np.lexsort((seekers.ids[edges.seeker], -edges.score))[:limit]
    people = {s.id: s for s in db.session.scalars(
        sa.select(Seeker).where(Seeker.id.in_([int(seekers.ids[edges.seeker[i]]) for i in best])))}
    return [Match(seeker=people[int(seekers.ids[edges.seeker[i]])], posting=posting,
                  score=int(round(float(edges.score[i]))),
                  reasons=reasons.explain(seekers, edges.seeker[i], postings, 0, loading.trades(), vocabulary.words))
            for i in best]


def _event_seekers(event):
    """Who came to or applied at the event."""
    came = sa.select(Checkin.seeker_id).where(Checkin.event_id == event.id)
    applied = sa.select(Application.seeker_id).where(Application.event_id == event.id)
    return sa.select(*SEEKER_FIELDS).where(sa.or_(Seeker.id.in_(came), Seeker.id.in_(applied)))


def run_event(event):
    """Compute and store the event's matches (each seeker's best SHOWN, re-ranked for crowding) and placement."""
    started = time.perf_counter()
    rows = db.session.execute(_event_seekers(event)).all()
    posting_rows = db.session.execute(_open_postings().where(Posting.events.any(Event.id == event.id))).all()
    seekers, postings, _ = _tables(rows, posting_rows, event_day(event))
    edges = scoring.top_postings(seekers, postings, loading.trades(), k=CANDIDATES, weights=weights())
    plain = congestion.rerank(edges.seeker, edges.posting, edges.score, postings.capacity, SHOWN, rounds=0)
    shown = congestion.rerank(edges.seeker, edges.posting, edges.score, postings.capacity, SHOWN)
    plan = placement.place(len(seekers), edges.seeker, edges.posting, edges.score, postings.capacity)
    run = _store(event, seekers, postings, edges, plain, shown, plan)
    run.seconds = time.perf_counter() - started
    return run


def _store(event, seekers, postings, edges, plain, shown, plan):
    """The run and its rows; `plain` are the lists by score alone, to measure what re-ranking changed."""
    before = congestion.load_report(plain[1], postings.capacity)
    after = congestion.load_report(shown[1], postings.capacity)
    good = edges.score >= GOOD_MATCH
    hard = _without_good_match(postings, edges.posting[good])
    placed = plan.choice >= 0
    run = MatchRun(event=event, day=event_day(event), seekers=len(seekers), postings=len(postings), pairs=len(edges),
                   good_matches=len(np.unique(edges.seeker[good])),
                   hard_to_fill=len(hard), hard_to_fill_ids=hard,
                   placed=int(placed.sum()), total_score=float(plan.total), method=plan.method, seconds=0.0,
                   gini_before=before["gini"], gini_after=after["gini"], never_before=before["never_share"],
                   never_after=after["never_share"])
    db.session.execute(sa.delete(MatchRun).where(MatchRun.event_id == event.id))
    db.session.add(run)
    db.session.flush()
    rows = _match_rows(run, seekers, postings, shown, plan)
    if rows:  # an event whose seekers fit none of its postings has a run with no rows
        db.session.execute(StoredMatch.__table__.insert(), rows)
    return run


def _without_good_match(postings, good_postings):
    hard = np.setdiff1d(np.arange(len(postings)), good_postings)
    return [int(postings.ids[p]) for p in hard.tolist()]


def _match_rows(run, seekers, postings, shown, plan):
    """Each seeker's shown list, plus the placed pair where the placement chose one outside it."""
    seeker, posting, score = shown[:3]
    rows = {}
    rank = rank_in_runs(seeker)
    for s, p, points, r in zip(seeker.tolist(), posting.tolist(), score.tolist(), rank.tolist(), strict=True):
        rows[(s, p)] = {"run_id": run.id, "seeker_id": int(seekers.ids[s]), "posting_id": int(postings.ids[p]),
                        "score": int(round(points)), "rank": r + 1, "placed": False}
    for s in np.flatnonzero(plan.choice >= 0).tolist():
        p = int(plan.choice[s])
        row = rows.setdefault((s, p), {"run_id": run.id, "seeker_id": int(seekers.ids[s]),
                                       "posting_id": int(postings.ids[p]), "score": int(round(plan.score_of(s))),
                                       "rank": 0, "placed": False})
        row["placed"] = True
    return list(rows.values())


def latest_run(event):
    """The event's newest stored run, or None."""
    return db.session.scalar(sa.select(MatchRun).where(MatchRun.event_id == event.id)
                             .order_by(MatchRun.created_at.desc(), MatchRun.id.desc()).limit(1))
