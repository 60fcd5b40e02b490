"""The one error every rule raises: a stable code, the field it concerns, and the values its message needs."""

import logging

logger = logging.getLogger(__name__)

# What a person reads for each code, and the HTTP status an API answers with. The application fills these
# (recruit/core/checks.py and each feature's services) with texts translated when they are read, or with
# functions of the values that return such a text; the domain itself only names codes, so that it stays
# free of Flask.
MESSAGES: dict[str, object] = {}
STATUSES: dict[str, int] = {}
DEFAULT_STATUS = 422


def register(messages: dict[str, object], status: int = DEFAULT_STATUS) -> None:
    """Add the messages of a set of codes; a code means one thing everywhere, so it is registered once."""
    for code, message in messages.items():
        if code in MESSAGES and MESSAGES[code] is not message:
            raise ValueError(f"rule code {code!r} is registered twice")
        MESSAGES[code] = message
        STATUSES[code] = status


class RuleError(ValueError):
    """A value broke a rule.

    `code` is stable (API clients and tests rely on it), `field` names the value at fault (None: the whole
    request) and `params` fill the message. `problems` holds every problem found together with this one,
    this one first, so that a form can mark them all at once.
    """

    def __init__(self, code: str, field: str | None = None, /, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params
        self.problems: tuple[RuleError, ...] = (self,)

    @classmethod
    def of(cls, problems: list["RuleError"]) -> "RuleError":
        """One error that carries several problems (there must be at least one)."""
        first = problems[0]
        first.problems = tuple(problems)
        return first

    def on(self, field: str) -> "RuleError":
        """The same problems, said of `field` where they named none (a domain rule knows no form)."""
        for problem in self.problems:
            problem.field = problem.field or field
        return self

    @property
    def message(self) -> str:
        """The message for the code in the reader's language, with its values filled in."""
        template = MESSAGES.get(self.code)
        if template is None:
            return self.code
        if callable(template):  # a message that needs its values to choose its words (a plural)
            return str(template(self.params))
        return str(template % self.params) if self.params else str(template)

    @property
    def status(self) -> int:
        return STATUSES.get(self.code, DEFAULT_STATUS)

    def __repr__(self) -> str:
        return f"RuleError({self.code!r}, field={self.field!r}, params={self.params!r})"
