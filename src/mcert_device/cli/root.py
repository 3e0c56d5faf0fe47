"""The root group ``mcert-device``: global options (``--home``, ``--server``, ``--json``).

The commands are attached in :mod:`mcert_device.cli` (the package), one module per group.
"""

from __future__ import annotations

from pathlib import Path

import click

from mcert_device.cli.common import (
    DEFAULT_HOME,
    DEFAULT_SERVER,
    App,
    CommandGroup,
    resolve_server,
)


@click.group(cls=CommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--home",
    envvar="MCERT_DEVICE_HOME",
    default=DEFAULT_HOME,
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Device state: keystore, session, server URL (env MCERT_DEVICE_HOME)",
)
@click.option(
    "--server",
    envvar="MCERT_SERVER",
    default=None,
    help=f"mCert server (env MCERT_SERVER; saved on first use; default {DEFAULT_SERVER})",
)
@click.option("--json", "as_json", is_flag=True, help="Print the server's JSON (for scripts)")
@click.version_option(package_name="mcert")
@click.pass_context
def main(ctx: click.Context, home: Path, server: str | None, as_json: bool) -> None:
    """mcert-device: 移动数字证书 on the command line — a phone for mCert.

    Private keys are made here and stay here, wrapped; only CSRs, certificates and password
    pre-hashes travel. A first certificate, step by step:

    \b
      mcert-device sms-code 13800138000
      mcert-device login 13800138000
      mcert-device realname phone --name 张三 --id-number 110101199001010015
      mcert-device realname face ATTEMPT_ID --image me.jpg
      mcert-device apply personal --years 1
      mcert-device pay ORDER_ID
      mcert-device certs
      mcert-device download CERT_ID
    """
    home = home.expanduser()
    ctx.obj = App(home=home, server=resolve_server(home, server), as_json=as_json)
