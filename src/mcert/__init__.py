"""mCert: mobile digital certificates for Chinese e-bidding."""

import warnings

__version__ = "0.1.0"

# cryptography warns whenever it *reads* a common name longer than 64 UTF-8 bytes, though
# RFC 5280 limits it to 64 characters and we issue such names on purpose (a 30-character
# Chinese name is 90 bytes; see mcert.pki.issue._common_name). Silence exactly that message.
warnings.filterwarnings(
    "ignore", message=r"Attribute's length must be >= 1 and <= 64", category=UserWarning
)
