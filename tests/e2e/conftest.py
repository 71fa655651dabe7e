"""The browser tests run on the web tests' two-workspace site."""

from tests.web.conftest import site_template, sqlite_site  # noqa: F401 - re-exported fixtures
