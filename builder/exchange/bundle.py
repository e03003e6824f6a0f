"""The bundle: a zip holding manifest.json, items/<implementation code>.json (canonical JSON) and
files/<sha256> (blank forms, samples). Writing is deterministic: the same content gives the same bytes.
Reading checks everything before anything is used and reports every problem in Chinese.

Reading is bounded: a bundle is small on the wire but its definitions expand in memory (a JSON
``[{},{},…]`` costs ~25× its size as Python objects), so every entry and the whole bundle have caps on
bytes *and* on JSON values, checked on the raw bytes before anything is parsed. Memory for the
parsed definitions stays under ~100 bytes per counted value (SECURITY.md has the numbers)."""
from __future__ import annotations

import hashlib
import io
import re
import struct
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field

from runtime import strict_json
from runtime.engine.definition import SCHEMA_VERSION
from runtime.engine.definition_migrations import upgrade_definition
from runtime.decompression_limits import is_bomb
from runtime.engine.file_refs import file_refs
from runtime.engine.schema import definition_schema
from runtime.file_types import detect_format

from . import limits
from .bundle_writer import MANIFEST, BundleWriter, PreparedItem
from .format_migrations import format_problem, upgrade_bundle
from .limits import json_values_bound

_ITEM_NAME = re.compile(r"^items/([0-9A-Z]{10,64})\.json$")
_FILE_NAME = re.compile(r"^files/([0-9a-f]{64})$")
# Everything a damaged zip can raise while being opened or read.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError, ValueError,
               NotImplementedError, zlib.error, struct.error, UnicodeDecodeError)


class BundleError(ValueError):
    """The bundle cannot be used; ``problems`` lists every reason, in Chinese."""

    def __init__(self, problems: list[str]):
        super().__init__(";".join(problems))
        self.problems = problems


@dataclass
class Bundle:
    manifest: dict
    definitions: dict = field(default_factory=dict)   # implementation code -> definition
    files: dict = field(default_factory=dict)         # sha256 -> bytes
    notes: list = field(default_factory=list)         # what was upgraded on the way in (Chinese)


def write_bundle(definitions: list[tuple[dict, int]], files: dict[str, bytes], *, exporter: str,
                 exported_at: str) -> bytes:
    """A bundle in memory. ``definitions``: (definition, version number) pairs. Output depends only on the
    arguments. Exports from the database stream into a file instead (export.py)."""
    out = io.BytesIO()
    writer = BundleWriter(out, exporter=exporter, exported_at=exported_at,
                          size_of=lambda sha: len(files[sha]) if sha in files else None, read=files.__getitem__)
    for definition, number in sorted(definitions, key=lambda d: d[0]["implementation"]["implementation_code"]):
        writer.add(PreparedItem.of(definition, number))
    writer.close()
    return out.getvalue()


def read_bundle(data: bytes) -> Bundle:
    """Check and read a bundle; BundleError lists every problem found."""
    if len(data) > limits.MAX_BUNDLE_BYTES:
        raise BundleError([f"文件过大(超过 {limits.MAX_BUNDLE_BYTES // 1024 // 1024} MB)"])
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except _ZIP_ERRORS:
        raise BundleError(["不是有效的事项交换包(zip 文件损坏或不完整)"]) from None
    problems: list[str] = []
    if len(infos) > limits.MAX_ENTRIES:
        raise BundleError([f"交换包内文件过多(超过 {limits.MAX_ENTRIES} 个)"])
    if sum(i.file_size for i in infos) > limits.MAX_UNCOMPRESSED:
        raise BundleError(["交换包解压后过大,拒绝处理"])
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        problems.append("交换包中有重名文件")
    for info in infos:
        if info.filename != MANIFEST and not (_ITEM_NAME.match(info.filename) or _FILE_NAME.match(info.filename)):
            problems.append(f"交换包中有不允许的文件名“{info.filename[:80]}”")
    if MANIFEST not in names:
        raise BundleError(problems + ["交换包缺少 manifest.json"])
    if problems:
        raise BundleError(problems)
    manifest = _json(zf, MANIFEST, limits.MAX_MANIFEST_BYTES, problems)
    if not isinstance(manifest, dict):
        raise BundleError(problems or ["manifest.json 应为 JSON 对象"])
    fmt = manifest.get("bundle_format")
    refused = format_problem(fmt)
    if refused:
        raise BundleError([refused])
    # An older version with a registered migration passes (its definitions are upgraded one by one);
    # one without a migration is refused like a newer one, as docs/exchange.md says.
    schema = upgrade_definition({"schema_version": manifest.get("schema_version", SCHEMA_VERSION)}).problem
    if schema is not None:
        raise BundleError([f"manifest.json 中的事项定义格式版本:{schema.message}"])
    bundle = Bundle(manifest=manifest)
    listed = manifest.get("items")
    if not isinstance(listed, list) or not listed:
        raise BundleError(["manifest.json 中没有事项清单"])
    _check_listing(zf, listed)
    total_values = 0
    for entry in listed:
        code = entry.get("implementation_code") if isinstance(entry, dict) else None
        name = f"items/{code}.json"
        if not isinstance(code, str) or not _ITEM_NAME.match(name):
            problems.append(f"事项清单中的实施编码无效:{str(code)[:40]}")
            continue
        if name not in names:
            problems.append(f"缺少事项定义文件 {name}")
            continue
        raw = _read(zf, name, limits.MAX_DEFINITION_BYTES, problems)
        if raw is None:
            continue
        if hashlib.sha256(raw).hexdigest() != entry.get("sha256"):
            problems.append(f"{name} 的校验值不符,文件可能被篡改或损坏")
            continue
        values = json_values_bound(raw)
        if values > limits.MAX_DEFINITION_VALUES:
            problems.append(f"{name} 结构过于庞大(超过 {limits.MAX_DEFINITION_VALUES:,} 个值),拒绝解析")
            continue
        total_values += values
        if total_values > limits.MAX_DEFINITIONS_VALUES:
            raise BundleError([f"交换包中的事项定义合计超过 {limits.MAX_DEFINITIONS_VALUES:,} 个值,请分成几个交换包导出"])
        try:
            definition = strict_json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:   # strict: no NaN/Infinity, nesting within limits
            problems.append(f"{name} 不是有效的 JSON{_detail(exc)}")
            continue
        impl = definition.get("implementation") if isinstance(definition, dict) else None
        if not isinstance(impl, dict) or impl.get("implementation_code") != code:
            problems.append(f"{name} 的实施编码与清单不一致")
            continue
        shape = shape_problems(definition)
        if shape:
            problems.extend(f"{name}:{p}" for p in shape)
            continue
        bundle.definitions[code] = definition
    if not problems:
        _upgrade(bundle, fmt, problems)
    wanted = set()
    for definition in bundle.definitions.values():
        wanted |= set(file_refs(definition))
    present = [f"files/{sha}" for sha in wanted if f"files/{sha}" in names]
    if sum(zf.getinfo(name).file_size for name in present) > limits.MAX_FILES_BYTES:
        raise BundleError([f"交换包中的附件合计超过 {limits.MAX_FILES_BYTES // 1024 // 1024} MB,请分成几个交换包导出"])
    for sha in sorted(wanted):
        name = f"files/{sha}"
        if name not in names:
            problems.append(f"缺少附件 {sha[:12]}…")
            continue
        data_ = _read(zf, name, limits.MAX_FILE_BYTES, problems)
        if data_ is not None and hashlib.sha256(data_).hexdigest() != sha:
            problems.append(f"附件 {sha[:12]}… 的内容与校验值不符")
        elif data_ is not None and detect_format(data_) is None:
            problems.append(f"附件 {sha[:12]}… 不是允许的文件格式")
        elif data_ is not None and is_bomb(detect_format(data_), data_):
            problems.append(f"附件 {sha[:12]}… 解压后过大(疑似压缩炸弹),拒绝导入")
        elif data_ is not None:
            bundle.files[sha] = data_
    if problems:
        raise BundleError(problems)
    return bundle


def _check_listing(zf: zipfile.ZipFile, listed: list) -> None:
    """Refuse at once what would cost time or memory before any definition is read: too many items,
    an item listed twice (each repeat would be read and parsed again), too many bytes declared."""
    if len(listed) > limits.MAX_ITEMS:
        raise BundleError([f"交换包中的事项超过 {limits.MAX_ITEMS} 个,请分成几个交换包导出(例如按部门)"])
    codes = Counter(str(e.get("implementation_code"))[:64] if isinstance(e, dict) else "" for e in listed)
    repeated = [f"{code}({n} 次)" for code, n in sorted(codes.items()) if n > 1 and code]
    if repeated:
        raise BundleError(["事项清单中有重复的实施编码:" + "、".join(repeated[:10])
                           + (f" 等 {len(repeated)} 个" if len(repeated) > 10 else "")])
    declared = 0
    for code in codes:
        name = f"items/{code}.json"
        if _ITEM_NAME.match(name) and name in zf.NameToInfo:
            declared += zf.getinfo(name).file_size
    if declared > limits.MAX_DEFINITIONS_BYTES:
        raise BundleError([f"交换包中的事项定义合计超过 {limits.MAX_DEFINITIONS_BYTES // 1024 // 1024} MB,"
                           "请分成几个交换包导出"])


def _container_paths() -> dict[tuple, str]:
    """Key paths whose JSON type the later steps rely on (matching, re-keying, merging local keys,
    storing an item row): the schema's top-level objects and arrays, and the department and issuing
    body inside ``implementation``."""
    schema = definition_schema()

    def kind(node):
        ref = node.get("$ref", "")
        node = schema["$defs"][ref.rsplit("/", 1)[-1]] if ref.startswith("#/$defs/") else node
        return node.get("type") if node.get("type") in ("object", "array") else None
    paths = {(key,): kind(node) for key, node in schema["properties"].items() if kind(node)}
    inner = schema["$defs"]["Implementation"]["properties"]
    paths.update({("implementation", key): kind(inner[key]) for key in ("department", "implementing_body")})
    return paths


_CONTAINERS = _container_paths()
_TYPES = {dict: "对象", list: "数组", str: "字符串", bool: "布尔值", int: "数字", float: "数字", type(None): "null"}
_WANTED = {"object": dict, "array": list}


def shape_problems(definition: dict) -> list[str]:
    """Keys holding the wrong JSON type where an object or array is needed, named by their path (in
    Chinese). A missing key, or a wrong value inside, is for validation to report item by item."""
    problems = []
    for path, wanted in _CONTAINERS.items():
        parent = definition
        for key in path[:-1]:
            parent = parent.get(key) if isinstance(parent, dict) else None
        if not isinstance(parent, dict) or path[-1] not in parent:
            continue
        value = parent[path[-1]]
        if not isinstance(value, _WANTED[wanted]):
            problems.append(f"键 {'.'.join(path)} 应为 JSON {_TYPES[_WANTED[wanted]]},"
                            f"实际是{_TYPES.get(type(value), '其他类型')}")
    return problems


def _upgrade(bundle: Bundle, fmt, problems: list) -> None:
    """Older bundle formats, then older definition schema versions, up to the current ones."""
    try:
        manifest, definitions, steps = upgrade_bundle(fmt, bundle.manifest, bundle.definitions)
    except Exception as exc:  # noqa: BLE001 - a migration tripping on odd input is a refusal, not a crash
        problems.append(f"交换包格式版本 {fmt} 升级失败:{str(exc)[:200]}")
        return
    if len(steps) > 1:
        bundle.manifest, bundle.definitions = manifest, definitions
        bundle.notes.append(f"交换包格式版本 {steps[0]} 已升级为 {steps[-1]}")
    for code in sorted(bundle.definitions):
        upgrade = upgrade_definition(bundle.definitions[code])
        if upgrade.problem is not None:
            problems.append(f"items/{code}.json:{upgrade.problem.message}")
        elif upgrade.steps:
            bundle.definitions[code] = upgrade.doc
            bundle.notes.append(f"{code}:事项定义格式版本 {upgrade.steps[0]} 已升级为 {upgrade.steps[-1]}")


def _read(zf: zipfile.ZipFile, name: str, limit: int, problems: list) -> bytes | None:
    info = zf.getinfo(name)
    if info.file_size > limit:
        problems.append(f"{name} 过大")
        return None
    try:
        with zf.open(info) as handle:
            data = handle.read(limit + 1)
    except _ZIP_ERRORS:
        problems.append(f"{name} 已损坏,无法读取")
        return None
    if len(data) > limit:
        problems.append(f"{name} 过大")
        return None
    return data


def _detail(exc) -> str:
    return f"({exc})" if isinstance(exc, strict_json.StrictJSONError) else ""


def _json(zf, name, limit, problems):
    raw = _read(zf, name, limit, problems)
    if raw is None:
        return None
    try:
        return strict_json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        problems.append(f"{name} 不是有效的 JSON{_detail(exc)}")
        return None
