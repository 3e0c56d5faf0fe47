"""Imports point one way (STYLE.md point 1): a static check over ``src/mcert``.

- ``pki/`` is pure X.509/CMS/TSA code: it imports only itself, ``mcert.errors`` and
  ``mcert.text`` (no database, no HTTP, no settings, no domain, no SQLAlchemy or FastAPI);
- an ``api`` module (``*/api.py``, ``*_api.py``) is imported only by ``main.py``, which
  mounts the routers: never by a service, a model, another domain's ``api.py`` or the CLI.
  What two APIs share lives in ``http/`` or in the owning domain's schemas/service;
- the domains (listed in :data:`DOMAINS`) import each other without a cycle: if ``cert``
  imports ``order``, nothing in ``order`` imports ``cert``, not even inside a function.
  A lower domain that must tell a higher one about an event keeps a list of listeners
  (see ``mcert/flows.py``). The domains here are their services, models, schemas and states;
  an ``api`` module sits above every domain (it may call any domain's service: nothing but
  ``main.py`` imports it, so it cannot close a cycle). That is how ``rp/api.py``, the relying
  party's HTTP API, calls ``scan.relying`` while ``scan`` uses ``rp``'s records;
- outside the domains, only the modules in :data:`OUTSIDE_MAY_IMPORT` import a domain:
  the composition roots that wire them together, the model registry and the HTTP
  authentication. ``runtime.py`` imports none but ``kv`` (the store it builds for all of
  them): a domain that needs one object per process builds it itself and keeps it on the
  runtime (``mcert.ca.service.ca_service`` through ``Runtime.component``). ``settings.py``,
  ``providers/``, ``pki/`` and the shared helpers import no domain at all.

Every import counts, at module level, inside a function or under ``TYPE_CHECKING``.
Each finding names ``file:line``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "mcert"
SKIP_DIRS = ("db/migrations", "webapp_dist")

#: Every domain package. A new domain is added here (an unlisted package fails the test).
DOMAINS = frozenset(
    {
        "account",
        "approval",
        "audit",
        "ca",
        "cert",
        "company",
        "consent",
        "dashboard",
        "invoice",
        "kv",
        "lookup",
        "notify",
        "operator",
        "order",
        "org",
        "realname",
        "review",
        "rights",
        "rp",
        "scan",
        "seal",
    }
)
#: Packages that are not domains: infrastructure shared by all of them.
INFRASTRUCTURE = frozenset({"db", "http", "pki", "providers", "tasks"})

#: The modules outside the domains that may import a domain, and which ones they may import.
OUTSIDE_MAY_IMPORT: dict[str, frozenset[str]] = {
    # composition roots: they build the app, the command line and the jobs from the domains
    "main.py": DOMAINS,
    "cli.py": DOMAINS,
    "flows.py": DOMAINS,
    "jobs.py": DOMAINS,
    "health.py": DOMAINS,
    "ops.py": DOMAINS,
    # every domain's models, so that Base.metadata is complete (Alembic, tests)
    "db/models.py": DOMAINS,
    # who is calling: holders' tokens and device proofs are the account domain's, console
    # tokens the operator domain's
    "http/deps.py": frozenset({"account", "consent", "operator"}),
    "http/device_proof.py": frozenset({"account"}),
    # relying parties' HMAC authentication: the rp domain's keys
    "http/rp_auth.py": frozenset({"rp"}),
    # the shared short-lived store; never a domain service (the domain builds its own)
    "runtime.py": frozenset({"kv"}),
}

#: What ``pki`` may import from this project besides itself.
PKI_MAY_IMPORT = frozenset({"mcert.errors", "mcert.text"})
PKI_FORBIDDEN_THIRD_PARTY = ("sqlalchemy", "fastapi", "starlette", "pydantic_settings")

#: Remaining violations, ``(importing file, imported module)``. This list may only shrink:
#: fix one and delete its line. Nothing is ever added here.
ALLOWED: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Import:
    file: str  # relative to src/mcert
    line: int
    module: str  # absolute dotted name, e.g. ``mcert.order.service``

    def __str__(self) -> str:
        return f"src/mcert/{self.file}:{self.line} imports {self.module}"


def _resolve(rel: str, node: ast.ImportFrom) -> str:
    if node.level == 0:
        return node.module or ""
    package = ["mcert", *rel.removesuffix(".py").split("/")][: -node.level]
    return ".".join([*package, *([node.module] if node.module else [])])


def _imports() -> Iterator[Import]:
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith(SKIP_DIRS):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield Import(rel, node.lineno, alias.name)
            elif isinstance(node, ast.ImportFrom):
                base = _resolve(rel, node)
                yield Import(rel, node.lineno, base)
                for alias in node.names:
                    # ``from mcert.cert import api`` imports the module mcert.cert.api
                    yield Import(rel, node.lineno, f"{base}.{alias.name}")


def _domain_of(rel: str) -> str | None:
    top = rel.split("/")[0]
    return top if "/" in rel and top in DOMAINS else None


def _api_module(module: str) -> str | None:
    """The api module named by ``module`` (possibly ``mcert.x.api.Name``), else None."""
    parts = module.split(".")
    if len(parts) < 3 or parts[0] != "mcert":
        return None
    for i in (2, 3):
        if len(parts) > i and (parts[i] == "api" or parts[i].endswith("_api")):
            return ".".join(parts[: i + 1])
    return None


def _is_api_file(rel: str) -> bool:
    """``rel`` (relative to src/mcert) is an api module, e.g. ``rp/api.py``."""
    return _api_module("mcert." + rel.removesuffix(".py").replace("/", ".")) is not None


def _check(violations: list[Import]) -> list[str]:
    return sorted({str(v) for v in violations if (v.file, v.module) not in ALLOWED})


def test_every_package_is_a_domain_or_infrastructure() -> None:
    packages = {p.parent.name for p in SRC.glob("*/__init__.py")}
    unknown = packages - DOMAINS - INFRASTRUCTURE
    assert not unknown, f"list these packages in DOMAINS or INFRASTRUCTURE: {sorted(unknown)}"


def test_pki_imports_no_database_http_or_domain() -> None:
    found = []
    for imp in _imports():
        if not imp.file.startswith("pki/"):
            continue
        top = imp.module.split(".")[0]
        if top in PKI_FORBIDDEN_THIRD_PARTY:
            found.append(imp)
        elif top == "mcert":
            name = ".".join(imp.module.split(".")[:2])
            if name != "mcert.pki" and name not in PKI_MAY_IMPORT:
                found.append(imp)
    bad = _check(found)
    assert not bad, "pki/ must stay pure:\n" + "\n".join(bad)


def test_only_main_imports_api_modules() -> None:
    found = []
    for imp in _imports():
        api = _api_module(imp.module)
        if api is None or imp.file == "main.py":
            continue
        own = "mcert." + imp.file.removesuffix(".py").replace("/", ".")
        if api == own:
            continue
        found.append(Import(imp.file, imp.line, api))
    bad = _check(found)
    assert not bad, (
        "only main.py mounts api modules; move what is shared to http/ or to the owning "
        "domain's schemas/service:\n" + "\n".join(bad)
    )


def test_domains_import_each_other_one_way() -> None:
    edges: dict[tuple[str, str], list[Import]] = {}
    for imp in _imports():
        source = _domain_of(imp.file)
        parts = imp.module.split(".")
        if source is None or _is_api_file(imp.file) or parts[0] != "mcert" or len(parts) < 2:
            continue
        target = parts[1]
        if target in DOMAINS and target != source:
            # one finding per import statement and domain, not per imported name
            edges.setdefault((source, target), []).append(
                Import(imp.file, imp.line, f"mcert.{target}")
            )
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)

    # Every cycle shows up as a strongly connected component of more than one domain.
    cycles = [c for c in _components(graph) if len(c) > 1]
    found = [
        imp
        for cycle in cycles
        for (source, target), imps in edges.items()
        if source in cycle and target in cycle
        for imp in imps
    ]
    bad = _check(found)
    assert not bad, (
        f"domains import each other ({[sorted(c) for c in cycles]}); make one direction "
        "(a listener list in the lower domain, wired in mcert/flows.py):\n" + "\n".join(bad)
    )


def _components(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's strongly connected components."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.add(top)
                if top == node:
                    break
            result.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def test_only_the_composition_roots_import_domains() -> None:
    found = []
    for imp in _imports():
        parts = imp.module.split(".")
        if _domain_of(imp.file) is not None or parts[0] != "mcert" or len(parts) < 2:
            continue
        if parts[1] in DOMAINS and parts[1] not in OUTSIDE_MAY_IMPORT.get(imp.file, ()):
            found.append(Import(imp.file, imp.line, f"mcert.{parts[1]}"))
    bad = _check(found)
    assert not bad, (
        "outside the domains only the composition roots import them (OUTSIDE_MAY_IMPORT); "
        "the runtime, settings, providers and helpers are imported by the domains, never the "
        "other way:\n" + "\n".join(bad)
    )


def test_the_check_sees_function_level_imports() -> None:
    """The checker itself: an import inside a function counts."""
    tree = ast.parse("def f():\n    from mcert.cert.api import b64u\n")
    node = next(n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom))
    assert _resolve("scan/api.py", node) == "mcert.cert.api"
    assert _api_module("mcert.cert.api.b64u") == "mcert.cert.api"
    assert _api_module("mcert.providers.payment_sandbox_api.router") == (
        "mcert.providers.payment_sandbox_api"
    )
    assert _api_module("mcert.providers.payment_sandbox.api.router") == (
        "mcert.providers.payment_sandbox.api"
    )
    runtime_importing_ca = ast.parse("def f():\n    from mcert.ca.service import CAService\n")
    node = next(n for n in ast.walk(runtime_importing_ca) if isinstance(n, ast.ImportFrom))
    assert _resolve("runtime.py", node) == "mcert.ca.service"
    assert "ca" not in OUTSIDE_MAY_IMPORT["runtime.py"]
    assert _api_module("mcert.cert.service") is None
    assert _is_api_file("rp/api.py")
    assert _is_api_file("providers/payment_sandbox/api.py")
    assert not _is_api_file("scan/relying.py")


def test_schemas_live_in_schemas_modules() -> None:
    """An ``api.py`` parses, calls the service and serialises; its pydantic bodies live in
    the domain's ``schemas.py``."""
    found = []
    for path in sorted(SRC.rglob("api.py")):
        rel = path.relative_to(SRC).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and any(
                isinstance(b, ast.Name) and b.id == "BaseModel" for b in node.bases
            ):
                found.append(f"src/mcert/{rel}:{node.lineno} defines {node.name}")
    assert not found, "move these to the domain's schemas.py:\n" + "\n".join(found)
