"""Reviewing employers and postings: what becomes public, what the employer is told."""
import sqlalchemy as sa

from recruit.audit.models import AuditEvent
from recruit.employers.models import Employer
from recruit.notices.models import Notice
from recruit.postings.models import Posting
from tests import factories


def pending_company(db):
    employer = factories.create_employer(status="pending", name="衢州新材料科技有限公司")
    hr = factories.create_user("employer", employer_id=employer.id)
    posting = factories.create_posting(employer, status="pending", title="数控车床操作工")
    db.session.commit()
    return employer, hr, posting


def notices_of(db, user):
    return db.session.scalars(sa.select(Notice).where(Notice.user_id == user.id).order_by(Notice.id)).all()


def test_approving_the_employer_then_its_posting_makes_the_posting_public(bureau, db, officer):
    employer, hr, posting = pending_company(db)
    assert "数控车床操作工" not in bureau.get("/postings").get_data(as_text=True)

    response = bureau.post(f"/bureau/employers/{employer.id}/approve")
    assert response.status_code == 302
    bureau.post(f"/bureau/postings/{posting.id}/approve")

    db.session.expire_all()
    assert db.session.get(Employer, employer.id).status == "approved"
    assert db.session.get(Employer, employer.id).reviewed_at is not None
    assert db.session.get(Posting, posting.id).status == "open"
    assert "数控车床操作工" in bureau.get("/postings").get_data(as_text=True)
    assert [n.kind for n in notices_of(db, hr)] == ["employer_approved", "posting_approved"]
    audited = db.session.scalars(sa.select(AuditEvent.action).where(AuditEvent.user_id == officer.id)).all()
    assert {"employer_approved", "posting_approved"} <= set(audited)


def test_a_posting_of_a_pending_employer_cannot_be_approved(bureau, db):
    employer, hr, posting = pending_company(db)

    page = bureau.post(f"/bureau/postings/{posting.id}/approve", follow_redirects=True).get_data(as_text=True)

    assert "The employer of this posting is not approved" in page
    db.session.expire_all()
    assert db.session.get(Posting, posting.id).status == "pending"
    assert notices_of(db, hr) == []


def test_rejecting_an_employer_tells_it_why(bureau, db):
    employer, hr, posting = pending_company(db)

    bureau.post(f"/bureau/employers/{employer.id}/reject", data={"reject-reason": "营业执照照片不清晰"})

    db.session.expire_all()
    employer = db.session.get(Employer, employer.id)
    assert employer.status == "rejected"
    assert employer.review_note == "营业执照照片不清晰"
    [notice] = notices_of(db, hr)
    assert notice.kind == "employer_rejected"
    assert notice.params == {"name": "衢州新材料科技有限公司", "reason": "营业执照照片不清晰"}
    assert "营业执照照片不清晰" in bureau.get(f"/bureau/employers/{employer.id}").get_data(as_text=True)


def test_rejecting_without_a_reason_is_a_field_error(bureau, db):
    employer, hr, posting = pending_company(db)

    response = bureau.post(f"/bureau/employers/{employer.id}/reject", data={"reject-reason": "   "})

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="reject-reason-error"' in page
    assert "Give a reason" in page
    db.session.expire_all()
    assert db.session.get(Employer, employer.id).status == "pending"
    assert notices_of(db, hr) == []


def test_rejecting_a_posting_sends_it_back_to_draft_with_the_reason(bureau, db):
    employer = factories.create_employer(status="approved")
    hr = factories.create_user("employer", employer_id=employer.id)
    posting = factories.create_posting(employer, status="pending", title="普工")
    db.session.commit()

    bureau.post(f"/bureau/postings/{posting.id}/reject", data={"reject-reason": "请写明工作时间和加班费"})

    db.session.expire_all()
    posting = db.session.get(Posting, posting.id)
    assert (posting.status, posting.review_note) == ("draft", "请写明工作时间和加班费")
    [notice] = notices_of(db, hr)
    assert notice.kind == "posting_rejected"
    assert notice.params == {"title": "普工", "reason": "请写明工作时间和加班费"}
    assert notice.link == f"/employer/postings/{posting.id}/edit"


def test_suspending_an_employer_hides_its_open_postings(bureau, db):
    employer = factories.create_employer(status="approved")
    factories.create_posting(employer, status="open", title="叉车司机")
    db.session.commit()
    assert "叉车司机" in bureau.get("/postings").get_data(as_text=True)

    bureau.post(f"/bureau/employers/{employer.id}/suspend", data={"suspend-reason": "拖欠工资被投诉"})

    db.session.expire_all()
    assert db.session.get(Employer, employer.id).status == "suspended"
    assert "叉车司机" not in bureau.get("/postings").get_data(as_text=True)


def test_the_posting_queue_shows_pending_postings_first(bureau, db):
    employer = factories.create_employer()
    factories.create_posting(employer, status="pending", title="电焊工")
    factories.create_posting(employer, status="open", title="包装工")
    db.session.commit()

    page = bureau.get("/bureau/postings").get_data(as_text=True)
    assert "电焊工" in page and "包装工" not in page
    page = bureau.get("/bureau/postings?status=").get_data(as_text=True)
    assert "电焊工" in page and "包装工" in page


def test_employers_are_found_by_name_or_code_and_filtered_by_status(bureau, db):
    first = factories.create_employer(status="pending", name="衢江水泥有限公司")
    factories.create_employer(status="approved", name="衢州纺织有限公司")
    db.session.commit()

    assert "衢州纺织" not in bureau.get("/bureau/employers?q=水泥").get_data(as_text=True)
    assert "衢江水泥" in bureau.get(f"/bureau/employers?q={first.uscc.lower()}").get_data(as_text=True)
    page = bureau.get("/bureau/employers?status=pending").get_data(as_text=True)
    assert "衢江水泥" in page and "衢州纺织" not in page


def test_the_home_page_shows_what_waits(bureau, db):
    employer, hr, posting = pending_company(db)

    page = bureau.get("/bureau").get_data(as_text=True)

    assert 'data-waiting="employers">1<' in page
    assert 'data-waiting="postings">1<' in page
    assert "衢州新材料科技有限公司" in page and "数控车床操作工" in page


def test_approving_a_posting_admits_its_employer_to_the_postings_events(bureau, db):
    from recruit.events.models import Participation

    event = factories.create_event()
    other_event = factories.create_event(name="另一场招聘会")
    employer = factories.create_employer()
    waiting = factories.add_participation(event, employer, booth="", approved=False)
    elsewhere = factories.add_participation(other_event, employer, booth="", approved=False)
    posting = factories.create_posting(employer, events=[event], status="pending")
    db.session.commit()

    bureau.post(f"/bureau/postings/{posting.id}/approve")

    db.session.expire_all()
    assert db.session.get(Participation, waiting.id).approved
    assert not db.session.get(Participation, elsewhere.id).approved
