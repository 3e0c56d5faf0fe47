"""示范招投标平台: a small bidding platform that uses mCert scan-to-use through the SDK.

A separate web application (``mcert-rp demo``, ``pip install 'mcert-rp[demo]'``), not part
of the mCert server: it talks to mCert only through :mod:`mcert_rp`, keeps session handles
and bids in memory, and never sends a ``qr_secret`` or a client secret to the browser.
"""

from mcert_rp.demo.app import DemoConfig, create_app

__all__ = ["DemoConfig", "create_app"]
