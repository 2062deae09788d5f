"""Money and token counts in words: the one implementation every page,
chart, export and engine explanation uses."""

from __future__ import annotations


def format_usd(amount: float) -> str:
    """A monthly or yearly amount: whole dollars from $100 up ($6,670), cents below."""
    return f"${amount:,.0f}" if amount >= 100 else f"${amount:,.2f}"


def format_price(price: float) -> str:
    """A price per million tokens, without the dollar sign: 0.05 → '0.05',
    0.017 → '0.017', 2.5 → '2.50'."""
    text = f"{price:.3f}"
    return text[:-1] if text.endswith("0") else text


def format_usd_compact(amount: float) -> str:
    """An axis label: $1.5M, $20k, $300, $0.10."""
    if amount >= 1e6:
        return f"${amount / 1e6:.1f}M"
    if amount >= 1e3:
        return f"${amount / 1e3:.0f}k"
    if amount >= 1:
        return f"${amount:.0f}"
    return f"${amount:.2f}"


def format_tokens(tokens: float) -> str:
    """In running text: 100000000 → '100 M', 1e9 → '1 B'."""
    for size, unit in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if tokens >= size:
            return f"{tokens / size:.3g} {unit}"
    return f"{tokens:.0f}"


def format_tokens_words(tokens: float) -> str:
    """For a reader: 5e8 → '500 million', 1.5e9 → '1.5 billion'."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if tokens >= size:
            scaled = tokens / size
            text = f"{scaled:.0f}" if scaled >= 10 else f"{scaled:.1f}".rstrip("0").rstrip(".")
            return f"{text} {word}"
    return f"{tokens:,.0f}"


def format_tokens_compact(tokens: float) -> str:
    """A label or table cell: 200000 → '200K', 1048576 → '1.05M', 1e11 → '100B'."""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if tokens >= size:
            return f"{tokens / size:.3g}{suffix}"
    return f"{tokens:.0f}"
