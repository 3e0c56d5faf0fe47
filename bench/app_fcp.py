"""First contentful paint of the holder web app on a slow phone, compressed and not.

A cold load (fresh browser context, empty cache) of ``/`` from a real server
(``uvicorn mcert.main:app_factory`` on SQLite, serving the built app from
``src/mcert/webapp_dist``), in headless Chromium driven by Playwright at 360×640, with the
throttling Lighthouse uses for a mobile run, applied through the DevTools protocol:

- ``Emulation.setCPUThrottlingRate`` 4 (a mid-range phone is ~4× slower than this CPU);
- ``Network.emulateNetworkConditions`` "slow 4G": 562.5 ms round trip, 1.47 Mbit/s down,
  675 kbit/s up (Lighthouse's 150 ms RTT / 1.6 Mbit/s, with DevTools' packet-level
  adjustment factors 3.75 and 0.9).

Two cases, each ``--runs`` times (median reported): **compressed** (Chromium's own
``Accept-Encoding: gzip, deflate, br, zstd``: the server sends the build's ``.br`` files)
and **identity**, the reference in the same run (``Accept-Encoding: identity`` forced
through ``Network.setExtraHTTPHeaders``: the bytes as built, i.e. the server before
precompression). Reported: FCP (``performance.getEntriesByName('first-contentful-paint')``;
since the page paints its own splash from the HTML, this is the splash), **app** (when the
Vue app's first screen replaced that splash, from a ``MutationObserver``),
bytes on the wire (sum of ``Network.loadingFinished.encodedDataLength``, headers included)
and the decoded bytes, by the time the page's load event fired and the network was idle.

``python -m bench.app_fcp [--runs N] [--out PATH]``; needs ``npm run build`` first and
Chromium (``MCERT_CHROMIUM`` or ``chromium`` on the PATH). Target (issue #14): FCP ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import _common
from bench._common import Row

SLOW_4G = {
    "offline": False,
    "latency": 562.5,
    "downloadThroughput": 1474.56 * 1000 / 8,
    "uploadThroughput": 675 * 1000 / 8,
}
CPU_SLOWDOWN = 4
TARGET_FCP_MS = 1500.0
DIST = Path(__file__).parent.parent / "src" / "mcert" / "webapp_dist"
# When the app's first screen replaced the page's own splash (``data-testid="boot"`` in
# frontend/index.html): #app has children and the splash is not among them.
APP_RENDERED_JS = """
new MutationObserver((_, obs) => {
  const app = document.getElementById('app');
  if (app && app.childElementCount && !app.querySelector('[data-testid=boot]')) {
    window.__appRendered = performance.now();
    obs.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""
DEFAULT_OUT = Path(tempfile.gettempdir()) / "mcert-bench-app_fcp.json"


def _chromium() -> str | None:
    for name in (os.environ.get("MCERT_CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def one_load(browser: Any, url: str, identity: bool) -> dict[str, float]:
    ctx = browser.new_context(
        viewport={"width": 360, "height": 640}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    try:
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        if identity:
            cdp.send("Network.setExtraHTTPHeaders", {"headers": {"Accept-Encoding": "identity"}})
        wire = {"bytes": 0.0, "requests": 0.0}
        decoded: dict[str, int] = {}
        encodings: dict[str, str] = {}

        def finished(event: dict[str, Any]) -> None:
            wire["bytes"] += float(event.get("encodedDataLength", 0))
            wire["requests"] += 1

        def received(event: dict[str, Any]) -> None:
            decoded[event["requestId"]] = decoded.get(event["requestId"], 0) + event["dataLength"]

        def response(event: dict[str, Any]) -> None:
            headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
            encodings[event["response"]["url"]] = headers.get("content-encoding", "identity")

        cdp.on("Network.loadingFinished", finished)
        cdp.on("Network.dataReceived", received)
        cdp.on("Network.responseReceived", response)
        page.add_init_script(APP_RENDERED_JS)
        started = time.perf_counter()
        page.goto(url, wait_until="load", timeout=120_000)
        page.wait_for_load_state("networkidle", timeout=120_000)
        load_ms = (time.perf_counter() - started) * 1000
        fcp = page.evaluate(
            "() => { const e = performance.getEntriesByName('first-contentful-paint')[0];"
            " return e ? e.startTime : null }"
        )
        page.wait_for_function("window.__appRendered !== undefined", timeout=120_000)
        app_ms = float(page.evaluate("window.__appRendered"))
        if fcp is None:
            raise RuntimeError("no first-contentful-paint entry: the page painted nothing")
        used = sorted(set(encodings.values()))
        return {
            "fcp_ms": float(fcp),
            "app_ms": app_ms,
            "load_ms": load_ms,
            "wire_bytes": wire["bytes"],
            "decoded_bytes": float(sum(decoded.values())),
            "requests": wire["requests"],
            "encodings": used,  # type: ignore[dict-item]
        }
    finally:
        ctx.close()


def measure(url: str, runs: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    out: dict[str, Any] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), headless=True)
        try:
            one_load(browser, url, identity=False)  # the server's first-request costs
            samples: dict[str, list[dict[str, Any]]] = {"compressed": [], "identity": []}
            for _ in range(runs):  # interleaved, so drifting load skews both alike
                samples["compressed"].append(one_load(browser, url, identity=False))
                samples["identity"].append(one_load(browser, url, identity=True))
        finally:
            browser.close()
    for case, runs_ in samples.items():
        out[case] = {
            key: round(statistics.median(r[key] for r in runs_), 1)
            for key in ("fcp_ms", "app_ms", "load_ms", "wire_bytes", "decoded_bytes", "requests")
        }
        out[case]["fcp_ms_all"] = [round(r["fcp_ms"]) for r in runs_]
        out[case]["content_encodings"] = sorted({e for r in runs_ for e in r["encodings"]})
    return out


def run(args: argparse.Namespace) -> tuple[list[Row], dict[str, Any]]:
    """Entry point for ``bench/__main__.py`` (``args.quick``: 2 runs, else 5)."""
    from bench.scan_flows import _free_port, _mcert, server_env, serving, sqlite_backend

    runs = getattr(args, "runs", None) or (2 if args.quick else 5)
    # Skipped, not failed, so that `python -m bench` runs everything else without them.
    skip = None
    if not (DIST / "index.html").is_file():
        skip = "the web app is not built: cd frontend && npm ci && npm run build"
    elif _chromium() is None:
        skip = "Chromium not found (MCERT_CHROMIUM or chromium on the PATH)"
    if skip:
        print(f"app_fcp skipped: {skip}", file=sys.stderr)
        return [], {"skipped": skip}
    with sqlite_backend() as backend:
        port = _free_port()
        _mcert(server_env(backend, port), "db", "upgrade")
        with serving(backend, port, backend.data_dir / "uvicorn.log"):
            result = measure(f"http://127.0.0.1:{port}/", runs)
    comp, ident = result["compressed"], result["identity"]
    rows = [
        Row(
            "app_fcp",
            "FCP, 4× CPU + slow 4G, compressed (br)",
            comp["fcp_ms"],
            "ms",
            "same, Accept-Encoding: identity",
            ident["fcp_ms"],
            f"target ≤ {TARGET_FCP_MS:.0f} ms",
        ),
        Row(
            "app_fcp",
            "app's first screen rendered, 4× CPU + slow 4G, compressed",
            comp["app_ms"],
            "ms",
            "same, identity",
            ident["app_ms"],
        ),
        Row(
            "app_fcp",
            "bytes on the wire, cold load, compressed",
            comp["wire_bytes"] / 1024,
            "KiB",
            "same, identity",
            ident["wire_bytes"] / 1024,
        ),
    ]
    details = {
        "runs": runs,
        "network": SLOW_4G,
        "cpu_slowdown": CPU_SLOWDOWN,
        "viewport": "360x640 mobile",
        **result,
    }
    return rows, details


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.app_fcp", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="2 runs per case")
    parser.add_argument("--runs", type=int, help="cold loads per case (default 5)")
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help=f"results JSON (default {DEFAULT_OUT})"
    )
    args = parser.parse_args(argv)
    load = os.getloadavg()
    rows, details = run(args)
    if "skipped" in details:
        return 1
    _common.save("app_fcp", rows, details, load, args.out)
    print(_common.table(rows))
    print(json.dumps({k: details[k] for k in ("compressed", "identity")}, indent=1))
    print(f"\nsaved to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
