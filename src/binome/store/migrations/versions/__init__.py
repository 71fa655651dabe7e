"""binome.store.migrations.versions."""
