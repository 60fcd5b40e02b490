"""The nav tells a signed-in user how many notices wait unread, and the count clears once they are read."""
from recruit.notices.models import Notice
from tests import factories
from tests.helpers import sign_in


def test_unread_notices_show_in_the_nav_until_read(client, db):
    user = factories.create_user("seeker", username="13900000001")
    factories.create_seeker(user=user)
    for _ in range(2):
        db.session.add(Notice(user_id=user.id, kind="application_status", params={}, link=""))
    db.session.commit()
    sign_in(client, "13900000001")

    assert 'data-unread="2"' in client.get("/me").get_data(as_text=True)
    client.get("/notices")
    assert "data-unread" not in client.get("/me").get_data(as_text=True)
