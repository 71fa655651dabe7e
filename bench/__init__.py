"""Benchmarks: each module exposes run(report)."""
