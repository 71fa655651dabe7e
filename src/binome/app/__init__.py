"""binome.app."""
