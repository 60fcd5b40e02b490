"""Unique synthetic mobile and ID numbers for one generated world."""
import logging

from recruit.domain import idcard

logger = logging.getLogger(__name__)

MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153",
                   "155", "156", "157", "158", "159", "166", "176", "177", "180", "181", "182", "183", "186",
                   "187", "188", "189", "191", "198", "199")


class Numbers:
    """Hands out numbers never given before in this world, drawn from the world's random generator."""

    def __init__(self, rng):
        self.rng = rng
        self._mobiles = set()
        self._ids = set()

    def mobile(self):
        while True:
            number = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if number not in self._mobiles:
                self._mobiles.add(number)
                return number

    def id_number(self, region_code, birth_date, sex):
        """A valid ID number; the sequence's parity carries the sex (odd is male)."""
        while True:
            sequence = 2 * self.rng.randrange(500) + (1 if sex == "M" else 0)
            number = idcard.generate(region_code, birth_date, sequence)
            if number not in self._ids:
                self._ids.add(number)
                return number
