"""Skills typed in one line split by one rule for seekers and postings: 、 , ， ; ； / | or a new line part
two skills; a space stays inside one ("CAD 制图"), so a posting's and a seeker's skills can be compared."""
from datetime import date

import pytest
from werkzeug.datastructures import MultiDict

from recruit.domain import idcard
from recruit.postings.forms import PostingForm
from recruit.postings.models import Posting
from recruit.seekers.forms import ProfileForm
from recruit.seekers.services import set_id_number
from tests import factories
from tests.helpers import sign_in
from tests.postings.helpers import posting_form
from tests.postings.helpers import sign_in_staff

TYPED = "电焊、叉车证, CAD 制图；C1/B2|普通话\n吃苦耐劳，电焊"
SPLIT = ["电焊", "叉车证", "CAD 制图", "C1", "B2", "普通话", "吃苦耐劳"]


@pytest.mark.parametrize(("typed", "tags"), [
    (TYPED, SPLIT),
    ("forklift licence", ["forklift licence"]),
    ("  注塑 ,, 、 ", ["注塑"]),
    ("", []),
])
@pytest.mark.parametrize("form_class", [PostingForm, ProfileForm])
def test_both_forms_split_the_same_way(app, db, form_class, typed, tags):
    with app.test_request_context(method="POST"):
        form = form_class(formdata=MultiDict({"skills": typed}))
        assert form.skills.data == tags


def test_a_posting_keeps_a_skill_with_a_space_as_one(client, db):
    sign_in_staff(client, db, factories.create_employer())

    response = client.post("/employer/postings/new", data=posting_form(skills=TYPED))

    assert response.status_code == 302
    assert db.session.scalars(db.select(Posting)).one().skills == SPLIT


def test_a_seeker_keeps_a_skill_with_a_space_as_one(client, db):
    user = factories.create_user("seeker", username="13800000001")
    seeker = factories.create_seeker(user=user, mobile="13800000001", name="王芳")
    set_id_number(seeker, idcard.generate("520526", date(1990, 4, 12), 22))
    db.session.commit()
    sign_in(client, "13800000001")

    response = client.post("/me/edit", data={
        "name": "王芳", "mobile": "13800000001", "hometown_code": "520526", "current_region_code": "",
        "education": "60", "skills": TYPED, "desired_occupations": ["6-99-01"], "expected_salary": "5800"})

    assert response.headers["Location"] == "/me"
    db.session.expire_all()
    assert seeker.skills == SPLIT
    page = client.get("/me/edit").get_data(as_text=True)
    assert "电焊、叉车证、CAD 制图、C1、B2、普通话、吃苦耐劳" in page  # shown back as the seeker writes them
