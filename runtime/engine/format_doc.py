"""Generate the key reference of ``item_defs/FORMAT.md`` from the JSON Schema.

The schema is the single source of truth: titles are the Chinese element names, descriptions
explain the key, ``x-enum-labels`` give the Chinese labels of codes and ``x-scope`` says which
keys the basic catalogue fixes (三级四同). A test fails when FORMAT.md is out of date;
``python -m runtime.engine.format_doc`` rewrites it.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .schema import definition_schema

FORMAT_MD = Path(__file__).resolve().parents[2] / "item_defs" / "FORMAT.md"
BEGIN = "<!-- BEGIN GENERATED KEY REFERENCE (python -m runtime.engine.format_doc) -->"
END = "<!-- END GENERATED KEY REFERENCE -->"
SCOPE = {"catalogue": "基本目录(三级四同)", "local": "本地实施", "shared": "随定义共享"}
TYPE_ZH = {"string": "文本", "integer": "整数", "number": "数字", "boolean": "是/否", "object": "对象", "array": "列表",
           "null": "空"}


def _resolve(schema, node):
    if isinstance(node, dict) and "$ref" in node:
        target = schema["$defs"][node["$ref"].split("/")[-1]]
        merged = dict(target)
        merged.update({k: v for k, v in node.items() if k != "$ref"})
        merged["_ref"] = node["$ref"].split("/")[-1]
        return merged
    return node


def _type_text(node) -> str:
    if "_ref" in node and node["_ref"] not in ("Text", "ShortText", "Id"):
        return f"[{node['_ref']}](#{node['_ref'].lower()})"
    if node.get("_ref") == "Id":
        return "标识 (id)"
    if "const" in node:
        return f"`{node['const']}`"
    if "enum" in node:
        return "代码"
    if "oneOf" in node:
        return " 或 ".join(_type_text(o) for o in node["oneOf"])
    t = node.get("type")
    if isinstance(t, list):
        return " / ".join(TYPE_ZH.get(x, x) for x in t)
    if t == "array":
        items = node.get("items", {})
        if "$ref" in items:
            items = dict(items, _ref=items["$ref"].split("/")[-1])
        inner = _type_text(items) if items else "任意"
        return f"列表,每项为 {inner}"
    if t:
        return TYPE_ZH.get(t, t)
    if node.get("_ref") in ("Text", "ShortText"):
        return "文本"
    return "任意 JSON" if not node else "见说明"


def _values_text(node) -> str:
    labels = node.get("x-enum-labels") or node.get("items", {}).get("x-enum-labels") or {}
    enum = node.get("enum") or node.get("items", {}).get("enum")
    if enum:
        return "; ".join(f"`{v}` {labels.get(v, '')}".strip() for v in enum)
    if labels:
        return "; ".join(f"`{k}` {v}" for k, v in labels.items())
    bits = []
    for key, word in (("minimum", "≥"), ("maximum", "≤"), ("minLength", "长度≥"), ("maxLength", "长度≤"),
                      ("minItems", "项数≥"), ("maxItems", "项数≤")):
        if key in node:
            bits.append(f"{word}{node[key]}")
    if "pattern" in node:
        bits.append(f"格式 `{node['pattern']}`")
    if "default" in node:
        bits.append(f"默认 `{node['default']}`")
    return ", ".join(bits)


def _inline_object(node) -> bool:
    return isinstance(node, dict) and "_ref" not in node and "$ref" not in node and bool(node.get("properties"))


def _link(name: str) -> str:
    return f"[{name}](#{name.lower().replace('.', '')})"


def _table(schema, name, node) -> list[str]:
    node = _resolve(schema, node)
    props = dict(node.get("properties", {}))
    if not props:
        return []
    required = set(node.get("required", []))
    out = [f"### {name}", ""]
    if node.get("title"):
        out += [f"**{node['title']}**" + (f" — {SCOPE[node['x-scope']]}" if node.get("x-scope") else ""), ""]
    for part in node.get("allOf", []):
        base = part["$ref"].split("/")[-1]
        out += [f"All keys of [{base}](#{base.lower()}), plus:", ""]
    if node.get("description"):
        out += [node["description"], ""]
    out += ["| 键 key | 要素名称 | 必填 | 类型 | 取值 | 说明 |", "| --- | --- | --- | --- | --- | --- |"]
    nested = []   # objects written inline in the schema get their own table, so every sub-key is listed
    for key, sub in props.items():
        resolved = _resolve(schema, sub)
        type_text = _type_text(resolved)
        if _inline_object(resolved):
            nested.append((f"{name}.{key}", resolved))
            type_text = _link(f"{name}.{key}")
        elif resolved.get("type") == "array" and _inline_object(resolved.get("items")):
            nested.append((f"{name}.{key}", resolved["items"]))
            type_text = f"列表,每项为 {_link(f'{name}.{key}')}"
        title = sub.get("title") or resolved.get("title", "")
        scope = SCOPE.get(resolved.get("x-scope"), "")
        desc = (sub.get("description") or resolved.get("description") or "").replace("|", "\\|").replace("\n", " ")
        if scope:
            desc = f"范围:{scope}。" + desc
        out.append(f"| `{key}` | {title} | {'是' if key in required else ''} | {type_text} | "
                   f"{_values_text(resolved).replace('|', chr(92) + '|')} | {desc} |")
    out.append("")
    for child_name, child in nested:
        out += _table(schema, child_name, child)
    return out


def render_reference() -> str:
    schema = definition_schema()
    lines = ["## Key reference (generated from the schema)", ""]
    lines += _table(schema, "ItemDefinition", schema)
    for name, node in schema["$defs"].items():
        lines += _table(schema, name, node)
    return "\n".join(lines).rstrip() + "\n"


def updated_format_md(text: str) -> str:
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    return f"{head}{BEGIN}\n{render_reference()}{END}{tail}"


def main() -> int:
    text = FORMAT_MD.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        print(f"{FORMAT_MD}: markers missing", file=sys.stderr)
        return 1
    FORMAT_MD.write_text(updated_format_md(text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
