"""A placeholder of a template kept in a data file, which the same file sets under its name (issue 12;
benchmarks/LABEL_AGREEMENT.md "Session 17").

KernelBench's ``prompts.toml`` (tests/fixtures/SOURCES.md, ``code/kernelbench``) keeps ``precision_note = "... optimized
for {precision_display} precision."`` under ``[templates.common]`` and sets ``precision_display = "FP32 (32-bit floating
point)"`` under ``[precision.fp32]``: the value is the file's own setting, chosen by the run's precision, per-config
(rule ``fill.data-file-key``).  It is read only where nothing else decides (the name table first): evidence13 read it
before the name table and lost three validation rows the table had right; here, after it, it can only answer what
would be ``unknown``."""

from __future__ import annotations

from pathlib import Path

from flow_helpers import classify_in_project, fresh_classifier_cache  # noqa: F401

TOML = Path(__file__).parent / "fixtures" / "code" / "kernelbench" / "prompts" / "prompts.toml"


def test_a_key_the_data_file_sets_is_its_configuration():
    got = classify_in_project(TOML, "templates.common.precision_note", "precision_display", TOML.parent)
    assert got.cls == "per-config" and got.rule == "fill.data-file-key", got
    assert "precision.fp32.precision_display" in got.evidence, got


def _copy(tmp_path: Path, old: str, new: str) -> Path:
    text = TOML.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "prompts.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_key_set_nowhere_stays_unknown(tmp_path):
    path = _copy(tmp_path, '[precision.fp32]\nprecision_display = "FP32 (32-bit floating point)"\n', "")
    got = classify_in_project(path, "templates.common.precision_note", "precision_display", tmp_path)
    assert got.cls == "unknown" and got.rule == "default.unknown", got


def test_a_key_set_to_another_template_is_no_setting(tmp_path):
    # the file sets the key to a text with its own fields: a block of another template, not a setting
    path = _copy(tmp_path, 'precision_display = "FP32 (32-bit floating point)"',
                 'precision_display = "FP32 for {backend_display}"')
    got = classify_in_project(path, "templates.common.precision_note", "precision_display", tmp_path)
    assert got.rule != "fill.data-file-key", got


def test_the_name_table_still_comes_first(tmp_path):
    # a placeholder the name table reads keeps the table's class, even when the file sets the key
    path = _copy(tmp_path, "{precision_display} precision", "{user_query} precision")
    path.write_text(path.read_text(encoding="utf-8").replace(
        'precision_display = "FP32', 'user_query = "FP32'), encoding="utf-8")
    got = classify_in_project(path, "templates.common.precision_note", "user_query", tmp_path)
    assert got.cls == "per-request" and got.rule != "fill.data-file-key", got
