"""mCert: mobile digital certificates for Chinese e-bidding."""

__version__ = "0.1.0"
