"""A site's items per month as an inline SVG bar chart (no script, no CDN)."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 480, 180, 34, 22, 12


def monthly_bars(months: list[int], title: str) -> SafeString:
    peak = max(max(months), 1)
    slot = (WIDTH - LEFT) / 12
    plot = HEIGHT - BOTTOM - TOP
    bars = []
    for index, value in enumerate(months):
        height = plot * value / peak
        x = LEFT + index * slot + slot * 0.15
        y = TOP + plot - height
        bars.append(
            (f"{x:.1f}", f"{y:.1f}", f"{slot * 0.7:.1f}", f"{height:.1f}", index + 1, value)
            + (f"{x + slot * 0.35:.1f}", f"{y - 3:.1f}")
        )
    rects = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#0b4ea2">'
        "<title>{}月：{} 条</title></rect>",
        ((x, y, w, h, month, value) for x, y, w, h, month, value, _, _ in bars),
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>',
        ((cx, HEIGHT - 6, month) for _, _, _, _, month, _, cx, _ in bars),
    )
    values = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="10" text-anchor="middle">{}</text>',
        ((cx, top, value) for _, _, _, _, _, value, cx, top in bars if value),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" '
        'role="img" aria-label="{}"><title>{}</title>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#666"/>'
        '<text x="2" y="{}" font-size="10">{}</text>{}{}{}</svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        title,
        title,
        LEFT,
        HEIGHT - BOTTOM,
        WIDTH,
        HEIGHT - BOTTOM,
        TOP + 8,
        peak,
        rects,
        labels,
        values,
    )
