"""``mcert-device``: the phone, as a command line.

Every holder operation of the mobile app (login, 实名认证, applications, orders, payment,
download, password, renewal, reissue, change, messages, scan to use) as one command over
:class:`~mcert_device.client.DeviceClient`. State lives in a home directory (``--home``):
the :class:`~mcert_device.crypto.Keystore` (device id, ``device_secret``, wrapped private
keys, certificates), the session tokens and the server URL.

One module per command group; :data:`main` is the console script ``mcert-device``
(``python -m mcert_device`` and ``python -m mcert_device.cli`` run it too):

* :mod:`~mcert_device.cli.common` — shared state (:class:`~mcert_device.cli.common.App`,
  ``pass_app``), the saved server URL, error reporting (``fail``: ``错误 <code>: <message>``),
  password prompts and upload helpers;
* :mod:`~mcert_device.cli.root` — the root group and its options (``--home``, ``--server``,
  ``--json``);
* :mod:`~mcert_device.cli.account` — ``sms-code``, ``login``, ``logout``, ``me``, ``messages``;
* :mod:`~mcert_device.cli.consent` — ``agreements``, ``consent list|show|grant|withdraw``;
* :mod:`~mcert_device.cli.realname` — ``realname …``, ``face-check``;
* :mod:`~mcert_device.cli.orders` — ``apply …``, ``orders``, ``order``, ``resubmit``,
  ``cancel``, ``pay``;
* :mod:`~mcert_device.cli.certificates` — ``certs``, ``show``, ``download``, ``export``,
  ``password …``, ``renew``, ``reissue``, ``change``;
* :mod:`~mcert_device.cli.scan` — ``scan``, ``reject``, ``usage``;
* :mod:`~mcert_device.cli.org` — ``org …`` (授权管理: ``list``, ``show``, ``members``,
  ``invite``, ``role``, ``revoke``, ``resend``, ``usage``), ``claims``, ``claim``;
* :mod:`~mcert_device.cli.seal` — ``seal …`` (电子印章: ``apply``, ``list``, ``show``,
  ``claim``);
* :mod:`~mcert_device.cli.invoice` — ``invoice …`` (开票: ``title add|list``, ``apply``,
  ``list``, ``download``);
* :mod:`~mcert_device.cli.privacy` — ``privacy summary|export`` (我的信息) and
  ``account cancel|cancel-code|cancel-status|cancel-withdraw`` (注销账号).

Adding a command group (say ``mcert-device org …``): write ``cli/org.py`` with plain
``@click.group()`` / ``@click.command()`` functions taking the shared state through
``@pass_app`` (``app.device()`` for the client, ``app.emit(body, human)`` to print, ``fail``
to refuse), end it with ``COMMANDS = (org,)``, and add the module to :data:`GROUPS` below.
Nothing else changes; ``tests/contract/test_device_cli.py`` runs the real command.

No command may print, log or send a private key, the ``device_secret``, a session token or
a password; ``export`` writes certificates only. Like the rest of ``mcert_device`` this
package never imports the server package ``mcert``.
"""

from __future__ import annotations

from mcert_device.cli import (
    account,
    certificates,
    consent,
    invoice,
    orders,
    org,
    privacy,
    realname,
    scan,
    seal,
)
from mcert_device.cli.root import main

__all__ = ["GROUPS", "main"]

#: The command modules, each with a ``COMMANDS`` tuple attached to :data:`main`.
GROUPS = (account, consent, realname, orders, certificates, scan, org, seal, invoice, privacy)

for _group in GROUPS:
    for _command in _group.COMMANDS:
        main.add_command(_command)
