"""binome.store."""
