"""Moving applications along the pipeline: allowed steps, who may move them, history, notices."""
import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from recruit.applications import services
from recruit.applications.models import STATUSES
from recruit.applications.models import Application
from recruit.domain.errors import RuleError
from recruit.events.services import figures_for
from recruit.extensions import db as _db
from recruit.notices.services import text_of
from tests import factories
from tests.applications.helpers import audits
from tests.applications.helpers import company
from tests.applications.helpers import notices_of
from tests.applications.helpers import reload
from tests.applications.helpers import seeker_with_account

ALLOWED = {
    ("applied", "interviewed"), ("interviewed", "intent"), ("intent", "signed"), ("signed", "onboarded"),
    ("onboarded", "retained"), ("applied", "rejected"), ("interviewed", "rejected"), ("intent", "rejected"),
}
FORBIDDEN = sorted((a, b) for a in STATUSES for b in STATUSES if a != b and (a, b) not in ALLOWED)


def _application(status="applied", firm=None, **posting_fields):
    firm = firm or company()
    posting = factories.create_posting(firm.employer, **posting_fields)
    return firm, factories.create_application(seeker=seeker_with_account(), posting=posting, status=status)


@pytest.mark.parametrize(("from_status", "to_status"), sorted(ALLOWED))
def test_allowed_steps(db, from_status, to_status):
    firm, application = _application(from_status)

    change = services.move(application, to_status, firm.staff, note="电话沟通")

    assert reload(application).status == to_status
    assert (change.from_status, change.to_status, change.by_user_id, change.note) == (
        from_status, to_status, firm.staff.id, "电话沟通")


@pytest.mark.parametrize(("from_status", "to_status"), FORBIDDEN)
def test_forbidden_steps_change_nothing(db, from_status, to_status):
    firm, application = _application(from_status)

    with pytest.raises(RuleError) as caught:
        services.move(application, to_status, firm.staff)

    assert caught.value.code == "transition"
    assert reload(application).status == from_status
    assert len(reload(application).changes) == 1


def test_allowed_targets_are_what_the_move_form_offers(db):
    _, application = _application("intent")

    assert services.allowed_targets(application) == ["signed", "rejected"]
    for closed in ("rejected", "withdrawn", "obsolete", "retained"):
        application.status = closed
        assert services.allowed_targets(application) == []


def test_the_bureau_moves_any_application_but_not_another_employer_nor_the_seeker(db):
    _, application = _application("applied")
    bureau = factories.create_user("bureau")
    partner = factories.create_user("partner", regions=["520526"])

    for outsider in (company().staff, application.seeker.user, partner):
        with pytest.raises(RuleError) as caught:
            services.move(application, "interviewed", outsider)
        assert caught.value.code == "not_yours"
    services.move(application, "interviewed", bureau)
    assert reload(application).status == "interviewed"


def test_the_history_keeps_every_step_in_order_with_who_and_note(db):
    firm, application = _application("applied")
    services.move(application, "interviewed", firm.staff, note="已面试")
    services.move(application, "intent", firm.staff, note="双方满意")

    steps = [(c.from_status, c.to_status, c.by_user_id, c.note) for c in services.history(application)]

    assert steps == [(None, "applied", None, ""), ("applied", "interviewed", firm.staff.id, "已面试"),
                     ("interviewed", "intent", firm.staff.id, "双方满意")]
    assert [a.detail["to_status"] for a in audits("application_status")] == ["interviewed", "intent"]


def test_intent_at_is_set_when_intent_is_first_reached_and_kept_after(db):
    firm, application = _application("interviewed")
    assert application.intent_at is None

    services.move(application, "intent", firm.staff)
    reached = reload(application).intent_at
    services.move(reload(application), "signed", firm.staff)

    assert reached is not None
    assert reload(application).intent_at == reached


def test_the_seeker_is_told_of_each_change_in_their_language(app, db):
    firm, application = _application("applied", title="电子装配工")
    services.move(application, "interviewed", firm.staff)

    [notice] = notices_of(application.seeker.user, "application_status")
    assert notice.params == {"posting": "电子装配工", "employer": firm.employer.name, "status": "interviewed"}
    with app.test_request_context(), force_locale("en"):
        assert text_of(notice) == (
            f"Your application for 电子装配工 at {firm.employer.name} is now: Interviewed.")


def test_a_stale_move_changes_nothing(db):
    firm, application = _application("applied")
    # Someone else moved it after this page was loaded.
    _db.session.execute(sa.update(Application).where(Application.id == application.id)
                        .values(status="rejected").execution_options(synchronize_session=False))

    with pytest.raises(RuleError) as caught:
        services.move(application, "interviewed", firm.staff)

    assert caught.value.code == "stale"
    assert reload(application).status == "rejected"


def test_the_seeker_withdraws_an_open_application_and_the_employer_is_told(db):
    firm, application = _application("interviewed")
    seeker_user = application.seeker.user

    change = services.withdraw(application, seeker_user)

    assert reload(application).status == "withdrawn"
    assert (change.from_status, change.by_user_id) == ("interviewed", seeker_user.id)
    [notice] = notices_of(firm.staff, "application_withdrawn")
    assert notice.params["posting"] == application.posting.title


def test_only_the_owner_withdraws_and_only_while_open(db):
    _, application = _application("applied")
    with pytest.raises(RuleError) as caught:
        services.withdraw(application, seeker_with_account().user)
    assert caught.value.code == "not_yours"

    _, signed = _application("signed")
    with pytest.raises(RuleError) as caught:
        services.withdraw(signed, signed.seeker.user)
    assert caught.value.code == "transition"


def test_the_events_intent_figure_rises_when_an_application_reaches_intent(db):
    event = factories.create_event()
    firm = company()
    posting = factories.create_posting(firm.employer, events=[event])
    application = factories.create_application(seeker=seeker_with_account(), posting=posting, event=event,
                                               status="interviewed")
    before = figures_for([event])[event.id].intents

    services.move(application, "intent", firm.staff)
    _db.session.commit()

    assert figures_for([event])[event.id].intents == before + 1
