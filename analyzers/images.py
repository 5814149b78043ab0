"""Input tokens of an image part, by OpenAI's published formula ("Images and vision", *Calculating
costs*), from the image's own dimensions.

* Tile models (gpt-4o, gpt-4.1, gpt-4.5, gpt-4o-mini, gpt-5, o1, o3, ...): ``detail: "low"`` costs the
  base tokens; ``"high"`` (and ``"auto"``, which the API resolves to high for these models: measured on
  the recorded traffic) scales the image to fit 2048x2048, then so that its shortest side is at most
  768 px, and adds a fixed count per 512 px tile.
* Patch models (gpt-4.1-mini/nano, o4-mini, gpt-5-mini/nano): 32 px patches, at most 1,536 (the image is
  shrunk to fit), times a per-model multiplier.

Dimensions come from the image header when the bytes are inline (``data:`` URLs, base64): PNG, JPEG,
GIF and WebP are read with the standard library.  A URL without inline bytes has no known size: the
smallest count the detail allows is used, and the caller marks the prompt an estimate.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import math
import struct
from dataclasses import dataclass

# (model prefix, base tokens, tokens per 512 px tile); longest prefixes first where they overlap.
_TILES = (
    ("gpt-4o-mini", 2833, 5667),
    ("gpt-4o", 85, 170), ("chatgpt-4o", 85, 170), ("gpt-4.1", 85, 170), ("gpt-4.5", 85, 170),
    ("gpt-4-turbo", 85, 170), ("gpt-4-vision", 85, 170), ("gpt-4-1106-vision", 85, 170),
    ("gpt-5-chat", 70, 140), ("gpt-5", 70, 140),
    ("o1", 75, 150), ("o3", 75, 150),
    ("computer-use-preview", 65, 129),
)
# (model prefix, multiplier) of the patch-based models; checked before ``_TILES``.
_PATCHES = (
    ("gpt-4.1-mini", 1.62), ("gpt-4.1-nano", 2.46), ("o4-mini", 1.72),
    ("gpt-5-mini", 1.62), ("gpt-5-nano", 2.46),
)
# Families whose formula was checked against recorded ``usage`` (the development set); the others
# follow the published table but are marked as estimates.
VERIFIED = ("gpt-4o-mini", "gpt-4o")

PATCH = 32
MAX_PATCHES = 1536


@dataclass(frozen=True)
class ImageCount:
    tokens: int
    identity: str  # what makes two images the same for the cache: bytes or URL, and the detail
    known_size: bool  # dimensions read from the image itself
    verified: bool  # the model's formula was checked on real traffic
    detail: str


def _bare(model: str | None) -> str:
    bare = (model or "").split("/")[-1]
    return bare[3:] if bare.startswith("ft:") else bare


def tile_tokens(width: int, height: int, base: int, tile: int, detail: str) -> int:
    if detail == "low":
        return base
    w, h = float(width), float(height)
    if max(w, h) > 2048:
        scale = 2048 / max(w, h)
        w, h = w * scale, h * scale
    if min(w, h) > 768:
        scale = 768 / min(w, h)
        w, h = w * scale, h * scale
    tiles = math.ceil(w / 512) * math.ceil(h / 512)
    return base + tile * tiles


def patch_tokens(width: int, height: int, multiplier: float) -> int:
    patches = math.ceil(width / PATCH) * math.ceil(height / PATCH)
    if patches > MAX_PATCHES:
        shrink = math.sqrt(PATCH * PATCH * MAX_PATCHES / (width * height))
        shrink *= min(math.floor(width * shrink / PATCH) / (width * shrink / PATCH),
                      math.floor(height * shrink / PATCH) / (height * shrink / PATCH))
        patches = min(MAX_PATCHES, math.ceil(width * shrink / PATCH) * math.ceil(height * shrink / PATCH))
    return math.ceil(patches * multiplier)


def image_tokens(model: str | None, width: int | None, height: int | None, detail: str) -> tuple[int, bool]:
    """(tokens, formula verified) of one image; without dimensions, the smallest count for
    ``detail`` (one tile, one patch)."""
    bare = _bare(model)
    w, h = (width, height) if width and height else (1, 1)
    for prefix, mult in _PATCHES:
        if bare.startswith(prefix):
            return patch_tokens(w, h, mult), False
    for prefix, base, tile in _TILES:
        if bare.startswith(prefix):
            return tile_tokens(w, h, base, tile, detail), prefix in VERIFIED
    return tile_tokens(w, h, 85, 170, detail), False  # an unknown model: gpt-4o's table


# ---------------------------------------------------------------- image headers


def dimensions(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG, JPEG, GIF or WebP header; None for anything else."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        return struct.unpack("<HH", data[6:10])
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    if data[:2] == b"\xff\xd8":
        return _jpeg(data)
    return None


def _webp(data: bytes) -> tuple[int, int] | None:
    kind = data[12:16]
    if kind == b"VP8 " and len(data) >= 30:
        w, h = struct.unpack("<HH", data[26:30])
        return w & 0x3FFF, h & 0x3FFF
    if kind == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    return None


_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg(data: bytes) -> tuple[int, int] | None:
    pos = 2
    size = len(data)
    while pos + 4 <= size:
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            pos += 2
            continue
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        if marker in _SOF and pos + 9 <= size:
            h, w = struct.unpack(">HH", data[pos + 5:pos + 9])
            return w, h
        pos += 2 + length
    return None


def decode_data_url(url: str) -> bytes | None:
    """The bytes of a ``data:...;base64,`` URL (or of bare base64), None when it is not one."""
    if url.startswith("data:"):
        head, _, payload = url.partition(",")
        if not head.endswith(";base64"):
            return None
    else:
        payload = url
    try:
        return base64.b64decode(payload, validate=False)
    except (binascii.Error, ValueError):
        return None


def count_image(model: str | None, url: str | None, detail: str | None) -> ImageCount:
    """Tokens of one image given by a URL (``data:`` URLs are read) and its ``detail``."""
    detail = detail if detail in ("low", "high", "auto") else "auto"
    size = None
    key = (url or "").encode("utf-8", "surrogatepass")
    if url and url.startswith("data:"):
        data = decode_data_url(url)
        if data:
            size = dimensions(data)
            key = data
    tokens, verified = image_tokens(model, *(size or (None, None)), detail)
    identity = hashlib.sha1(key).hexdigest()[:16] + ":" + detail
    return ImageCount(tokens, identity, size is not None, verified, detail)
