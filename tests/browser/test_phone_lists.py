"""The lists people work from fit a phone: no page wider than the screen, each item's key facts in view.

Every list page, with a few items of long Chinese names and a long company name, in Chinese and in English:
the document is no wider than the window, no table runs past it (its last column is never cut off), and what
the person needs first (the applicant's status, the seeker's furthest step and check-ins, an audit entry's
time, user, action and target) lies inside the screen without scrolling sideways.
"""
import re
from datetime import datetime
from datetime import timedelta
from types import SimpleNamespace

import pytest

from recruit.audit.models import AuditEvent
from recruit.checkin.models import Checkin
from tests import factories
from tests.browser.helpers import expect
from tests.browser.helpers import sign_in

LONG_EMPLOYER = "衢州市衢江区廿里镇鑫源精密五金塑料制品有限责任公司"
LONG_TITLE = "注塑成型车间操作工（长白班包吃住）"
# Long names, as the Weining station registers them: a compound surname, a Yi name written in full.
SEEKERS = [("欧阳娜仁其其格", "intent", 2), ("阿西木呷阿依莫", "signed", 1), ("龙海燕", "applied", 0)]
LONG_URL = "https://www.qujiang.gov.cn/art/2023/1/20/art_1229155645_59048888_material_checklist.html"


@pytest.fixture
def lists(db, bureau_user):
    """A fair with three employers, postings in every state, three applicants from Weining and a partner
    station that follows them, staff accounts and audit entries: every list has items to show."""
    fair = factories.create_event(name="2023年衢江区新春招聘会暨威宁县劳务协作专场招聘会")
    employer = factories.create_employer(name=LONG_EMPLOYER)
    hired = factories.create_employer(name="浙江衢州巨化集团新材料科技股份有限公司")
    asking = factories.create_employer(name="衢州元立金属制品有限公司")
    factories.create_employer(status="pending", name="衢州市衢江区高家镇绿色生态农业发展专业合作社联合社")
    factories.add_participation(fair, employer, booth="A08")
    factories.add_participation(fair, hired, booth="B12")
    factories.add_participation(fair, asking, booth="C01", approved=False)
    posting = factories.create_posting(employer, events=[fair], title=LONG_TITLE, headcount=1500,
                                       salary_min=4500, salary_max=6500)
    factories.create_posting(employer, events=[fair], title="仓库管理员", status="closed")
    factories.create_posting(employer, title="叉车司机", status="draft")
    factories.create_posting(hired, events=[fair], title="化工操作工", status="pending")
    for number, (name, status, checkins) in enumerate(SEEKERS):
        seeker = factories.create_seeker(name=name, region_code="520526", education="70",
                                         desired_occupations=["6-99-01"])
        factories.create_application(seeker=seeker, posting=posting, event=fair, status=status)
        for n in range(checkins):
            past = factories.create_event(name=f"威宁县春风行动专场{number}-{n}", status="closed")
            db.session.add(Checkin(event=past, seeker=seeker, channel="qr"))
    hr = factories.create_user("employer", username="xinyuan-hr", employer_id=employer.id,
                               display_name="鑫源精密人事部 徐丽")
    factories.create_user("partner", username="weining-station", regions=["520526"],
                          display_name="威宁自治县劳务协作工作站 陈站长")
    factories.create_user("partner", username="hezhang-station", regions=["520527", "520524"], active=False)
    officer = factories.create_user("bureau", username="quzhou-audit-officer", display_name="衢江区人社局 王科员")
    start = datetime(2023, 1, 27, 2, 0)
    for number, (action, target, name, detail) in enumerate([
            ("employer_rejected", employer, LONG_EMPLOYER, {"reason": f"营业执照不清晰，请按{LONG_URL}重新上传"}),
            ("posting_approved", posting, LONG_TITLE, {"title": LONG_TITLE}),
            ("pii_view", seeker, SEEKERS[-1][0], {"field": "id_number"})]):
        db.session.add(AuditEvent(action=action, at=start + timedelta(minutes=number), user_id=officer.id,
                                  target_type=type(target).__name__, target_id=target.id, target_name=name,
                                  ip="2408:8456:3e10:8a1f:1c2d:3e4f:5a6b:7c8d", detail=detail))
    db.session.commit()
    return SimpleNamespace(bureau=bureau_user.username, hr=hr.username, partner="weining-station",
                           fair_id=fair.id, posting_id=posting.id)


def in_both_languages(page, url):
    """Open the page in Chinese, then in English; leave it open in Chinese again."""
    page.goto(url)
    yield "zh"
    page.goto("/lang/en")
    page.goto(url)
    yield "en"
    page.goto("/lang/zh_Hans_CN")
    page.goto(url)


def assert_fits(page):
    """Nothing makes the page wider than the window; no table runs past it (its last column would be cut)."""
    scroll_width, width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= width, f"{page.url} is {scroll_width} px wide in a {width} px window"
    for table in page.locator("main table").all():
        box = table.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"a table of {page.url} runs past {width} px"


def assert_in_view(page, selector, count=None):
    """Each element is shown and lies within the window horizontally: seen without scrolling sideways."""
    width = page.evaluate("window.innerWidth")
    items = page.locator(selector).all()
    assert items, f"nothing matches {selector} on {page.url}"
    if count is not None:
        assert len(items) == count, f"{len(items)} items match {selector} on {page.url}, not {count}"
    for item in items:
        expect(item).to_be_visible()
        box = item.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, (
            f"{selector} on {page.url} spans {box['x']:.0f}–{box['x'] + box['width']:.0f} px of {width}")


def test_the_employers_applicants_show_their_status_on_the_first_look(page, shot, lists):
    page.goto("/")
    sign_in(page, lists.hr)
    for lang in in_both_languages(page, f"/employer/postings/{lists.posting_id}/applicants"):
        assert_fits(page)
        rows = "main tr[data-application-id]"
        assert_in_view(page, f"{rows} a[href^='/applications/']", count=len(SEEKERS))
        assert_in_view(page, f"{rows} [data-status]", count=len(SEEKERS))
        expect(page.locator("main [data-places]")).to_contain_text("1,500")
        expect(page.locator(f"{rows} [data-status='intent']")).to_have_count(1)
        shot(page, f"applicants-{lang}")


def test_the_partner_sees_each_seekers_furthest_step_and_check_ins(page, shot, lists):
    page.goto("/")
    sign_in(page, lists.partner)
    for lang in in_both_languages(page, "/partner/seekers"):
        assert_fits(page)
        assert_in_view(page, "main tr[data-seeker-id] a", count=len(SEEKERS))
        assert_in_view(page, "main tr[data-seeker-id] [data-best-status]", count=len(SEEKERS))
        assert_in_view(page, "main tr[data-seeker-id] [data-checkins]", count=len(SEEKERS))
        for name, status, checkins in SEEKERS:
            row = page.locator("main tr[data-seeker-id]", has_text=name)
            expect(row.locator(f"[data-best-status='{status}']")).to_be_visible()
            expect(row.locator("[data-checkins]")).to_have_text(str(checkins))
        shot(page, f"partner-seekers-{lang}")


# The bureau's lists: the page, its items, and what each item must show in view (its link, status, action).
BUREAU_PAGES = [
    ("home", "/bureau", "main", ["[data-waiting]", "li[data-employer-id] a", "li[data-posting-id] a",
                                 "li[data-audit-action]"]),
    ("seekers", "/bureau/seekers", "main tr[data-seeker-id]", ["a"]),
    ("audit", "/bureau/audit", "main tr[data-audit-action]", [f"td:nth-child({n})" for n in (1, 2, 3, 4)]),
    ("staff", "/bureau/staff", "main tr[data-user-id]", [".badge", "a.btn"]),
    ("events", "/bureau/events", "main tr[data-event-id]", ["a", "[data-event-status]"]),
    ("event", "/bureau/events/{fair_id}", "main tr", ["a", ".badge", "button"]),
    ("employers", "/bureau/employers?status=", "main tr[data-employer-id]", ["a", "[data-employer-status]"]),
    ("postings", "/bureau/postings?status=", "main tr[data-posting-id]", ["a", "[data-posting-status]"]),
]


def test_the_bureaus_lists_fit_the_screen(page, shot, lists):
    page.goto("/")
    sign_in(page, lists.bureau)
    for name, url, items, selectors in BUREAU_PAGES:
        for lang in in_both_languages(page, url.format(fair_id=lists.fair_id)):
            assert_fits(page)
            for selector in selectors:
                assert_in_view(page, f"{items} {selector}")
            shot(page, f"{name}-{lang}")
    # Numbers and pay are written one way: 1,500 places, ¥4,500–6,500.
    page.goto(f"/bureau/events/{lists.fair_id}")
    expect(page.locator(f"main tr[data-posting-id='{lists.posting_id}']")).to_contain_text("1,500")
    page.goto("/bureau/postings?status=")
    expect(page.locator(f"main tr[data-posting-id='{lists.posting_id}']")).to_contain_text("¥4,500–6,500")
    page.goto("/bureau/audit")
    for action in ("employer_rejected", "posting_approved", "pii_view"):
        expect(page.locator(f"main tr[data-audit-action='{action}']")).to_have_count(1)


def test_the_closed_tab_of_my_postings_is_in_reach(page, shot, lists):
    page.goto("/")
    sign_in(page, lists.hr)
    for lang in in_both_languages(page, "/employer/postings"):
        assert_fits(page)
        assert_in_view(page, "main a[href$='status=closed']", count=1)
        assert_in_view(page, "main li[data-posting-id] [data-posting-status]", count=3)
        shot(page, f"my-postings-{lang}")
    page.locator("main a[href$='status=closed']").click()
    expect(page.locator("main li[data-posting-id] [data-posting-status='closed']")).to_have_count(1)
    assert_fits(page)
    shot(page, "my-postings-closed")


def test_a_visitor_finds_jobs_and_registration_on_the_home_page(page, shot, viewport, lists):
    for lang in in_both_languages(page, "/"):
        assert_fits(page)
        if viewport == "phone":
            expect(page.locator("#nav")).to_be_hidden()  # the menu stays closed: the buttons are in the page
        assert_in_view(page, 'main a[href="/postings"]', count=1)
        assert_in_view(page, 'main a[href="/register"]', count=1)
        shot(page, f"home-{lang}")
    page.locator('main a[href="/postings"]').click()
    expect(page).to_have_url(re.compile(r"/postings$"))
    sign_in(page, lists.hr)
    page.goto("/")
    expect(page.locator('main a[href="/postings"], main a[href="/register"]')).to_have_count(0)
