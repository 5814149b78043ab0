"""Image tokens: the published formula (spec section 3.5, OpenAI "Images and vision", Calculating costs)
and image sizes read from headers built here byte by byte from the file-format specifications."""

from __future__ import annotations

import base64
import json
import struct
import zlib

from pcache.analyzers.images import count_image, dimensions, image_tokens


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\x00" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def jpeg(width: int, height: int) -> bytes:
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    exif = b"Exif\x00\x00" + b"\x00" * 40  # an APP1 segment before the frame header, as cameras write
    sof = struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"
    seg = lambda marker, body: b"\xff" + bytes([marker]) + struct.pack(">H", len(body) + 2) + body  # noqa: E731
    return b"\xff\xd8" + seg(0xE0, app0) + seg(0xE1, exif) + seg(0xC0, sof) + b"\xff\xd9"


def gif(width: int, height: int) -> bytes:
    return b"GIF89a" + struct.pack("<HH", width, height) + b"\x00\x00\x00;"


def webp_vp8x(width: int, height: int) -> bytes:
    body = b"VP8X" + struct.pack("<I", 10) + b"\x00\x00\x00\x00" + (width - 1).to_bytes(3, "little") + (
        height - 1).to_bytes(3, "little")
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def webp_vp8l(width: int, height: int) -> bytes:
    bits = (width - 1) | ((height - 1) << 14)
    body = b"VP8L" + struct.pack("<I", 5) + b"\x2f" + bits.to_bytes(4, "little")
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


def data_url(data: bytes, mime: str) -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode()


def test_dimensions_from_headers():
    assert dimensions(png(100, 37)) == (100, 37)
    assert dimensions(jpeg(1920, 1080)) == (1920, 1080)
    assert dimensions(gif(64, 48)) == (64, 48)
    assert dimensions(webp_vp8x(3000, 2000)) == (3000, 2000)
    assert dimensions(webp_vp8l(513, 257)) == (513, 257)
    assert dimensions(b"not an image") is None
    assert dimensions(b"\xff\xd8\xff\xe0") is None  # truncated JPEG


def test_published_tile_examples():
    # spec 3.5: gpt-4o 1024x1024 high -> 768x768 -> 4 tiles -> 765; 2048x4096 -> 768x1536 -> 6 tiles ->
    # 1,105; any size low -> 85; gpt-4o-mini 2,833 + 5,667 per tile; gpt-5 70 + 140
    assert image_tokens("gpt-4o", 1024, 1024, "high") == (765, True)
    assert image_tokens("gpt-4o", 2048, 4096, "high")[0] == 1105
    assert image_tokens("gpt-4o", 4000, 3000, "low")[0] == 85
    assert image_tokens("gpt-4o-mini-2024-07-18", 100, 100, "auto") == (2833 + 5667, True)
    assert image_tokens("gpt-5", 1024, 1024, "high") == (70 + 4 * 140, False)
    assert image_tokens("o3", 512, 512, "high")[0] == 75 + 150


def test_published_patch_example():
    # spec 3.5: 1024x1024 -> 1,024 patches, x 1.62 on the mini models, x 2.46 on nano
    assert image_tokens("gpt-4.1-mini", 1024, 1024, "high")[0] == round(1024 * 1.62 + 0.5)
    assert image_tokens("gpt-5-nano", 1024, 1024, "auto")[0] == round(1024 * 2.46 + 0.5)
    # over the 1,536-patch budget the image is shrunk: never more than 1,536 patches
    assert image_tokens("o4-mini", 4000, 3000, "high")[0] <= 1536 * 1.72 + 1


def test_count_image_reads_inline_bytes_and_keys_identity_on_detail():
    url = data_url(jpeg(1024, 1024), "image/jpeg")
    high = count_image("gpt-4o", url, "high")
    low = count_image("gpt-4o", url, "low")
    assert (high.tokens, high.known_size, low.tokens) == (765, True, 85)
    assert high.identity != low.identity  # same bytes, other detail: another image for the cache
    assert count_image("gpt-4o", url, "high").identity == high.identity
    remote = count_image("gpt-4o", "https://example.com/cat.png", "auto")
    assert not remote.known_size and remote.tokens == 85 + 170  # the smallest high/auto image


def test_image_part_in_a_request_counts_its_tokens(tmp_path, run_cli):
    from pcache.analyzers.vocab import load_encoding

    enc = load_encoding("o200k_base")
    text = "What is in this picture?"
    body = {"model": "gpt-4o", "messages": [{"role": "user", "content": [
        {"type": "text", "text": text},
        {"type": "image_url", "image_url": {"url": data_url(png(1024, 1024), "image/png"), "detail": "high"}}]}]}
    path = tmp_path / "img.json"
    path.write_text(json.dumps(body))
    code, out, err = run_cli("scan", str(path), "--format", "json")
    assert code == 0, err
    [prompt] = json.loads(out)["prompts"]
    # the cookbook framing (3 + 3 per message + role) + the text + 765 image tokens
    assert prompt["tokens"] == 3 + 3 + 1 + len(enc.encode(text)) + 765
    assert prompt["estimate"] is False and prompt["estimate_reasons"] == []


def test_unknown_model_in_jsonl_is_a_warning_not_an_exit(tmp_path, run_cli):
    path = tmp_path / "log.jsonl"
    path.write_text(json.dumps({"model": "gpt-audio", "messages": [{"role": "user", "content": "hi"}]}) + "\n"
                    + json.dumps({"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}) + "\n")
    code, out, err = run_cli("scan", str(path), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert [p["estimate_reasons"] for p in data["prompts"]][0][-1] == "unknown-model"
    assert any("gpt-audio" in w for w in data["warnings"])
    assert data["prompts"][1]["tokens"] == 8 and data["prompts"][1]["estimate"] is False


def test_text_output_says_why_counts_are_estimates(tmp_path, run_cli):
    path = tmp_path / "log.jsonl"
    path.write_text(json.dumps({"model": "gpt-4o", "messages": [{"role": "user", "content": [
        {"type": "text", "text": "what is this?"},
        {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}}]}]}) + "\n")
    code, out, err = run_cli("scan", str(path), "--no-color")
    assert code == 0, err
    assert "~" in out and "image-url-without-size (1)" in " ".join(out.split())


def test_show_and_diff_accept_an_unknown_body_model(tmp_path, run_cli):
    path = tmp_path / "log.jsonl"
    path.write_text(json.dumps({"model": "gpt-audio", "messages": [{"role": "user", "content": "hi"}]}) + "\n"
                    + json.dumps({"model": "gpt-audio", "messages": [{"role": "user", "content": "hello"}]}) + "\n")
    code, out, err = run_cli("show", f"{path}#L1", "--format", "json")
    assert code == 0, err
    assert "unknown-model" in json.loads(out)["estimate_reasons"] and "gpt-audio" in err
    code, out, err = run_cli("diff", f"{path}#L1", f"{path}#L2", "--format", "json")
    assert code == 0, err
    # a --model the user types must still be a known one
    code, out, err = run_cli("show", f"{path}#L1", "--model", "no-such-model")
    assert code == 2 and "unknown model" in err
