"""The Chinese catalog holds every string of the source, translated, and the compiled file matches it.

When one of these fails after a change, run `sh recruit/translations/update.sh`, translate what it lists in
recruit/translations/zh_Hans_CN/LC_MESSAGES/messages.po, and run it again (docs/translations.md).
"""
import ast
import re

import jinja2
import jinja2.ext

from tests.i18n import catalog
from tests.i18n import text
from tests.i18n.text import CJK

JINJA_CODE = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.S)
HTML_ENTITY = re.compile(r"&#?\w+;")
FIX = "run `sh recruit/translations/update.sh` and translate what it lists (docs/translations.md)"


def test_every_source_message_has_a_chinese_translation():
    po = catalog.load_po()
    problems = []
    for (context, msgid), where in sorted(catalog.source_messages().items(), key=lambda item: item[1][0]):
        message = po.get(msgid, context=context)
        if message is None:
            problems.append(f"not in the catalog: {msgid!r} ({where[0]})")
        elif message.fuzzy:
            problems.append(f"fuzzy: {msgid!r} ({where[0]})")
        elif not all(catalog.forms(message)[1]):
            problems.append(f"untranslated: {msgid!r} ({where[0]})")
    assert not problems, f"{len(problems)} messages need a translation; {FIX}:\n" + "\n".join(problems)


def test_translations_keep_the_placeholders_and_are_chinese():
    problems = []
    for message in catalog.load_po():
        ids, strings = catalog.forms(message)
        if not message.id or not all(strings):
            continue
        expected = catalog.placeholders(ids[0])
        for string in strings:
            if catalog.placeholders(string) != expected:
                problems.append(f"{ids[0]!r}: placeholders {expected} became {catalog.placeholders(string)}"
                                f" in {string!r}")
            if not CJK.search(string):
                problems.append(f"{ids[0]!r}: the translation {string!r} has no Chinese in it")
    assert not problems, "\n".join(problems)


def test_catalog_is_simplified_chinese_with_one_plural_form():
    po = catalog.load_po()
    assert str(po.locale) == catalog.LOCALE
    assert po.num_plurals == 1
    assert po.plural_expr == "0"
    assert not po.fuzzy, "the catalog header is marked fuzzy: pybabel compile would skip the whole file"


def test_compiled_catalog_matches_the_po_file():
    po = catalog.load_po()
    mo = catalog.load_mo()

    def translations(cat):
        return {(m.context, catalog.forms(m)[0]): catalog.forms(m)[1]
                for m in cat if m.id and all(catalog.forms(m)[1]) and not m.fuzzy}

    expected, compiled = translations(po), translations(mo)
    stale = sorted(repr(key[1][0]) for key in set(expected) | set(compiled)
                   if expected.get(key) != compiled.get(key))
    assert not stale, f"messages.mo is older than messages.po; {FIX}:\n" + "\n".join(stale)


def test_python_marks_only_literal_strings_under_known_names():
    """`_(variable)` cannot be extracted, and an unknown alias of gettext is never extracted at all."""
    problems = []
    for path in sorted((catalog.ROOT / "recruit").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(catalog.ROOT)
        for alias in catalog.gettext_aliases(tree):
            if alias not in catalog.KEYWORDS:
                problems.append(f"{where}: imports a gettext function as {alias!r}, which extraction misses")
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in catalog.KEYWORDS and node.func.id != "N_"):
                problems.extend(_literal_problems(node, where))
    assert not problems, "\n".join(problems)


def _literal_problems(node, where):
    spec = catalog.KEYWORDS[node.func.id] or (1,)
    positions = [p if isinstance(p, int) else p[0] for p in spec]
    problems = []
    for position in positions:
        if position > len(node.args):
            problems.append(f"{where}:{node.lineno}: {node.func.id}() without its message")
            continue
        arg = node.args[position - 1]
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            problems.append(f"{where}:{node.lineno}: {node.func.id}() of {ast.unparse(arg)}, not a literal")
    return problems


def test_templates_mark_only_literal_strings():
    env = jinja2.Environment(extensions=["jinja2.ext.do", "jinja2.ext.i18n"])
    problems = []
    for path in sorted((catalog.ROOT / "templates").rglob("*.html")):
        template = env.parse(path.read_text(encoding="utf-8"))
        for line, function, strings in jinja2.ext.extract_from_ast(template, babel_style=False):
            values = strings if isinstance(strings, tuple) else (strings,)
            if any(value is None for value in values[:2 if function.endswith("ngettext") else 1]):
                problems.append(f"{path.relative_to(catalog.ROOT)}:{line}: {function}() of a variable")
    assert not problems, "\n".join(problems)


def test_templates_show_no_unmarked_english():
    """Text written straight into a template, outside `_()`, is never translated, in any branch."""
    problems = []
    for path in sorted((catalog.ROOT / "templates").rglob("*.html")):
        source = JINJA_CODE.sub(" ", path.read_text(encoding="utf-8"))
        # A template is a fragment: an element with a `lang` of its own (the language switch) is left out.
        _lang, visible = text.read(HTML_ENTITY.sub(" ", source))
        words = text.LATIN_WORD.findall(visible)
        if words:
            problems.append(f"{path.relative_to(catalog.ROOT)}: {' '.join(words)}")
    assert not problems, "wrap these in {{ _('...') }}:\n" + "\n".join(problems)
