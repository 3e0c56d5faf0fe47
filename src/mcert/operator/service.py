"""CA operators (the console's staff): accounts, passwords, login with lockout, console tokens.

Operators are created and unlocked from the command line (``mcert operator create|unlock``)
and log in to the console API (``/api/console/v1/auth/login``). Passwords are kept as
scrypt verifiers; every login failure looks and costs the same whether the name exists or
not, and repeated failures lock the name and the client address (``docs/security.md``).
Reviewing applications is the review domain's (:mod:`mcert.review.service`).

Never stores or logs a password or a name as typed at the login prompt.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mcert.account.tokens import BearerTokens, TokenInvalid
from mcert.audit.service import Actor, record
from mcert.errors import AuthenticationFailed, Conflict, InvalidInput, RateLimited
from mcert.operator.models import Operator
from mcert.operator.roles import OperatorRole
from mcert.runtime import Runtime
from mcert.text import clean_text

ROLES = frozenset(OperatorRole)
_USERNAME = re.compile(r"^[a-z][a-z0-9_.-]{2,39}$")
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
CONSOLE_TOKEN_TTL = timedelta(hours=8)
_CONSOLE_AUDIENCE = "mcert-console"


class OperatorLoginFailed(AuthenticationFailed):
    code = "operator_login_failed"
    default_message = "用户名或密码错误"


class OperatorLoginLocked(RateLimited):
    code = "operator_login_locked"
    default_message = "登录失败次数过多，请稍后再试"


def hash_password(password: str) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_password(stored: str, password: str) -> bool:
    _, salt, digest = stored.split("$")
    candidate = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), dklen=32, **_SCRYPT)
    return hmac.compare_digest(candidate.hex(), digest)


def create_operator(
    db: Session, rt: Runtime, *, username: str, password: str, role: str, display_name: str
) -> Operator:
    now = rt.clock.now()
    if not _USERNAME.match(username):
        raise InvalidInput("用户名为3-40位小写字母、数字或 _.-", code="username_invalid")
    if role not in ROLES:
        raise InvalidInput(
            "角色只能是 " + "、".join(r.value for r in OperatorRole), code="role_invalid"
        )
    display_name = clean_text(display_name, max_length=40, field="display_name")
    if len(password) < 10:
        raise InvalidInput("操作员密码至少10位", code="password_weak")
    if db.scalars(select(Operator.id).where(Operator.username == username)).first():
        raise Conflict("用户名已存在", code="username_taken")
    op = Operator(
        username=username,
        display_name=display_name,
        password_hash=hash_password(password),
        role=role,
        created_at=now,
    )
    db.add(op)
    db.flush()
    record(
        db,
        at=now,
        actor=Actor.system("cli"),
        action="operator.created",
        target_type="operator",
        target_id=op.id,
        details={"username": username, "role": role},
    )
    db.commit()
    return op


@functools.cache
def _dummy_password_hash() -> str:
    """A hash no password matches, checked for unknown usernames so that they take the same
    work (one scrypt with the same parameters) as a known username with a wrong password."""
    return hash_password(secrets.token_urlsafe(32))


def _login_keys(rt: Runtime, username: str, source: str) -> tuple[str, str, str]:
    # Keyed on a blind index of the name as typed, known or not, so that locks and counters
    # behave the same for names that do not exist, and nothing typed is stored as such.
    ref = rt.blind_index.compute(username, scope="operator")[:32]
    return f"op:fail:{ref}", f"op:lock:{ref}", f"op:fail:ip:{source}"


def login(
    db: Session, rt: Runtime, username: str, password: str, client_ip: str | None = None
) -> Operator:
    """Log an operator in; every failure looks and costs the same, known name or not.

    Failures are limited per username (``operator_login_max_failures``, then the name is
    locked for ``operator_lockout_seconds``, audited when it is an operator's) and per client
    IP (``operator_login_ip_limit`` in the same period). Failures are metrics and security
    events; the audit chain gets lockouts and successful logins.
    """
    now = rt.clock.now()
    s = rt.settings
    source = client_ip or "-"
    fail_key, lock_key, source_key = _login_keys(rt, username, source)
    locked_for = rt.kv.ttl(lock_key)
    if locked_for is not None:
        rt.metrics.operator_login_failures.labels("locked").inc()
        raise OperatorLoginLocked(retry_after=locked_for)
    if rt.kv.get(source_key) >= s.operator_login_ip_limit:
        rt.metrics.operator_login_failures.labels("rate_limited").inc()
        raise RateLimited(
            code="operator_login_rate_limited",
            retry_after=rt.kv.ttl(source_key) or s.operator_lockout_seconds,
        )
    op = db.scalars(select(Operator).where(Operator.username == username)).first()
    # Always exactly one password check, before looking at whether the operator exists.
    password_ok = check_password(op.password_hash if op else _dummy_password_hash(), password)
    if op is None or op.disabled or not password_ok:
        rt.metrics.operator_login_failures.labels("bad_credentials").inc()
        rt.kv.incr(source_key, s.operator_lockout_seconds)
        if rt.kv.incr(fail_key, s.operator_lockout_seconds) >= s.operator_login_max_failures:
            _lock(db, rt, op, lock_key, fail_key, source, now)
        db.rollback()
        raise OperatorLoginFailed()
    rt.kv.delete(fail_key)
    op.last_login_at = now
    record(
        db,
        at=now,
        actor=Actor("operator", op.id),
        action="operator.login",
        target_type="operator",
        target_id=op.id,
    )
    db.commit()
    return op


def _lock(
    db: Session,
    rt: Runtime,
    op: Operator | None,
    lock_key: str,
    fail_key: str,
    source: str,
    now: datetime,
) -> None:
    seconds = rt.settings.operator_lockout_seconds
    if not rt.kv.set_if_absent(lock_key, seconds):
        return
    rt.kv.delete(fail_key)
    rt.metrics.operator_lockouts.inc()
    rt.metrics.security_event(
        "operator.locked_out",
        client_ip=None if source == "-" else source,
        operator=op.id if op else "unknown",
        seconds=seconds,
    )
    if op is not None:  # an unknown name has no state to audit; the metric counts it
        record(
            db,
            at=now,
            actor=Actor.system("operator-login"),
            action="operator.locked_out",
            target_type="operator",
            target_id=op.id,
            details={
                "failures": rt.settings.operator_login_max_failures,
                "until": (now + timedelta(seconds=seconds)).isoformat(),
            },
        )
        db.commit()


def unlock_operator(db: Session, rt: Runtime, username: str) -> Operator:
    """Lift a login lockout early (``mcert operator unlock``); audited."""
    op = db.scalars(select(Operator).where(Operator.username == username)).first()
    if op is None:
        raise InvalidInput("操作员不存在", code="operator_not_found")
    fail_key, lock_key, _ = _login_keys(rt, username, "-")
    was_locked = rt.kv.ttl(lock_key) is not None
    rt.kv.delete(lock_key)
    rt.kv.delete(fail_key)
    record(
        db,
        at=rt.clock.now(),
        actor=Actor.system("cli"),
        action="operator.unlocked",
        target_type="operator",
        target_id=op.id,
        details={"was_locked": was_locked},
    )
    db.commit()
    return op


def active_operator(db: Session, username: str) -> Operator | None:
    """The operator called ``username`` unless disabled (the CLI's ``--operator``)."""
    op = db.scalars(select(Operator).where(Operator.username == username)).first()
    return None if op is None or op.disabled else op


# ----------------------------------------------------------------- console tokens


def _console_tokens(rt: Runtime) -> BearerTokens:
    return BearerTokens(
        rt.settings.secret_key.encode(), b"mcert/console-token/v1", _CONSOLE_AUDIENCE
    )


def console_token(rt: Runtime, op: Operator, now: datetime) -> str:
    """A console bearer token for ``op``, valid :data:`CONSOLE_TOKEN_TTL`."""
    return _console_tokens(rt).issue({"sub": op.id}, now, int(CONSOLE_TOKEN_TTL.total_seconds()))


def operator_for_token(db: Session, rt: Runtime, token: str) -> Operator:
    """The operator a console token was issued to; refuses expired, forged and disabled."""
    try:
        claims = _console_tokens(rt).verify(token, rt.clock.now(), ["sub"])
    except TokenInvalid as exc:
        raise AuthenticationFailed("登录已失效", code="operator_token_invalid") from exc
    op = db.get(Operator, claims["sub"])
    if op is None or op.disabled:
        raise AuthenticationFailed("登录已失效", code="operator_token_invalid")
    return op
