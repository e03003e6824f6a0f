"""The sequence of pages of one application: applicant, the definition's visible steps, materials,
review. Computed from a compiled item and the latest pre-review result; titles are translated at
once (a request is active), not lazily: a lazy text resolves the locale again each time it prints."""
from __future__ import annotations

from dataclasses import dataclass

from runtime.i18n import gettext as _

APPLICANT, MATERIALS, REVIEW = "applicant", "materials", "review"


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    step: object = None   # the CompiledStep for definition steps


def pages(compiled, result) -> list[Page]:
    visible = set(result.visible_fields) if result is not None else None
    out = [Page(APPLICANT, _("Applicant"))]
    for step in compiled.steps:
        if visible is None or any(f.id in visible for f in step.fields):
            out.append(Page(step.id, step.title, step))
    out += [Page(MATERIALS, _("Upload materials")), Page(REVIEW, _("Check and submit"))]
    return out


def neighbours(all_pages: list[Page], key: str) -> tuple[Page | None, Page | None]:
    keys = [p.key for p in all_pages]
    if key not in keys:
        return None, None
    i = keys.index(key)
    return (all_pages[i - 1] if i else None), (all_pages[i + 1] if i + 1 < len(all_pages) else None)
