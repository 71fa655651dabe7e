"""binome.domain."""
