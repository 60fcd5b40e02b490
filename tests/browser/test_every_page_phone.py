"""Every page of the URL map, as every identity that may see it, on a phone: nothing wider than the screen.

The pages come from the access matrix: each (endpoint, arguments) whose GET cell answers 200 for an identity is
opened as that identity, in Chinese and in English, at 375×812. A new page joins by itself: reading EXPECTED is
enough, since tests/access/test_matrix.py::test_every_route_is_in_the_matrix admits no route missing from it
(this test still names a GET route without a GET row, so that it never passes over a page silently).
"""
import shutil
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from flask import has_request_context
from flask import request
from flask import template_rendered

from tests.access.conftest import IDENTITIES
from tests.access.conftest import world  # noqa: F401  (the fixture: the accounts and objects of the matrix)
from tests.access.test_matrix import EXPECTED
from tests.access.test_matrix import build_url
from tests.browser.conftest import SHOTS_DIR
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.conftest import VIEWPORTS
from tests.browser.helpers import sign_in

PHONE = VIEWPORTS["phone"]
WIDTH = PHONE["viewport"]["width"]
LANGUAGES = {"zh": "zh-CN", "en": "en"}  # the language as /lang/<code> knows it -> <html lang>; zh is the default
SHOTS = SHOTS_DIR / "every-page-phone"
SHOWN = 4  # offending elements named per problem
URL_MAP, SIGNING_IN = "the URL map", "signing in"  # the report's groups of problems that are not a page's
OUTSIDE_PAGES = (URL_MAP, SIGNING_IN)

# What sticks out of the phone's width, what scrolls sideways and which form controls are cut off. The width is
# the viewport's, not window.innerWidth: on a phone Chromium widens the layout viewport (and innerWidth) to
# fit a page that is too wide, so that a 600px page has an innerWidth of 600.
LAYOUT = """([width, shown]) => {
  const root = document.documentElement;
  const info = (el) => {
    const box = el.getBoundingClientRect();
    const text = el.innerText ?? el.textContent ?? "";
    return {tag: el.tagName.toLowerCase(), id: el.id, classes: [...el.classList],
            text: (text || el.value || el.getAttribute("placeholder") || el.getAttribute("aria-label")
                   || el.getAttribute("name") || "").replace(/\\s+/g, " ").trim(),
            left: Math.round(box.left), right: Math.round(box.right)};
  };
  // The nearest ancestor below <body> that keeps its content from widening the page: it scrolls or clips.
  const holder = (node) => {
    for (let a = node.parentElement; a && a !== document.body && a !== root; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return a;
    }
    return null;
  };
  const out = (box) => box.right > width + 1;
  const widest = (els) => els.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
  const all = [...document.querySelectorAll("body *")];

  const sticking = new Set(all.filter((el) => out(el.getBoundingClientRect()) && !holder(el)));
  const innermost = (el) => [...sticking].filter(
    (d) => d !== el && el.contains(d) && ![...d.children].some((c) => sticking.has(c)));
  const boxes = widest([...sticking].filter((el) => !sticking.has(el.parentElement))).slice(0, shown)
    .map((el) => ({...info(el), inner: widest(innermost(el)).slice(0, 2).map(info)}));
  // Text can stick out of a box that fits (a long word, a number): the element holding it is named.
  const texts = new Map();  // element -> the right edge of its text
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || sticking.has(node.parentElement)) continue;
    range.selectNodeContents(node);
    const right = range.getBoundingClientRect().right;
    if (right > width + 1 && !holder(node)) {
      texts.set(node.parentElement, Math.max(right, texts.get(node.parentElement) ?? 0));
    }
  }

  const scrollers = all.filter((el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX)
                                       && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)
    .map((el) => ({...info(el), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth}));

  const cut = [];
  const controls = [...document.querySelectorAll("input, select, textarea, button")]
    .filter((el) => !(el.tagName === "INPUT" && ["hidden", "checkbox", "radio"].includes(el.type)));
  for (const el of controls) {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || getComputedStyle(el).visibility !== "visible") continue;
    let clipped = false;
    for (let a = el.parentElement; a && a !== document.body && !clipped; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (["inline", "contents"].includes(style.display)) continue;  // overflow does not apply to them
      const frame = a.getBoundingClientRect();
      const left = frame.left + a.clientLeft, top = frame.top + a.clientTop;
      const sideways = style.overflowX !== "visible"
        && (box.left < left - 1 || box.right > left + a.clientWidth + 1);
      const vertically = ["hidden", "clip"].includes(style.overflowY)
        && (box.top < top - 1 || box.bottom > top + a.clientHeight + 1);
      if (sideways || vertically) {
        cut.push({...info(el), by: {...info(a), overflow: `${style.overflowX} ${style.overflowY}`}});
        clipped = true;
      }
    }
    if (!clipped && (box.left < -1 || box.right > width + 1)) cut.push({...info(el), by: null});
  }
  return {lang: root.lang, scrollWidth: root.scrollWidth, innerWidth: window.innerWidth, boxes,
          texts: [...texts].sort((a, b) => b[1] - a[1]).slice(0, shown)
            .map(([el, right]) => ({...info(el), right: Math.round(right)})), scrollers, cut};
}"""


def label(element):
    """`<tag#id.class…> "text…" right N`: enough to find the element in its template."""
    name = element["tag"] + (f"#{element['id']}" if element["id"] else "")
    name += "".join(f".{css_class}" for css_class in element["classes"])
    text = element["text"] if len(element["text"]) <= 40 else element["text"][:39] + "…"
    return f'<{name}>{f" {text!r}" if text else ""} right {element["right"]}'


def layout_problems(layout):
    """The problems a page's layout shows, one line each."""
    problems = []
    if layout["scrollWidth"] > WIDTH:
        boxes = [label(box) + (f" (widest inside: {', '.join(map(label, box['inner']))})" if box["inner"] else "")
                 for box in layout["boxes"]]
        found = [f"sticking out: {'; '.join(boxes)}"] if boxes else []
        found += [f"text sticking out of: {'; '.join(map(label, layout['texts']))}"] if layout["texts"] else []
        problems.append(f"the page is {layout['scrollWidth']}px wide on a {WIDTH}px screen"
                        f" (innerWidth {layout['innerWidth']}); " + ("; ".join(found) or "no element found"))
    problems += [f"scrolls sideways: {label(box)}, {box['scrollWidth']}px of content in {box['clientWidth']}px"
                 for box in layout["scrollers"]]
    for control in layout["cut"]:
        where = (f"by {label(control['by'])} (overflow {control['by']['overflow']})" if control["by"]
                 else "at the screen's edge")
        problems.append(f"form control cut off {where}: {label(control)} left {control['left']}")
    return problems


# Answers that are files, not pages: spreadsheets, archives, and printable A4 reports in the bureau's language;
# a seeker's gate code as an image; the JSON of the API.
FILES = frozenset({"bureau.reports.download", "partner_reports.partner_download",
                   "seekers.qr_svg", "seekers.qr_png", "api-docs.openapi_json", "stats.event_stats",
                   "bureau.exports.seekers", "bureau.exports.postings", "bureau.exports.applications",
                   "partner_exports.partner_seekers", "partner_exports.partner_applications",
                   "bureau.imports.template", "bureau.imports.errors", "partner_imports.template",
                   "partner_imports.errors", "bureau.reports.funnel_download", "bureau.reports.roster_download",
                   "partner_reports.partner_roster_download"})


def pages_by_identity(app, objects):
    """identity -> [(endpoint, arguments, url)] of every GET the access matrix shows to it (200)."""
    pages = defaultdict(list)
    for endpoint, variants in EXPECTED.items():
        if endpoint in FILES:
            continue
        for arguments, methods in variants.items():
            for identity, expected in methods.get("GET", {}).items():
                if expected == 200:
                    pages[identity].append((endpoint, arguments, build_url(app, endpoint, arguments, objects)))
    return pages


def routes_outside_the_matrix(app):
    return [(f"{rule.rule} ({rule.endpoint})", "a GET route without a GET row in the access matrix")
            for rule in app.url_map.iter_rules()
            if rule.endpoint != "static" and "GET" in rule.methods
            and not any("GET" in methods for methods in EXPECTED.get(rule.endpoint, {}).values())]


@pytest.fixture
def rendered(csrf_app):
    """(path, template) of every template the live server renders: problems are listed under their page's."""
    seen = []

    def record(sender, template, context, **extra):
        if has_request_context():
            seen.append((request.path, template.name))

    with template_rendered.connected_to(record, csrf_app):
        yield seen


@pytest.fixture
def shots():
    """test-output/browser/every-page-phone/<identity>-<language>-<endpoint>[-<arguments>].png, emptied first."""
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)
    return SHOTS


class Walk:
    """One identity in one language: a browser context of its own, signed in once, visiting its pages."""

    def __init__(self, browser, base_url, identity, language, rendered, shots):
        self.identity, self.language, self.rendered, self.shots = identity, language, rendered, shots
        self.context = browser.new_context(base_url=base_url, locale="zh-CN", timezone_id="Asia/Shanghai",
                                           **PHONE)
        self.context.set_default_timeout(TIMEOUT_MS)
        self.server_errors = []
        self.context.on("response", lambda response: response.status >= 500 and self.server_errors.append(
            f"{response.status} {response.url}"))
        self.page = self.context.new_page()

    def start(self, username):
        """The language chosen and the user signed in through the form; a problem if that failed."""
        self.page.goto(f"/lang/{self.language}" if self.language != "zh" else "/")
        if username is None:
            return None
        try:
            sign_in(self.page, username)  # the form allows 5 attempts per account: this is the only one
        except AssertionError as error:
            return f"could not sign in as {username}: {str(error).splitlines()[0]}"
        return None

    def visit(self, endpoint, arguments, url):
        """(template, problems) of one page; template None for an answer that is not a page (JSON)."""
        self.rendered.clear()
        self.server_errors.clear()
        response = self.page.goto(url, wait_until="load")
        template = next((name for path, name in self.rendered if path == urlsplit(url).path), "?")
        if response.headers.get("content-type", "").startswith("application/json"):
            return None, []
        problems = [f"the server answered {error}" for error in self.server_errors]
        if response.status != 200 or urlsplit(self.page.url).path != urlsplit(url).path:
            return template, [*problems, f"answered {response.status} at {self.page.url}; the matrix says 200"]
        layout = self.page.evaluate(LAYOUT, [WIDTH, SHOWN])
        if layout["lang"] != LANGUAGES[self.language]:
            problems.append(f"shown with <html lang={layout['lang']!r}>, not {LANGUAGES[self.language]!r}")
        name = "-".join([self.identity, self.language, endpoint, *(pair.split("=")[1] for pair in
                                                                   arguments.split(",") if pair)])
        # At CSS pixels: the phone's own scale doubles the pixels and the time of ~200 full-page shots.
        self.page.screenshot(path=str(self.shots / f"{name}.png"), full_page=True, scale="css")
        problems += layout_problems(layout)
        # Two buttons of one list cut off alike are one problem, said once with their number.
        return template, [problem if problems.count(problem) == 1 else f"{problem} (×{problems.count(problem)})"
                          for problem in dict.fromkeys(problems)]


def report(problems, visited):
    """The problems grouped by the template of their page, each line `url (identity, language): problem`."""
    by_template = defaultdict(list)
    for template, where, problem in problems:
        by_template[template].append(f"{where}: {problem}")
    pages = {where for template, where, _ in problems if template not in OUTSIDE_PAGES}
    lines = [f"{len(problems)} problems on {len(pages)} of {visited} pages (screenshots in {SHOTS}):"]
    for template in sorted(by_template):
        lines += [f"{template}:", *(f"  {line}" for line in by_template[template])]
    return "\n".join(lines)


def test_no_page_is_wider_than_a_phone(browser, base_url, csrf_app, world, rendered, shots):  # noqa: F811
    """Every page each identity may see, in both languages: no sideways scrolling, no control cut off."""
    problems = [(URL_MAP, rule, problem) for rule, problem in routes_outside_the_matrix(csrf_app)]
    pages = pages_by_identity(csrf_app, world)
    visited = 0
    for language in LANGUAGES:
        for identity in IDENTITIES:
            walk = Walk(browser, base_url, identity, language, rendered, shots)
            try:
                trouble = walk.start(world.usernames.get(identity))
                if trouble:
                    problems.append((SIGNING_IN, f"/account/login ({identity}, {language})", trouble))
                    continue
                for endpoint, arguments, url in pages[identity]:
                    template, found = walk.visit(endpoint, arguments, url)
                    visited += template is not None
                    problems += [(template, f"{url} ({identity}, {language})", problem) for problem in found]
            finally:
                walk.context.close()
    assert visited > 2 * len(IDENTITIES), f"only {visited} pages were visited"
    assert not problems, report(problems, visited)
