"""Benchmarks: ``python -m bench`` runs every ``bench/*.py`` module exposing ``run(report)``."""
