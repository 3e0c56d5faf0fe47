"""Every status goes through a state table (docs/lifecycle.md, STYLE.md point 2).

A static check over ``src/mcert``: no code writes a ``status`` (or a scan session's
``hint``, a status of its own) except the move functions of the state modules
(``states.py``, ``*/states.py``, ``*_states.py``), and no code compares a status with (or
creates a record with) a bare string; the enum members are used instead. Each finding is
reported as ``file:line``.

Not checked: Alembic migrations (frozen history, written against the strings), and the
relying-party demo (a client of the HTTP API: it reads the wire values).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "mcert"
SKIP_DIRS = ("db/migrations", "demo_rp", "webapp_dist")

STATUS_ATTRS = frozenset({"status", "hint"})

#: Besides the state modules' move functions, the reviewers' conditional UPDATE
#: (compare-and-set on status and version, so exactly one reviewer wins) writes a status;
#: it checks ``order.states.TRANSITIONS`` itself first.
WRITERS = {("review/service.py", "_decide")}


def _may_write(rel: str, function: str) -> bool:
    if rel.endswith("states.py") and function.startswith("move"):
        return True
    return (rel, function) in WRITERS


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith(SKIP_DIRS):
            continue
        yield rel, ast.parse(path.read_text(encoding="utf-8"), filename=rel)


def _functions(tree: ast.Module) -> dict[ast.AST, str]:
    """Each node of the module → the name of the innermost function around it."""
    owner: dict[ast.AST, str] = {}

    def visit(node: ast.AST, name: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = (
                child.name if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef) else name
            )
            owner[child] = inner
            visit(child, inner)

    visit(tree, "<module>")
    return owner


def _targets(node: ast.AST) -> Iterator[ast.expr]:
    if isinstance(node, ast.Assign):
        pending = list(node.targets)
    elif isinstance(node, ast.AugAssign | ast.AnnAssign):
        pending = [node.target]
    else:
        return
    while pending:
        target = pending.pop()
        if isinstance(target, ast.Tuple | ast.List):
            pending.extend(target.elts)
        elif isinstance(target, ast.Starred):
            pending.append(target.value)
        else:
            yield target


def _is_status(node: ast.expr) -> bool:
    """``x.status``, ``x.hint`` or ``effective_status(...)`` (a certificate's shown status)."""
    if isinstance(node, ast.Attribute):
        return node.attr in STATUS_ATTRS
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        return name == "effective_status"
    return False


def _bare_strings(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_bare_strings(e) for e in node.elts)
    return False


def _findings(rel: str, tree: ast.Module) -> Iterator[str]:
    owner = _functions(tree)
    for node in ast.walk(tree):
        where = f"src/mcert/{rel}:{getattr(node, 'lineno', 0)}"
        allowed = _may_write(rel, owner.get(node, "<module>"))
        for target in _targets(node):
            if isinstance(target, ast.Attribute) and target.attr in STATUS_ATTRS and not allowed:
                yield f"{where}: {target.attr} written directly; use the domain's move function"
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if (
                name == "setattr"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and node.args[1].value in STATUS_ATTRS
                and not allowed
            ):
                yield f"{where}: status written with setattr; use the domain's move function"
            for kw in node.keywords:
                if kw.arg not in STATUS_ATTRS:
                    continue
                if name == "values" and not allowed:
                    yield f"{where}: {kw.arg} written by an UPDATE; use the domain's move function"
                elif _bare_strings(kw.value):
                    yield f"{where}: {kw.arg}={ast.unparse(kw.value)}; use the enum member"
            if name in ("in_", "not_in") and isinstance(func, ast.Attribute):
                if _is_status(func.value) and any(_bare_strings(a) for a in node.args):
                    yield f"{where}: status compared with bare strings; use the enum members"
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_is_status(s) for s in sides) and any(_bare_strings(s) for s in sides):
                yield f"{where}: {ast.unparse(node)}; compare with the enum member"


def check_sources() -> list[str]:
    found = {finding for rel, tree in _modules() for finding in _findings(rel, tree)}
    return sorted(found, key=lambda f: (f.split(":")[0], int(f.split(":")[1])))


def test_no_status_written_or_compared_outside_the_state_tables() -> None:
    findings = check_sources()
    assert not findings, "statuses outside their state tables:\n" + "\n".join(findings)


def _check_snippet(code: str, rel: str = "scan/phone.py") -> list[str]:
    return list(_findings(rel, ast.parse(code)))


def test_the_check_finds_every_kind_of_direct_write() -> None:
    code = """
def f(s, db):
    s.status = "complete"
    s.status, s.hint = ScanStatus.FAILED, None
    setattr(s, "status", "failed")
    db.execute(update(ScanSession).values(status=ScanStatus.FAILED))
    ScanSession(status="pending")
    if s.status == "pending" or s.status in ("complete", "failed"):
        pass
    if "revoked" != row.status or effective_status(c, now) == "expired":
        pass
    select(S).where(S.status.in_(["pending"]))
    s.hint = "scanned"
    ScanSession(hint="outstanding")
    if s.hint != "user_confirming":
        pass
"""
    lines = {int(f.split(":")[1]) for f in _check_snippet(code)}
    assert lines == {3, 4, 5, 6, 7, 8, 10, 12, 13, 14, 15}
    assert all(f.startswith("src/mcert/scan/phone.py:") for f in _check_snippet(code))


def test_the_check_allows_enum_members_and_the_shared_helper() -> None:
    code = """
def f(s):
    ScanSession(status=ScanStatus.PENDING)
    if s.status == ScanStatus.PENDING or s.status in (ScanStatus.COMPLETE,):
        move_session(s, ScanStatus.FAILED)
    resp.status == 200
    body = {"status": "ok"}
"""
    assert _check_snippet(code) == []
    helper = "def move(record, target, table, labels=None):\n    record.status = target.value\n"
    assert _check_snippet(helper, rel="states.py") == []
    assert _check_snippet(helper, rel="scan/states.py") == []
    assert _check_snippet(helper, rel="providers/payment_sandbox/states.py") == []
    assert _check_snippet(helper, rel="scan/phone.py") != []
    other = "def fix(record):\n    record.status = 'failed'\n"
    assert _check_snippet(other, rel="scan/states.py") != []
