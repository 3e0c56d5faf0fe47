"""Choose the CA key backend from settings (file or PKCS#11), loaded lazily."""

from __future__ import annotations

from mcert.errors import ServiceUnavailable
from mcert.pki.keys import FileKeyBackend, KeyBackend, PKCS11KeyBackend, find_softhsm2_module
from mcert.settings import Settings


class KeyBackendUnavailable(ServiceUnavailable):
    code = "ca_key_backend_unavailable"
    default_message = "CA 密钥服务不可用"


def make_key_backend(settings: Settings) -> KeyBackend:
    if settings.ca_key_backend == "file":
        return FileKeyBackend(
            settings.data_dir / "ca-keys",
            settings.ca_key_passphrase.encode("utf-8"),
            scrypt_ln=settings.ca_key_scrypt_ln,
        )
    if settings.ca_key_backend == "pkcs11":
        module = settings.pkcs11_module or find_softhsm2_module()
        if module is None or settings.pkcs11_user_pin is None:
            raise KeyBackendUnavailable(
                "PKCS#11 needs MCERT_PKCS11_MODULE (or SoftHSM2 installed) "
                "and MCERT_PKCS11_USER_PIN"
            )
        return PKCS11KeyBackend(module, settings.pkcs11_token_label, settings.pkcs11_user_pin)
    raise KeyBackendUnavailable(f"unknown MCERT_CA_KEY_BACKEND {settings.ca_key_backend!r}")
