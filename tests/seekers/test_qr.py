"""The seeker's gate QR code: the printable page and its PNG and SVG files, each carrying only the signed token."""
import io
import re
from datetime import date

import pytest
import segno

from recruit.domain import idcard
from recruit.seekers.services import checkin_token
from recruit.seekers.services import read_checkin_token
from recruit.seekers.services import set_id_number
from recruit.seekers.views import QR_FILES
from tests import factories
from tests.helpers import signed_in

NUMBER_A = idcard.generate("520526", date(1990, 4, 12), 22)
NUMBER_B = idcard.generate("520526", date(1985, 9, 30), 31)
FILES = ("/me/qr.png", "/me/qr.svg")


def make_seeker(db, number, mobile, name):
    user = factories.create_user("seeker", username=mobile, display_name=name)
    seeker = factories.create_seeker(user=user, mobile=mobile, name=name)
    set_id_number(seeker, number)
    db.session.commit()
    return seeker


@pytest.fixture
def seeker_a(db):
    return make_seeker(db, NUMBER_A, "13800000001", "王芳")


@pytest.fixture
def seeker_b(db):
    return make_seeker(db, NUMBER_B, "13800000002", "李强")


def rendering(seeker, kind):
    """segno's own rendering of the seeker's token, with the options the view uses: segno is deterministic, so
    an equal file encodes exactly this token."""
    out = io.BytesIO()
    segno.make(checkin_token(seeker), error="m").save(out, **QR_FILES[kind][1])
    return out.getvalue()


def test_the_printable_page_shows_the_code_the_name_and_the_masked_id(client, seeker_a):
    page = signed_in(client, seeker_a.user).get("/me/qr")

    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert re.search(r'<img[^>]*src="/me/qr\.svg"[^>]*alt="Check-in code"', html)
    assert "王芳" in html and idcard.mask(NUMBER_A) in html
    assert "Show this code at the entrance of a job fair." in html
    assert 'href="/me/qr.png" download' in html and 'href="/me/qr.svg" download' in html
    assert NUMBER_A not in html and "13800000001" not in html and checkin_token(seeker_a) not in html


def test_the_profile_links_to_the_printable_code_and_the_png(client, seeker_a):
    html = signed_in(client, seeker_a.user).get("/me").get_data(as_text=True)

    assert 'href="/me/qr"' in html and 'href="/me/qr.png" download' in html


def test_the_png_and_the_svg_carry_the_signed_token_only(app, client, seeker_a):
    signed_in(client, seeker_a.user)

    png, svg = (client.get(path) for path in FILES)

    assert png.mimetype == "image/png" and png.data.startswith(b"\x89PNG")
    assert svg.mimetype == "image/svg+xml" and svg.data.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')
    assert b"style=" not in svg.data and b"<script" not in svg.data and b"viewBox=" in svg.data
    assert png.data == rendering(seeker_a, "png") and svg.data == rendering(seeker_a, "svg")
    assert read_checkin_token(checkin_token(seeker_a)) == seeker_a.id
    for answer in (png, svg):
        assert answer.headers["Cache-Control"] == "no-store"
        assert answer.headers["Content-Disposition"].startswith("attachment;")
        assert NUMBER_A.encode() not in answer.data and b"13800000001" not in answer.data


def test_the_files_are_named_in_the_seekers_language(client, seeker_a):
    signed_in(client, seeker_a.user, lang="zh_Hans_CN")

    disposition = client.get("/me/qr.png").headers["Content-Disposition"]

    # 入场码.png, as RFC 6266 writes a name that is not ASCII
    assert "filename*=UTF-8''%E5%85%A5%E5%9C%BA%E7%A0%81.png" in disposition
    client.get("/lang/en")
    assert 'filename="Check-in code.svg"' in client.get("/me/qr.svg").headers["Content-Disposition"]


def test_another_seeker_gets_their_own_code(app, seeker_a, seeker_b):
    first, second = signed_in(app.test_client(), seeker_a.user), signed_in(app.test_client(), seeker_b.user)

    assert checkin_token(seeker_a) != checkin_token(seeker_b)
    for kind in ("png", "svg"):
        assert second.get(f"/me/qr.{kind}").data == rendering(seeker_b, kind) != rendering(seeker_a, kind)
        assert first.get(f"/me/qr.{kind}").data == rendering(seeker_a, kind)
    html = second.get("/me/qr").get_data(as_text=True)
    assert "李强" in html and idcard.mask(NUMBER_B) in html
    assert "王芳" not in html and idcard.mask(NUMBER_A) not in html


@pytest.mark.parametrize("path", ["/me/qr", *FILES])
def test_anonymous_users_are_sent_to_sign_in(client, db, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response.headers["Location"].startswith("/account/login?next=")


@pytest.mark.parametrize("role", ["employer", "partner", "bureau"])
def test_other_roles_are_refused_as_on_the_profile(app, db, role):
    fields = {"employer_id": factories.create_employer().id} if role == "employer" else {}
    client = signed_in(app.test_client(), factories.create_user(role, **fields))

    assert client.get("/me").status_code == 403
    assert [client.get(path).status_code for path in ("/me/qr", *FILES)] == [403, 403, 403]


def test_a_seeker_account_without_a_profile_finds_nothing(app, db):
    client = signed_in(app.test_client(), factories.create_user("seeker"))

    assert [client.get(path).status_code for path in ("/me", "/me/qr", *FILES)] == [404] * 4
