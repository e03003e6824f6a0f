"""What the catalogue search matches besides an item's name and codes: the author's keywords
(``guide.keywords``: the words people actually use, 餐饮, 开店, 低保) and the pinyin of the name and of
each keyword, in full (``getigongshanghu``) and as initials (``gtgsh``), so a phone keyboard without
Chinese input or a habit of typing initials still finds the item.

Pinyin comes from pypinyin (phrase-aware, so 银行 reads yinhang). It costs about a millisecond per
name, too slow to redo for thousands of items whenever a worker loads the catalogue, so publishing
computes the terms once and stores them on the item (``item.search_terms``)."""
from __future__ import annotations

COLUMN_MAX = 2000   # the item.search_terms column


def pinyin_forms(text: str) -> str:
    """"个体工商户" -> "getigongshanghu gtgsh": full pinyin and initials, lower case, no tones."""
    from pypinyin import lazy_pinyin
    hanzi = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    if not hanzi:
        return ""
    syllables = [s for s in lazy_pinyin(hanzi, errors="ignore") if s]
    return f"{''.join(syllables)} {''.join(s[0] for s in syllables)}".lower()


def search_terms(definition: dict) -> str | None:
    """The keywords of a definition and the pinyin forms of its name and keywords, one per line, as
    stored on the item; None when there is nothing to add."""
    name = (definition.get("catalogue") or {}).get("name", "")
    keywords = [str(w).strip().replace(" ", "") for w in (definition.get("guide") or {}).get("keywords") or []]
    keywords = [w for w in keywords if w]
    lines = keywords + [p for p in (pinyin_forms(w) for w in [name] + keywords) if p]
    return "\n".join(lines)[:COLUMN_MAX] or None


def search_key(name: str, terms: str | None) -> str:
    """One case-folded text the catalogue searches: the name and the stored terms."""
    return f"{name}\n{terms or ''}".casefold()
