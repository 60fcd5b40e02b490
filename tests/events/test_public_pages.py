"""An event's public pages: the page seekers open before the doors open, its booklet and poster; and the
bureau's event page, a page of employers at a time."""
import re

import pytest
import segno

from recruit.events import services
from tests import factories
from tests.core.test_security import inline_code
from tests.helpers import QueryCounter
from tests.helpers import signed_in

PATH = re.compile(r'<path[^>]* d="([^"]+)"')


@pytest.fixture
def fair(db):
    """A published fair: two employers with booths, open postings, a draft, a closed one and one of another event,
    an employer whose place is not approved yet."""
    event = factories.create_event(name="2023年衢江区新春招聘会", venue="衢江区人力资源市场")
    other_event = factories.create_event(name="威宁专场")
    late = factories.create_employer(name="衢江晚到机械有限公司")
    early = factories.create_employer(name="衢江先到电子有限公司")
    waiting = factories.create_employer(name="衢江待批包装有限公司")
    factories.add_participation(event, late, booth="B02")
    factories.add_participation(event, early, booth="A01")
    factories.add_participation(event, waiting, booth="C03", approved=False)
    postings = dict(
        welder=factories.create_posting(late, [event], "open", title="电焊工", headcount=12, salary_min=6000,
                                        salary_max=8000),
        moulder=factories.create_posting(early, [event], "open", title="注塑工", headcount=30),
        draft=factories.create_posting(early, [event], "draft", title="草稿岗位"),
        closed=factories.create_posting(early, [event], "closed", title="已关闭岗位"),
        elsewhere=factories.create_posting(early, [other_event], "open", title="别的活动岗位"),
        waiting=factories.create_posting(waiting, [event], "open", title="待批企业岗位"),
    )
    db.session.commit()
    return event, postings


def test_a_public_event_shows_its_employers_booths_and_open_postings(client, fair):
    event, postings = fair
    response = client.get(f"/events/{event.id}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "衢江晚到机械有限公司" in page and "衢江先到电子有限公司" in page
    assert "衢江待批包装有限公司" not in page  # its place is not approved
    assert re.findall(r'data-booth="([^"]*)"', page) == ["A01", "B02"]
    for name in ("welder", "moulder"):
        assert f'href="/postings/{postings[name].id}"' in page
    for title in ("草稿岗位", "已关闭岗位", "别的活动岗位", "待批企业岗位"):
        assert title not in page
    assert 'data-headcount="12"' in page and "¥6,000–8,000" in page
    figures = services.figures_for([event])[event.id]
    assert f'data-figure="positions">{figures.positions}<' in page
    assert f'data-figure="postings">{figures.postings}<' in page
    assert "衢江区人力资源市场" in page and "2023-01-28 09:00" in page and "16:00" in page  # Beijing time
    # On a phone, finding a job at this event and registering are buttons on the page itself.
    assert f'href="/postings?event={event.id}"' in page
    assert 'href="/seekers/register" data-register' in page


def test_the_postings_button_lists_the_events_openings(client, fair):
    event, postings = fair
    page = client.get(f"/postings?event={event.id}").get_data(as_text=True)
    assert postings["welder"].title in page and postings["elsewhere"].title not in page


def test_a_draft_event_has_no_public_pages(client, db):
    draft = factories.create_event(status="draft")
    db.session.commit()
    for suffix in ("", "/booklet", "/poster"):
        assert client.get(f"/events/{draft.id}{suffix}").status_code == 404
    assert client.get("/events/999999").status_code == 404


def test_the_home_page_links_each_event_to_its_page(client, fair):
    event, _ = fair
    assert f'href="/events/{event.id}"' in client.get("/").get_data(as_text=True)


def test_the_booklet_groups_open_postings_by_employer_in_booth_order(client, fair):
    event, postings = fair
    page = client.get(f"/events/{event.id}/booklet").get_data(as_text=True)
    sections = re.split(r"<section ", page)[1:]
    assert [re.search(r'data-booth="([^"]*)"', s).group(1) for s in sections] == ["A01", "B02"]
    assert postings["moulder"].title in sections[0] and postings["welder"].title in sections[1]
    assert "操作注塑机，两班倒，包吃住。" in sections[0]  # the description
    for title in ("草稿岗位", "已关闭岗位", "别的活动岗位", "待批企业岗位"):
        assert title not in page
    assert 'data-print' in page and not inline_code(page)


def test_the_poster_carries_a_qr_code_of_the_event_page(client, fair):
    event, _ = fair
    page = client.get(f"/events/{event.id}/poster").get_data(as_text=True)
    assert "2023年衢江区新春招聘会" in page and "衢江区人力资源市场" in page
    expected = segno.make(f"http://localhost/events/{event.id}", error="m").svg_inline()
    assert PATH.findall(page) == PATH.findall(expected)
    assert "<svg" in page and not inline_code(page)


def test_the_event_page_runs_the_same_queries_for_few_and_many_employers(client, db):
    def queries(n):
        event = factories.create_event()
        for i in range(n):
            employer = factories.create_employer()
            factories.add_participation(event, employer, booth=f"A{i:02d}")
            factories.create_posting(employer, [event], "open")
            factories.create_posting(employer, [event], "open", title="叉车工")
        db.session.commit()
        with QueryCounter() as counter:
            page = client.get(f"/events/{event.id}").get_data(as_text=True)
        assert page.count("data-posting-id=") == 2 * n
        return counter.count

    assert queries(3) == queries(15)


@pytest.fixture
def bureau(client, db):
    return signed_in(client, factories.create_user("bureau", username="officer"))


@pytest.fixture
def crowded(app, db):
    """An event with a page and three more of employers."""
    event = factories.create_event()
    participations = [factories.add_participation(event, factories.create_employer(), booth=f"A{i:03d}")
                      for i in range(app.config["PAGE_SIZE"] + 3)]
    db.session.commit()
    return event, participations


def test_the_bureaus_event_page_pages_its_employers(app, bureau, crowded):
    event, participations = crowded
    first = bureau.get(f"/bureau/events/{event.id}").get_data(as_text=True)
    assert first.count("data-participation-id=") == app.config["PAGE_SIZE"]
    assert f"/bureau/events/{event.id}?employers=2#participations-heading" in first
    second = bureau.get(f"/bureau/events/{event.id}?employers=2").get_data(as_text=True)
    assert second.count("data-participation-id=") == 3
    assert f'data-participation-id="{participations[-1].id}"' in second


def test_a_booth_change_on_a_later_page_comes_back_to_that_page(app, bureau, crowded):
    event, participations = crowded
    last = participations[-1]
    response = bureau.post(f"/bureau/participations/{last.id}/booth", data={"booth": "Z01"})
    assert response.headers["Location"].endswith(f"/bureau/events/{event.id}?employers=2#participation-{last.id}")
    # A refused booth is shown next to its field, on the page holding that employer.
    page = bureau.post(f"/bureau/participations/{last.id}/booth", data={"booth": "A000"}).get_data(as_text=True)
    assert f'id="booth-{last.id}-error"' in page
