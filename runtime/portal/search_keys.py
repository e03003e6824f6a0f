"""What the catalogue search matches besides an item's name and codes: the author's keywords
(``guide.keywords``: the words people actually use, 餐饮, 开店, 低保) and the pinyin of the name and of
each keyword, in full (``gerengongshanghu``) and as initials (``gtgsh``), so a phone keyboard without
Chinese input or a habit of typing initials still finds the item.

Pinyin comes from pypinyin (phrase-aware, so 银行 reads yinhang). Each distinct text is converted once
per worker: a catalogue reload after a publish converts only the new names."""
from __future__ import annotations

from functools import lru_cache

KEYWORDS_MAX = 500   # the item.search_keywords column


def keywords_column(definition: dict) -> str | None:
    """The keywords of a definition as stored on the item (space-separated; none -> None)."""
    words = [str(w).strip() for w in (definition.get("guide") or {}).get("keywords") or [] if str(w).strip()]
    text = " ".join(w.replace(" ", "") for w in words)[:KEYWORDS_MAX]
    return text or None


@lru_cache(maxsize=50_000)
def pinyin_forms(text: str) -> str:
    """"个体工商户" -> "getigongshanghu gtgsh": full pinyin and initials, lower case, no tones."""
    from pypinyin import Style, lazy_pinyin
    hanzi = "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
    if not hanzi:
        return ""
    syllables = lazy_pinyin(hanzi, errors="ignore")
    initials = lazy_pinyin(hanzi, style=Style.FIRST_LETTER, errors="ignore")
    return f"{''.join(syllables)} {''.join(initials)}".lower()


def search_key(name: str, keywords: str | None) -> str:
    """One case-folded text to search: name, keywords, and the pinyin forms of each."""
    words = [name] + (keywords.split() if keywords else [])
    return "\n".join(words + [pinyin_forms(w) for w in words]).casefold()
