"""Every code the source records or raises has a label a user can read: audit actions, their details'
keys, and the refusals of the application services. Found by reading the source, so a new
`record("...")` or `ApplicationError("...")` without its label fails here before any page shows the code."""
import ast

from recruit.applications import labels as application_labels
from recruit.applications import services as application_services
from recruit.bureau import labels as bureau_labels
from recruit.employers.services import COMPANY_FIELDS
from recruit.events.services import EVENT_FIELDS
from recruit.postings.services import POSTING_FIELDS
from tests.i18n import catalog

# record() calls whose action or detail keys are not literals at the call: what the module passes instead.
INDIRECT_RECORDS = {
    "recruit/employers/review.py": {
        "actions": {"employer_approved", "employer_rejected", "employer_suspended"},
        "keys": {"name", "reason"},
    },
    "recruit/postings/review.py": {"actions": set(), "keys": {"title", "reason"}},
}
# The keywords of record() itself, not details.
RECORD_ARGUMENTS = {"target", "user"}


def calls_of(name):
    """(module path, call node) of every call of `name(...)` in recruit/**."""
    for path in sorted((catalog.ROOT / "recruit").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(catalog.ROOT).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name:
                yield where, node


def literal(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def recorded():
    """The actions and detail keys the source records, and the record() calls nothing here can read."""
    actions, keys, unreadable = {}, {}, []
    for where, call in calls_of("record"):
        action = literal(call.args[0]) if call.args else None
        indirect = INDIRECT_RECORDS.get(where)
        if action is not None:
            actions.setdefault(action, where)
        elif indirect is not None:
            actions.update(dict.fromkeys(indirect["actions"], where))
        else:
            unreadable.append(f"{where}:{call.lineno}")
        for keyword in call.keywords:
            if keyword.arg is not None:
                keys.setdefault(keyword.arg, where)
            elif indirect is not None:
                keys.update(dict.fromkeys(indirect["keys"], where))
            else:
                unreadable.append(f"{where}:{call.lineno}")
    return actions, {k: v for k, v in keys.items() if k not in RECORD_ARGUMENTS}, unreadable


def test_the_source_records_what_this_test_can_read():
    _actions, _keys, unreadable = recorded()
    assert not unreadable, ("record() with an action or detail keys that are not literals; list them in "
                            "INDIRECT_RECORDS:\n" + "\n".join(unreadable))
    for where, names in INDIRECT_RECORDS.items():
        source = (catalog.ROOT / where).read_text(encoding="utf-8")
        assert all(f'"{name}"' in source for name in names["actions"] | names["keys"]), where


def test_every_recorded_action_has_a_label():
    actions, _keys, _unreadable = recorded()
    assert len(actions) > 20, "the search for record() calls found almost nothing"
    missing = sorted(f"{action} ({where})" for action, where in actions.items()
                     if action not in bureau_labels.ACTION_LABELS)
    assert not missing, "add these to recruit/bureau/labels.py ACTION_LABELS:\n" + "\n".join(missing)


def test_every_recorded_detail_has_a_label():
    _actions, keys, _unreadable = recorded()
    field_names = {name for fields in bureau_labels.FIELD_LABELS.values() for name in fields}
    missing = sorted(f"{key} ({where})" for key, where in keys.items()
                     if key not in bureau_labels.DETAIL_LABELS and key not in field_names)
    assert not missing, "add these to recruit/bureau/labels.py DETAIL_LABELS:\n" + "\n".join(missing)


def test_the_fields_an_edit_records_have_labels():
    """`fields=[...]` of employer, posting and event edits are the services' field names."""
    for target, names in (("Employer", COMPANY_FIELDS), ("Posting", POSTING_FIELDS), ("Event", EVENT_FIELDS)):
        missing = set(names) - set(bureau_labels.FIELD_LABELS[target])
        assert not missing, f"FIELD_LABELS[{target!r}] lacks {sorted(missing)}"


def test_every_application_error_has_a_translated_message_with_its_values(app):
    """The views show labels.ERROR_MESSAGES; the services' English messages are only a fallback."""
    raised = list(calls_of("ApplicationError"))
    assert raised, "the search for ApplicationError(...) found nothing"
    problems = []
    for where, call in raised:
        code = literal(call.args[0]) if call.args else None
        template = application_labels.ERROR_MESSAGES.get(code)
        if template is None:
            problems.append(f"{where}:{call.lineno}: no ERROR_MESSAGES entry for {code!r}")
            continue
        given = {keyword.arg for keyword in call.keywords}
        with app.test_request_context():
            needed = {name[2:-2] for name in catalog.placeholders(str(template))}
        if not needed <= given:
            problems.append(f"{where}:{call.lineno}: {code!r} needs {sorted(needed - given)}")
    problems += [f"services.MESSAGES has {code!r} but ERROR_MESSAGES has not"
                 for code in application_services.MESSAGES if code not in application_labels.ERROR_MESSAGES]
    assert not problems, "\n".join(problems)
