"""A gzip stream of a page compressed once, with a few bytes that change on
every response (a CSRF token) put between its parts uncompressed.

A kept page is compressed once, in parts split where the token goes; each
part but the last ends on a byte boundary without ending the stream
(zlib's full flush), so the parts and stored blocks holding this response's
token join into one valid DEFLATE stream. The gzip header carries a random
padding, as Django's GZipMiddleware does (Heal the Breach), and the token,
never compressed, gives a compression oracle nothing to measure.

RFC 1951 (DEFLATE, stored blocks: section 3.2.4), RFC 1952 (gzip).
"""

from __future__ import annotations

import secrets
import struct
import zlib
from collections.abc import Sequence

from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers

LEVEL = 6  # as GZipMiddleware
_HEADER = b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\xff"  # deflate, FNAME, no mtime, unknown OS


def compress_parts(parts: Sequence[bytes]) -> tuple[bytes, ...]:
    """Each part as raw DEFLATE blocks; the last one ends the stream."""
    packed = []
    for number, part in enumerate(parts, start=1):
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
        end = zlib.Z_FINISH if number == len(parts) else zlib.Z_FULL_FLUSH
        packed.append(compressor.compress(part) + compressor.flush(end))
    return tuple(packed)


def _stored(data: bytes) -> bytes:
    """A non-final stored block (byte-aligned: a full flush came before)."""
    if len(data) > 0xFFFF:
        raise ValueError("a stored block holds at most 65,535 bytes")
    return b"\x00" + struct.pack("<HH", len(data), len(data) ^ 0xFFFF) + data


def gzip_joined(parts: Sequence[bytes], packed: Sequence[bytes], joiner: bytes) -> bytes:
    """The gzip stream of ``joiner.join(parts)``, from ``compress_parts(parts)``."""
    padding = b"a" * secrets.randbelow(GZipMiddleware.max_random_bytes) + b"\x00"
    body = [_HEADER, padding]
    crc, size = 0, 0
    for number, (part, compressed) in enumerate(zip(parts, packed, strict=True)):
        if number:
            body.append(_stored(joiner))
            crc, size = zlib.crc32(joiner, crc), size + len(joiner)
        body.append(compressed)
        crc, size = zlib.crc32(part, crc), size + len(part)
    body.append(struct.pack("<II", crc, size & 0xFFFFFFFF))
    return b"".join(body)


def joined_response(
    request: HttpRequest, parts: Sequence[bytes], packed: Sequence[bytes], joiner: bytes
) -> HttpResponse:
    """The page ``joiner.join(parts)``, gzipped when the browser accepts it."""
    if re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        response = HttpResponse(gzip_joined(parts, packed, joiner))
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(joiner.join(parts))
    patch_vary_headers(response, ("Accept-Encoding",))
    return response
