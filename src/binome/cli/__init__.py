"""binome.cli."""
