"""The translatable strings of the source and the catalogs they must be in."""
import ast
import fnmatch
import re
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "recruit" / "translations"
LOCALE = "zh_Hans_CN"
PO_FILE = TRANSLATIONS / LOCALE / "LC_MESSAGES" / "messages.po"
MO_FILE = PO_FILE.with_suffix(".mo")
# pybabel's defaults plus Flask-Babel's lazy variants: the same list as recruit/translations/update.sh.
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2),
            "lazy_pgettext": ((1, "c"), 2)}
# Folders extraction leaves out: the same patterns as update.sh (Babel's default also skips "_*" folders).
IGNORED_DIRS = (".*", "__pycache__")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|\{\w*\}")


def source_messages():
    """{(context, msgid): ["path:line", ...]} for every string marked for translation in the source."""
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle, "babel.cfg")
    found = {}
    for path, line, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS, directory_filter=_searched):
        msgid = message if isinstance(message, str) else message[0]
        found.setdefault((context, msgid), []).append(f"{path}:{line}")
    return found


def _searched(dirpath):
    name = Path(dirpath).name
    return not any(fnmatch.fnmatch(name, pattern) for pattern in IGNORED_DIRS)


def load_po(path=PO_FILE):
    with path.open("rb") as handle:
        return read_po(handle)


def load_mo(path=MO_FILE):
    with path.open("rb") as handle:
        return read_mo(handle)


def forms(message):
    """A message's msgid(s) and msgstr(s) as tuples (plural messages have several)."""
    ids = tuple(message.id) if isinstance(message.id, (tuple, list)) else (message.id,)
    strings = tuple(message.string) if isinstance(message.string, (tuple, list)) else (message.string,)
    return ids, strings


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


def gettext_aliases(tree):
    """Names under which a module imports Flask-Babel's gettext functions."""
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "flask_babel":
            for name in node.names:
                if "gettext" in name.name:
                    aliases[name.asname or name.name] = name.name
    return aliases
