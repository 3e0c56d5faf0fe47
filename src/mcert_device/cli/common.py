"""What every ``mcert-device`` command shares: state, configuration, errors, input, output.

* :class:`App` — the device home, the server URL and ``--json``; :meth:`App.device` opens
  the :class:`~mcert_device.client.DeviceClient`, :meth:`App.emit` prints the server's JSON
  (without :data:`HIDDEN_FIELDS`) or a human summary;
* :func:`resolve_server` — ``--server``, else the URL saved in the home's ``config.json``;
* :class:`CommandGroup` and :func:`fail` — every refusal ends as ``错误 <code>: <message>``
  on stderr with exit status 1;
* :func:`upload`, :func:`ask_password`, :func:`ask_new_password`, :func:`day` — small input
  and output helpers.

Never prints, logs or sends a private key, the ``device_secret``, a session token or a
password.
"""

from __future__ import annotations

import json
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import click
import httpx

from mcert_device.client import DeviceClient, DeviceError
from mcert_device.crypto import DeviceCryptoError

DEFAULT_SERVER = "http://127.0.0.1:8000"
DEFAULT_HOME = "~/.mcert-device"
CONFIG_FILE = "config.json"
# Never shown, even with --json: secrets, or blobs sealed to a key that no longer exists.
HIDDEN_FIELDS = frozenset(
    {"access_token", "refresh_token", "sealed_encryption_key", "sealed_server_share"}
)
LOGIN_HINT = "请先登录 (log in first): mcert-device sms-code PHONE && mcert-device login PHONE"


@dataclass
class App:
    """What every command shares: where the device lives and how to talk to the server."""

    home: Path
    server: str
    as_json: bool
    _device: DeviceClient | None = field(default=None, repr=False)

    def device(self, *, login: bool = True) -> DeviceClient:
        """The device loaded from ``home``; with ``login``, refuse early when logged out."""
        if self._device is None:
            http = httpx.Client(base_url=self.server, timeout=30.0)
            click.get_current_context().call_on_close(http.close)
            self._device = DeviceClient.open(http, self.home)
            self._device.device_name = f"mcert-device@{socket.gethostname()}"[:100]
        if login and not (self._device.access_token or self._device.refresh_token):
            fail("not_logged_in", LOGIN_HINT)
        return self._device

    def emit(self, data: Any, human: Callable[[], None]) -> None:
        """The server's JSON for scripts, or a short human summary."""
        if self.as_json:
            click.echo(json.dumps(_public(data), ensure_ascii=False, indent=2))
        else:
            human()


def _public(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _public(v) for k, v in data.items() if k not in HIDDEN_FIELDS}
    if isinstance(data, list):
        return [_public(v) for v in data]
    return data


def fail(code: str, message: str) -> NoReturn:
    click.echo(f"错误 {code}: {message}", err=True)
    sys.exit(1)


def resolve_server(home: Path, explicit: str | None) -> str:
    """``--server``/``MCERT_SERVER``, else the URL saved on first use, else the default."""
    config = home / CONFIG_FILE
    saved: str | None = None
    if config.exists():
        saved = json.loads(config.read_text(encoding="utf-8")).get("server")
    server = (explicit or saved or DEFAULT_SERVER).rstrip("/")
    if saved is None:
        home.mkdir(mode=0o700, parents=True, exist_ok=True)
        config.write_text(json.dumps({"server": server}) + "\n", encoding="utf-8")
    elif explicit and server != saved.rstrip("/"):
        click.echo(f"注意 note: {home} was set up for {saved}; using {server}", err=True)
    return server


class CommandGroup(click.Group):
    """Turns the server's refusals and network failures into ``错误 <code>: <message>``."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except DeviceError as exc:
            message = exc.message
            if exc.status == 401:
                message = f"{message} — {LOGIN_HINT}"
            consent = exc.details.get("consent") if exc.code == "consent_required" else None
            if consent:
                message = (
                    f"{message} — mcert-device consent show {consent}，同意后重试: "
                    f"mcert-device consent grant {consent} (or add --consent)"
                )
            left = exc.details.get("attempts_left")
            if left is not None:
                message = f"{message} (剩余尝试 attempts left: {left})"
            fail(exc.code, message)
        except httpx.TransportError as exc:
            server = ctx.obj.server if isinstance(ctx.obj, App) else "?"
            fail("server_unreachable", f"无法连接服务器 cannot reach {server}: {exc}")
        except DeviceCryptoError as exc:
            fail("keystore_error", f"本机密钥库错误 keystore problem: {exc}")


pass_app = click.make_pass_decorator(App)
ImageFile = click.Path(exists=True, dir_okay=False, readable=True, path_type=Path)


def upload(path: Path) -> tuple[str, bytes]:
    """A file to upload: (its name, its bytes)."""
    return path.name, path.read_bytes()


def ask_new_password(value: str | None, label: str = "新证书密码 new certificate password") -> str:
    if value is not None:
        return value
    return str(click.prompt(label, hide_input=True, confirmation_prompt=True))


def ask_password(value: str | None, label: str = "证书密码 certificate password") -> str:
    if value is not None:
        return value
    return str(click.prompt(label, hide_input=True))


def day(value: str | None) -> str:
    return value[:10] if value else "-"
