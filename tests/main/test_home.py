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


def test_every_page_links_the_privacy_notice_from_its_footer(client, db):
    for path in ("/", "/postings", "/account/login", "/seekers/register", "/employers/register"):
        page = client.get(path).get_data(as_text=True)
        assert '<a class="link-secondary" href="/privacy" data-privacy-link>' in page, path


def test_counts_are_written_one_way_in_both_languages(app):
    from flask import render_template_string

    template = "{{ ngettext('%(num)d opening', '%(num)d openings', 15600) }} {{ 4500|money_range(6500) }}"
    with app.app_context(), app.test_request_context(headers={"Cookie": "lang=en"}):
        assert render_template_string(template) == "15,600 openings ¥4,500–6,500"
    with app.app_context(), app.test_request_context():
        assert render_template_string(template) == "共 15,600 个岗位 ¥4,500–6,500"
