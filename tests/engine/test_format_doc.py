"""FORMAT.md documents every key of the schema and is regenerated from it."""
from runtime.engine.format_doc import FORMAT_MD, updated_format_md
from runtime.engine.schema import definition_schema


def test_format_md_is_up_to_date():
    text = FORMAT_MD.read_text(encoding="utf-8")
    assert updated_format_md(text) == text, "run: python -m runtime.engine.format_doc"


def test_every_property_has_a_chinese_title():
    schema = definition_schema()
    missing = []

    def walk(node, where):
        if not isinstance(node, dict):
            return
        for key, sub in node.get("properties", {}).items():
            if not isinstance(sub, dict):
                continue
            target = sub
            if "$ref" in sub and "title" not in sub:
                target = schema["$defs"][sub["$ref"].split("/")[-1]]
            if not target.get("title") and key not in ("id",):
                missing.append(f"{where}.{key}")
            walk(sub, f"{where}.{key}")
        for key in ("items", "allOf"):
            value = node.get(key)
            for sub in value if isinstance(value, list) else [value]:
                walk(sub, where)

    walk(schema, "$")
    for name, node in schema["$defs"].items():
        walk(node, name)
    assert missing == []


def test_every_key_of_every_object_in_the_schema_has_a_row():
    """Sub-keys of objects written inline (implementing body, material source …) are documented too."""
    text = FORMAT_MD.read_text(encoding="utf-8")
    schema = definition_schema()
    undocumented = []

    def walk(node, where):
        if not isinstance(node, dict):
            return
        for key, sub in node.get("properties", {}).items():
            if f"| `{key}` |" not in text:
                undocumented.append(f"{where}.{key}")
            walk(sub, f"{where}.{key}")
        for key in ("items", "allOf", "oneOf"):
            value = node.get(key)
            for sub in value if isinstance(value, list) else [value]:
                walk(sub, where)

    walk(schema, "$")
    for name, node in schema["$defs"].items():
        walk(node, name)
    assert undocumented == []
    for table in ("### Implementation.implementing_body", "### Material.source", "### Material.electronic"):
        assert table in text
    source = text.split("### Material.source", 1)[1].split("###", 1)[0]
    assert "| `licence_type` |" in source and "| `channel` |" in source
