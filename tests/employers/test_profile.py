"""The company's own page and its editing: only the company's HR contact, with its status in words."""
import sqlalchemy as sa

from recruit.audit.models import AuditEvent
from recruit.domain import uscc
from tests import factories
from tests import helpers
from tests.helpers import sign_in


def staff_of(employer):
    return factories.create_user("employer", employer_id=employer.id)


def signed_in(client, db, employer):
    user = staff_of(employer)
    helpers.signed_in(client, user)
    return user


def edit_form(employer, **overrides):
    values = dict(name=employer.name, uscc=employer.uscc, industry=employer.industry,
                  region_code=employer.region_code, address=employer.address, size=employer.size,
                  description=employer.description, contact_name=employer.contact_name,
                  contact_mobile=employer.contact_mobile)
    values.update(overrides)
    return values


def test_profile_shows_postings_by_status_with_applicants_and_events_with_booths(client, db):
    employer = factories.create_employer(status="approved")
    event = factories.create_event(name="2023年威宁跨省招工")
    factories.add_participation(event, employer, booth="B07", approved=True)
    open_posting = factories.create_posting(employer, events=[event], title="注塑工")
    factories.create_posting(employer, status="draft", title="仓库管理员")
    factories.create_application(posting=open_posting)
    factories.create_application(posting=open_posting, status="withdrawn")
    factories.create_posting(title="别家的岗位")
    signed_in(client, db, employer)

    page = client.get("/employer").get_data(as_text=True)

    assert employer.name in page
    assert 'data-employer-status="approved"' in page
    assert 'data-status-group="open"' in page and 'data-status-group="draft"' in page
    assert "注塑工" in page and "仓库管理员" in page and "别家的岗位" not in page
    assert 'data-applicants="1"' in page
    assert "2023年威宁跨省招工" in page and "B07" in page


def test_a_rejected_company_reads_the_bureaus_reason(client, db):
    employer = factories.create_employer(status="rejected", review_note="营业执照照片不清晰")
    signed_in(client, db, employer)

    page = client.get("/employer").get_data(as_text=True)

    assert "The bureau did not approve the company" in page
    assert "营业执照照片不清晰" in page


def test_only_employers_reach_the_company_page(client, db):
    seeker_user = factories.create_user("seeker")
    db.session.commit()

    assert client.get("/employer").status_code == 302
    sign_in(client, seeker_user.username)
    assert client.get("/employer").status_code == 403
    assert client.get("/employer/edit").status_code == 403


def test_editing_the_address_keeps_an_approved_company_approved(client, db):
    employer = factories.create_employer(status="approved")
    signed_in(client, db, employer)

    response = client.post("/employer/edit", data=edit_form(employer, address="衢江区东港三路 1 号"))

    assert response.status_code == 302
    db.session.refresh(employer)
    assert (employer.address, employer.status) == ("衢江区东港三路 1 号", "approved")
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "employer_updated"))
    assert event.detail["fields"] == ["address"]


def test_a_new_name_sends_an_approved_company_back_to_review(client, db):
    employer = factories.create_employer(status="approved")
    signed_in(client, db, employer)

    client.post("/employer/edit", data=edit_form(employer, name="衢州新名字有限公司"))

    db.session.refresh(employer)
    assert (employer.name, employer.status) == ("衢州新名字有限公司", "pending")


def test_a_rejected_company_that_corrects_its_details_is_reviewed_again(client, db):
    employer = factories.create_employer(status="rejected", review_note="地址不全")
    signed_in(client, db, employer)

    client.post("/employer/edit", data=edit_form(employer, address="衢江区廿里镇工业园 8 号"))

    db.session.refresh(employer)
    assert employer.status == "pending"


def test_the_code_of_another_company_is_refused_when_editing(client, db):
    other = factories.create_employer(uscc=uscc.generate("330803", 901))
    employer = factories.create_employer()
    signed_in(client, db, employer)
    mine = employer.uscc

    page = client.post("/employer/edit", data=edit_form(employer, uscc=other.uscc)).get_data(as_text=True)

    assert 'id="uscc-error"' in page and "already registered" in page
    db.session.refresh(employer)
    assert employer.uscc == mine
