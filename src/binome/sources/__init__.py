"""binome.sources."""
