"""三级四同: which keys of a definition are the basic catalogue's (the same in every county: name,
codes, type, legal basis) and which are the county's own implementation (department, places, phones,
promised limit, local fees and rules). Importing takes the catalogue keys from the source and keeps
the target county's local keys, unless the administrator asks for the source's content."""
from __future__ import annotations

import copy

# (section, key) pairs that belong to the implementing county; key None = the whole section.
LOCAL_KEYS = (
    ("implementation", "implementation_code"), ("implementation", "handle_item_code"),
    ("implementation", "implementing_body"), ("implementation", "department"), ("implementation", "online"),
    ("implementation", "handle_area"), ("implementation", "in_hall"),
    ("guide", "locations"), ("guide", "consult_phone"), ("guide", "supervise_phone"),
    ("guide", "consult_methods"), ("guide", "supervise_methods"),
    ("time_limits", "promised"), ("fees", None), ("rules", None), ("documents", None), ("process", None),
)
MODES = ("catalogue", "full")


def _get(doc, section, key):
    part = doc.get(section)
    if key is None:
        return part
    return part.get(key) if isinstance(part, dict) else None


def _set(doc, section, key, value):
    if key is None:
        if value is None:
            doc.pop(section, None)
        else:
            doc[section] = copy.deepcopy(value)
        return
    part = doc.setdefault(section, {})
    if value is None:
        part.pop(key, None)
    else:
        part[key] = copy.deepcopy(value)


def rekey(source: dict, department) -> dict:
    """A new local item from ``source`` for ``department`` (codes and issuing body rewritten)."""
    doc = copy.deepcopy(source)
    impl = doc["implementation"]
    basic = doc["catalogue"]["basic_code"]
    impl["implementation_code"] = f"{department.code}4{basic}"
    impl["handle_item_code"] = f"{impl['implementation_code']}01"
    impl["implementing_body"] = {**impl.get("implementing_body", {}), "name": department.name,
                                 "credit_code": department.code}
    impl["department"] = {"name": department.name, "code": department.code}
    docs = doc.setdefault("documents", {})
    docs["issuer"] = department.name
    if getattr(department, "abbreviation", None):
        docs["abbreviation"] = department.abbreviation
    return doc


def merge_into(source: dict, target: dict, mode: str = "catalogue") -> dict:
    """The target's next definition: ``catalogue`` mode takes only the basic-catalogue section from
    the source; ``full`` mode takes everything from the source except the target's local keys."""
    if mode not in MODES:
        raise ValueError(mode)
    if mode == "catalogue":
        doc = copy.deepcopy(target)
        doc["catalogue"] = copy.deepcopy(source["catalogue"])
        doc["schema_version"] = source.get("schema_version", doc.get("schema_version"))
        return doc
    doc = copy.deepcopy(source)
    for section, key in LOCAL_KEYS:
        _set(doc, section, key, _get(target, section, key))
    return doc
