"""Seekers: searched and viewed with masked ID numbers; revealing one is audited and never in a GET."""
from datetime import date

import sqlalchemy as sa

from recruit.audit.models import AuditEvent
from recruit.domain import idcard
from recruit.seekers.identity import reveal_id_number
from tests import factories


def audit_rows(db, action):
    return db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)).all()


def test_the_profile_shows_the_masked_number_and_records_the_view(bureau, db, officer):
    seeker = factories.create_seeker(name="王小明")
    db.session.commit()
    number = reveal_id_number(seeker)

    response = bureau.get(f"/bureau/seekers/{seeker.id}")

    page = response.get_data(as_text=True)
    assert "王小明" in page and seeker.id_masked in page
    assert number not in page
    [view] = audit_rows(db, "seeker_viewed")
    assert (view.user_id, view.target_type, view.target_id) == (officer.id, "Seeker", seeker.id)
    assert audit_rows(db, "pii_view") == []


def test_revealing_the_id_number_is_audited_and_shown_once(bureau, db, officer):
    seeker = factories.create_seeker()
    db.session.commit()
    number = reveal_id_number(seeker)

    response = bureau.post(f"/bureau/seekers/{seeker.id}/reveal-id")

    assert response.status_code == 200
    assert number in response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    [reveal] = audit_rows(db, "pii_view")
    assert (reveal.user_id, reveal.target_type, reveal.target_id) == (officer.id, "Seeker", seeker.id)
    assert number not in bureau.get(f"/bureau/seekers/{seeker.id}").get_data(as_text=True)
    assert bureau.get(f"/bureau/seekers/{seeker.id}/reveal-id").status_code == 405


def test_seekers_are_found_by_name_mobile_or_hometown(bureau, db):
    first = factories.create_seeker(name="张三丰", mobile="13912345678")
    factories.create_seeker(name="李四", region_code="330803")
    db.session.commit()

    def names(query=None, posted=None):
        response = bureau.post("/bureau/seekers/lookup", data=posted) if posted else bureau.get(
            "/bureau/seekers", query_string=query)
        return {name for name in ("张三丰", "李四") if name in response.get_data(as_text=True)}

    assert names(posted={"q": "三丰"}) == {"张三丰"}
    assert names(posted={"q": "1391234"}) == {"张三丰"}
    assert names({"hometown": "520000"}) == {"张三丰"}
    assert names({"hometown": "330800"}) == {"李四"}
    assert names({"q": "三丰"}) == {"张三丰", "李四"}  # text in the address is no search: it goes by POST
    assert first.id_masked in bureau.get("/bureau/seekers").get_data(as_text=True)


def test_a_seeker_is_found_by_exact_id_number_without_it_entering_a_url(bureau, db):
    seeker = factories.create_seeker(name="李四", region_code="330803")
    db.session.commit()
    number = reveal_id_number(seeker)

    response = bureau.post("/bureau/seekers/lookup", data={"q": number.lower()})

    assert response.status_code == 302
    assert response.headers["Location"] == f"/bureau/seekers/{seeker.id}"
    nobody = idcard.generate("330803", date(1990, 1, 1), 999)
    page = bureau.post("/bureau/seekers/lookup", data={"q": nobody}).get_data(as_text=True)
    assert "No seeker holds this ID number." in page
    missed = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == "seeker_lookup_missed")).one()
    assert missed.detail["number"] == idcard.mask(nobody) and nobody not in repr(missed.detail)
    mistyped = number[:-1] + ("0" if number[-1] != "0" else "1")
    page = bureau.post("/bureau/seekers/lookup", data={"q": mistyped}).get_data(as_text=True)
    assert 'id="q-error"' in page and "check character" in page


def test_the_profile_lists_applications_and_checkins(bureau, db):
    from recruit.checkin.models import Checkin

    seeker = factories.create_seeker()
    event = factories.create_event(name="春风行动招聘会")
    posting = factories.create_posting(title="电工")
    factories.create_application(seeker=seeker, posting=posting, event=event, status="intent")
    db.session.add(Checkin(event=event, seeker=seeker, channel="id_number"))
    db.session.commit()

    page = bureau.get(f"/bureau/seekers/{seeker.id}").get_data(as_text=True)

    assert "电工" in page and 'data-status="intent"' in page
    assert "春风行动招聘会" in page and "ID number" in page
