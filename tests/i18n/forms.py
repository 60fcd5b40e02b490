"""The forms of a page, and what a careless user might send through them."""
from dataclasses import dataclass
from dataclasses import field
from html.parser import HTMLParser

UNSENT_INPUTS = ("submit", "button", "reset", "file", "image")
KEPT_FIELDS = ("csrf_token",)


@dataclass
class Form:
    method: str
    action: str
    fields: list = field(default_factory=list)  # (name, kind, value) in page order

    def filled(self, value):
        """Every field set to `value` ('' empties the form); checkboxes are ticked for a non-empty one."""
        data = {}
        for name, kind, original in self.fields:
            if name in KEPT_FIELDS:
                data[name] = original
            elif kind in ("checkbox", "radio"):
                if value:
                    data[name] = value
            else:
                data[name] = value
        return data


class FormParser(HTMLParser):
    """Collects each <form> with its named inputs, selects and text areas."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = Form((attrs.get("method") or "get").lower(), attrs.get("action") or "")
            self.forms.append(self.current)
            return
        name = attrs.get("name")
        if self.current is None or not name or "disabled" in attrs:
            return
        if tag == "input" and (attrs.get("type") or "text") not in UNSENT_INPUTS:
            self.current.fields.append((name, attrs.get("type") or "text", attrs.get("value") or ""))
        elif tag in ("select", "textarea"):
            self.current.fields.append((name, tag, ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def forms_of(html):
    parser = FormParser()
    parser.feed(html)
    parser.close()
    return parser.forms
