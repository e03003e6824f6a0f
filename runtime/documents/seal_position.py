"""Where the theme's seal image was laid out, in PDF coordinates, so the signature's visible
appearance (the same image) lands exactly where the layout put the seal — the image moves with the
text above it, and the A5 slip has a smaller seal than the A4 notices."""
from __future__ import annotations

from dataclasses import dataclass

PX_TO_PT = 0.75   # WeasyPrint lays out in CSS px (1/96 in); PDF user space is in pt (1/72 in)


@dataclass(frozen=True)
class SealBox:
    page: int                                  # 0-based
    box: tuple[float, float, float, float]     # x1, y1, x2, y2 in pt, origin bottom-left (PDF)


def seal_box(document, src: str) -> SealBox | None:
    """The box of the seal image ``<img src=src>`` (the theme's seal file name) in a rendered WeasyPrint document (the
    last one when a document has several pages: the footer is on the last page)."""
    for index in range(len(document.pages) - 1, -1, -1):
        page = document.pages[index]
        page_box = page._page_box   # WeasyPrint's layout tree: the only place a box's size is known
        for box in page_box.descendants():
            element = getattr(box, "element", None)
            if getattr(box, "element_tag", None) != "img" or element is None or element.get("src") != src:
                continue
            x, y = box.content_box_x() * PX_TO_PT, box.content_box_y() * PX_TO_PT
            w, h = box.width * PX_TO_PT, box.height * PX_TO_PT
            top = page.height * PX_TO_PT
            return SealBox(index, (round(x, 2), round(top - y - h, 2), round(x + w, 2), round(top - y, 2)))
    return None
