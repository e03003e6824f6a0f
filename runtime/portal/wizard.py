"""The sequence of pages of one application: applicant, the definition's visible steps, materials,
review. Computed from a compiled item and the latest pre-review result; titles are translated at
once (a request is active), not lazily: a lazy text resolves the locale again each time it prints."""
from __future__ import annotations

from dataclasses import dataclass


from runtime.i18n import gettext as _, locale_name

APPLICANT, MATERIALS, REVIEW = "applicant", "materials", "review"


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    step: object = None   # the CompiledStep for definition steps


_STEP_PAGES: dict = {}
_FIXED_PAGES: dict = {}
_MAX = 128


def _step_pages(compiled) -> tuple:
    pages_ = _STEP_PAGES.get(compiled.checksum)
    if pages_ is None:
        if len(_STEP_PAGES) >= _MAX:
            _STEP_PAGES.clear()
        pages_ = _STEP_PAGES[compiled.checksum] = tuple(Page(s.id, s.title, s) for s in compiled.steps)
    return pages_


def _fixed_pages() -> tuple:
    """The applicant, materials and review pages in this request's language (same for every item)."""
    locale = locale_name()
    fixed = _FIXED_PAGES.get(locale)
    if fixed is None:
        fixed = _FIXED_PAGES[locale] = (Page(APPLICANT, _("Applicant")), Page(MATERIALS, _("Upload materials")),
                                        Page(REVIEW, _("Check and submit")))
    return fixed


def pages(compiled, result) -> list[Page]:
    """``result`` is a pre-review result or a FormState (both have visible_fields); None shows every step."""
    visible = result.visible_fields if result is not None else None
    if visible is not None and not isinstance(visible, (set, frozenset)):
        visible = set(visible)
    applicant, materials, review = _fixed_pages()
    out = [applicant]
    for page in _step_pages(compiled):
        if visible is None or any(f.id in visible for f in page.step.fields):
            out.append(page)
    out += [materials, review]
    return out


def neighbours(all_pages: list[Page], key: str) -> tuple[Page | None, Page | None]:
    keys = [p.key for p in all_pages]
    if key not in keys:
        return None, None
    i = keys.index(key)
    return (all_pages[i - 1] if i else None), (all_pages[i + 1] if i + 1 < len(all_pages) else None)
