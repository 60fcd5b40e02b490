"""Stored codes and what a person reads for them: each set is written once, next to its model."""
import logging
from dataclasses import dataclass

from wtforms.fields.choices import SelectChoice

logger = logging.getLogger(__name__)

# Every set by name, for the template filters `label` and `badge`.
TABLES: dict[str, "Codes"] = {}


@dataclass(frozen=True)
class Code:
    """One stored value, its label (translated when shown) and the Bootstrap colour of its badge."""

    value: str
    label: object
    badge: str = "secondary"


class Codes:
    """The allowed values of a column, in their order, with their labels and badges."""

    def __init__(self, name, *codes):
        self.name = name
        self._codes = {code.value: code for code in codes}
        if name in TABLES:
            raise ValueError(f"code table {name!r} is defined twice")
        TABLES[name] = self

    @property
    def values(self):
        return tuple(self._codes)

    def __contains__(self, value):
        return value in self._codes

    def __iter__(self):
        return iter(self._codes)

    def label(self, value):
        """The label of a value, or the value itself when it is not one of the set."""
        code = self._codes.get(value)
        return code.label if code is not None else value

    def badge(self, value):
        code = self._codes.get(value)
        return code.badge if code is not None else "secondary"

    def choices(self, values=None):
        """Select choices for these values (all by default), each with its label."""
        return [SelectChoice(value, self.label(value)) for value in (self.values if values is None else values)]


def label(value, table):
    """Template filter: `status|label('posting_status')`."""
    return TABLES[table].label(value)


def badge(value, table):
    """Template filter: the badge colour of a value."""
    return TABLES[table].badge(value)
