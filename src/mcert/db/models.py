"""Imports every domain's models so ``Base.metadata`` is complete (Alembic, tests)."""

from mcert.account import models as account_models
from mcert.audit import models as audit_models
from mcert.ca import models as ca_models
from mcert.db.base import Base
from mcert.kv import models as kv_models
from mcert.providers import sms as sms_models

__all__ = ["Base", "account_models", "audit_models", "ca_models", "kv_models", "sms_models"]
