"""Document fonts: two faces cut down to the characters official documents use.

The Debian Noto CJK collections are 20-26 MB each. WeasyPrint copies the whole collection into Python
for every face of every render and HarfBuzz subsets from it: about half of a notice's render time and
~75 MB per rendering process (bench/bench_documents.py compares both). ``build_fonts`` cuts, once per installation,
the SC faces down to GB 2312 (6,763 hanzi) plus Latin, CJK and full-width punctuation (~7,700
characters, 4.9 MB Serif + 3.6 MB Sans Bold). The document CSS names them first and the full Noto
families after them, so a character outside the subset (a rare character in a name) still prints,
from the full font. Without built fonts everything works the same, only slower and bigger.

Noto CJK is under the SIL Open Font License 1.1, which allows subsetting; the cut fonts get their own
family names (OFL: modified versions must not use a reserved name; Noto reserves none, renaming is
simply honest).
"""
from __future__ import annotations

import os
from pathlib import Path

from runtime.config import INSTANCE

SERIF_FAMILY, SANS_BOLD_FAMILY = "Yiwang Serif SC", "Yiwang Sans SC"
# (file, source collection, family, weight)
FACES = (("yiwang-serif-sc.otf", "NotoSerifCJK-Regular.ttc", SERIF_FAMILY, "normal"),
         ("yiwang-sans-sc-bold.otf", "NotoSansCJK-Bold.ttc", SANS_BOLD_FAMILY, "bold"))
NOTO_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk", "/usr/share/fonts/google-noto-cjk")


def font_dir() -> Path:
    return Path(os.environ.get("YIWANG_DOCUMENT_FONTS", INSTANCE / "fonts"))


def charset() -> set[str]:
    chars = {chr(c) for c in range(0x20, 0x7F)}                       # ASCII
    for high in range(0xA1, 0xF8):                                     # GB 2312: symbols and both hanzi levels
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    chars |= {chr(c) for c in range(0x3000, 0x3040)}                   # CJK symbols and punctuation
    chars |= {chr(c) for c in range(0xFF01, 0xFF5F)}                   # full-width forms
    chars |= {chr(c) for c in range(0x2010, 0x2040)} | set("×÷№℃")      # dashes, quotes, ellipsis
    return chars


def _source(name: str) -> Path:
    for folder in NOTO_DIRS:
        if (Path(folder) / name).is_file():
            return Path(folder) / name
    raise FileNotFoundError(f"找不到字体文件 {name}(请安装 Debian 软件包 fonts-noto-cjk)")


def _sc_index(path: Path) -> int:
    from fontTools.ttLib import TTCollection
    collection = TTCollection(str(path), lazy=True)
    for index, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1).endswith(" SC"):
            return index
    raise ValueError(f"{path.name} 中没有简体中文(SC)字形")


def build_fonts(target: Path | None = None, echo=print) -> list[Path]:
    """Cut the two faces into ``target`` (default ``font_dir()``). Takes a minute or two of CPU."""
    from fontTools import subset
    from fontTools.ttLib import TTFont
    target = target or font_dir()
    target.mkdir(parents=True, exist_ok=True)
    unicodes = sorted(ord(c) for c in charset())
    written = []
    for filename, source_name, family, weight in FACES:
        source = _source(source_name)
        font = TTFont(str(source), fontNumber=_sc_index(source))
        options = subset.Options()
        options.layout_features = ["*"]     # keep locl/vert/kerning: SC punctuation placement
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)
        names = font["name"]
        full = f"{family} Bold" if weight == "bold" else family
        for name_id, value in ((1, family), (4, full), (6, full.replace(" ", "-")), (16, family)):
            names.setName(value, name_id, 3, 1, 0x409)
        partial = target / (filename + ".part")
        font.save(str(partial))
        partial.replace(target / filename)   # never a half-written font in place
        written.append(target / filename)
        echo(f"{target / filename}: {(target / filename).stat().st_size // 1024} KB")
    return written


def font_face_css(folder: Path | None = None) -> str:
    """@font-face rules for the built faces that exist (none: the CSS falls back to the full Noto fonts)."""
    folder = folder or font_dir()
    rules = []
    for filename, _source_name, family, weight in FACES:
        path = folder / filename
        if path.is_file():
            rules.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                         f'src: url("{path.resolve().as_uri()}"); }}')
    return "\n".join(rules)
