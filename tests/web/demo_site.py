"""The demo workspace (``binome demo``) in a temporary database, served in-process.

Used by the demo API test, the page-time check and the browser walkthrough. The clock is
pinned to the demo's morning (07:30 in Lyon on the demo day), as ``binome demo`` prints.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fastapi import FastAPI

from binome.app.context import App
from binome.app.demo import DemoResult, build_demo
from binome.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ORIGIN = "http://testserver"


@dataclass
class DemoSite:
    url: str
    demo: DemoResult
    app: FastAPI

    @property
    def now(self) -> datetime:
        return self.demo.now

    def password(self, login: str) -> str:
        return next(x.password for x in self.demo.logins if x.login == login)

    def as_user(self, login: str) -> App:
        return App.open(self.url, now=self.now, workspace=self.demo.workspace.name, actor=login)

    def client(self) -> TestClient:
        return TestClient(
            self.app,
            base_url=ORIGIN,
            headers={"origin": ORIGIN},
            raise_server_exceptions=False,
            follow_redirects=False,
        )

    def login(self, login: str) -> TestClient:
        client = self.client()
        response = client.post("/login", data={"login": login, "password": self.password(login)})
        assert response.status_code == 303, response.text
        return client


def demo_site(folder: Path) -> DemoSite:
    """Build the demo into ``folder/demo.db`` (the key file is BINOME_SECRET_KEY_FILE's)."""
    url = f"sqlite:///{folder / 'demo.db'}"
    result = build_demo(App.open(url))
    return DemoSite(url=url, demo=result, app=create_app(url, now=result.now))
