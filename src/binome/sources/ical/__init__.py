"""binome.sources.ical."""
