"""Money and token counts read the same everywhere: one implementation."""

from __future__ import annotations

import pytest

from apps.recommendations.engine.formatting import (
    format_price,
    format_tokens,
    format_tokens_compact,
    format_tokens_words,
    format_usd,
    format_usd_compact,
)


@pytest.mark.parametrize(
    ("amount", "text"), [(6670.4, "$6,670"), (100, "$100"), (99.5, "$99.50"), (0.1, "$0.10")]
)
def test_amounts_are_whole_dollars_from_100_and_cents_below(amount, text):
    assert format_usd(amount) == text


def test_prices_axis_labels_and_token_counts():
    assert format_price(0.017) == "0.017" and format_price(2.5) == "2.50"
    assert [format_usd_compact(v) for v in (1.5e6, 2e4, 300, 0.1)] == [
        "$1.5M",
        "$20k",
        "$300",
        "$0.10",
    ]
    assert format_tokens(1e8) == "100 M" and format_tokens(1e9) == "1 B"
    assert format_tokens_words(5e8) == "500 million" and format_tokens_words(1.5e9) == "1.5 billion"
    assert [format_tokens_compact(v) for v in (2e5, 1_048_576, 1e11, 1e6)] == [
        "200K",
        "1.05M",
        "100B",
        "1M",
    ]


def test_the_pages_use_the_engine_formatters():
    from apps.catalogue.templatetags import catalogue_tags
    from apps.recommendations import charts
    from apps.recommendations.templatetags import recommendations

    assert recommendations.usd(6670.4) == catalogue_tags.usd_month(6670.4) == "$6,670"
    assert recommendations.tokens(5e8) == "500 million"
    assert catalogue_tags.tokens(1e8) == "100 M"
    assert catalogue_tags.compact_tokens(200_000) == "200K"
    assert charts.money_label(2e4) == "$20k"
