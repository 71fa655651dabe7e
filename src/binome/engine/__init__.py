"""binome.engine."""
