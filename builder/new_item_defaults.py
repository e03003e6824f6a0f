"""What a new item can take from what the centre already knows, so its author starts with a handful
of gaps instead of a page of them: the department's windows, addresses and phones and its documents'
abbreviation and seal (from the department's latest published item, else the department's own phone), the county's 复议机关 and
法院 (the values the centre's published items agree on), and wording derived from the item's name."""
from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from runtime.extensions import db
from runtime.models import Department, Item, ItemVersion

RESULT_SUFFIXES = ("核发", "审批", "登记")  # 食品经营许可证核发 → its result is the 食品经营许可证


def _latest_definitions(department_id: int | None, limit: int = 50) -> list[dict]:
    query = (select(ItemVersion.definition).join(Item, (Item.id == ItemVersion.item_id)
                                                 & (Item.current_version == ItemVersion.number))
             .order_by(ItemVersion.published_at.desc()).limit(limit))
    if department_id is not None:
        query = query.where(Item.department_id == department_id)
    return list(db.session.scalars(query))


def _agreed(definitions: list[dict], section: str, key: str) -> str:
    values = Counter(d.get(section, {}).get(key) for d in definitions)
    values.pop(None, None)
    values.pop("", None)
    return values.most_common(1)[0][0] if values else ""


def apply_defaults(doc: dict, department: Department, name: str) -> dict:
    """Fill ``doc`` (a blank-template definition) in place where it is still empty; returns it."""
    impl, guide, docs = doc["implementation"], doc["guide"], doc.setdefault("documents", {})
    impl["handle_item_name"] = impl.get("handle_item_name") or name
    own = _latest_definitions(department.id, limit=1)
    if own:
        theirs = own[0]
        for key in ("locations", "consult_phone", "supervise_phone", "consult_methods", "supervise_methods"):
            if theirs.get("guide", {}).get(key):
                guide[key] = theirs["guide"][key]
        section = theirs.get("implementation", {}).get("department", {}).get("section")
        if section:
            impl["department"]["section"] = section
        for key in ("abbreviation", "seal_name", "supplement_channel"):  # how the department's documents read
            if theirs.get("documents", {}).get(key) and not docs.get(key):
                docs[key] = theirs["documents"][key]
    if not guide.get("consult_phone") and department.phone:
        guide["consult_phone"] = department.phone
    everyone = _latest_definitions(None)
    for key in ("review_authority", "court"):
        docs[key] = docs.get(key) or _agreed(everyone, "documents", key)
    result = guide.setdefault("result", {})
    if not result.get("name"):
        stem = next((name[:-len(s)] for s in RESULT_SUFFIXES if name.endswith(s) and len(name) > len(s) + 1), "")
        result["name"] = stem if stem.endswith(("证", "照")) else ""
    return doc
