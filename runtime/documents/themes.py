"""Themes: themes/<name>/theme.json (name, header text, accent colour, optional logo and seal images,
wording overrides), optional document.css and templates/. Chosen by the YIWANG_THEME setting."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

THEMES_DIR = Path(__file__).resolve().parents[2] / "themes"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,40}$")


class ThemeError(ValueError):
    """A theme that cannot be used; the message is Chinese."""


@dataclass
class Theme:
    name: str
    directory: Path
    title: str = ""
    header_text: str = ""
    accent: str = "#b4232a"
    logo: Path | None = None
    seal: Path | None = None
    wording: dict = field(default_factory=dict)

    @property
    def css(self) -> str:
        path = self.directory / "document.css"
        return path.read_text("utf-8") if path.is_file() else ""

    @property
    def templates(self) -> Path:
        return self.directory / "templates"


def load_theme(name: str = "default", base: Path = THEMES_DIR) -> Theme:
    if not _NAME.match(name or ""):
        raise ThemeError(f"主题名称“{name}”无效(只能包含小写字母、数字、- 和 _)")
    directory = base / name
    try:
        spec = json.loads((directory / "theme.json").read_text("utf-8"))
    except FileNotFoundError:
        raise ThemeError(f"找不到主题“{name}”(应有 themes/{name}/theme.json)") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ThemeError(f"主题“{name}”的 theme.json 不是有效的 JSON:{exc}") from None

    def image(key):
        if not spec.get(key):
            return None
        path = (directory / spec[key]).resolve()
        if directory.resolve() not in path.parents or not path.is_file():
            raise ThemeError(f"主题“{name}”的 {key} 图片必须是主题目录内的文件")
        return path

    accent = spec.get("accent", "#b4232a")
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", accent):
        raise ThemeError(f"主题“{name}”的 accent 颜色应为 #RRGGBB")
    return Theme(name=name, directory=directory, title=spec.get("name", name), header_text=spec.get("header_text", ""),
                 accent=accent, logo=image("logo"), seal=image("seal"),
                 wording={k: str(v) for k, v in (spec.get("wording") or {}).items()})
