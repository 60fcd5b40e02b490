"""Invitation pages: the employer's recommended candidates, the seeker's invitations, and who reaches what."""
import re

import pytest
import sqlalchemy as sa

from recruit.applications.models import Application
from recruit.extensions import db as _db
from recruit.invitations import services
from recruit.invitations.models import Invitation
from tests import factories
from tests.applications.helpers import company
from tests.helpers import QueryCounter
from tests.helpers import signed_in
from tests.invitations.helpers import fitting_seeker
from tests.invitations.helpers import invitable
from tests.invitations.helpers import written


@pytest.fixture
def case(db, frozen_clock):
    return invitable()


def _applicants(case):
    return f"/employer/postings/{case.posting.id}/applicants"


def _section(page, name):
    """The part of a page inside <section … data-NAME>."""
    found = re.search(rf"<section[^>]*data-{name}[^>]*>(.*?)</section>", page, re.S)
    assert found, f"no data-{name} section"
    return found.group(1)


def _invite(client, case, seeker=None):
    return client.post(f"/employer/postings/{case.posting.id}/invite/{(seeker or case.seeker).id}")


def _invitation(case):
    invitation = services.invite(case.posting, case.seeker, case.staff)
    _db.session.commit()
    return invitation


# The employer's side

def test_the_applicants_page_recommends_masked_candidates_to_invite(client, case):
    seeker = case.seeker
    signed_in(client, case.staff)

    candidates = _section(client.get(_applicants(case)).get_data(as_text=True), "candidates")

    row = re.search(rf'<tr data-candidate-id="{seeker.id}">(.*?)</tr>', candidates, re.S).group(1)
    assert "龙*燕" in row and "龙海燕" not in candidates
    assert seeker.mobile not in candidates and seeker.id_masked not in candidates
    assert "Male" not in row and "Female" not in row  # a posting may not choose by sex: it is not shown
    assert "30" in row and "衢江区" in row and "¥6,000" in row and "注塑" in row
    assert "Desired trade matches" in row and "points" in row
    assert f'action="/employer/postings/{case.posting.id}/invite/{seeker.id}"' in row


def test_an_employer_invites_and_sees_the_invitation_wait_for_an_answer(client, case):
    signed_in(client, case.staff)

    response = _invite(client, case)

    assert response.status_code == 302 and response.location == f"{_applicants(case)}#candidates"
    page = client.get(_applicants(case)).get_data(as_text=True)
    assert "龙*燕 has been invited to apply." in page
    assert 'data-invitation-status="pending"' in _section(page, "candidates")
    assert "Waiting for an answer" in _section(page, "invitations")
    assert _db.session.scalar(sa.select(Invitation.status)) == "pending"


def test_a_second_invitation_is_refused_with_a_message(client, case):
    _invitation(case)
    signed_in(client, case.staff)
    before = written()

    _invite(client, case)

    assert "You have already invited this seeker for this posting." in client.get(_applicants(case)).get_data(
        as_text=True)
    assert written() == before


def test_a_seeker_who_is_not_findable_is_refused_with_a_message(client, case):
    hidden = fitting_seeker(findable=False)
    signed_in(client, case.staff)
    page = client.get(_applicants(case)).get_data(as_text=True)
    assert f'data-candidate-id="{hidden.id}"' not in page
    before = written()

    _invite(client, case, hidden)

    assert "does not let employers find them" in client.get(_applicants(case)).get_data(as_text=True)
    assert written() == before


def test_another_employers_posting_and_an_unknown_seeker_are_not_found(client, case):
    rival = company()
    signed_in(client, rival.staff)
    before = written()

    assert client.get(_applicants(case)).status_code == 404
    assert _invite(client, case).status_code == 404
    client.post("/account/logout")
    signed_in(client, case.staff)
    assert client.post(f"/employer/postings/{case.posting.id}/invite/999999").status_code == 404
    assert written() == before


def test_the_bureau_sees_the_candidates_but_only_the_employer_invites(client, case):
    signed_in(client, factories.create_user("bureau"))
    before = written()

    candidates = _section(client.get(_applicants(case)).get_data(as_text=True), "candidates")

    assert "龙*燕" in candidates and "/invite/" not in candidates
    assert _invite(client, case).status_code == 403
    assert written() == before


def test_a_seeker_cannot_invite(client, case):
    signed_in(client, case.seeker.user)

    assert _invite(client, case).status_code == 403


def test_a_candidate_without_an_account_is_shown_without_an_invite_button(client, case):
    offline = factories.create_seeker(region_code="330803", desired_occupations=["6-99-01"])
    signed_in(client, case.staff)

    candidates = _section(client.get(_applicants(case)).get_data(as_text=True), "candidates")

    row = re.search(rf'<tr data-candidate-id="{offline.id}">(.*?)</tr>', candidates, re.S).group(1)
    assert "No online account" in row and "/invite/" not in row
    assert "the bureau can put you in touch" in candidates


def test_a_closed_posting_recommends_nobody(client, case):
    case.posting.status = "closed"
    signed_in(client, case.staff)

    candidates = _section(client.get(_applicants(case)).get_data(as_text=True), "candidates")

    assert "Candidates are recommended while the posting is open." in candidates
    assert "data-candidate-id" not in candidates


def test_the_candidates_take_the_same_queries_for_few_or_many(client, case):
    signed_in(client, case.staff)
    services.invite(case.posting, fitting_seeker(), case.staff)
    _db.session.commit()
    with QueryCounter() as few:
        assert client.get(_applicants(case)).get_data(as_text=True).count("data-candidate-id=") == 2
    for _ in range(4):
        services.invite(case.posting, fitting_seeker(), case.staff)
    fitting_seeker()
    _db.session.commit()
    with QueryCounter() as many:
        assert client.get(_applicants(case)).get_data(as_text=True).count("data-candidate-id=") == 7

    assert many.count == few.count


# The seeker's side

def test_the_seeker_sees_the_invitation_and_its_notice(client, case):
    invitation = _invitation(case)
    signed_in(client, case.seeker.user)

    invitations = _section(client.get("/me").get_data(as_text=True), "invitations")
    notices = client.get("/notices").get_data(as_text=True)

    assert "注塑操作工" in invitations and "衢州元立金属制品有限公司" in invitations
    assert f'action="/invitations/{invitation.id}/accept"' in invitations
    assert f'action="/invitations/{invitation.id}/decline"' in invitations
    assert "衢州元立金属制品有限公司 invites you to apply for 注塑操作工." in notices


def test_accepting_applies_and_the_employer_sees_the_answer_and_the_applicant(app, client, case):
    invitation = _invitation(case)
    signed_in(client, case.seeker.user)

    response = client.post(f"/invitations/{invitation.id}/accept")

    assert response.status_code == 302 and response.location == "/me#invitations"
    page = client.get("/me").get_data(as_text=True)
    assert "You accepted the invitation: your application for 注塑操作工 has been sent" in page
    application = _db.session.scalars(sa.select(Application)).one()
    assert application.status == "applied" and application.seeker_id == case.seeker.id
    assert 'data-invitation-status="accepted"' in _section(page, "invitations")
    assert f'href="/applications/{application.id}"' in _section(page, "invitations")

    employer = signed_in(app.test_client(), case.staff)
    applicants = employer.get(_applicants(case)).get_data(as_text=True)
    assert 'data-invitation-status="accepted"' in _section(applicants, "invitations")
    assert f'<tr data-application-id="{application.id}">' in applicants and "龙海燕" in applicants
    assert "龙海燕 accepted your invitation and applied for 注塑操作工." in employer.get("/notices").get_data(
        as_text=True)


def test_declining_tells_the_employer(app, client, case):
    invitation = _invitation(case)
    signed_in(client, case.seeker.user)

    client.post(f"/invitations/{invitation.id}/decline")

    page = client.get("/me").get_data(as_text=True)
    assert "You declined the invitation for 注塑操作工." in page
    assert 'data-invitation-status="declined"' in _section(page, "invitations")
    assert "/accept" not in _section(page, "invitations")
    employer = signed_in(app.test_client(), case.staff)
    assert "(龙*燕) declined your invitation for 注塑操作工." in employer.get("/notices").get_data(as_text=True)
    assert 'data-invitation-status="declined"' in _section(employer.get(_applicants(case)).get_data(
        as_text=True), "invitations")


def test_accepting_after_the_posting_closed_says_why_and_keeps_the_invitation(client, case):
    invitation = _invitation(case)
    signed_in(client, case.seeker.user)
    case.posting.status = "closed"
    _db.session.commit()
    before = written()

    client.post(f"/invitations/{invitation.id}/accept")

    page = client.get("/me").get_data(as_text=True)
    assert "This posting has been closed since you were invited" in page
    invitations = _section(page, "invitations")
    assert "This posting takes no applications at the moment." in invitations
    assert "/accept" not in invitations and f"/invitations/{invitation.id}/decline" in invitations
    assert written() == before
    assert _db.session.scalar(sa.select(Invitation.status)) == "pending"


def test_another_seekers_invitation_is_not_found(client, case):
    invitation = _invitation(case)
    signed_in(client, fitting_seeker().user)
    before = written()

    assert client.post(f"/invitations/{invitation.id}/accept").status_code == 404
    assert client.post(f"/invitations/{invitation.id}/decline").status_code == 404
    assert client.post("/invitations/999999/accept").status_code == 404
    assert written() == before


def test_only_seekers_answer(client, case):
    invitation = _invitation(case)
    signed_in(client, case.staff)

    assert client.post(f"/invitations/{invitation.id}/accept").status_code == 403
    assert client.post(f"/invitations/{invitation.id}/decline").status_code == 403


def test_an_answer_without_the_csrf_token_is_refused(csrf_app, case):
    invitation = _invitation(case)
    client = csrf_app.test_client()
    login = client.get("/account/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login).group(1)
    assert client.post("/account/login", data={"identifier": case.seeker.user.username,
                                               "password": factories.PASSWORD, "csrf_token": token}).status_code == 302

    assert client.post(f"/invitations/{invitation.id}/accept").status_code == 400
    assert client.post(f"/invitations/{invitation.id}/decline").status_code == 400
    assert _db.session.scalar(sa.select(Invitation.status)) == "pending"


def test_the_seekers_page_recommends_postings_with_reasons_and_an_apply_button(client, case):
    signed_in(client, case.seeker.user)

    recommended = _section(client.get("/me").get_data(as_text=True), "recommendations")

    assert f'data-posting-id="{case.posting.id}"' in recommended and "注塑操作工" in recommended
    assert "Desired trade matches" in recommended and "points" in recommended
    assert f'action="/postings/{case.posting.id}/apply"' in recommended


def test_a_posting_waiting_for_the_seekers_answer_is_not_recommended_again(client, case):
    _invitation(case)
    signed_in(client, case.seeker.user)

    page = client.get("/me").get_data(as_text=True)

    assert f'action="/postings/{case.posting.id}/apply"' not in _section(page, "recommendations")
    assert "注塑操作工" in _section(page, "invitations")


def test_a_seeker_who_is_not_findable_is_told_how_to_change_it(client, case):
    case.seeker.findable = False
    signed_in(client, case.seeker.user)

    invitations = _section(client.get("/me").get_data(as_text=True), "invitations")

    assert "data-not-findable" in invitations and 'href="/me/edit#findable"' in invitations
