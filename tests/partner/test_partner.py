"""Partner-region staff see, follow and register only the seekers whose hometown is in their regions."""
import re
from datetime import date

import pytest
import sqlalchemy as sa

from recruit.applications.models import ApplicationChange
from recruit.audit.models import AuditEvent
from recruit.checkin.models import Checkin
from recruit.domain import idcard
from recruit.extensions import db as _db
from recruit.seekers.identity import reveal_id_number
from recruit.seekers.identity import set_id_number
from recruit.seekers.models import Seeker
from tests import factories
from tests.helpers import QueryCounter
from tests.helpers import sign_in


@pytest.fixture
def station(db):
    """Weining County's labour cooperation station."""
    factories.create_user("partner", username="weining", regions=["520526"])
    db.session.commit()


def weining_seeker(name, status=None, checkins=0, **fields):
    seeker = factories.create_seeker(name=name, region_code="520526", **fields)
    if status:
        factories.create_application(seeker=seeker, status=status)
    for n in range(checkins):
        _db.session.add(Checkin(event=factories.create_event(name=f"招聘会{n}"), seeker=seeker, channel="qr"))
    _db.session.flush()
    return seeker


def register_form(**overrides):
    values = {"name": "马建国", "id_number": idcard.generate("520526", date(1991, 6, 1), 57),
              "mobile": "15185700001", "hometown_code": "", "education": "70", "skills": "砌筑",
              "desired_occupations": ["6-99-01"], "consent": "y"}
    values.update(overrides)
    return values


def test_list_shows_only_the_seekers_of_the_partners_regions(client, db, station):
    weining_seeker("威宁求职者甲", status="intent", checkins=2)
    weining_seeker("威宁求职者乙")
    factories.create_seeker(name="衢江求职者", region_code="330803")
    db.session.commit()
    sign_in(client, "weining")

    page = client.get("/partner/seekers").get_data(as_text=True)

    assert "威宁求职者甲" in page and "威宁求职者乙" in page
    assert "衢江求职者" not in page
    assert 'data-total="2"' in page
    assert 'data-checkins>2<' in page and 'data-best-status="intent"' in page


def test_best_status_is_the_furthest_step_and_ids_are_masked(client, db, station):
    seeker = weining_seeker("甲", status="rejected")
    factories.create_application(seeker=seeker, status="signed")
    factories.create_application(seeker=seeker, status="applied")
    db.session.commit()
    sign_in(client, "weining")

    page = client.get("/partner/seekers").get_data(as_text=True)

    assert 'data-best-status="signed"' in page
    assert seeker.id_masked in page and "********" in seeker.id_masked


def test_a_province_code_covers_its_counties(client, db):
    factories.create_user("partner", username="guizhou", regions=["520000"])
    weining_seeker("威宁求职者")
    factories.create_seeker(name="衢江求职者", region_code="330803")
    db.session.commit()
    sign_in(client, "guizhou")

    page = client.get("/partner/seekers").get_data(as_text=True)

    assert "威宁求职者" in page and "衢江求职者" not in page


def test_search_by_name_mobile_or_id_number(client, db, station):
    number = idcard.generate("520526", date(1993, 1, 9), 5)
    set_id_number(weining_seeker("张三", mobile="15100000011"), number)
    weining_seeker("李四", mobile="15100000022")
    db.session.commit()
    sign_in(client, "weining")

    by_name = client.post("/partner/seekers", data={"q": "张"}).get_data(as_text=True)
    by_mobile = client.post("/partner/seekers", data={"q": "0022"}).get_data(as_text=True)

    assert "张三" in by_name and "李四" not in by_name
    assert "李四" in by_mobile and "张三" not in by_mobile
    by_id = client.post("/partner/seekers", data={"q": number.lower()})
    zhang = db.session.scalar(sa.select(Seeker).where(Seeker.name == "张三"))
    assert by_id.status_code == 302 and by_id.location == f"/partner/seekers/{zhang.id}"


def test_the_search_never_puts_what_was_typed_in_an_address(client, db, station):
    """The form posts: no ID number, mobile or name in the URL, the server's log or the next Referer."""
    sign_in(client, "weining")
    page = client.get("/partner/seekers").get_data(as_text=True)
    assert re.search(r'<form method="post" action="/partner/seekers"[^>]*role="search"', page)
    assert client.get("/partner/seekers?q=张").get_data(as_text=True).count("张") == page.count("张")


def test_an_id_number_of_another_region_or_of_nobody_is_not_found_and_audited(client, db, station):
    outside = factories.create_seeker(name="衢江人", region_code="330803")
    db.session.commit()
    sign_in(client, "weining")
    nobody = idcard.generate("520526", date(1990, 1, 1), 998)

    for number in (reveal_id_number(outside), nobody):
        page = client.post("/partner/seekers", data={"q": number}).get_data(as_text=True)
        assert 'id="q-error"' in page and "衢江人" not in page

    missed = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "seeker_lookup_missed")).all()
    assert [entry.detail["number"] for entry in missed] == [idcard.mask(reveal_id_number(outside)),
                                                             idcard.mask(nobody)]
    assert all(reveal_id_number(outside) not in repr(entry.detail) for entry in missed)


def test_list_runs_the_same_number_of_queries_for_3_or_13_rows(client, db, station):
    sign_in(client, "weining")

    def queries_for_list():
        with QueryCounter() as counter:
            assert client.get("/partner/seekers").status_code == 200
        return counter.count

    for n in range(3):
        weining_seeker(f"甲{n}", status="interviewed", checkins=1)
    db.session.commit()
    few = queries_for_list()
    for n in range(10):
        weining_seeker(f"乙{n}", status="intent", checkins=2)
    db.session.commit()

    assert 0 < queries_for_list() == few


def test_list_paginates(client, db, station, app):
    for n in range(app.config["PAGE_SIZE"] + 3):
        weining_seeker(f"求职者{n:02d}")
    db.session.commit()
    sign_in(client, "weining")

    first = client.get("/partner/seekers").get_data(as_text=True)
    second = client.get("/partner/seekers?page=2").get_data(as_text=True)

    assert first.count("data-seeker-id=") == app.config["PAGE_SIZE"]
    assert second.count("data-seeker-id=") == 3
    assert "page=2" in first


def test_seeker_page_shows_profile_masked_and_application_history(client, db, station):
    seeker = weining_seeker("王五", checkins=1)
    application = factories.create_application(seeker=seeker, status="applied")
    application.status = "interviewed"
    application.changes.append(
        ApplicationChange(from_status="applied", to_status="interviewed", note="周三面试"))
    db.session.commit()
    sign_in(client, "weining")
    client.get("/lang/en")

    page = client.get(f"/partner/seekers/{seeker.id}").get_data(as_text=True)

    assert "王五" in page and seeker.id_masked in page
    assert application.posting.title in page and application.posting.employer.name in page
    assert "Applied" in page and "Interviewed" in page and "周三面试" in page
    assert "招聘会0" in page


def test_seeker_outside_the_regions_is_a_404(client, db, station):
    outsider = factories.create_seeker(name="衢江求职者", region_code="330803")
    db.session.commit()
    sign_in(client, "weining")

    assert client.get(f"/partner/seekers/{outsider.id}").status_code == 404
    assert client.get("/partner/seekers/999999").status_code == 404


@pytest.mark.parametrize("role", ["seeker", "employer", "bureau"])
def test_other_roles_cannot_use_the_partner_pages(client, db, role):
    factories.create_user(role, username=f"someone-{role}")
    seeker = weining_seeker("威宁求职者")
    db.session.commit()
    sign_in(client, f"someone-{role}")

    for path in ("/partner/seekers", f"/partner/seekers/{seeker.id}", "/partner/seekers/new"):
        assert client.get(path).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(client, db):
    assert client.get("/partner/seekers").headers["Location"].startswith("/account/login")


def test_partner_without_regions_sees_nobody(client, db):
    factories.create_user("partner", username="unassigned")
    weining_seeker("威宁求职者")
    db.session.commit()
    sign_in(client, "unassigned")

    page = client.get("/partner/seekers").get_data(as_text=True)

    assert "威宁求职者" not in page and 'data-total="0"' in page


def test_partner_registers_a_seeker_of_their_region_without_an_account(client, db, station):
    sign_in(client, "weining")

    response = client.post("/partner/seekers/new", data=register_form())

    seeker = db.session.scalars(sa.select(Seeker)).one()
    assert response.headers["Location"] == f"/partner/seekers/{seeker.id}"
    assert seeker.hometown_code == "520526" and seeker.user_id is None
    assert seeker.registered_by_id is not None and seeker.consent_at is not None
    assert (seeker.birth_date, seeker.sex) == (date(1991, 6, 1), "M")


def test_partner_cannot_register_a_seeker_from_elsewhere(client, db, station):
    client.get("/lang/en")
    sign_in(client, "weining")
    qujiang_number = idcard.generate("330803", date(1991, 6, 1), 57)

    by_default = client.post("/partner/seekers/new", data=register_form(id_number=qujiang_number))
    chosen = client.post("/partner/seekers/new", data=register_form(hometown_code="330803"))

    for response in (by_default, chosen):
        assert "This hometown lies outside the regions you serve." in response.get_data(as_text=True)
        assert 'id="hometown_code-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Seeker)) == 0


def test_partner_registration_needs_the_seekers_consent(client, db, station):
    sign_in(client, "weining")
    response = client.post("/partner/seekers/new", data=register_form(consent=""))
    assert 'id="consent-error"' in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Seeker)) == 0
    assert 'name="password"' not in client.get("/partner/seekers/new").get_data(as_text=True)


def test_seeker_registered_by_a_partner_with_another_mobile_is_told_what_to_do_when_signing_up(client, db, station):
    sign_in(client, "weining")
    client.post("/partner/seekers/new", data=register_form())
    client.post("/account/logout")
    client.get("/lang/en")

    response = client.post("/seekers/register", data={**register_form(mobile="15185700099"),
                                                      "password": "secret-pass-1", "confirm": "secret-pass-1"})

    page = response.get_data(as_text=True)
    assert "Register with the mobile number you gave them, or ask them to open your online account." in page
    assert db.session.scalars(sa.select(Seeker)).one().user_id is None


def edit_form(seeker, **overrides):
    values = {"name": seeker.name, "mobile": seeker.mobile, "hometown_code": seeker.hometown_code,
              "current_region_code": "", "education": "70", "skills": "砌筑", "desired_occupations": ["6-99-01"]}
    values.update(overrides)
    return values


def test_partner_corrects_a_seekers_details_and_leaves_their_own_choices(client, db, station):
    seeker = weining_seeker("马建军", mobile="15185700002", findable=False)
    db.session.commit()
    sign_in(client, "weining")

    response = client.post(f"/partner/seekers/{seeker.id}/edit",
                           data=edit_form(seeker, name="马建国", mobile="15185700003", education="40"))

    assert response.headers["Location"] == f"/partner/seekers/{seeker.id}"
    db.session.expire_all()
    assert (seeker.name, seeker.mobile, seeker.education, seeker.findable) == ("马建国", "15185700003", "40", False)
    entry = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "seeker_updated")).one()
    assert entry.target_id == seeker.id


def test_a_corrected_mobile_is_the_sign_in_of_the_seekers_account(client, db, station):
    user = factories.create_user("seeker", username="15185700004")
    seeker = weining_seeker("马建军", mobile="15185700004", user=user)
    db.session.commit()
    sign_in(client, "weining")

    client.post(f"/partner/seekers/{seeker.id}/edit", data=edit_form(seeker, mobile="15185700005"))

    db.session.expire_all()
    assert user.username == "15185700005"


def test_partner_cannot_move_a_seekers_hometown_out_of_their_regions(client, db, station):
    seeker = weining_seeker("马建军")
    db.session.commit()
    client.get("/lang/en")
    sign_in(client, "weining")

    response = client.post(f"/partner/seekers/{seeker.id}/edit", data=edit_form(seeker, hometown_code="330803"))

    assert "This hometown lies outside the regions you serve." in response.get_data(as_text=True)
    db.session.expire_all()
    assert seeker.hometown_code == "520526"
