"""Benchmarks: each module exposes ``run(report)``; ``make bench`` runs them all."""
