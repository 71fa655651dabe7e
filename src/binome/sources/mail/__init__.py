"""E-mail in and out: intake of requests from .eml/.mbox (``intake``)."""
