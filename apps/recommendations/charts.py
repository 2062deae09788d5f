"""Geometry for the result page's inline SVG charts (no chart library).

Pure functions: numbers in, coordinates and labels out. Templates draw the
shapes; every chart also has a text table beside it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from apps.recommendations.engine.formatting import format_tokens_compact, format_usd_compact


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    value: float
    x: float
    width: float
    y: float
    side: str  # "open", "closed" or "none"


@dataclass(frozen=True)
class FactorChart:
    width: int
    height: int
    centre: float
    row_height: int
    bars: tuple[Bar, ...]
    label_width: int


def factor_chart(
    rows: Sequence[tuple[str, str, float]], *, width: int = 520, label_width: int = 150
) -> FactorChart:
    """A diverging bar chart: closed-leaning contributions to the left of the
    centre line, open-leaning to the right, scaled to the largest one."""
    row_height = 30
    plot = width - label_width - 20
    centre = label_width + plot / 2
    largest = max((abs(value) for _, _, value in rows), default=0.0) or 1.0
    bars = []
    for index, (key, label, value) in enumerate(rows):
        length = abs(value) / largest * (plot / 2)
        side = "open" if value > 0 else "closed" if value < 0 else "none"
        x = centre if value >= 0 else centre - length
        bars.append(
            Bar(key, label, value, round(x, 1), round(length, 1), index * row_height + 28, side)
        )
    return FactorChart(
        width=width,
        height=len(bars) * row_height + 40,
        centre=round(centre, 1),
        row_height=row_height,
        bars=tuple(bars),
        label_width=label_width,
    )


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class CostChart:
    width: int
    height: int
    left: int
    top: int
    plot_width: int
    plot_height: int
    api_points: str
    self_hosted_points: str
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    break_even: tuple[float, float] | None
    volume_marker: float | None
    same_model_points: str = ""
    same_break_even: tuple[float, float] | None = None


def _tokens_label(tokens: float) -> str:
    return format_tokens_compact(tokens)


def money_label(amount: float) -> str:
    return format_usd_compact(amount)


def cost_chart(
    curve: Sequence[tuple[float, ...] | tuple[float, float | None, float | None]],
    *,
    break_even_tokens: float | None,
    volume_tokens: float | None,
    same_break_even_tokens: float | None = None,
    width: int = 520,
    height: int = 300,
) -> CostChart | None:
    """Monthly cost against monthly volume, both on log scales."""
    points = [
        tuple(point) + (None,) * (4 - len(point)) for point in curve if point[0] and point[0] > 0
    ]
    costs = [c for point in points for c in point[1:] if c is not None and c > 0]
    if len(points) < 2 or not costs:
        return None
    left, top, right, bottom = 64, 16, 16, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    x_min, x_max = math.log10(points[0][0]), math.log10(points[-1][0])
    y_min, y_max = math.floor(math.log10(min(costs))), math.ceil(math.log10(max(costs)))
    if y_max == y_min:
        y_max += 1

    def x_of(tokens: float) -> float:
        return left + (math.log10(tokens) - x_min) / (x_max - x_min) * plot_w

    def y_of(cost: float) -> float:
        cost = max(cost, 10**y_min)
        return top + plot_h - (math.log10(cost) - y_min) / (y_max - y_min) * plot_h

    def line(index: int) -> str:
        return " ".join(
            f"{x_of(p[0]):.1f},{y_of(p[index]):.1f}"
            for p in points
            if p[index] is not None and p[index] > 0
        )

    x_ticks = tuple(
        Tick(round(x_of(10**e), 1), _tokens_label(10**e))
        for e in range(math.ceil(x_min), math.floor(x_max) + 1)
    )
    y_ticks = tuple(
        Tick(round(y_of(10**e), 1), money_label(10**e)) for e in range(y_min, y_max + 1)
    )
    marker = None
    if break_even_tokens and 10**x_min <= break_even_tokens <= 10**x_max:
        api_at = _interpolate(points, break_even_tokens)
        if api_at:
            marker = (round(x_of(break_even_tokens), 1), round(y_of(api_at), 1))
    volume = (
        round(x_of(volume_tokens), 1)
        if volume_tokens and 10**x_min <= volume_tokens <= 10**x_max
        else None
    )
    return CostChart(
        width=width,
        height=height,
        left=left,
        top=top,
        plot_width=plot_w,
        plot_height=plot_h,
        api_points=line(1),
        self_hosted_points=line(2),
        same_model_points=line(3),
        same_break_even=_marker(points, same_break_even_tokens, 3, x_of, y_of, x_min, x_max),
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        break_even=marker,
        volume_marker=volume,
    )


def _marker(points, tokens, index, x_of, y_of, x_min, x_max):  # type: ignore[no-untyped-def]
    if not tokens or not 10**x_min <= tokens <= 10**x_max:
        return None
    cost = _interpolate(points, tokens, index)
    return None if not cost else (round(x_of(tokens), 1), round(y_of(cost), 1))


def _interpolate(points, tokens: float, index: int = 1) -> float | None:
    """An API cost line's value at `tokens` (log-linear between samples)."""
    for first, second in zip(points, points[1:], strict=False):
        t0, a0, t1, a1 = first[0], first[index], second[0], second[index]
        if t0 <= tokens <= t1 and a0 and a1:
            share = (math.log10(tokens) - math.log10(t0)) / (math.log10(t1) - math.log10(t0))
            return 10 ** (math.log10(a0) + share * (math.log10(a1) - math.log10(a0)))
    return None
