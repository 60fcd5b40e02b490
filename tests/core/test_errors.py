"""One error type: a stable code, a field and values; its message in the reader's language, on a form or as
the JSON error of DESIGN §4."""
from flask import json
from werkzeug.datastructures import MultiDict
from wtforms import StringField

from recruit.core.errors import rule_body
from recruit.core.errors import rule_response
from recruit.core.forms import Form
from recruit.domain.errors import RuleError


def test_one_problem_is_its_own_code_with_its_field(app):
    with app.test_request_context(headers={"Accept-Language": "zh"}):
        body = rule_body(RuleError("too_long", "name", max=100))
    assert body == {"error": {"code": "too_long", "message": "最多 100 个字符。",
                              "fields": {"name": ["最多 100 个字符。"]}}}


def test_several_problems_are_invalid_with_every_field(app):
    error = RuleError.of([RuleError("required", "name"), RuleError("mobile.format", "mobile"),
                          RuleError("consent", "consent")])
    with app.test_request_context():
        body = rule_body(error)
    assert body["error"]["code"] == "invalid"
    assert set(body["error"]["fields"]) == {"name", "mobile", "consent"}


def read(app, error, **headers):
    """The error's message as a request with these headers reads it (an app context of its own)."""
    with app.app_context(), app.test_request_context(headers=headers):
        return error.message


def test_the_message_speaks_the_language_of_whoever_reads_it(app):
    error = RuleError("number_range", "headcount", min="1", max="10,000")
    chinese, english = read(app, error), read(app, error, Cookie="lang=en")
    assert (chinese, english) == ("请填写 1 至 10,000 之间的数。", "Enter a number from 1 to 10,000.")


def test_a_refusal_no_view_caught_answers_json_with_its_status_to_a_json_client(app):
    with app.test_request_context("/api/v1/seekers", method="POST", json={}):
        response, status = rule_response(RuleError("id_registered", "id_number"))
    assert status == 409
    assert json.loads(response.get_data())["error"]["code"] == "id_registered"


class NameForm(Form):
    name = StringField("Name")
    code = StringField("Code")

    class Meta:
        csrf = False


def test_a_form_shows_each_problem_next_to_its_field_and_the_rest_above(app):
    with app.test_request_context():
        form = NameForm(MultiDict({"name": "x"}))
        form.validate()
        form.code.errors = ["already wrong"]
        form.show(RuleError.of([RuleError("too_long", "name", max=1), RuleError("choice", "code"),
                                RuleError("stale")]))
    assert form.name.errors == ["最多 1 个字符。"]
    assert form.code.errors == ["already wrong"]  # a field in error says what is wrong with it already
    assert form.form_errors == ["此投递刚被他人更改，请核对当前状态后重试。"]
    assert form.refused == {"too_long", "choice", "stale"}
