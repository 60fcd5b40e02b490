"""The home page lists published events with their live figures."""
from tests import factories


def test_home_shows_published_events_with_figures(client, db):
    event = factories.create_event(name="2023年衢江区新春招聘会", anonymous_visitors=15_598)
    factories.create_event(name="尚未发布的活动", status="draft")
    posting = factories.create_posting(events=[event], headcount=7)
    seeker = factories.create_seeker()
    factories.create_application(seeker=seeker, posting=posting, event=event, status="intent")
    db.session.commit()

    page = client.get("/").get_data(as_text=True)

    assert "2023年衢江区新春招聘会" in page
    assert "尚未发布的活动" not in page
    assert 'data-figure="visitors">15,598<' in page
    assert 'data-figure="positions">7<' in page
    assert 'data-figure="intents">1<' in page


def test_home_is_chinese_by_default_and_english_on_request(client, db):
    assert "招聘" in client.get("/").get_data(as_text=True)
    client.get("/lang/en")
    assert "Job fairs and recruitment drives" in client.get("/").get_data(as_text=True)
