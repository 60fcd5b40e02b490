#!/bin/sh
# Re-extract every translatable string, merge it into the catalogs, list what still needs a translation,
# and compile the .mo files the application (and the installed wheel) reads. Run from anywhere:
#   sh recruit/translations/update.sh
# See docs/translations.md. tests/i18n fails while anything listed here is untranslated.
set -eu
cd "$(dirname "$0")/../.."

DIR=recruit/translations
# pybabel's defaults (_, gettext, ngettext, pgettext, ...) plus Flask-Babel's lazy variants. Without
# --ignore-dirs, pybabel skips every folder whose name starts with "_" (templates/_nav/).
pybabel extract -F babel.cfg \
    -k _l -k lazy_gettext -k lazy_ngettext:1,2 -k lazy_pgettext:1c,2 \
    --ignore-dirs=".* __pycache__" \
    --no-wrap --sort-by-file \
    --project=Recruit --copyright-holder="Qujiang District Human Resources and Social Security Bureau" \
    --msgid-bugs-address="" \
    -o "$DIR/messages.pot" . >/dev/null
pybabel update -i "$DIR/messages.pot" -d "$DIR" --no-wrap --ignore-obsolete --no-fuzzy-matching
python - "$DIR" <<'PY'
"""List the messages of each catalog that have no translation yet or are marked fuzzy."""
import pathlib
import sys

from babel.messages.pofile import read_po

for po in sorted(pathlib.Path(sys.argv[1]).glob("*/LC_MESSAGES/messages.po")):
    with po.open("rb") as handle:
        catalog = read_po(handle)
    todo = [m for m in catalog if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple)
                                                                 else (m.string,)))]
    print(f"{po}: {len(todo)} of {len(catalog)} messages need a translation")
    for message in todo:
        where = ", ".join(f"{path}:{line}" for path, line in message.locations[:2])
        print(f"  {'fuzzy ' if message.fuzzy else ''}{message.id!r}  ({where})")
PY
pybabel compile -d "$DIR" --statistics
