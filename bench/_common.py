"""What every benchmark shares: machine facts, the results file and the Markdown table."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results" / "latest.json"


@dataclass
class Row:
    """One line of the table: a measured figure, with its reference and their ratio if any."""

    benchmark: str
    case: str
    value: float
    unit: str
    reference: str | None = None
    reference_value: float | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if not self.reference_value:
            return None
        return self.value / self.reference_value


def machine() -> dict[str, Any]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def revision() -> str:
    """The commit measured, with ``+changes`` when the work tree differs from it."""
    root = Path(__file__).parent.parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "src"],
            cwd=root,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return "unknown"
    return (head or "unknown") + ("+changes" if dirty else "")


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def _fmt(value: float | None) -> str:
    if value is None:
        return ""
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def table(rows: list[Row]) -> str:
    lines = [
        "| benchmark | case | value | unit | reference | ref. value | ratio | note |",
        "|---|---|---:|---|---|---:|---:|---|",
    ]
    for r in rows:
        ratio = r.ratio
        lines.append(
            f"| {r.benchmark} | {r.case} | {_fmt(r.value)} | {r.unit} | {r.reference or ''} "
            f"| {_fmt(r.reference_value)} | {f'{ratio:.3g}×' if ratio is not None else ''} "
            f"| {r.note} |"
        )
    return "\n".join(lines)


def save(
    name: str,
    rows: list[Row],
    details: dict[str, Any],
    loadavg_before: tuple[float, ...],
    path: Path = RESULTS,
) -> None:
    """Replace benchmark ``name`` in the results file, keeping the others' last figures."""
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = json.loads(path.read_text())
        except ValueError:
            data = {}
    data["machine"] = machine()
    benchmarks = data.setdefault("benchmarks", {})
    benchmarks[name] = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "revision": revision(),
        # Other work on the machine skews figures: 1-minute load before and after the run.
        "loadavg_1min": [round(loadavg_before[0], 2), round(os.getloadavg()[0], 2)],
        "rows": [
            {k: v for k, v in asdict(r).items() if v not in (None, "", {})}
            | ({"ratio": round(r.ratio, 3)} if r.ratio is not None else {})
            for r in rows
        ],
        "details": details,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
    tmp.replace(path)
