"""The columns of each kind of import: our header, the variants other bureaus' files use, how a cell reads."""
import logging
import re
import unicodedata
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from flask_babel import lazy_gettext as _l

from recruit.domain import errors
from recruit.domain.errors import RuleError
from recruit.imports import values

logger = logging.getLogger(__name__)

errors.register({
    "import_columns_missing": _l("The file has no column for: %(columns)s. Name the columns as in the template, "
                                 "or say which column holds each."),
    "import_mapping": _l("The column mapping names fields that do not exist: %(fields)s."),
    "import_duplicate_row": _l("Row %(row)d of this file holds the same person or thing already."),
})


@dataclass(frozen=True)
class Column:
    """One field of an import: the template's header, its other names, and what the template says of it."""

    field: str
    header: str
    instruction: str
    example: str
    read: object = values.text
    required: bool = False
    variants: tuple = dataclass_field(default=())
    # What the form starts with, for an empty cell or a new record in a file without the column.
    default: object = None


def defaults(columns):
    return {column.field: column.default for column in columns if column.default is not None}


# (remarks) and required marks around a header: 期望月薪（元）, *姓名.
_DECORATION = re.compile(r"[(（【\[].*?[)）】\]]|[*＊:：]")


def normalise_header(header):
    text = unicodedata.normalize("NFKC", values.text(header))
    return "".join(_DECORATION.sub("", text).split()).lower()


def match(columns, headers, mapping=None):
    """{column index: Column} for a file's headers; `mapping` {file header: field} names columns explicitly.

    Refuses a mapping to unknown fields, and a file without a column for a required field.
    """
    by_field = {column.field: column for column in columns}
    chosen = {normalise_header(header): field for header, field in (mapping or {}).items()}
    unknown = sorted(set(chosen.values()) - set(by_field))
    if unknown:
        raise RuleError("import_mapping", fields=", ".join(unknown))
    names = {}
    for column in columns:
        for name in (column.field, column.header, *column.variants):
            names.setdefault(normalise_header(name), column)
    keys = [normalise_header(header) for header in headers]
    # A column named in the mapping wins over one whose header only looks like the field's.
    found = {index: by_field[chosen[key]] for index, key in enumerate(keys) if key in chosen}
    for index, key in enumerate(keys):
        column = names.get(key)
        if index not in found and column is not None and column not in found.values():
            found[index] = column
    missing = [column.header for column in columns if column.required and column not in found.values()]
    if missing:
        raise RuleError("import_columns_missing", columns="、".join(missing))
    return found
