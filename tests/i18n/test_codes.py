"""Every code the source records or raises has a text a user can read: audit actions, their details' keys,
and every rule's refusal. Found by reading the source, so a new `record("...")` or `RuleError("...")` without
its text fails here before any page shows the code."""
import ast

from recruit.audit.actions import ACTIONS
from recruit.bureau import audit_display
from recruit.domain import errors
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
    missing = sorted(f"{action} ({where})" for action, where in actions.items() if action not in ACTIONS)
    assert not missing, "add these to recruit/audit/actions.py ACTIONS:\n" + "\n".join(missing)


def test_every_recorded_detail_has_a_label():
    _actions, keys, _unreadable = recorded()
    field_names = {name for fields in audit_display.FIELD_LABELS.values() for name in fields}
    missing = sorted(f"{key} ({where})" for key, where in keys.items()
                     if key not in audit_display.DETAIL_LABELS and key not in field_names)
    assert not missing, "add these to recruit/bureau/audit_display.py DETAIL_LABELS:\n" + "\n".join(missing)


def test_the_fields_an_edit_records_have_labels():
    """`fields=[...]` of employer, posting and event edits are the services' field names."""
    for target, names in (("Employer", COMPANY_FIELDS), ("Posting", POSTING_FIELDS), ("Event", EVENT_FIELDS)):
        missing = set(names) - set(audit_display.FIELD_LABELS[target])
        assert not missing, f"FIELD_LABELS[{target!r}] lacks {sorted(missing)}"


# Refusals whose code is not a literal at the call: the codes the module can raise there.
INDIRECT_CODES = {
    "recruit/seekers/services.py": {"id_registered", "id_registered_offline", "id_registered_by_staff"},
    "recruit/postings/services.py": {"required", "occupation"},
    "recruit/employers/review.py": {"reason_required", "too_long", "text"},
}


# Where a code is only passed on (the collector of problems makes the error its callers name).
PASSED_ON = {"recruit/core/checks.py"}


def refusals():
    """(where, call, code or None) of every RuleError(...) and Problems.add(...) in the source."""
    for where, call in calls_of("RuleError"):
        code = literal(call.args[0]) if call.args else None
        if code is not None or where not in PASSED_ON:
            yield where, call, code
    for path in sorted((catalog.ROOT / "recruit").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        where = path.relative_to(catalog.ROOT).as_posix()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add" \
                    and node.args and literal(node.args[0]) is not None:
                yield where, node, literal(node.args[0])


def test_every_refusal_has_a_message_with_its_values(app):
    """Each code a rule raises has a registered message, and the call gives every value the message needs."""
    found = list(refusals())
    assert len(found) > 50, "the search for RuleError(...) found almost nothing"
    problems = []
    for where, call, code in found:
        codes = INDIRECT_CODES.get(where, set()) if code is None else {code}
        if not codes:
            problems.append(f"{where}:{call.lineno}: a RuleError whose code this test cannot read")
        given = {keyword.arg for keyword in call.keywords}
        for name in codes:
            template = errors.MESSAGES.get(name)
            if template is None:
                problems.append(f"{where}:{call.lineno}: no message registered for {name!r}")
            elif code is not None and not callable(template):
                with app.test_request_context():
                    text = str(template)
                needed = {placeholder[2:-2] for placeholder in catalog.placeholders(text) if placeholder[0] == "%"}
                if needed - given:
                    problems.append(f"{where}:{call.lineno}: {name!r} needs {sorted(needed - given)}")
    assert not problems, "\n".join(problems)


def test_every_registered_message_is_raised_somewhere():
    """A message no rule raises is a rule that was removed: its text goes too."""
    raised = {code for _where, _call, code in refusals() if code} | set().union(*INDIRECT_CODES.values())
    domain = {code for code in errors.MESSAGES if "." in code}
    assert not set(errors.MESSAGES) - raised - domain, sorted(set(errors.MESSAGES) - raised - domain)
