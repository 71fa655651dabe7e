"""Front-end packages, fetched from the npm registry at build time (``make assets``).

htmx (partial updates) and Chart.js (charts) are not pasted into the repository: this
script runs ``npm pack`` into a cache under ``.venv/``, checks each tarball against the
registry's published ``dist.integrity`` (SRI sha512), and copies only the one file each page
loads into ``static/vendor/`` (git-ignored), with the resolved versions in
``VERSIONS.json``. It does nothing when the files are already there. Without ``npm`` it
stops with a one-line message.

Run: ``python -m binome.web.assets [--force]``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

VENDOR = Path(__file__).parent / "static" / "vendor"


@dataclass(frozen=True, slots=True)
class Package:
    spec: str
    name: str
    files: tuple[str, ...]  # candidates inside the tarball; the first found is copied
    target: str


PACKAGES = (
    Package("htmx.org@2", "htmx.org", ("package/dist/htmx.min.js",), "htmx.min.js"),
    Package(
        "chart.js@4",
        "chart.js",
        ("package/dist/chart.umd.min.js", "package/dist/chart.umd.js"),
        "chart.umd.js",
    ),
)


class AssetError(Exception):
    pass


def cache_dir() -> Path:
    prefix = Path(sys.prefix)
    return (prefix if (prefix / "pyvenv.cfg").exists() else Path.cwd()) / "npm-cache"


def _npm(*args: str, cwd: Path) -> str:
    npm = shutil.which("npm")
    if npm is None:
        raise AssetError("npm not found: install Node.js and npm (e.g. apt-get install npm).")
    done = subprocess.run(
        [npm, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["?"])[-1]
        raise AssetError(f"npm {' '.join(args[:2])} failed: {first}")
    return done.stdout


def sri_sha512(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def fetch(package: Package, cache: Path) -> tuple[str, bytes]:
    """``(version, file content)`` of ``package``, integrity-checked against the registry."""
    packed = json.loads(
        _npm("pack", package.spec, "--json", "--pack-destination", str(cache), cwd=cache)
    )
    info = packed[0]
    version = str(info["version"])
    tarball = cache / str(info["filename"])
    published = _npm("view", f"{package.name}@{version}", "dist.integrity", cwd=cache).strip()
    if sri_sha512(tarball) != published:
        raise AssetError(f"{package.name}@{version}: integrity mismatch with the registry.")
    with tarfile.open(tarball, "r:gz") as archive:
        names = set(archive.getnames())
        member = next((f for f in package.files if f in names), None)
        if member is None:
            raise AssetError(f"{package.name}@{version}: none of {package.files} in the package.")
        handle = archive.extractfile(member)
        assert handle is not None
        return version, handle.read()


def install(force: bool = False) -> dict[str, str]:
    versions_file = VENDOR / "VERSIONS.json"
    if not force and all((VENDOR / p.target).exists() for p in PACKAGES) and versions_file.exists():
        return dict(json.loads(versions_file.read_text()))
    cache = cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    VENDOR.mkdir(parents=True, exist_ok=True)
    versions: dict[str, str] = {}
    for package in PACKAGES:
        version, content = fetch(package, cache)
        (VENDOR / package.target).write_bytes(content)
        versions[package.name] = version
    versions_file.write_text(json.dumps(versions, indent=2) + "\n")
    return versions


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    try:
        versions = install(force="--force" in args)
    except AssetError as exc:
        sys.stderr.write(f"assets: {exc}\n")
        return 1
    sys.stdout.write("assets: " + ", ".join(f"{k} {v}" for k, v in sorted(versions.items())) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
