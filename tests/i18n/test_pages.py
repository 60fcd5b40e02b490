"""Every page, in Chinese (the default) and in English, shows no text of the other language.

A string someone forgot to mark, a mark whose translation is missing, a raw status code (`pending`, `open`)
or a framework message left in English all show up here as a leftover word, listed with its page and role.
"""
import itertools
from urllib.parse import urlsplit

import pytest

from recruit.domain import education
from recruit.domain import industries
from recruit.domain import occupations
from tests.i18n import catalog
from tests.i18n import text
from tests.i18n.forms import forms_of

# WTForms 3.3 deprecates the tuple choices every form here still passes; the pages are what is tested.
pytestmark = pytest.mark.filterwarnings("ignore:Passing SelectField choices:DeprecationWarning")

# The language switch and static files are not pages (JSON answers and downloads are skipped by type).
SKIPPED_ENDPOINTS = frozenset({"static", "main.set_language"})
HTML_LANG = {"zh": "zh-CN", "en": "en"}
SWITCH = {"zh": "/lang/zh_Hans_CN", "en": "/lang/en"}
DATA_REQUIRED = {"zh": "该字段是必填字段。", "en": "This field is required."}


def page_urls(app, arguments):
    """(endpoint, url) of every GET page, with each combination of the world's ids for its arguments."""
    adapter = app.url_map.bind("localhost")
    urls, unknown = [], []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if "GET" not in rule.methods or rule.endpoint in SKIPPED_ENDPOINTS or rule.rule.startswith("/api/"):
            continue
        names = sorted(rule.arguments)
        missing = [name for name in names if name not in arguments]
        if missing:
            unknown.append(f"{rule.rule}: {', '.join(missing)}")
            continue
        for values in itertools.product(*(arguments[name] for name in names)):
            urls.append((rule.endpoint, adapter.build(rule.endpoint, dict(zip(names, values, strict=True)))))
    return urls, unknown


def switch_language(client, lang):
    client.get(SWITCH[lang])
    client.get("/")  # shows (and so drops) what was flashed in the other language


def is_page(response):
    return response.status_code == 200 and response.mimetype == "text/html"


def allowed_text():
    """Per language, what may show although it looks like the other one.

    In English: the Chinese the English source itself gives, as in 'e.g. 注塑工 or 仓库管理员'. In Chinese:
    the Latin inside the Chinese names of the national lists (the trade 'SMT操作员').
    """
    chinese = {run for message in catalog.load_po() for msgid in catalog.forms(message)[0] if msgid
               for run in text.CJK.findall(msgid)}
    names = [o.name for o in occupations.all_occupations()] + [zh for zh, _ in industries.SECTIONS.values()]
    names += [name for _, name in education.choices("zh")]
    latin = {word for name in names for word in text.LATIN_WORD.findall(name)}
    return {"zh": latin, "en": chinese}


def language_problems(response, lang, world, allowed):
    page_lang, visible = text.read(response.get_data(as_text=True))
    problems = []
    if page_lang != HTML_LANG[lang]:
        problems.append(f'<html lang="{page_lang}">, not "{HTML_LANG[lang]}"')
    if lang == "zh":
        leftovers = text.english_leftovers(visible, world.ascii_data, allowed["zh"])
    else:
        leftovers = text.chinese_leftovers(visible, world.chinese_data, allowed["en"])
    if leftovers:
        problems.append(", ".join(leftovers))
    return problems


def report(problems):
    return f"{len(problems)} pages show text in the wrong language:\n" + "\n".join(sorted(set(problems)))


def test_every_page_in_both_languages(app, world, clients):
    urls, unknown = page_urls(app, world.arguments)
    assert not unknown, "give these URL arguments objects in tests/i18n/conftest.py::world:\n" + "\n".join(
        unknown)
    allowed = allowed_text()
    problems, opened = [], set()
    for role, client in clients.items():
        for lang in ("zh", "en"):
            if lang == "en":
                switch_language(client, "en")
            for endpoint, url in urls:
                response = client.get(url)
                if response.status_code == 200:
                    opened.add(endpoint)  # a download or a JSON answer is opened too, with no text to check
                if not is_page(response):
                    continue
                found = language_problems(response, lang, world, allowed)
                problems += [f"{url} ({role}, {lang}): {problem}" for problem in found]
    never = sorted({endpoint for endpoint, _ in urls} - opened)
    assert not never, f"no role could open these pages, so their language went unchecked: {never}"
    assert not problems, report(problems)


def test_rejected_forms_answer_in_the_page_language(app, world, clients):
    """Every form of every page, sent empty and with 'x' in each field: the errors are in the language."""
    urls, _ = page_urls(app, world.arguments)
    allowed = allowed_text()
    problems = []
    for role, client in clients.items():
        for lang in ("zh", "en"):
            switch_language(client, lang)
            for _, url in urls:
                page = client.get(url)
                if not is_page(page):
                    continue
                for sent, response in send_forms(client, url, page):
                    where = f"{url} ({role}, {lang}) after {sent}"
                    if isinstance(response, Exception):
                        problems.append(f"{where}: the server failed with {response!r}")
                    elif is_page(response):
                        found = language_problems(response, lang, world, allowed)
                        problems += [f"{where}: {problem}" for problem in found]
    assert not problems, report(problems)


def send_forms(client, url, page):
    """(what was sent, the answer) for the page's GET forms and the POST forms it sends to itself.

    Forms that post to an action (approve, withdraw, sign out) are left alone.
    """
    path = urlsplit(url).path
    for form in forms_of(page.get_data(as_text=True)):
        target = urlsplit(form.action).path or path
        if form.method != "get" and target != path:
            continue
        for value in ("", "x"):
            data = form.filled(value)
            sent = f"{form.method.upper()} {target} with {'x in every field' if value else 'an empty form'}"
            try:
                if form.method == "get":
                    yield sent, client.get(target, query_string=data, follow_redirects=True)
                else:
                    yield sent, client.post(target, data=data, follow_redirects=True)
            except Exception as error:  # the app re-raises in tests; a 500 is a finding like any other
                yield sent, error


def test_wtforms_own_messages_follow_the_language(clients):
    """WTForms ships its translations; Flask-WTF picks the user's language for a default message."""
    client = clients["anonymous"]
    for lang in ("zh", "en"):
        switch_language(client, lang)
        response = client.post("/account/login", data={"identifier": "", "password": ""})
        assert DATA_REQUIRED[lang] in response.get_data(as_text=True)
