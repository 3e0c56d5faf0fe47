"""PDF documents shown to a reviewer as PNG pages, rendered server-side in a throwaway process.

An uploaded PDF is untrusted and kept byte for byte (:mod:`mcert.uploads`). The reviewer's
browser never opens it: pdfium (``pypdfium2``) rasterises one page to a PNG in a separate
Python process with a wall-clock timeout, a CPU-time limit and an address-space limit, so a
PDF crafted to hang or exhaust the parser costs one killed child, never the server. Forms
are not initialised, so no PDF JavaScript or action runs; nothing in the file is executed,
only drawn. Pages beyond ``MCERT_REVIEW_PDF_MAX_PAGES`` are refused, and the rendered size
is bounded (:data:`MAX_SIDE` pixels on the longer side).

Run as ``python -m mcert.review.pdfpages count|render N`` with the PDF on stdin (the
parent does this; nothing else should).
"""

from __future__ import annotations

import io
import subprocess
import sys
import threading
from collections import OrderedDict

from mcert.errors import InvalidInput, NotFound

MAX_SIDE = 1800  # pixels on the longer side of a rendered page
TIMEOUT_SECONDS = 15
CPU_SECONDS = 10
MEMORY_BYTES = 768 * 1024 * 1024


class PageNotFound(NotFound):
    code = "document_page_not_found"
    default_message = "该页不存在"


class DocumentUnreadable(InvalidInput):
    code = "document_unreadable"
    default_message = "该文件无法显示，请下载后查看"


def _limits() -> None:  # pragma: no cover - runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def _run(pdf: bytes, *args: str) -> bytes:
    try:
        done = subprocess.run(
            [sys.executable, "-m", "mcert.review.pdfpages", *args],
            input=pdf,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            preexec_fn=_limits if sys.platform != "win32" else None,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise DocumentUnreadable(details={"reason": "timeout"}) from exc
    if done.returncode == 3:
        raise PageNotFound()
    if done.returncode != 0:
        raise DocumentUnreadable(details={"reason": "render_failed"})
    return done.stdout


_counts: OrderedDict[str, int] = OrderedDict()
_counts_lock = threading.Lock()


def page_count(pdf: bytes, sha256: str) -> int:
    """Pages of a PDF (cached by content hash); 0 when pdfium cannot read it."""
    with _counts_lock:
        if sha256 in _counts:
            _counts.move_to_end(sha256)
            return _counts[sha256]
    try:
        n = int(_run(pdf, "count").decode() or 0)
    except DocumentUnreadable:
        n = 0
    with _counts_lock:
        _counts[sha256] = n
        while len(_counts) > 512:
            _counts.popitem(last=False)
    return n


def render_page(pdf: bytes, page: int, max_pages: int) -> bytes:
    """Page ``page`` (1-based) as a PNG; 404 ``document_page_not_found`` outside the
    document or beyond ``max_pages``."""
    if page < 1 or page > max_pages:
        raise PageNotFound()
    return _run(pdf, "render", str(page))


# ----------------------------------------------------------------------------- the child


def _child(argv: list[str]) -> int:  # pragma: no cover - exercised through _run
    import pypdfium2 as pdfium

    data = sys.stdin.buffer.read()
    doc = pdfium.PdfDocument(data)  # no init_forms(): no form or script handling
    try:
        if argv[0] == "count":
            sys.stdout.write(str(len(doc)))
            return 0
        index = int(argv[1]) - 1
        if not 0 <= index < len(doc):
            return 3
        page = doc[index]
        width, height = page.get_size()
        scale = min(2.0, MAX_SIDE / max(width, height, 1.0))
        image = page.render(scale=scale, may_draw_forms=False).to_pil()
        out = io.BytesIO()
        image.convert("RGB").save(out, format="PNG", optimize=False)
        sys.stdout.buffer.write(out.getvalue())
        return 0
    finally:
        doc.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_child(sys.argv[1:]))
