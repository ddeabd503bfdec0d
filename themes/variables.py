"""Theme variables: the typed settings a manifest declares and a site may override.

A manifest declares each variable with a type; a site's ``ClusterSite.theme_variables`` holds
overrides. Manifest mistakes are reported in English (they are the developer's), a site's bad
values in Chinese (the information office sees them in the admin).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

COLOUR_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
CSS_PROPERTY_RE = re.compile(r"^--[a-z][a-z0-9-]*$")
TYPES = ("color", "image", "choice", "text")
# WCAG 2.x AA (GB/T 37668-2019) for normal text.
MIN_CONTRAST = 4.5


def normalise_colour(value: str) -> str:
    """``#abc`` → ``#aabbcc``, lower case."""
    value = value.strip().lower()
    if len(value) == 4:
        value = "#" + "".join(ch * 2 for ch in value[1:])
    return value


def relative_luminance(colour: str) -> float:
    colour = normalise_colour(colour)
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class ThemeVariable:
    """One variable of a theme manifest (``[variables.<name>]``)."""

    name: str
    label: str
    type: str
    default: object = ""
    css: str = ""  # CSS custom property set from the value, e.g. --brand
    help: str = ""
    choices: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    contrast_with: str = ""  # a colour the value must reach 4.5:1 against
    max_length: int = 60
    static_root: str = ""  # "themes/<name>/": where an image default's path is relative to

    def clean(self, value):
        """A site's override → the stored value, or ValidationError (in Chinese)."""
        if value is None or value == "":
            return None
        if self.type == "color":
            if not isinstance(value, str) or not COLOUR_RE.match(value.strip()):
                raise ValidationError(
                    f"“{self.label}”必须是十六进制颜色，如 #0b4ea2（可简写为 #08f）。"
                )
            value = normalise_colour(value)
            if self.contrast_with:
                ratio = contrast_ratio(value, self.contrast_with)
                if ratio < MIN_CONTRAST:
                    raise ValidationError(
                        f"“{self.label}”与文字颜色 {self.contrast_with} 的对比度只有 "
                        f"{ratio:.1f}:1，至少需要 {MIN_CONTRAST}:1，请选择更深或更浅的颜色。"
                    )
            return value
        if self.type == "choice":
            allowed = dict(self.choices)
            if value not in allowed:
                options = "、".join(allowed.values())
                raise ValidationError(f"“{self.label}”只能是以下之一：{options}。")
            return value
        if self.type == "image":
            # A Wagtail image chosen in the admin, stored by id.
            try:
                image_id = int(value)
            except (TypeError, ValueError):
                raise ValidationError(f"“{self.label}”必须是图片库中的图片。") from None
            if image_id <= 0:
                raise ValidationError(f"“{self.label}”必须是图片库中的图片。")
            return image_id
        if not isinstance(value, str):
            raise ValidationError(f"“{self.label}”必须是文字。")
        value = value.strip()
        if len(value) > self.max_length:
            raise ValidationError(f"“{self.label}”不能超过 {self.max_length} 个字符。")
        if any(ch in value for ch in "<>{};\\"):
            raise ValidationError(f"“{self.label}”不能包含 < > {{ }} ; \\ 等符号。")
        return value


def variable_from_manifest(name: str, spec, inherited: ThemeVariable | None) -> ThemeVariable:
    """Build a variable from its manifest table; a child theme may override only some keys.

    Raises ValueError with an English message on a malformed declaration.
    """
    if not isinstance(spec, dict):
        raise ValueError("must be a table")
    unknown = set(spec) - {
        "label",
        "type",
        "default",
        "css",
        "help",
        "choices",
        "contrast_with",
        "max_length",
    }
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(sorted(unknown))}")
    base = inherited.__dict__.copy() if inherited else {"name": name}
    merged = {**base, **{k: v for k, v in spec.items() if k != "choices"}}
    if "choices" in spec:
        if not isinstance(spec["choices"], dict) or not spec["choices"]:
            raise ValueError("choices must be a non-empty table of value = label")
        merged["choices"] = tuple((str(k), str(v)) for k, v in spec["choices"].items())
    for key in ("label", "type"):
        if not isinstance(merged.get(key), str) or not merged[key]:
            raise ValueError(f"'{key}' is required")
    if merged["type"] not in TYPES:
        raise ValueError(f"type '{merged['type']}' is not one of {', '.join(TYPES)}")
    if inherited and merged["type"] != inherited.type:
        raise ValueError(f"cannot change the type of inherited variable ({inherited.type})")
    css = merged.get("css", "")
    if css and not (isinstance(css, str) and CSS_PROPERTY_RE.match(css)):
        raise ValueError(f"css '{css}' is not a custom property name such as --brand")
    contrast_with = merged.get("contrast_with", "")
    if contrast_with and not (isinstance(contrast_with, str) and COLOUR_RE.match(contrast_with)):
        raise ValueError(f"contrast_with '{contrast_with}' is not a colour such as #ffffff")
    if not isinstance(merged.get("max_length", 60), int):
        raise ValueError("max_length must be an integer")
    default = merged.get("default", "")
    if merged["type"] == "color":
        if not (isinstance(default, str) and COLOUR_RE.match(default)):
            raise ValueError(f"default {default!r} is not a colour (#RRGGBB or #RGB)")
        merged["default"] = normalise_colour(default)
        if contrast_with and contrast_ratio(default, contrast_with) < MIN_CONTRAST:
            raise ValueError(
                f"default {default} has contrast {contrast_ratio(default, contrast_with):.2f}:1 "
                f"against {contrast_with}; at least {MIN_CONTRAST}:1 is required"
            )
    elif merged["type"] == "choice":
        if not merged.get("choices"):
            raise ValueError("a choice variable needs choices")
        if default not in dict(merged["choices"]):
            raise ValueError(f"default {default!r} is not one of its choices")
    elif not isinstance(default, str):
        raise ValueError("default must be a string")
    return ThemeVariable(**merged)


def clean_site_values(variables: dict[str, ThemeVariable], values) -> tuple[dict, dict]:
    """Validate a site's overrides against a theme: ``(cleaned, {name: [messages]})``."""
    cleaned, errors = {}, {}
    if not isinstance(values, dict):
        return {}, {"__all__": ["主题变量必须是“变量名: 值”的集合。"]}
    for name, value in values.items():
        variable = variables.get(name)
        if variable is None:
            errors.setdefault(name, []).append(f"当前主题没有名为“{name}”的变量。")
            continue
        try:
            value = variable.clean(value)
        except ValidationError as exc:
            errors.setdefault(name, []).extend(exc.messages)
            continue
        if value is not None:
            cleaned[name] = value
    return cleaned, errors
