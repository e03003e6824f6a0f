"""Read a form's hidden fields from a page, as a browser posts them (standard library only: the fault
tests' HTTP client uses it too)."""
from __future__ import annotations

from html.parser import HTMLParser


class _HiddenFields(HTMLParser):
    def __init__(self, action_suffix: str):
        super().__init__()
        self.suffix, self.inside, self.fields, self.found = action_suffix, False, {}, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.found and (attrs.get("action") or "").endswith(self.suffix):
            self.inside = self.found = True
        elif tag == "input" and self.inside and attrs.get("type") == "hidden" and attrs.get("name"):
            self.fields[attrs["name"]] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def hidden_fields(html: str, action_suffix: str) -> dict:
    """The hidden inputs of the first form whose action ends with ``action_suffix`` (it must exist)."""
    parser = _HiddenFields(action_suffix)
    parser.feed(html)
    assert parser.found, f"no form posting to …{action_suffix} on the page"
    return parser.fields
