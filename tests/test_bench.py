"""The benchmark harness: discovery and the report other helpers' modules write to."""

from __future__ import annotations

from bench.__main__ import discover
from bench._report import Report, machine_facts


def test_discovery_finds_modules_with_a_run_function_and_honours_only() -> None:
    names = [name for name, _ in discover()]
    assert "agenda" in names
    assert all(not n.startswith("_") for n in names)
    assert [name for name, _ in discover(["agenda"])] == ["agenda"]


def test_the_report_renders_sections_rows_and_notes_as_markdown() -> None:
    report = Report(module="slots")
    report.section("Slot finder")
    report.row(case="week", median_ms=12.345, ratio=1.0)
    report.row(case="month", median_ms=1234.5, extra="a|b")
    report.note("Seeded workload.")
    text = report.to_markdown({"cpus": "2"})
    assert "- **cpus**: 2" in text
    assert "| case | median_ms | ratio | extra |" in text
    assert "| week | 12.3 | 1 |  |" in text
    assert "| month | 1,234 |  | a\\|b |" in text
    assert "> Seeded workload." in text


def test_rows_without_a_section_get_one_named_after_the_module() -> None:
    report = Report(module="planner")
    report.row(n=1)
    assert [s.title for s in report.sections] == ["planner"]


def test_machine_facts_name_cpus_python_and_backend() -> None:
    facts = machine_facts()
    assert {"cpus", "python", "backend", "load average (1/5/15 min)"} <= set(facts)
