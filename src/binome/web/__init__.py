"""The web cockpit: FastAPI + Jinja2 pages, the JSON API, sessions and security headers.

Thin by design: every route calls a use case of ``binome.app`` (an import-linter contract
forbids ``binome.store`` here). Entry point: ``binome.web.app.create_app``.
"""
