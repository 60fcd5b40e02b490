"""With CSRF checked as in production, every bureau form carries its token and a forged POST fails."""
import re

from recruit.employers.models import Employer
from tests import factories


def token(page, name="csrf_token"):
    return re.search(rf'name="{name}" (?:type="hidden" )?value="([^"]+)"', page).group(1)


def test_review_forms_carry_the_token_and_a_forged_post_fails(csrf_app, db, officer):
    employer = factories.create_employer(status="pending")
    db.session.commit()
    client = csrf_app.test_client()
    login = client.get("/account/login").get_data(as_text=True)
    client.post("/account/login", data={"identifier": "officer", "password": factories.PASSWORD,
                                        "csrf_token": token(login)})

    url = f"/bureau/employers/{employer.id}"
    assert client.post(f"{url}/approve").status_code == 400
    assert client.post(f"{url}/reject", data={"reject-reason": "x"}).status_code == 400
    page = client.get(url).get_data(as_text=True)
    response = client.post(f"{url}/reject", data={"reject-reason": "材料不全",
                                                  "reject-csrf_token": token(page, "reject-csrf_token")})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Employer, employer.id).status == "rejected"

    page = client.get(url).get_data(as_text=True)
    assert client.post(f"{url}/approve", data={"csrf_token": token(page)}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Employer, employer.id).status == "approved"
