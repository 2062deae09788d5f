"""A page compressed once in parts, joined with fresh bytes per response,
is a valid gzip stream of the whole page."""

from __future__ import annotations

import gzip
import os

import pytest

from apps.core.gzip_parts import compress_parts, gzip_joined

PAGES = [
    [b"<p>only one part, no token</p>"],
    [b"", b""],
    [b"<form>", b"</form><form>", b"</form>"],
    [b"\xc3\xa9t\xc3\xa9 " * 5000, b"x", os.urandom(200_000), b""],
]


@pytest.mark.parametrize("parts", PAGES)
def test_any_parts_joined_by_any_token_decompress_to_the_whole_page(parts):
    packed = compress_parts(parts)
    for token in (b"", b"t0k3n" * 12, os.urandom(64)):
        assert gzip.decompress(gzip_joined(parts, packed, token)) == token.join(parts)


def test_a_token_longer_than_a_stored_block_is_refused():
    parts = [b"a", b"b"]
    with pytest.raises(ValueError):
        gzip_joined(parts, compress_parts(parts), b"x" * 70_000)
