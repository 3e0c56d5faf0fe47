"""Flows between domains: importing this module connects every cross-domain listener.

Domains depend on each other one way only (``cert`` → ``order``, ``scan`` → ``cert``); where
a lower domain must tell a higher one that something happened, it keeps a list of listeners
and the higher domain registers into it when its service module is imported:

- a paid order → :func:`mcert.cert.service.fulfil` (``order.service.paid_listeners``);
- a paid company name change → every member's certificate follows the new name
  (:func:`mcert.cert.members.follow_rename`, ``order.service.paid_listeners``);
- a certificate that can no longer be used → the scan domain fails its open sessions
  (``cert.service.blocked_listeners``, registered by ``mcert.scan.phone``);
- seals follow their certificate (registered by ``mcert.seal.service``): a replaced
  certificate hands its seals on or voids them (``cert.service.supersede_listeners``), a
  revoked one voids them (``blocked_listeners``), a paid company name change voids every
  seal of the company (``order.service.paid_listeners``);
- a refunded completed order → its invoice is reversed by a red-letter invoice
  (:func:`mcert.invoice.service.on_refunded`, ``order.payments.refunded_listeners``).

Every entry point that can move orders or certificates (the ASGI app, the CLI, the job
runner) imports this module, so no listener is ever missing. Never put logic here.
"""

from __future__ import annotations

# The imports register the listeners: fulfilment of paid orders; failing open sessions.
import mcert.cert.members
import mcert.cert.service
import mcert.invoice.service
import mcert.scan.phone
import mcert.seal.service  # noqa: F401  (seals follow their certificates)
