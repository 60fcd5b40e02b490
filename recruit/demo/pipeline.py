"""Applications at every stage of the pipeline, each with the dated history of its steps."""
import logging
from dataclasses import dataclass
from datetime import timedelta

from recruit.applications.models import OBSOLETE_NOTE
from recruit.applications.models import PIPELINE
from recruit.applications.models import SIGNED_OR_BEYOND
from recruit.demo.timeline import AS_OF
from recruit.demo.timeline import day_between
from recruit.demo.timeline import days_after
from recruit.demo.timeline import local_date
from recruit.demo.timeline import office_time
from recruit.domain import education
from recruit.domain import idcard
from recruit.drives.models import CHECK_MONTHS
from recruit.drives.retention import add_months

logger = logging.getLogger(__name__)

# What became of each event's intents by the as-of date; Weining's workers mostly came and stayed, but a signature
# at the drive is not an arrival: some never boarded (travel.py), and some who started left within months.
FAIR_MIX = (("intent", 45), ("signed", 9), ("onboarded", 14), ("retained", 32))
DRIVE_MIX = (("intent", 30), ("signed", 13), ("onboarded", 10), ("retained", 47))
# Applications of visitors who reached no intent at the event.
BROWSING_MIX = (("applied", 36), ("interviewed", 20), ("rejected", 30), ("withdrawn", 14))
ONLINE_MIX = (("applied", 40), ("interviewed", 20), ("intent", 12), ("signed", 6), ("rejected", 15),
              ("withdrawn", 7))
# Days from intent to signing by how far it went, away from a drive (whose batches set them): the retained started
# soon after the event; the onboarded signed from spring to late summer, so that about half of them have had their
# three months by the as-of date (and left, or wait for the employer's answer); the signed, in summer, wait to start.
SIGN_AFTER = {"signed": (150, 220), "onboarded": (60, 205), "retained": (1, 20)}
# Days after a retention check fell due that the employer answered it; "still there" at 3 months retains.
ANSWER_AFTER = (1, 6)
EXTRA_SHARE = 0.3
BROWSING_SHARE = 0.45
ONLINE_SHARE = 0.6


@dataclass
class Pool:
    """The postings seekers could apply to, indexed by trade."""

    postings: list
    by_trade: dict


def pool_of(postings):
    by_trade = {}
    for posting in postings:
        by_trade.setdefault(posting["occupation_code"], []).append(posting)
    return Pool(postings, by_trade)


def answer_time(rng, due):
    """When the employer answered a check due on `due`: a few days later, by the as-of date."""
    return office_time(rng, min(due + timedelta(days=rng.randint(*ANSWER_AFTER)), local_date(AS_OF)))


def quota(rng, mix, count):
    """Exactly `count` stages in the mix's proportions (largest remainders round up), shuffled."""
    total = sum(weight for _, weight in mix)
    shares = [(stage, count * weight / total) for stage, weight in mix]
    counts = {stage: int(share) for stage, share in shares}
    by_remainder = sorted(shares, key=lambda item: item[1] - int(item[1]), reverse=True)
    for stage, _ in by_remainder[:count - sum(counts.values())]:
        counts[stage] += 1
    stages = [stage for stage, _ in mix for _ in range(counts[stage])]
    rng.shuffle(stages)
    return stages


class Pipeline:
    """Builds application and change rows: signed places within headcounts, one signing per seeker."""

    def __init__(self, rng):
        self.rng = rng
        self.applications = []
        self.changes = []
        self.signed = {}
        self.pairs = set()
        self.obsolete_made = False

    def event(self, event_id, attendees, pool, intents, mix, journey=None):
        """`intents` attendees reach an intent at the event (some go further); some others just apply.

        At a drive, the `journey` gives each signing a seat on a batch, which sets when it was signed and started.
        """
        rng = self.rng
        committed, others = self._split(attendees, pool, intents)
        for (seeker, at), stage in zip(committed, quota(rng, mix, intents), strict=True):
            self._committed(event_id, seeker, at, pool, stage, journey)
        plan = [(seeker, at, rng.choices((1, 2, 3), (50, 35, 15))[0]) for seeker, at in others
                if rng.random() < BROWSING_SHARE]
        stages = iter(quota(rng, BROWSING_MIX, sum(count for _, _, count in plan)))
        for seeker, at, count in plan:
            for _ in range(count):
                final, start = next(stages), self._booth(at)
                posting = self._pick(seeker, pool, start, strict=final != "rejected")
                if posting is not None:
                    self._add(seeker, posting, event_id, self._steps(final, start))

    def online(self, seekers, pool, first_day, last_day):
        """Seekers who only registered online, each applying to one posting, on no event."""
        rng = self.rng
        applying = [seeker for seeker in seekers if rng.random() < ONLINE_SHARE]
        for seeker, final in zip(applying, quota(rng, ONLINE_MIX, len(applying)), strict=True):
            start = office_time(rng, day_between(rng, first_day, last_day))
            posting = self._pick(seeker, pool, start, capacity=final in SIGNED_OR_BEYOND)
            if posting is None:
                final, posting = "intent", self._pick(seeker, pool, start)
            if posting is not None:
                self._add(seeker, posting, None, self._steps(final, start, online=True))

    def _split(self, attendees, pool, intents):
        """In random order, the first `intents` attendees fitting a posting reach an intent; others browse."""
        order = list(attendees)
        self.rng.shuffle(order)
        committed, others = [], []
        for seeker, at in order:
            fitting = len(committed) < intents and self._pick(seeker, pool, at) is not None
            (committed if fitting else others).append((seeker, at))
        # Only on a tiny pool do too few fit; the employers then took the others anyway.
        missing = intents - len(committed)
        return committed + others[:missing], others[missing:]

    def _committed(self, event_id, seeker, at, pool, stage, journey):
        """An intent at the booth and what came of it; a signing makes the other application obsolete."""
        rng = self.rng
        start = self._booth(at)
        posting = self._pick(seeker, pool, start, capacity=stage in SIGNED_OR_BEYOND)
        if posting is None:
            stage = "intent"
            posting = self._pick(seeker, pool, start) or self._pick(seeker, pool, start, strict=False)
        seat = journey.seat(stage) if journey and stage in SIGNED_OR_BEYOND else None
        steps = self._steps(stage, start, seat=seat)
        application_id = self._add(seeker, posting, event_id, steps)
        signed_at = dict(steps).get("signed")
        if seat and seat.boards:
            journey.board(seat, application_id, signed_at)
        if rng.random() < EXTRA_SHARE or (signed_at and not self.obsolete_made):
            later = start + timedelta(minutes=rng.randint(5, 60))
            other = self._pick(seeker, pool, later)
            if other is not None:
                final = "obsolete" if signed_at else rng.choice([stage for stage, _ in BROWSING_MIX])
                self._add(seeker, other, event_id, self._steps(final, later, closed_at=signed_at))
                self.obsolete_made = self.obsolete_made or final == "obsolete"

    def _booth(self, checked_in_at):
        return checked_in_at + timedelta(minutes=self.rng.randint(3, 60))

    def _pick(self, seeker, pool, at, strict=True, capacity=False):
        """A posting not applied to yet; strict: age and education fit; capacity: a place is left."""
        rng = self.rng
        age = idcard.age_on(seeker["birth_date"], local_date(at))

        def fits(posting):
            if (seeker["id"], posting["id"]) in self.pairs:
                return False
            if capacity and self.signed.get(posting["id"], 0) >= posting["headcount"]:
                return False
            minimum = posting["education_min"]
            return not strict or (posting["age_min"] <= age <= posting["age_max"] and (
                minimum is None or education.meets(seeker["education"], minimum)))

        wished = [p for code in seeker["desired_occupations"] for p in pool.by_trade.get(code, ())]
        for _ in range(20):
            posting = rng.choice(wished if wished and rng.random() < 0.8 else pool.postings)
            if fits(posting):
                return posting
        shuffled = list(pool.postings)
        rng.shuffle(shuffled)
        return next((posting for posting in shuffled if fits(posting)), None)

    def _path(self, final):
        """The statuses an application went through to reach its final one."""
        if final in PIPELINE:
            return PIPELINE[:PIPELINE.index(final) + 1]
        depth = self.rng.choices((1, 2, 3), (45, 40, 15))[0]
        return PIPELINE[:depth] + (final,)

    def _steps(self, final, start, online=False, closed_at=None, seat=None):
        """(status, time) of each step; at a booth the interview and the intent follow within minutes.

        A retained worker's last step is the employer's "still there" answer to the 3-month check.
        """
        rng = self.rng
        path = self._path(final)
        quick = not online and ("intent" in path or final == "obsolete")
        steps = [("applied", start)]
        for status in path[1:]:
            previous = steps[-1][1]
            if status in ("interviewed", "intent") and quick:
                at = previous + timedelta(minutes=rng.randint(5, 40))
            elif status in ("interviewed", "intent"):
                at = days_after(rng, previous, 1, 5 if online else 10)
            elif status == "signed" and seat:
                at = seat.signing(previous)
            elif status == "signed":
                at = days_after(rng, previous, *SIGN_AFTER.get(final, (5, 60)))
            elif status == "onboarded" and seat:
                at = seat.first_day()
            elif status == "onboarded":
                at = days_after(rng, previous, 3, 14)
            elif status == "retained":
                at = answer_time(rng, add_months(local_date(previous), CHECK_MONTHS["3m"]))
            elif status == "obsolete":
                at = closed_at
            else:
                at = days_after(rng, previous, 1, 15)
            steps.append((status, at))
        return steps

    def _add(self, seeker, posting, event_id, steps):
        application_id = len(self.applications) + 1
        final, last = steps[-1]
        intent_at = next((at for status, at in steps if status == "intent"), None)
        self.applications.append({
            "id": application_id, "seeker_id": seeker["id"], "posting_id": posting["id"],
            "event_id": event_id, "status": final, "intent_at": intent_at, "note": "", "onboarded_on": None,
            "created_at": steps[0][1], "updated_at": last,
        })
        previous = None
        for status, at in steps:
            # The same note the signing service leaves, so that the page explains it in the reader's language.
            note = OBSOLETE_NOTE if status == "obsolete" else ""
            self.changes.append({"id": len(self.changes) + 1, "application_id": application_id,
                                 "from_status": previous, "to_status": status, "by_user_id": None, "at": at,
                                 "note": note})
            previous = status
        self.pairs.add((seeker["id"], posting["id"]))
        if final in SIGNED_OR_BEYOND:
            self.signed[posting["id"]] = self.signed.get(posting["id"], 0) + 1
        return application_id
