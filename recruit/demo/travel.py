"""The Weining drive's travel batches: the trains its signed workers took to Qujiang, planned before the signing.

Each signing at the drive is given a seat on one batch and signs before that batch leaves; the workers who then
board are its members, and their first day is after it arrived. Some who signed never boarded: an intent, and
even a signature, is not an arrival.
"""
import logging
from dataclasses import dataclass
from dataclasses import field
from datetime import timedelta

from recruit.demo import catalog
from recruit.demo import names
from recruit.demo.timeline import local
from recruit.demo.timeline import local_date
from recruit.demo.timeline import office_time

logger = logging.getLogger(__name__)

FROM_PLACE = "威宁自治县"
TO_PLACE = "衢州市衢江区"
# Days after the drive's first day each batch left, and how many of the signed took it: the first was the fullest.
DEPARTURES = ((6, 40), (10, 30), (14, 20), (17, 10))
# Of the workers who signed at the drive and went no further, the share who never boarded; the others travelled
# and did not start.
STAYED_HOME = 0.8
# A bus to Liupanshui at dawn, then the train: Qujiang the next day or the one after.
JOURNEY_HOURS = (26, 44)
# The employer confirms the first day within a few days of the arrival.
START_AFTER_ARRIVAL = (1, 3)


@dataclass
class Batch:
    departs_on: object
    departed_at: object
    arrived_at: object
    escort_name: str
    escort_mobile: str
    members: list = field(default_factory=list)


@dataclass(frozen=True)
class Seat:
    """A signed worker's place on a batch, which sets when they signed and started; `boards`: they took it."""

    rng: object
    batch: Batch
    boards: bool

    def signing(self, intent_at):
        """From the day after the intent to the day before the batch leaves."""
        first = local_date(intent_at) + timedelta(days=1)
        span = (self.batch.departs_on - timedelta(days=1) - first).days
        return office_time(self.rng, first + timedelta(days=self.rng.randint(0, span)))

    def first_day(self):
        """The first working day, at the time the employer confirmed it, soon after the arrival."""
        day = local_date(self.batch.arrived_at) + timedelta(days=self.rng.randint(*START_AFTER_ARRIVAL))
        return office_time(self.rng, day)


class Journey:
    """The drive's batches, each with the bureau staff member who escorts it."""

    def __init__(self, rng, numbers, first_day):
        self.rng = rng
        self.batches = []
        self.weights = []
        for days, weight in DEPARTURES:
            departs_on = first_day + timedelta(days=days)
            departed_at = local(departs_on, 6) + timedelta(minutes=rng.randrange(90))
            self.batches.append(Batch(
                departs_on=departs_on, departed_at=departed_at,
                arrived_at=departed_at + timedelta(hours=rng.randint(*JOURNEY_HOURS), minutes=rng.randrange(60)),
                escort_name=names.person_name(rng, rng.choice("MF"), catalog.QUJIANG),
                escort_mobile=numbers.mobile()))
            self.weights.append(weight)
        self.planned_at = local(first_day, 19)

    def seat(self, stage):
        """A seat for a signing that ends at `stage`: whoever got to work boarded."""
        batch = self.rng.choices(self.batches, self.weights)[0]
        return Seat(self.rng, batch, stage != "signed" or self.rng.random() >= STAYED_HOME)

    def board(self, seat, application_id, signed_at):
        """The worker joins the batch's list some hours after signing, before it leaves."""
        added_at = min(signed_at + timedelta(hours=self.rng.randint(1, 20)),
                       seat.batch.departed_at - timedelta(hours=2))
        seat.batch.members.append((application_id, added_at))

    def tables(self, event_id):
        """travel_batches and batch_members rows: every batch that anyone boarded left and arrived."""
        batches, members = [], []
        for batch in (batch for batch in self.batches if batch.members):
            batch_id = len(batches) + 1
            batches.append({
                "id": batch_id, "event_id": event_id, "departs_on": batch.departs_on, "from_place": FROM_PLACE,
                "to_place": TO_PLACE, "escort_name": batch.escort_name, "escort_mobile": batch.escort_mobile,
                "status": "arrived", "departed_at": batch.departed_at, "arrived_at": batch.arrived_at,
                "created_by_id": None, "created_at": self.planned_at, "updated_at": batch.arrived_at,
            })
            for application_id, added_at in batch.members:
                members.append({"id": len(members) + 1, "batch_id": batch_id, "application_id": application_id,
                                "added_at": added_at, "added_by_id": None})
        return batches, members
