"""Benchmarks: each module exposes ``run(report)``; ``make bench`` calls them all."""
