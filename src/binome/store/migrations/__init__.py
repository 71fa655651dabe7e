"""binome.store.migrations."""
