"""The PDF/A-2b rules (ISO 19005-2, numbered as veraPDF's PDF/A-2B profile numbers them) that an issued
document could break — through WeasyPrint's output or through the signature's incremental update — checked
with pyHanko's reader over the document as a reader sees it (the last revision, every object reachable
from its trailer). veraPDF itself cannot be installed here (docs/documents.md says what is and is not
checked). ``problems(pdf)`` returns one line per broken rule, empty when none."""
from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader

# 6.5.1: actions a conforming file shall not contain
FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide", "/SetOCGState",
                     "/Rendition", "/Trans", "/GoTo3DView", "/JavaScript", "/SetState", "/NOP"}
ALLOWED_NAMED_ACTIONS = {"/NextPage", "/PrevPage", "/FirstPage", "/LastPage"}
# 6.2.10-1: the blend modes of ISO 32000-1
BLEND_MODES = {"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken", "/Lighten", "/ColorDodge",
               "/ColorBurn", "/HardLight", "/SoftLight", "/Difference", "/Exclusion", "/Hue", "/Saturation",
               "/Color", "/Luminosity"}
# 6.6.2.3.1: namespaces of the XMP schemas predefined by the XMP specification and ISO 19005 (properties
# in any other namespace need an extension schema, which our documents never carry)
PREDEFINED_XMP = {"http://purl.org/dc/elements/1.1/", "http://ns.adobe.com/xap/1.0/", "http://ns.adobe.com/xap/1.0/rights/",
                  "http://ns.adobe.com/xap/1.0/mm/", "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
                  "http://ns.adobe.com/pdf/1.3/", "http://ns.adobe.com/photoshop/1.0/", "http://ns.adobe.com/tiff/1.0/",
                  "http://ns.adobe.com/exif/1.0/", "http://ns.adobe.com/exif/1.0/aux/", "http://ns.adobe.com/camera-raw-settings/1.0/",
                  "http://www.aiim.org/pdfa/ns/id/", "http://ns.adobe.com/xap/1.0/sType/ResourceRef#"}
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
ANNOTATION_FLAGS = {0: "Invisible", 1: "Hidden", 5: "NoView", 8: "ToggleNoView"}   # bit (0-based) -> name


def _get(dictionary, key, default=None):
    """A dictionary entry with indirect references resolved (pyHanko's ``get`` returns them raw)."""
    return dictionary[key] if key in dictionary else default


def problems(pdf: bytes) -> list[str]:
    found: list[str] = []
    reader = PdfFileReader(io.BytesIO(pdf))
    _file_structure(pdf, reader, found)
    root = reader.root
    _catalog(root, found)
    _metadata(root, found)
    _output_intent(root, found)
    for obj in _reachable(reader):
        _object(obj, found)
    for page in _pages(root):
        if "/AA" in page:
            found.append("6.5.2-2 a page has additional actions (/AA)")
        for annotation in _get(page, "/Annots", generic.ArrayObject()):
            _annotation(annotation.get_object(), found)
    _signatures(pdf, reader, found)
    return sorted(set(found))


def _file_structure(pdf: bytes, reader, found):
    if not re.match(rb"%PDF-1\.[0-7](\r\n|\r|\n)%[\x80-\xff]{4}", pdf):
        found.append("6.1.2 the header is not %PDF-1.n followed by a comment of four bytes above 127")
    if "/ID" not in reader.trailer_view:
        found.append("6.1.3-1 the trailer has no file identifier (/ID)")
    if "/Encrypt" in reader.trailer_view:
        found.append("6.1.3-2 the file is encrypted")
    if not re.search(rb"%%EOF(\r\n|\r|\n)?$", pdf):
        found.append("6.1.3-3 data follows the last %%EOF")


def _catalog(root, found):
    for key, rule in (("/Requirements", "6.11-1"), ("/NeedsRendering", "6.4.2-2"), ("/AA", "6.5.2-1")):
        if key in root:
            found.append(f"{rule} the catalog has {key}")
    names = _get(root, "/Names", generic.DictionaryObject())
    for key, rule in (("/JavaScript", "6.5.1-1"), ("/EmbeddedFiles", "6.8-5"), ("/AlternatePresentations", "6.10-1")):
        if key in names:
            found.append(f"{rule} the name dictionary has {key}")
    form = _get(root, "/AcroForm", generic.DictionaryObject())
    if _get(form, "/NeedAppearances", False):
        found.append("6.4.1-3 the form sets NeedAppearances")
    if "/XFA" in form:
        found.append("6.4.2-1 the form carries XFA")
    if set(_get(root, "/Perms", generic.DictionaryObject())) - {"/UR3", "/DocMDP"}:
        found.append("6.1.12-1 the permissions dictionary has keys other than UR3 and DocMDP")


def _metadata(root, found):
    if "/Metadata" not in root:
        found.append("6.6.2.1-1 the catalog has no metadata stream")
        return
    stream = root["/Metadata"]
    if _get(stream, "/Type") != "/Metadata" or _get(stream, "/Subtype") != "/XML":
        found.append("6.6.2.1-1 the metadata stream is not /Type /Metadata /Subtype /XML")
    data = stream.data
    header = re.search(rb"<\?xpacket begin=[^>]*\?>", data)
    if header and re.search(rb"\b(bytes|encoding)=", header.group(0)):
        found.append("6.6.2.1-2/3 the XMP packet header has a bytes or encoding attribute")
    try:
        tree = ET.fromstring(data.decode("utf-8").split("?>", 1)[1].rsplit("<?xpacket", 1)[0])
    except (UnicodeDecodeError, ET.ParseError, IndexError):
        found.append("6.6.2.1-4/5 the XMP packet is not well-formed UTF-8 XML")
        return
    values = {}
    for description in tree.iter(f"{{{RDF}}}Description"):
        for name, value in description.attrib.items():
            values[name] = value
        for child in description:
            values[child.tag] = (child.text or "").strip()
    pdfaid = "{http://www.aiim.org/pdfa/ns/id/}"
    if _get(values, pdfaid + "part") != "2" or _get(values, pdfaid + "conformance") != "B":
        found.append(f"6.6.4 the XMP does not identify PDF/A-2B (part {_get(values, pdfaid + 'part')}, "
                     f"conformance {_get(values, pdfaid + 'conformance')})")
    for name in values:
        namespace = name[1:].split("}")[0] if name.startswith("{") else ""
        if namespace and namespace != RDF and namespace not in PREDEFINED_XMP and not name.endswith("}about"):
            found.append(f"6.6.2.3.1 XMP property {name} is outside the predefined schemas")


def _output_intent(root, found):
    intents = [i.get_object() for i in _get(root, "/OutputIntents", generic.ArrayObject())]
    pdfa = [i for i in intents if _get(i, "/S") == "/GTS_PDFA1"]
    if not pdfa or "/DestOutputProfile" not in pdfa[0]:
        found.append("6.2.3 no PDF/A output intent with a destination profile")
        return
    profile = pdfa[0]["/DestOutputProfile"].data
    if profile[12:16] not in (b"mntr", b"prtr") or profile[16:20] not in (b"RGB ", b"GRAY", b"CMYK"):
        found.append(f"6.2.3-1 the output profile is class {profile[12:16]!r}, colour space {profile[16:20]!r}")


def _reachable(reader):
    """Every direct and indirect object reachable from the trailer, each once."""
    seen, todo = set(), [reader.trailer_view]
    while todo:
        obj = todo.pop()
        if isinstance(obj, generic.IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        if isinstance(obj, generic.DictionaryObject):   # streams too
            yield obj
            todo.extend(obj.raw_get(k) for k in obj if k not in ("/Parent", "/P"))
        elif isinstance(obj, generic.ArrayObject):
            todo.extend(obj.raw_get(i) for i in range(len(obj)))


def _object(obj, found):
    for name in obj:
        value = obj.raw_get(name)
        if len(name.encode()) > 128:
            found.append("6.1.13-4 a name longer than 127 bytes")
        if isinstance(value, (generic.TextStringObject, generic.ByteStringObject)) and _string_bytes(value) > 32767:
            found.append(f"6.1.13-3 the string {name} is longer than 32,767 bytes")
    if isinstance(obj, generic.StreamObject):
        if {"/F", "/FFilter", "/FDecodeParms"} & set(obj):
            found.append("6.1.7.1-3 a stream names an external file (/F, /FFilter, /FDecodeParms)")
        filters = _get(obj, "/Filter")
        filters = [filters] if isinstance(filters, generic.NameObject) else list(filters or [])
        if {"/LZWDecode", "/Crypt"} & set(filters):
            found.append(f"6.1.7.2-1 a stream uses the filter {filters}")
    kind = _get(obj, "/Type")
    subtype = _get(obj, "/Subtype")
    if subtype == "/Image":
        if _get(obj, "/Interpolate", False):
            found.append("6.2.8-3 an image asks for interpolation")
        if "/Alternates" in obj or "/OPI" in obj:
            found.append("6.2.8-1/2 an image has Alternates or OPI")
    if subtype in ("/PS",) or _get(obj, "/Subtype2") == "/PS" or (subtype == "/Form" and ("/Ref" in obj or "/OPI" in obj)):
        found.append("6.2.9 a PostScript or reference XObject")
    if kind == "/ExtGState" or ("/TR" in obj or "/TR2" in obj or "/HTP" in obj or "/BM" in obj):
        if "/TR" in obj or "/HTP" in obj or _get(obj, "/TR2", "/Default") != "/Default":
            found.append("6.2.5 a graphics state sets a transfer function or halftone phase")
        modes = _get(obj, "/BM")
        modes = [modes] if isinstance(modes, generic.NameObject) else list(modes or [])
        if set(modes) - BLEND_MODES:
            found.append(f"6.2.10-1 a blend mode outside ISO 32000-1: {modes}")
    if kind == "/Font" and subtype != "/Type3":
        font = obj["/DescendantFonts"][0].get_object() if subtype == "/Type0" else obj
        descriptor = _get(font, "/FontDescriptor")
        if descriptor is None or not {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.get_object()):
            found.append(f"6.2.11.4.1-1 the font {_get(font, '/BaseFont')} is not embedded")
    action = _get(obj, "/S")
    if action in FORBIDDEN_ACTIONS or "/JS" in obj:     # /S also names group and mask kinds: only these are actions
        found.append(f"6.5.1-1 a {action} action")
    if action == "/Named" and _get(obj, "/N") not in ALLOWED_NAMED_ACTIONS:
        found.append(f"6.5.1-2 the named action {_get(obj, '/N')}")


def _string_bytes(value) -> int:
    if isinstance(value, generic.ByteStringObject):
        return len(value)
    try:
        return len(value.original_bytes)
    except PdfError:                      # a string made in memory: as PDF would encode it (UTF-16 with a BOM)
        return 2 + len(str(value).encode("utf-16-be"))


def _pages(root):
    todo = [root["/Pages"]]
    while todo:
        node = todo.pop()
        if _get(node, "/Type") == "/Pages":
            todo.extend(kid.get_object() for kid in node["/Kids"])
        else:
            yield node


def _annotation(annotation, found):
    subtype = _get(annotation, "/Subtype")
    if subtype in ("/3D", "/Sound", "/Screen", "/Movie"):
        found.append(f"6.3.1-1 a {subtype} annotation")
    if subtype != "/Popup":
        flags = _get(annotation, "/F")
        if flags is None:
            found.append(f"6.3.2-1 a {subtype} annotation without flags (/F)")
        else:
            if not flags & 4:
                found.append(f"6.3.2-2 a {subtype} annotation does not print")
            for bit, name in ANNOTATION_FLAGS.items():
                if flags & (1 << bit):
                    found.append(f"6.3.2-2 a {subtype} annotation is {name}")
    x1, y1, x2, y2 = (float(v) for v in _get(annotation, "/Rect", (0, 0, 0, 0)))
    if "/AP" not in annotation and subtype != "/Popup" and not (x1 == x2 and y1 == y2):
        found.append(f"6.3.3-1 a {subtype} annotation without an appearance")
    if "/AP" in annotation and set(annotation["/AP"]) != {"/N"}:
        found.append(f"6.3.3-2 a {subtype} annotation's appearance has {sorted(annotation['/AP'])}, not only /N")
    if subtype == "/Widget" and ("/A" in annotation or "/AA" in annotation):
        found.append("6.4.1-1 a widget annotation has actions")


def _signatures(pdf: bytes, reader, found):
    for signature in reader.embedded_signatures:
        # the signed revision whole (to its %%EOF; later revisions may follow), except the signature itself
        start, first, second, rest = (int(v) for v in signature.sig_object["/ByteRange"])
        contents = pdf[start + first:second]
        revision_end = re.search(rb"%%EOF(\r\n|\r|\n)?$", pdf[:second + rest])
        if start != 0 or not revision_end or not re.fullmatch(rb"<[0-9A-Fa-f]*>", contents):
            found.append("6.4.3-1 the signature's byte range does not cover its revision but its /Contents")
        signed_data = signature.signed_data
        if len(signed_data["signer_infos"]) != 1:
            found.append("6.4.3-3 the signature has more than one signer")
        certificates = [c.chosen.dump() for c in signed_data["certificates"]]
        if signature.signer_cert.dump() not in certificates:
            found.append("6.4.3-2 the signature does not carry the signer's certificate")
