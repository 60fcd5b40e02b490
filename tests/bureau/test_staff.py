"""Staff accounts: partner staff scoped to regions, deactivation, password resets."""
import sqlalchemy as sa

from recruit.accounts.models import User
from tests import factories
from tests.helpers import sign_in

NEW_PARTNER = {"username": "weining.hr", "display_name": "威宁县劳务协作站", "role": "partner",
               "password": "weining-2023", "region_codes": "520526，520500"}


def account(db, username):
    db.session.expire_all()
    return db.session.scalar(sa.select(User).where(User.username == username))


def test_partner_staff_created_with_regions_can_sign_in(bureau, db, app):
    response = bureau.post("/bureau/staff/new", data=NEW_PARTNER)

    assert response.status_code == 302
    partner = account(db, "weining.hr")
    assert (partner.role, sorted(partner.region_codes)) == ("partner", ["520500", "520526"])
    assert "weining.hr" in bureau.get("/bureau/staff").get_data(as_text=True)
    other = app.test_client()
    assert sign_in(other, "weining.hr", "weining-2023").status_code == 302


def test_partner_staff_need_valid_regions(bureau, db):
    page = bureau.post("/bureau/staff/new", data={**NEW_PARTNER, "region_codes": ""}).get_data(as_text=True)
    assert "Partner-region staff need at least one region they serve." in page
    response = bureau.post("/bureau/staff/new", data={**NEW_PARTNER, "region_codes": "52052"})
    page = response.get_data(as_text=True)
    assert "52052 is not a region code" in page
    assert 'value="weining.hr"' in page and "weining-2023" not in page
    assert account(db, "weining.hr") is None


def test_a_username_is_taken_only_once(bureau, db, officer):
    response = bureau.post("/bureau/staff/new", data={**NEW_PARTNER, "username": "officer"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "This username is taken: please choose another." in page


def test_bureau_staff_are_created_without_regions(bureau, db, app):
    data = {**NEW_PARTNER, "username": "li.clerk", "role": "bureau", "region_codes": ""}
    assert bureau.post("/bureau/staff/new", data=data).status_code == 302
    assert account(db, "li.clerk").role == "bureau"


def test_editing_changes_regions_and_deactivates(bureau, db, app):
    partner = factories.create_user("partner", regions=["520526"], username="partner.one")
    db.session.commit()
    other = app.test_client()
    sign_in(other, "partner.one")

    response = bureau.post(f"/bureau/staff/{partner.id}/edit",
                           data={"display_name": "毕节协作站", "region_codes": "520500"})

    assert response.status_code == 302
    partner = account(db, "partner.one")
    assert (partner.display_name, partner.region_codes, partner.active) == ("毕节协作站", ["520500"], False)
    assert other.get("/partner/seekers").status_code == 302
    assert sign_in(other, "partner.one").status_code == 200


def test_a_password_reset_ends_the_accounts_sessions(bureau, db, app):
    partner = factories.create_user("partner", regions=["520526"], username="partner.two")
    db.session.commit()
    other = app.test_client()
    sign_in(other, "partner.two")
    assert other.get("/partner/seekers").status_code == 200

    bureau.post(f"/bureau/staff/{partner.id}/edit",
                data={"display_name": "x", "region_codes": "520526", "active": "y",
                      "password": "new-secret-1"})

    assert other.get("/partner/seekers").status_code == 302
    assert sign_in(other, "partner.two", "new-secret-1").status_code == 302


def test_nobody_deactivates_themselves(bureau, db, officer):
    page = bureau.post(f"/bureau/staff/{officer.id}/edit", data={"display_name": "Officer Wang"}).get_data(
        as_text=True)
    assert "You cannot deactivate your own account." in page
    assert account(db, "officer").active


def test_only_staff_accounts_are_edited_here(bureau, db):
    seeker_user = factories.create_user("seeker")
    db.session.commit()
    assert bureau.get(f"/bureau/staff/{seeker_user.id}/edit").status_code == 404
