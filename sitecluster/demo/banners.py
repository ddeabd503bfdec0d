"""Distinct banner and portrait images for the demo sites, drawn with Pillow."""

from __future__ import annotations

import colorsys
import hashlib
import io
import math

from PIL import Image, ImageDraw, ImageFilter

BANNER_SIZE = (1600, 200)


def _seed(code: str) -> int:
    return int(hashlib.sha256(code.encode()).hexdigest()[:8], 16)


def banner_png(code: str, kind: str) -> bytes:
    """A 1600×200 banner whose hue and skyline are derived from the site code."""
    seed = _seed(code)
    base_hue = {"portal": 0.60, "department": 0.58, "street": 0.02}.get(kind, 0.55)
    hue = (base_hue + (seed % 97) / 97 * 0.10 - 0.05) % 1.0
    width, height = BANNER_SIZE
    image = Image.new("RGB", BANNER_SIZE)
    draw = ImageDraw.Draw(image)
    for x in range(width):
        light = 0.22 + 0.20 * (x / width)
        r, g, b = colorsys.hls_to_rgb(hue, light, 0.75)
        draw.line([(x, 0), (x, height)], fill=(int(r * 255), int(g * 255), int(b * 255)))
    # Rays behind the skyline.
    cx = 1100 + seed % 300
    for i in range(18):
        angle = math.pi * (i / 18)
        x2 = cx + math.cos(angle) * 1400
        y2 = height - math.sin(angle) * 1400
        draw.line([(cx, height), (x2, y2)], fill=(255, 255, 255), width=1)
    # A skyline whose building heights come from the code's hash.
    x, step = 0, 0
    r, g, b = colorsys.hls_to_rgb(hue, 0.14, 0.6)
    shade = (int(r * 255), int(g * 255), int(b * 255))
    while x < width:
        w = 40 + (seed >> (step % 24)) % 70
        h = 40 + ((seed * (step + 3)) >> 5) % 110
        draw.rectangle([x, height - h, x + w - 6, height], fill=shade)
        for wy in range(height - h + 10, height - 8, 16):
            for wx in range(x + 6, x + w - 12, 12):
                if (wx * 7 + wy * 3 + seed) % 5:
                    draw.rectangle([wx, wy, wx + 4, wy + 6], fill=(250, 226, 150))
        x += w
        step += 1
    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def portrait_png(seed_text: str) -> bytes:
    """A neutral 300×400 placeholder portrait (a silhouette, not a person)."""
    seed = _seed(seed_text)
    image = Image.new("RGB", (300, 400), (220 - seed % 20, 226, 234))
    draw = ImageDraw.Draw(image)
    draw.ellipse([95, 70, 205, 190], fill=(120, 130, 145))
    draw.rounded_rectangle([55, 200, 245, 420], radius=80, fill=(40, 60, 95))
    draw.polygon([(150, 205), (135, 260), (150, 330), (165, 260)], fill=(170, 20, 30))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
