"""binome.web."""
