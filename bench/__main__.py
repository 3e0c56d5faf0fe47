"""``python -m bench [issuance|ocsp ...]``: run benchmarks, save JSON, print a Markdown table."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

from bench import _common

# name -> module with run(args) -> (rows, details); imported only when selected.
BENCHMARKS = {
    "app_fcp": "bench.app_fcp",
    "company_usage": "bench.company_usage",
    "issuance": "bench.issuance",
    "pdf_seal": "bench.pdf_seal",
    "ocsp": "bench.ocsp",
    "scan_flows": "bench.scan_flows",
    "seal_extract": "bench.seal_extract",
    "tasks": "bench.tasks",
    "uploads": "bench.uploads",
    "upload_memory": "bench.upload_memory",
}


def main(argv: list[str] | None = None) -> int:
    runners = BENCHMARKS
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"any of {', '.join(runners)} (default: all)")
    parser.add_argument(
        "--quick", action="store_true", help="smaller counts and shorter loads (smoke run)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=_common.RESULTS,
        help="results file (default: bench/results/latest.json); e.g. for a baseline run",
    )
    args = parser.parse_args(argv)
    names = args.names or list(runners)
    unknown = [n for n in names if n not in runners]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    all_rows: list[_common.Row] = []
    for name in names:
        print(f"== {name}", file=sys.stderr, flush=True)
        load = os.getloadavg()
        rows, details = importlib.import_module(runners[name]).run(args)
        _common.save(name, rows, details, load, args.out)
        all_rows.extend(rows)
    m = _common.machine()
    print(f"\nmachine: {m['nproc']} × {m['cpu']}, Python {m['python']}\n")
    print(_common.table(all_rows))
    print(f"\nsaved to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
