"""binome.i18n."""
