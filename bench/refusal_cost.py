"""Server CPU per refused request, beside ``GET /healthz`` in the same run.

Past ``MCERT_MAX_IN_FLIGHT`` a worker answers 503 ``server_busy`` from its admission
middleware (``mcert/http/admission.py``) without reading the body, touching the database or
taking a thread. Under overload those refusals share the worker's core with the admitted
flows, so what one costs decides how much of the core the excess takes away. This measures
it directly rather than by difference between open-loop runs.

The real app (``create_app``, SQLite, ``MCERT_ENV=test``) is served by uvicorn in this
process, as ``mcert serve`` serves it. Once it is up, the admission middleware's count of
requests in flight is set past its bound, so every counted request takes the refusal path
that overload takes; uncounted ones (``/healthz``) still reach their route. Then ``wrk``
(keep-alive connections, closed loop) sends, in alternating rounds, ``POST
/api/rp/v1/sessions`` with a small JSON body (refused) and ``GET /healthz`` (the reference:
routing, the whole middleware stack and a JSON answer). Server CPU is this process's CPU
time over the round (the main thread only waits); wrk is another process.

    python -m bench.refusal_cost [--seconds 8] [--connections 4] [--rounds 2]

prints one JSON object: per round, requests, requests/s and server CPU ms per request,
and the ratio of the medians (healthz / refusal). Needs ``wrk`` (Debian package).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from bench.scan_flows import _free_port

REFUSED = "/api/rp/v1/sessions"
REFERENCE = "/healthz"


def _wrk(url: str, seconds: int, connections: int, script: Path | None) -> dict[str, int]:
    argv = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s"]
    if script is not None:
        argv += ["-s", str(script)]
    out = subprocess.run([*argv, url], capture_output=True, text=True, check=True).stdout
    total = re.search(r"(\d+) requests in", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if total is None:
        raise RuntimeError(f"wrk printed no request count:\n{out}")
    return {"requests": int(total.group(1)), "non_2xx": int(non_2xx.group(1)) if non_2xx else 0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.refusal_cost", description=__doc__)
    ap.add_argument("--seconds", type=int, default=8, help="per round (8)")
    ap.add_argument("--connections", type=int, default=4, help="wrk connections (4)")
    ap.add_argument("--rounds", type=int, default=2, help="rounds of each kind (2)")
    args = ap.parse_args(argv)
    if shutil.which("wrk") is None:
        ap.error("wrk is not installed (apt-get install wrk)")

    import uvicorn

    from mcert.db.migrate import upgrade
    from mcert.http.admission import AdmissionMiddleware
    from mcert.main import create_app
    from mcert.runtime import Runtime
    from mcert.settings import Settings

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="mcert-refusal-") as tmp:
        data = Path(tmp)
        runtime = Runtime(
            Settings(
                env="test",
                data_dir=data,
                database_url=f"sqlite:///{data / 'mcert.db'}",
                secret_key="bench-refusal-secret-0123456789abcdef",
                ca_key_passphrase="bench-refusal-passphrase",
                public_url=base,
                background_jobs=False,
            )
        )
        assert runtime.engine is not None
        upgrade(runtime.engine)
        app = create_app(runtime=runtime)
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False)
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        try:
            while not server.started:
                time.sleep(0.05)
            node: Any = app.middleware_stack
            while not isinstance(node, AdmissionMiddleware):
                node = node.app
            node.in_flight = 1 << 30  # past any bound: every counted request is refused
            check = httpx.post(base + REFUSED, json={})
            if check.status_code != 503 or check.json()["error"]["code"] != "server_busy":
                raise RuntimeError(f"expected a refusal, got {check.status_code} {check.text}")
            body = data / "post.lua"
            body.write_text(
                'wrk.method = "POST"\nwrk.body = "{}"\n'
                'wrk.headers["Content-Type"] = "application/json"\n'
            )
            rounds: list[dict[str, Any]] = []
            for _ in range(args.rounds):
                for kind, path, script in (
                    ("refused", REFUSED, body),
                    ("healthz", REFERENCE, None),
                ):
                    cpu0 = time.process_time()
                    counts = _wrk(base + path, args.seconds, args.connections, script)
                    cpu = time.process_time() - cpu0
                    n = counts["requests"]
                    rounds.append(
                        {
                            "kind": kind,
                            **counts,
                            "per_s": round(n / args.seconds),
                            "server_cpu_ms_per_request": round(1000 * cpu / n, 3),
                        }
                    )
        finally:
            server.should_exit = True
            thread.join(10)
            runtime.dispose()

    def median(kind: str) -> float:
        return statistics.median(
            r["server_cpu_ms_per_request"] for r in rounds if r["kind"] == kind
        )

    refused, healthz = median("refused"), median("healthz")
    wrong = [r for r in rounds if r["kind"] == "refused" and r["non_2xx"] != r["requests"]]
    result = {
        "rounds": rounds,
        "refusal_cpu_ms_median": round(refused, 3),
        "healthz_cpu_ms_median": round(healthz, 3),
        "healthz_over_refusal": round(healthz / refused, 1),
        "all_refused": not wrong,
    }
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0 if not wrong else 1


if __name__ == "__main__":
    sys.exit(main())
