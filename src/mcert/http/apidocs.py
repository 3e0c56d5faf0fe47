"""The OpenAPI reference pages (``/docs`` Swagger UI, ``/redoc``), served without a CDN.

The Swagger UI and ReDoc bundles come from the ``fastapi-offline`` package's static files;
the pages load them and a small start-up script from ``/docs/assets``, so they work offline
and under a policy that runs no inline script. ``create_app`` installs this only when
``MCERT_API_DOCS`` (default: outside production) allows it.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs/assets"
_STATIC = Path(fastapi_offline.__file__).parent / "static"

# Swagger UI styles elements inline and draws icons from data: URLs; ReDoc also starts a
# web worker from a blob: URL. Neither runs inline script.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)

_INIT_JS = """window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "%s",
    dom_id: "#swagger-ui",
    layout: "BaseLayout",
    deepLinking: true,
    showExtensions: true,
    showCommonExtensions: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset]
  });
});
"""

_SWAGGER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - API</title>
<link rel="icon" href="{assets}/favicon.png">
<link rel="stylesheet" href="{assets}/swagger-ui.css">
</head><body><div id="swagger-ui"></div>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="{assets}/init.js"></script>
</body></html>
"""

_REDOC_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - API</title>
<link rel="icon" href="{assets}/favicon.png">
</head><body><redoc spec-url="{openapi}"></redoc>
<script src="{assets}/redoc.standalone.js"></script>
</body></html>
"""


def install(app: FastAPI, *, openapi_url: str) -> None:
    headers = {"Content-Security-Policy": DOCS_CSP, "Cache-Control": "no-cache"}
    init_js = _INIT_JS % openapi_url

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        html = _SWAGGER_PAGE.format(title=app.title, assets=ASSETS)
        return HTMLResponse(html, headers=headers)

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        html = _REDOC_PAGE.format(title=app.title, assets=ASSETS, openapi=openapi_url)
        return HTMLResponse(html, headers=headers)

    @app.get(f"{ASSETS}/init.js", include_in_schema=False)
    def swagger_init() -> Response:
        return Response(
            init_js, media_type="text/javascript", headers={"Cache-Control": "no-cache"}
        )

    app.mount(ASSETS, StaticFiles(directory=_STATIC), name="docs-assets")
