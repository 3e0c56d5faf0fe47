"""Imports every domain's models so ``Base.metadata`` is complete (Alembic, tests)."""

from mcert.account import models as account_models
from mcert.approval import models as approval_models
from mcert.audit import models as audit_models
from mcert.ca import models as ca_models
from mcert.cert import models as cert_models
from mcert.db.base import Base
from mcert.invoice import models as invoice_models
from mcert.kv import models as kv_models
from mcert.notify import models as notify_models
from mcert.operator import models as operator_models
from mcert.order import models as order_models
from mcert.org import models as org_models
from mcert.providers import email as email_models
from mcert.providers import invoice_sandbox as invoice_sandbox_models
from mcert.providers import sms as sms_models
from mcert.providers.payment_sandbox import models as payment_sandbox_models
from mcert.realname import models as realname_models
from mcert.review import models as review_models
from mcert.rights import models as rights_models
from mcert.rp import models as rp_models
from mcert.scan import models as scan_models
from mcert.seal import models as seal_models
from mcert.tasks import models as task_models

__all__ = [
    "Base",
    "account_models",
    "approval_models",
    "audit_models",
    "ca_models",
    "cert_models",
    "email_models",
    "invoice_models",
    "invoice_sandbox_models",
    "kv_models",
    "notify_models",
    "operator_models",
    "order_models",
    "org_models",
    "payment_sandbox_models",
    "realname_models",
    "review_models",
    "rights_models",
    "rp_models",
    "scan_models",
    "seal_models",
    "sms_models",
    "task_models",
]
