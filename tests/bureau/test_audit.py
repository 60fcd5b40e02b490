"""The audit log: newest first, filtered by action, user, target type and Beijing-time days."""
from datetime import datetime

from recruit.audit.models import AuditEvent
from tests import factories


def add(db, action, at, user=None, target_type="", target_id=None):
    db.session.add(AuditEvent(action=action, at=at, user_id=user.id if user else None,
                              target_type=target_type, target_id=target_id, ip="10.0.0.8",
                              detail={"reason": "资料不全"}))


def rows(page):
    return page.count('data-audit-action="')


def test_the_log_filters_by_action_user_target_and_day(bureau, db, officer):
    clerk = factories.create_user("bureau", username="clerk")
    employer = factories.create_employer()
    # 23:30 on the 27th and 00:30 on the 28th in Beijing: the same UTC day, different Beijing days.
    add(db, "employer_rejected", datetime(2023, 1, 27, 15, 30), officer, "Employer", employer.id)
    add(db, "employer_rejected", datetime(2023, 1, 27, 16, 30), clerk, "Employer", employer.id)
    add(db, "pii_view", datetime(2023, 1, 28, 2, 0), officer, "Seeker", 7)
    db.session.commit()

    assert rows(bureau.get("/bureau/audit?action=pii_view").get_data(as_text=True)) == 1
    page = bureau.get("/bureau/audit?action=employer_rejected").get_data(as_text=True)
    assert rows(page) == 2
    assert "Employer not approved" in page and "资料不全" in page and "10.0.0.8" in page
    assert f'href="/bureau/employers/{employer.id}"' in page
    assert page.index("2023-01-28 00:30") < page.index("2023-01-27 23:30")
    assert rows(bureau.get("/bureau/audit?user=clerk").get_data(as_text=True)) == 1
    assert rows(bureau.get("/bureau/audit?target_type=Seeker").get_data(as_text=True)) == 1
    day = bureau.get("/bureau/audit?action=employer_rejected&date_from=2023-01-28&date_to=2023-01-28")
    assert rows(day.get_data(as_text=True)) == 1
    assert "2023-01-28 00:30" in day.get_data(as_text=True)


def test_the_action_filter_offers_the_actions_present(bureau, db, officer):
    add(db, "posting_approved", datetime(2023, 1, 27), officer)
    db.session.commit()

    page = bureau.get("/bureau/audit").get_data(as_text=True)

    assert '<option value="posting_approved">Posting approved</option>' in page
    assert 'value="employer_suspended"' not in page


def test_a_bad_date_is_shown_and_ignored(bureau, db, officer):
    add(db, "posting_approved", datetime(2023, 1, 27), officer)
    db.session.commit()

    page = bureau.get("/bureau/audit?date_from=2023-13-45").get_data(as_text=True)

    assert 'id="date_from-error"' in page
    assert 'data-audit-action="posting_approved"' in page


def test_an_entry_names_its_target_in_words_a_person_reads(bureau, db, officer):
    from recruit.audit.services import record
    from recruit.employers import review

    employer = factories.create_employer(status="pending", name="衢州元立金属制品有限公司")
    seeker = factories.create_seeker(name="杨春梅")
    review.approve_employer(employer, officer)
    record("seeker_viewed", target=seeker, user=officer)
    db.session.commit()

    page = bureau.get("/bureau/audit").get_data(as_text=True)

    assert "衢州元立金属制品有限公司" in page
    assert "杨*梅" in page and "杨春梅" not in page  # a seeker's name masked
    assert f"#{employer.id}<" not in page and f"#{seeker.id}<" not in page
