"""The audit log in Chinese: every action the code records, and every detail, reads as Chinese, not codes."""
from datetime import datetime
from datetime import timedelta

from recruit.applications.models import OBSOLETE_NOTE
from recruit.audit.actions import ACTIONS
from recruit.audit.models import AuditEvent
from tests.helpers import sign_in
from tests.i18n import text

# One event of each action, with the detail its record() call writes (values as the services store them).
SAMPLES = [
    ("invitation_sent", "Invitation", {"posting_id": 1, "seeker_id": 2}),
    ("invitation_accepted", "Invitation", {"application_id": 4}),
    ("invitation_declined", "Invitation", {}),
    ("login", "User", {}),
    ("login_failed", "", {"identifier": "138****0000", "key": "04718253"}),
    ("password_reset", "User", {}),
    ("seeker_lookup", "Seeker", {"field": "id_number"}),
    ("seeker_lookup_missed", "", {"field": "id_number", "number": "520526********1234"}),
    ("logout", "User", {}),
    ("password_changed", "User", {}),
    ("employer_registered", "Employer", {"uscc": "913308031234567890"}),
    ("employer_updated", "Employer", {"fields": ["address", "name", "size"], "resubmitted": True}),
    ("employer_approved", "Employer", {"name": "衢州元立金属制品有限公司"}),
    ("employer_rejected", "Employer", {"name": "衢州元立金属制品有限公司", "reason": "营业执照不清晰"}),
    ("employer_suspended", "Employer", {"name": "衢州元立金属制品有限公司", "reason": "虚假招聘"}),
    ("posting_created", "Posting", {"employer_id": 3, "title": "注塑工"}),
    ("posting_updated", "Posting", {"fields": ["dormitory", "salary_min", "title"], "back_to_review": False}),
    ("posting_submitted", "Posting", {}),
    ("posting_approved", "Posting", {"title": "注塑工"}),
    ("posting_rejected", "Posting", {"title": "注塑工", "reason": "薪资写法不规范"}),
    ("posting_closed", "Posting", {"previous": "open"}),
    ("event_created", "Event", {"name": "春风行动招聘会"}),
    ("event_updated", "Event", {"fields": ["origin_region_codes", "report_cron", "starts_at"]}),
    ("participation_added", "Event", {"employer_id": 3, "booth": "12"}),
    ("participation_updated", "Event", {"employer_id": 3, "booth": "15"}),
    ("participation_approved", "Event", {"employer_id": 3}),
    ("participation_removed", "Event", {"employer_id": 3, "booth": "15", "postings": 2}),
    ("seeker_registered", "Seeker", {"by": "partner"}),
    ("seeker_account_opened", "Seeker", {"by": "partner"}),
    ("seeker_account_claimed", "Seeker", {}),
    ("seeker_registered", "Seeker", {"by": "self"}),
    ("seeker_registered", "Seeker", {"by": "bureau"}),
    ("screen_link_issued", "ScreenLink", {}),
    ("screen_link_revoked", "ScreenLink", {}),
    ("screen_opened", "ScreenLink", {}),
    ("seeker_updated", "Seeker", {}),
    ("seeker_viewed", "Seeker", {}),
    ("pii_view", "Seeker", {"field": "id_number"}),
    ("application_created", "Application", {"posting_id": 1, "seeker_id": 2}),
    ("application_status", "Application", {"from_status": "applied", "to_status": "interviewed", "note": ""}),
    ("application_status", "Application", {"from_status": "intent", "to_status": "obsolete",
                                            "note": OBSOLETE_NOTE, "signed_application_id": 9}),
    ("headcount_override", "Posting", {"application_id": 4, "headcount": 5}),
    ("staff_created", "User", {"username": "weiningdesk", "role": "partner", "regions": ["520526"]}),
    ("staff_updated", "User", {"fields": ["active", "display_name", "password", "regions"],
                               "regions": ["520526"], "active": False}),
    ("demo_loaded", "", {"scale": 1.0, "seed": 2023, "forced": True, "rows": 123456}),
    ("seekers_imported", "", {"file": "威宁县求职登记.xlsx", "created": 480, "updated": 12, "unchanged": 3,
                              "invalid": 5}),
    ("employers_imported", "Event", {"file": "参会企业.csv", "created": 40, "updated": 0, "unchanged": 0,
                                     "invalid": 1}),
    ("postings_imported", "Event", {"file": "岗位.xlsx", "created": 120, "updated": 4, "unchanged": 0,
                                    "invalid": 0}),
    ("import_errors_downloaded", "ImportJob", {"file": "威宁县求职登记.xlsx", "rows": 5}),
    ("report_generated", "ReportRun", {"event_id": 1, "files": 5}),
    ("report_downloaded", "Report", {"format": "xlsx", "kind": "summary"}),
    ("report_exported", "Event", {"kind": "sheet", "format": "html", "regions": ["520526"]}),
    ("funnel_exported", "Event", {"format": "xlsx"}),
    ("subsidy_roster_exported", "", {"format": "xlsx", "rows": 105, "period": "2023-01-01 – 2023-12-31",
                                     "months": 3, "hometown": "520526", "regions": ["520526"]}),
    ("seekers_exported", "", {"format": "xlsx", "rows": 15600, "hometown": "520526"}),
    ("postings_exported", "Event", {"format": "csv", "rows": 120, "event_id": 1, "posting_status": "open",
                                    "search": "注塑"}),
    ("applications_exported", "", {"format": "xlsx", "rows": 1252, "application_status": "intent",
                                   "hometown": "5205", "regions": ["520526"]}),
    ("batch_created", "TravelBatch", {"event_id": 1}),
    ("batch_updated", "TravelBatch", {"fields": ["departs_on", "escort_mobile"]}),
    ("batch_member_added", "TravelBatch", {"application_id": 4}),
    ("batch_member_removed", "TravelBatch", {"application_id": 4}),
    ("batch_departed", "TravelBatch", {"members": 586}),
    ("batch_arrived", "TravelBatch", {"members": 586}),
    ("onboarding_confirmed", "Application", {"batch_id": 2, "onboarded_on": "2023-03-01"}),
    ("retention_answered", "RetentionCheck", {"application_id": 4, "check": "3m", "outcome": "left",
                                              "left_on": "2023-05-20", "reason": "回乡照顾家人"}),
]
# What the page shows that is data, not interface text.
DATA = ["officer", "Officer Wang", "weiningdesk", "威宁县求职登记.xlsx", "参会企业.csv", "岗位.xlsx"]


def chinese_client(client, db, officer):
    db.session.commit()
    assert sign_in(client, officer.username).status_code == 302
    return client


def add_samples(db, officer):
    start = datetime(2023, 1, 27, 2, 0)
    for number, (action, target_type, detail) in enumerate(SAMPLES):
        db.session.add(AuditEvent(action=action, at=start + timedelta(minutes=number), user_id=officer.id,
                                  target_type=target_type, target_id=7 if target_type else None,
                                  ip="10.0.0.8", detail=detail))
    db.session.commit()


def rows(page):
    return page.count('data-audit-action="')


def leftovers(response):
    assert response.status_code == 200
    lang, visible = text.read(response.get_data(as_text=True))
    assert lang == "zh-CN"
    return text.english_leftovers(visible, DATA)


def test_the_samples_cover_every_labelled_action():
    assert {action for action, _, _ in SAMPLES} == set(ACTIONS.values)


def test_every_action_and_detail_reads_in_chinese(client, db, officer):
    bureau = chinese_client(client, db, officer)
    add_samples(db, officer)

    pages = -(-(len(SAMPLES) + 1) // client.application.config["PAGE_SIZE"])  # and the sign-in of this test
    responses = [bureau.get(f"/bureau/audit?page={number}") for number in range(1, pages + 1)]

    assert [leftovers(response) for response in responses] == [[]] * pages
    page = "".join(response.get_data(as_text=True) for response in responses)
    assert rows(page) == len(SAMPLES) + 1  # and the sign-in of this test
    assert "原状态:</span> 投递" in page and "新状态:</span> 面试" in page
    assert "已关闭（求职者已在他处签约）" in page and "该求职者已与其他用人单位签约。" in page
    assert "单位名称:</span> 衢州元立金属制品有限公司" in page and "活动名称:</span> 春风行动招聘会" in page
    assert "修改内容:</span> 地址, 单位名称" in page
    assert "贵州省" in page  # the regions a staff account serves, by name


def test_the_home_page_and_the_action_filter_read_in_chinese(client, db, officer):
    bureau = chinese_client(client, db, officer)
    add_samples(db, officer)

    assert leftovers(bureau.get("/bureau")) == []
    page = bureau.get("/bureau/audit?action=demo_loaded").get_data(as_text=True)
    assert '<option selected value="demo_loaded">载入演示数据</option>' in page
    assert rows(page) == 1


def test_a_bad_filter_answers_in_chinese_and_is_ignored(client, db, officer):
    bureau = chinese_client(client, db, officer)
    add_samples(db, officer)

    response = bureau.get("/bureau/audit?action=nonsense&target_type=Nothing&date_from=0001-01-01&page=2")

    assert leftovers(response) == []
    page = response.get_data(as_text=True)
    assert 'id="action-error"' in page and "请从列表中选择。" in page
    assert 'id="date_from-error"' in page and "2000-01-01" in page
    assert f'data-total="{len(SAMPLES) + 1}"' in page  # every filter ignored, and this test's sign-in
