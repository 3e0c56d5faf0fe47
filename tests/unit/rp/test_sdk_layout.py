"""The relying-party SDK is its own distribution: what it may import and what ships where."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SDK = ROOT / "sdk" / "python"


def test_the_sdk_imports_nothing_of_the_server() -> None:
    offenders = []
    for path in sorted((SDK / "src").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in ("mcert", "mcert_device"):
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []


def test_the_sdk_depends_only_on_httpx_cryptography_asn1crypto() -> None:
    project = tomllib.loads((SDK / "pyproject.toml").read_text())["project"]
    names = {re.split(r"[<>=\[ ]", d)[0] for d in project["dependencies"]}
    assert names == {"httpx", "cryptography", "asn1crypto"}
    assert {re.split(r"[<>=\[ ]", d)[0] for d in project["optional-dependencies"]["cli"]} == {
        "click",
        "qrcode",
    }
    assert project["scripts"] == {"mcert-rp": "mcert_rp.cli:main"}


def test_the_server_does_not_ship_the_sdk() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "mcert-rp" not in config["project"]["scripts"]
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    assert not any(p.startswith("mcert_rp") for p in include)
    assert not (ROOT / "src" / "mcert_rp").exists()
    assert not (ROOT / "src" / "mcert" / "demo_rp").exists()


def test_the_qr_script_in_the_wheel_is_the_published_one() -> None:
    published = (ROOT / "sdk" / "js" / "mcert-qr.js").read_bytes()
    assert (SDK / "src" / "mcert_rp" / "static" / "mcert-qr.js").read_bytes() == published
