"""Every lint rule on a realistic input that triggers it and a near miss that must not.

Goldens come from tiktoken called directly and arithmetic here, never from pcache's own numbers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pcache.analyzers.lint import LintOptions, lint
from pcache.analyzers.rules.context import LintSettings
from pcache.analyzers.sources.load import load_paths

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_prompts"
MINIMUM, STEP = 1024, 128  # OpenAI legacy regime, spec section 1.2 (the test's own independent copy)


def cacheable(n: int) -> int:
    return 0 if n < MINIMUM else STEP * (n // STEP)


def policy() -> str:
    """The support bot's static policy (about 1,550 o200k tokens), without the Jinja parts."""
    text = (SAMPLES / "support_bot_good.md").read_text()
    text = text.split("#}\n", 1)[1]
    return text.split("# This conversation")[0]


def run(paths, **kw):
    corpus = load_paths([str(p) for p in paths])
    assert not corpus.errors, corpus.errors
    settings = kw.pop("settings", LintSettings())
    return lint(corpus.prompts, kw.pop("model", None), LintOptions(settings=settings, **kw)).findings


def codes(findings, path=None) -> list[str]:
    return sorted(f.code for f in findings if path is None or f.path == str(path))


def chat(path: Path, system: str, user: str, tools=None, history=(), model="gpt-4o") -> Path:
    body = {"model": model, "messages": [{"role": "system", "content": system}, *history,
                                         {"role": "user", "content": user}]}
    if tools is not None:
        body["tools"] = tools
    path.write_text(json.dumps(body, indent=2))
    return path


def tool(name: str, description: str) -> dict:
    return {"type": "function", "function": {"name": name, "description": description, "parameters": {
        "type": "object", "properties": {"order_id": {"type": "string"}}, "required": ["order_id"]}}}


QUESTIONS = ["Where is my order NW-20391?", "Can I exchange boots for a bigger size?",
             "My jacket zipper broke after two weeks.", "Do you ship to Norway?",
             "I want to cancel my order, it has not shipped yet.", "How do I reset my password?"]


# -- PC101 ----------------------------------------------------------------------------------------

def test_pc101_bad_sample_line_and_cost(o200k):
    found = [f for f in run([SAMPLES / "support_bot_bad.md"], model="gpt-4o") if f.code == "PC101"]
    assert len(found) == 1
    f = found[0]
    # a system prompt (head of a conversation) whose line 3 holds a per-request ticket id: an error
    assert (f.line, f.column) == (3, 10) and f.severity == "error"
    assert (f.position, f.volatility, f.volatility_source) == ("head", "per-request", "name")
    assert "`today` (per-day" in f.message and "`ticket_id` (per-request" in f.message and "1,024" in f.message
    # independent: the static text once line 3 moves to the end (the Jinja comment is not output); a
    # per-request value costs the first request of every conversation what it could share with others
    lines = (SAMPLES / "support_bot_bad.md").read_text().splitlines(keepends=True)
    static = "\n" + "".join(lines[3:])
    n = len(o200k.encode_ordinary(static))
    assert f.cost_tokens_per_conversation in {cacheable(n), cacheable(n - 1), cacheable(n - 2)}
    assert f.cost_tokens == f.cost_tokens_per_conversation
    assert f"{f.cost_tokens:,} cached tokens lost per conversation" in f.message
    # dollars: those tokens at the input price instead of the cached price, per 1,000 conversations
    from genai_prices import Usage, calc_price

    full = calc_price(Usage(input_tokens=f.cost_tokens), "gpt-4o", provider_id="openai").total_price
    cached = calc_price(Usage(input_tokens=f.cost_tokens, cache_read_tokens=f.cost_tokens), "gpt-4o",
                        provider_id="openai").total_price
    assert f.cost_usd_per_1000 == pytest.approx(float((full - cached) * 1000), abs=1e-4)
    # the newline after the comment + "Today is" (the space before the placeholder may merge with it)
    assert f.token == len(o200k.encode_ordinary("\nToday is"))


def test_pc101_near_misses(tmp_path):
    assert "PC101" not in codes(run([SAMPLES / "support_bot_good.md"]))
    short = tmp_path / "short.j2"
    short.write_text("Hello {{ name }}, you are a helpful assistant.\nAnswer briefly.\n")
    found = run([short])
    assert "PC201" in codes(found)
    # `name` is of unknown volatility (judged per-request) but the static text is far below the minimum:
    # reported as info with its cost, 0, and how to declare it
    (f,) = [f for f in found if f.code == "PC101"]
    assert f.severity == "info" and f.cost_tokens_per_conversation == 0 and f.volatility == "unknown"
    assert "[tool.pcache.variables]" in f.message


def test_pc101_inline_suppression(tmp_path):
    text = (SAMPLES / "support_bot_bad.md").read_text()
    lines = text.splitlines(keepends=True)
    lines.insert(2, "{# pcache: ignore[PC101] #}\n")
    f = tmp_path / "bot.md"
    f.write_text("".join(lines))
    assert "PC101" not in codes(run([f]))
    lines[2] = "{# pcache: ignore[PC102] #}\n"
    f.write_text("".join(lines))
    assert "PC101" in codes(run([f]))


# -- PC102 ----------------------------------------------------------------------------------------

def test_pc102_timestamp_in_system_prompt(tmp_path, o200k):
    p = chat(tmp_path / "r.json", "Current time: 2026-11-23T09:14:03Z\n" + policy(), QUESTIONS[0])
    found = [f for f in run([p]) if f.code == "PC102"]
    assert len(found) == 1
    # a time to the second changes per request: every request loses the policy after it (an error)
    assert "2026-11-23T09:14:03Z" in found[0].message and found[0].severity == "error"
    assert (found[0].volatility, found[0].volatility_source, found[0].position) == ("per-request", "literal", "whole")
    assert found[0].token == 3 + len(o200k.encode_ordinary("Current time: "))
    n = 3 + len(o200k.encode_ordinary("Current time: 2026-11-23T09:14:03Z\n" + policy()))  # + the system end
    assert found[0].cost_tokens in {cacheable(n + k) for k in range(-2, 3)}
    # a bare date changes once a day: one cold prefix per day, spread over the day's requests (info)
    q = chat(tmp_path / "d.json", "Today: 2026-11-23\n" + policy(), QUESTIONS[0])
    (d,) = [f for f in run([q]) if f.code == "PC102"]
    assert (d.severity, d.volatility) == ("info", "per-day") and d.cost_tokens < found[0].cost_tokens


def test_pc102_near_misses(tmp_path):
    # the same timestamp in the final user turn is where it belongs
    p = chat(tmp_path / "r.json", policy(), "Current time: 2026-11-23T09:14:03Z. " + QUESTIONS[0])
    assert "PC102" not in codes(run([p]))
    # a short prompt is never cached: nothing to lose
    q = chat(tmp_path / "s.json", "Current time: 2026-11-23T09:14:03Z\nBe brief.", QUESTIONS[1])
    assert "PC102" not in codes(run([q]))


# -- PC103 / PC104 --------------------------------------------------------------------------------

def _corpus(tmp_path: Path, first_system: str) -> list[Path]:
    files = [chat(tmp_path / f"r{k}.json", policy(), q) for k, q in enumerate(QUESTIONS[:5])]
    files.append(chat(tmp_path / "r5_time.json", first_system, QUESTIONS[5]))
    return files


def test_pc103_pc104_outlier_with_timestamp(tmp_path, o200k):
    files = _corpus(tmp_path, "Current time: 2026-11-23T09:14:03Z\n" + policy())
    found = run(files)
    outlier = str(files[-1])
    assert codes(found, outlier) == ["PC102", "PC103", "PC104"]
    assert not [f for f in found if f.code in ("PC103", "PC104") and f.path != outlier]
    f = next(f for f in found if f.code == "PC103")
    framing = 1 + len(o200k.encode_ordinary("system")) + 1  # <|im_start|> system <|im_sep|>
    assert f.token == framing
    assert "'Current time" in f.message and "'# Role" in f.message


def test_pc103_near_misses(tmp_path):
    # requests that differ only in the final user turn
    files = [chat(tmp_path / f"r{k}.json", policy(), q) for k, q in enumerate(QUESTIONS)]
    assert not {"PC103", "PC104"} & set(codes(run(files)))
    # unrelated requests (different system prompts) are not one group broken early
    other = tmp_path / "other"
    other.mkdir()
    a = chat(other / "a.json", policy(), QUESTIONS[0])
    b = chat(other / "b.json", (ROOT / "sample_prompts" / "research_agent.j2").read_text().split("#}\n", 1)[1],
             QUESTIONS[1])
    assert not {"PC103", "PC104"} & set(codes(run([a, b])))


# -- PC201 / PC202 / PC203 ------------------------------------------------------------------------

def test_pc201_short_prompt(tmp_path, o200k):
    text = "You are a helpful assistant for Northwind Outfitters. Answer in one short paragraph.\n"
    p = tmp_path / "short.txt"
    p.write_text(text)
    found = [f for f in run([p]) if f.code == "PC201"]
    n = len(o200k.encode_ordinary(text))
    assert len(found) == 1 and f"{MINIMUM - n:,} short" in found[0].message and found[0].severity == "info"
    long = tmp_path / "long.txt"
    long.write_text(policy())
    assert "PC201" not in codes(run([long]))


def _template_with_remainder(tmp_path: Path, o200k, want: range) -> Path:
    """A template whose static text before ``{{ question }}`` leaves a remainder in ``want`` past a step."""
    lines = policy().splitlines(keepends=True)
    for k in range(len(lines), 0, -1):
        static = "".join(lines[:k]) + "\nQuestion:"
        n = len(o200k.encode_ordinary(static))  # "Question:" is followed by the variable: its piece is not fixed
        fixed = len(o200k.encode_ordinary(static[: static.rindex(":")]))
        if n >= MINIMUM + STEP and fixed % STEP in want:
            p = tmp_path / f"t{k}.j2"
            p.write_text(static + " {{ question }}\n")
            return p
    raise AssertionError("no fitting length")


def test_pc202_remainder_past_step(tmp_path, o200k):
    bad = _template_with_remainder(tmp_path, o200k, range(90, 120))
    found = [f for f in run([bad]) if f.code == "PC202"]
    assert len(found) == 1
    m = re.search(r"static prefix is ([\d,]+) tokens.*?: ([\d,]+) are cached and the last ([\d,]+)", found[0].message)
    prefix, cached, rest = (int(x.replace(",", "")) for x in m.groups())
    assert cached == cacheable(prefix) and rest == prefix - cached and rest > STEP // 2
    good = _template_with_remainder(tmp_path, o200k, range(0, 30))
    assert "PC202" not in codes(run([good]))


def test_pc203_min_cached_ratio():
    bad = [f for f in run([SAMPLES / "support_bot_bad.md"], settings=LintSettings(min_cached_ratio=0.5))
           if f.code == "PC203"]
    assert len(bad) == 1 and "0 of" in bad[0].message
    assert "PC203" not in codes(run([SAMPLES / "support_bot_good.md"], settings=LintSettings(min_cached_ratio=0.5)))
    assert "PC203" not in codes(run([SAMPLES / "support_bot_bad.md"]))  # off by default


# -- PC301 ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("change,kind,shown", [
    (lambda t: t.replace("\n", "\r\n"), "CRLF", "\\r\\n"),
    (lambda t: t.replace("# Orders\n", "# Orders  \n"), "trailing spaces", "'ders  \\n"),
    (lambda t: t.replace("Northwind Outfitters", "Northwind\u00a0Outfitters"), "non-breaking", "\\xa0"),
])
def test_pc301_invisible_difference(tmp_path, change, kind, shown):
    text = policy()
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(text, newline="")
    (tmp_path / "c.txt").write_text(change(text), newline="")
    found = run([tmp_path])
    pc301 = [f for f in found if f.code == "PC301"]
    assert [Path(f.path).name for f in pc301] == ["c.txt"]
    assert kind in pc301[0].message and shown in pc301[0].message
    assert "PC103" not in codes(found)


def test_pc301_nfd(tmp_path):
    text = policy().replace("Role", "Rôle")
    import unicodedata

    (tmp_path / "a.txt").write_text(unicodedata.normalize("NFC", text))
    (tmp_path / "b.txt").write_text(unicodedata.normalize("NFD", text))
    pc301 = [f for f in run([tmp_path]) if f.code == "PC301"]
    assert len(pc301) == 1 and "NFC vs NFD" in pc301[0].message


def test_pc301_near_miss_visible_change(tmp_path):
    text = policy()
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text(text.replace("You are Juniper", "You are Rowan"))
    assert "PC301" not in codes(run([tmp_path]))


# -- PC302 / PC303 / PC401 ------------------------------------------------------------------------

def _history(args: str) -> list[dict]:
    return [{"role": "user", "content": "What is the weather in Oslo?"},
            {"role": "assistant", "content": None, "tool_calls": [
                {"id": "call_1", "type": "function", "function": {"name": "weather", "arguments": args}}]},
            {"role": "tool", "tool_call_id": "call_1", "content": "4 degrees, rain"}]


def test_pc302_argument_key_order(tmp_path):
    a = chat(tmp_path / "a.json", policy(), "And tomorrow?", history=_history('{"city": "Oslo", "unit": "C"}'))
    b = chat(tmp_path / "b.json", policy(), "Thanks!", history=_history('{"city": "Oslo", "unit": "C"}'))
    c = chat(tmp_path / "c.json", policy(), "Umbrella?", history=_history('{"unit": "C", "city": "Oslo"}'))
    found = [f for f in run([a, b, c]) if f.code == "PC302"]
    assert [Path(f.path).name for f in found] == ["c.json"]
    assert "(unit, city)" in found[0].message and "(city, unit)" in found[0].message


def test_pc302_tool_order_and_top_level_key_order_near_miss(tmp_path):
    t1, t2 = tool("lookup_order", "Look up an order."), tool("start_return", "Start a return.")
    a = chat(tmp_path / "a.json", policy(), QUESTIONS[0], tools=[t1, t2])
    b = chat(tmp_path / "b.json", policy(), QUESTIONS[1], tools=[t1, t2])
    c = chat(tmp_path / "c.json", policy(), QUESTIONS[2], tools=[t2, t1])
    found = run([a, b, c])
    pc302 = [f for f in found if f.code == "PC302"]
    assert [Path(f.path).name for f in pc302] == ["c.json"] and "(start_return, lookup_order)" in pc302[0].message
    assert "PC303" not in codes(found)
    # top-level key order of the body never reaches the model
    d = tmp_path / "d"
    d.mkdir()
    body = json.loads(a.read_text())
    (d / "x.json").write_text(json.dumps(body))
    (d / "y.json").write_text(json.dumps({k: body[k] for k in reversed(list(body))}))
    assert "PC302" not in codes(run([d]))


def test_pc303_tools_differ(tmp_path):
    t1, t2 = tool("lookup_order", "Look up an order."), tool("start_return", "Start a return.")
    a = chat(tmp_path / "a.json", policy(), QUESTIONS[0], tools=[t1, t2])
    b = chat(tmp_path / "b.json", policy(), QUESTIONS[1], tools=[t1, t2])
    c = chat(tmp_path / "c.json", policy(), QUESTIONS[2], tools=[t1])
    found = [f for f in run([a, b, c]) if f.code == "PC303"]
    assert found and all(f.severity == "error" for f in found)
    assert any("start_return" in f.message for f in found)
    # near miss: the same tools everywhere
    same = [chat(tmp_path / f"s{k}.json", policy(), q, tools=[t1, t2]) for k, q in enumerate(QUESTIONS[:3])]
    assert "PC303" not in codes(run(same))


def test_pc401_volatile_in_tool_description(tmp_path):
    bad = tool("search_orders", "Search the orders of dana.k@example.com placed before 2026-11-23.")
    p = chat(tmp_path / "a.json", policy(), QUESTIONS[0], tools=[bad])
    found = [f for f in run([p]) if f.code == "PC401"]
    assert {"email", "date"} <= {f.data.get("literal_kind") for f in found}
    assert "PC102" not in codes(run([p]))  # reported once, as PC401
    ok = chat(tmp_path / "b.json", policy(), QUESTIONS[0], tools=[tool("search_orders", "Search orders.")])
    assert "PC401" not in codes(run([ok]))


# -- select / ignore / per-file ignores --------------------------------------------------------------

def test_select_ignore_per_file():
    bad = SAMPLES / "support_bot_bad.md"
    assert codes(run([bad], select=["PC2"], settings=LintSettings(min_cached_ratio=0.5))) == ["PC203"]
    assert "PC101" not in codes(run([bad], ignore=["PC101"]))
    assert "PC101" not in codes(run([bad], per_file_ignores={"*_bad.md": ["PC101"]}))


# -- PC304 ------------------------------------------------------------------------------------------

def _png(width: int, height: int) -> str:
    """A real PNG (stdlib zlib/struct, per the PNG spec) as a data: URL."""
    import base64
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x00" * width for _ in range(height))
    data = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return "data:image/png;base64," + base64.b64encode(data).decode()


SHOT = _png(1024, 1024)  # gpt-4o: 765 tokens at detail high, 85 at low (published formula, spec 3.5)


def _image_chat(path: Path, detail: str, question: str, final_image: str | None = None) -> Path:
    history = [{"role": "user", "content": [{"type": "text", "text": "This is my broken jacket."},
                                            {"type": "image_url", "image_url": {"url": SHOT, "detail": detail}}]},
               {"role": "assistant", "content": "Sorry to hear that. I can start a return for you."}]
    final = question if final_image is None else [
        {"type": "text", "text": question}, {"type": "image_url", "image_url": {"url": final_image}}]
    body = {"model": "gpt-4o", "messages": [{"role": "system", "content": policy()}, *history,
                                            {"role": "user", "content": final}]}
    path.write_text(json.dumps(body, indent=2))
    return path


def test_pc304_image_detail_differs(tmp_path, o200k):
    a = _image_chat(tmp_path / "a.json", "high", "Yes please, start it.")
    b = _image_chat(tmp_path / "b.json", "high", "How long does a refund take?")
    c = _image_chat(tmp_path / "c.json", "low", "Can I get a new one instead?")
    found = [f for f in run([a, b, c]) if f.code == "PC304"]
    assert [Path(f.path).name for f in found] == ["c.json"]
    assert "detail 'low' here, 'high' there" in found[0].message
    # golden: where the image starts, and what c would share with the others had it sent detail high
    enc = lambda s: len(o200k.encode(s))  # noqa: E731
    start = 3 + enc(policy()) + 1 + 3 + enc("This is my broken jacket.")
    reply = "Sorry to hear that. I can start a return for you."
    shared = start + 85 + 1 + (3 + enc("assistant") + enc(reply) + 1) + 3 - 1  # up to c's final user text
    assert found[0].token == start
    assert found[0].cost_tokens == cacheable(shared) - cacheable(start) > 0


def test_pc304_near_misses(tmp_path):
    same = [_image_chat(tmp_path / f"s{k}.json", "high", q) for k, q in enumerate(QUESTIONS[:3])]
    assert "PC304" not in codes(run(same))
    # each request's own new image (final user turn) is per-request content
    d = tmp_path / "d"
    d.mkdir()
    own = [_image_chat(d / f"o{k}.json", "high", q, final_image=_png(64 + k, 64)) for k, q in enumerate(QUESTIONS[:3])]
    assert "PC304" not in codes(run(own))
