"""An employer's postings: drafted, checked against the law, submitted, edited, closed — its own only."""
import sqlalchemy as sa

from recruit.audit.models import AuditEvent
from recruit.events.models import Participation
from recruit.postings.models import Posting
from tests import factories
from tests.helpers import sign_in
from tests.postings.helpers import posting_form
from tests.postings.helpers import shown_ids
from tests.postings.helpers import sign_in_staff


def postings(db):
    return db.session.scalars(sa.select(Posting)).all()


def actions(db):
    return [event.action for event in db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id))]


def test_a_pending_company_drafts_a_posting_that_nobody_else_sees(client, db, app):
    employer = factories.create_employer(status="pending")
    sign_in_staff(client, db, employer)

    response = client.post("/employer/postings/new", data=posting_form(skills="注塑, 看图纸、叉车"))

    assert response.status_code == 302
    [posting] = postings(db)
    assert (posting.status, posting.employer_id) == ("draft", employer.id)
    assert posting.skills == ["注塑", "看图纸", "叉车"]
    assert (posting.dormitory, posting.meals, posting.housing) == (True, True, False)
    assert "posting_created" in actions(db)
    assert client.get(f"/postings/{posting.id}").status_code == 200
    public = app.test_client()
    assert public.get(f"/postings/{posting.id}").status_code == 404

    client.post(f"/employer/postings/{posting.id}/submit")

    db.session.refresh(posting)
    assert posting.status == "pending"
    assert shown_ids(public.get("/postings").get_data(as_text=True)) == []
    assert public.get(f"/postings/{posting.id}").status_code == 404


def test_a_posting_that_restricts_sex_or_origin_is_refused_with_the_legal_reason(client, db):
    sign_in_staff(client, db, factories.create_employer())

    response = client.post("/employer/postings/new", data=posting_form(
        title="普工（限男性）", description="本地户口优先，要求已婚。"))

    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="title-error"' in page and 'id="description-error"' in page
    assert "Employment Promotion Law art. 3, 26–28 and 31" in page
    assert "Women&#39;s Rights Law art. 43" in page or "Women's Rights Law art. 43" in page
    assert "“限男性”" in page and "已婚" in page
    assert 'value="普工（限男性）"' in page
    assert postings(db) == []


def test_a_discriminatory_skill_is_refused_at_the_skills_field(client, db):
    sign_in_staff(client, db, factories.create_employer())

    response = client.post("/employer/postings/new", data=posting_form(skills="叉车, 汉族优先"))

    page = response.get_data(as_text=True)
    assert 'id="skills-error"' in page and "“汉族优先”" in page
    assert postings(db) == []


def test_salary_and_age_ranges_are_checked_at_their_fields_with_the_other_errors(client, db):
    sign_in_staff(client, db, factories.create_employer())

    page = client.post("/employer/postings/new", data=posting_form(
        salary_min="8000", salary_max="6000", age_min="15", occupation_code="")).get_data(as_text=True)

    assert 'id="occupation_code-error"' in page
    assert 'id="salary_max-error"' in page and "The highest pay cannot be lower than the lowest." in page
    assert 'id="age_min-error"' in page and "Nobody under 16 may be hired" in page
    assert 'value="8000"' in page
    assert postings(db) == []


def test_one_company_cannot_reach_the_postings_of_another(client, db):
    other = factories.create_posting(factories.create_employer(), status="draft", title="别家的草稿")
    open_elsewhere = factories.create_posting(factories.create_employer(), status="open", title="别家的岗位")
    sign_in_staff(client, db, factories.create_employer())

    assert client.get(f"/postings/{other.id}").status_code == 404
    assert client.get(f"/employer/postings/{other.id}/edit").status_code == 404
    assert client.post(f"/employer/postings/{other.id}/edit", data=posting_form()).status_code == 404
    assert client.post(f"/employer/postings/{other.id}/submit").status_code == 404
    assert client.post(f"/employer/postings/{open_elsewhere.id}/close").status_code == 404
    assert "别家" not in client.get("/employer/postings").get_data(as_text=True)
    db.session.expire_all()
    assert (other.status, other.title, open_elsewhere.status) == ("draft", "别家的草稿", "open")


def test_seekers_and_visitors_cannot_manage_postings(client, db):
    posting = factories.create_posting(status="draft")
    seeker = factories.create_user("seeker")
    db.session.commit()

    assert client.get("/employer/postings/new").status_code == 302
    assert client.post(f"/employer/postings/{posting.id}/submit").status_code == 302
    sign_in(client, seeker.username)
    assert client.get("/employer/postings").status_code == 403
    assert client.post(f"/employer/postings/{posting.id}/close").status_code == 403


def test_editing_an_open_posting_takes_it_back_to_review(client, db, app):
    employer = factories.create_employer()
    posting = factories.create_posting(employer, status="open", title="注塑工")
    sign_in_staff(client, db, employer)
    assert "off the public list" in client.get(f"/employer/postings/{posting.id}/edit").get_data(as_text=True)

    response = client.post(f"/employer/postings/{posting.id}/edit",
                           data=posting_form(title="注塑工（夜班）"), follow_redirects=True)

    assert "until the bureau has reviewed the changes" in response.get_data(as_text=True)
    db.session.refresh(posting)
    assert (posting.title, posting.status) == ("注塑工（夜班）", "pending")
    audit = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.action == "posting_updated"))
    assert audit.detail["back_to_review"] is True and "title" in audit.detail["fields"]
    assert app.test_client().get(f"/postings/{posting.id}").status_code == 404


def test_submit_and_close_follow_the_posting_life(client, db):
    employer = factories.create_employer()
    posting = factories.create_posting(employer, status="draft")
    sign_in_staff(client, db, employer)

    client.post(f"/employer/postings/{posting.id}/submit")
    client.post(f"/employer/postings/{posting.id}/submit")  # a second submit changes nothing
    db.session.refresh(posting)
    assert posting.status == "pending"
    client.post(f"/employer/postings/{posting.id}/close")
    db.session.refresh(posting)
    assert posting.status == "closed"
    assert client.get(f"/employer/postings/{posting.id}/edit").status_code == 302
    assert actions(db).count("posting_submitted") == 1 and "posting_closed" in actions(db)


def test_choosing_an_event_asks_to_take_part_once(client, db):
    employer = factories.create_employer()
    joined = factories.create_event(name="已报名的招聘会")
    factories.add_participation(joined, employer, booth="A01", approved=True)
    new = factories.create_event(name="新的招聘会", status="draft")
    closed = factories.create_event(name="已结束的招聘会", status="closed")
    sign_in_staff(client, db, employer)
    form_page = client.get("/employer/postings/new").get_data(as_text=True)
    assert "新的招聘会" in form_page and "已结束的招聘会" not in form_page

    client.post("/employer/postings/new", data=posting_form(event_ids=[str(joined.id), str(new.id)]))

    [posting] = postings(db)
    assert {event.id for event in posting.events} == {joined.id, new.id}
    rows = db.session.scalars(sa.select(Participation).where(Participation.employer_id == employer.id)).all()
    assert {(row.event_id, row.approved, row.booth) for row in rows} \
        == {(joined.id, True, "A01"), (new.id, False, "")}
    response = client.post("/employer/postings/new", data=posting_form(event_ids=[str(closed.id)]))
    page = response.get_data(as_text=True)
    assert 'id="event_ids-error"' in page and "Choose events that are still open to employers." in page
    assert len(postings(db)) == 1


def test_the_headcount_cannot_drop_below_the_places_signed(client, db):
    employer = factories.create_employer()
    posting = factories.create_posting(employer, status="open", headcount=5, signed_count=3)
    sign_in_staff(client, db, employer)

    response = client.post(f"/employer/postings/{posting.id}/edit", data=posting_form(headcount="2"))

    page = response.get_data(as_text=True)
    assert 'id="headcount-error"' in page and "3 people have signed already" in page
    db.session.refresh(posting)
    assert (posting.headcount, posting.status) == (5, "open")


def test_the_bureau_can_edit_and_close_any_posting(client, db):
    posting = factories.create_posting(status="draft")
    bureau = factories.create_user("bureau")
    db.session.commit()
    sign_in(client, bureau.username)

    response = client.post(f"/employer/postings/{posting.id}/edit", data=posting_form(headcount="9"))

    assert response.location.endswith(f"/postings/{posting.id}")
    client.post(f"/employer/postings/{posting.id}/close")
    db.session.refresh(posting)
    assert (posting.headcount, posting.status) == (9, "closed")
