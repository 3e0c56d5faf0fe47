"""The operator console's fallback permission table (frontend/console/src/utils/permissions.ts,
used when GET /me is unavailable) says what mcert.operator.roles says."""

from __future__ import annotations

import re
from pathlib import Path

from mcert.operator.roles import GRANTS, ROLE_LABELS, OperatorRole, Permission

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "frontend" / "console" / "src" / "utils" / "permissions.ts"


def _block(source: str, name: str) -> str:
    match = re.search(rf"export const {name}[^=]*= \{{(.*?)\n\}}", source, re.S)
    assert match, f"{name} not found in {TS}"
    return match.group(1)


def test_console_permission_table_matches_roles_py() -> None:
    source = TS.read_text(encoding="utf-8")
    names = dict(re.findall(r"(\w+): '(\w+)'", _block(source, "P")))
    assert set(names.values()) == {p.value for p in Permission}
    assert names == {p.name: p.value for p in Permission}

    table = _block(source, "ROLE_PERMISSIONS")
    for role in OperatorRole:
        line = re.search(rf"^\s*{role.value}: (.+?),?$", table, re.M)
        assert line, f"role {role.value} missing from ROLE_PERMISSIONS"
        if line.group(1).strip().rstrip(",") == "ALL":
            granted = {p.value for p in Permission}
        else:
            granted = {names[n] for n in re.findall(r"P\.(\w+)", line.group(1))}
        assert granted == {p.value for p in GRANTS[role]}, role

    labels = dict(re.findall(r"(\w+): '([^']+)'", _block(source, "ROLE_LABELS")))
    assert labels == {r.value: label for r, label in ROLE_LABELS.items()}
