"""What a reader sees of a page, and the words in it that belong to the other language."""
import re
from html.parser import HTMLParser

# CJK ideographs and the full-width punctuation that goes with them (，。：（）“” are not ASCII).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Filled in by the page's script ('已选 {count} 个'): never shown as such.
SCRIPT_PLACEHOLDER = re.compile(r"\{\w+\}")
# Latin that a Chinese page may legitimately show: pinyin initials given as search examples, and "IP".
CHINESE_PAGE_LATIN = frozenset({"qjq", "wn", "hg", "IP"})
# Attributes whose text a user reads or hears (screen readers), and the JS messages kept in data-text-*.
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt", "data-confirm")
BUTTON_TYPES = ("submit", "button", "reset")
SKIPPED_ELEMENTS = ("script", "style", "template")
VOID_ELEMENTS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                           "source", "track", "wbr"})


class VisibleText(HTMLParser):
    """Collects the page's text; text inside an element marked with another `lang` is left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.html_lang = None
        self.parts = []
        self.stack = []  # (tag, skipped) for every open element

    @property
    def skipping(self):
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
            return
        lang = attrs.get("lang")
        other_language = lang is not None and lang != self.html_lang
        skipped = tag in SKIPPED_ELEMENTS or other_language
        if not (skipped or self.skipping):
            self.parts.extend(attrs[name] for name in READ_ATTRIBUTES if attrs.get(name))
            self.parts.extend(v for name, v in attrs.items() if name.startswith("data-text") and v)
            if tag == "input" and attrs.get("type") in BUTTON_TYPES and attrs.get("value"):
                self.parts.append(attrs["value"])
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.parts.append(data)


def read(html):
    """The `<html lang>` and the visible text of a page."""
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.html_lang, " ".join(" ".join(parser.parts).split())


def without(text, data):
    """The text with the given data strings (longest first) and script placeholders taken out."""
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return SCRIPT_PLACEHOLDER.sub(" ", text)


def english_leftovers(text, data=(), allowed=()):
    """English words left on a Chinese page."""
    words = set(LATIN_WORD.findall(without(text, data)))
    return sorted(words - CHINESE_PAGE_LATIN - set(allowed))


def chinese_leftovers(text, data=(), allowed=()):
    """Chinese on an English page, other than data and the examples the English text itself gives."""
    return sorted(set(CJK.findall(without(text, data))) - set(allowed))
