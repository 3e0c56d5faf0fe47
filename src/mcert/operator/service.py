"""CA operators (the console's staff): accounts, passwords, login with lockout, console tokens.

Operators are created from the command line (``mcert operator create``) or by an admin in
the console, and log in to the console API (``/api/console/v1/auth/login``) with a password
and a TOTP code (:mod:`mcert.operator.totp`; the first login enrols the authenticator).
Passwords are kept as scrypt verifiers, TOTP secrets encrypted; every login failure looks
and costs the same whether the name exists or not, and repeated failures (password or
code) lock the name and the client address (``docs/security.md``). A login opens a console
session (:class:`ConsoleSession`): 8 hours at most, ended by 30 idle minutes or logout.
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
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NoReturn

from sqlalchemy import select
from sqlalchemy.orm import Session

from mcert.account.tokens import BearerTokens, TokenInvalid
from mcert.audit.service import Actor, record
from mcert.errors import AuthenticationFailed, Conflict, InvalidInput, NotFound, RateLimited
from mcert.operator import totp
from mcert.operator.models import ConsoleSession, Operator
from mcert.operator.roles import OperatorRole
from mcert.runtime import Runtime
from mcert.settings import OPERATOR_PASSWORD_SCRYPT_LN
from mcert.text import clean_text

ROLES = frozenset(OperatorRole)
_USERNAME = re.compile(r"^[a-z][a-z0-9_.-]{2,39}$")
# An operator password hash: ``scrypt$<salt hex>$<digest hex>`` at the production cost
# (log2 N = 14, the only form before the cost was a setting), ``scrypt:<log2 N>$…`` at any
# other (tests). r and p are fixed.
_SCRYPT_LN = OPERATOR_PASSWORD_SCRYPT_LN
_SCRYPT_RP = {"r": 8, "p": 1}
CONSOLE_TOKEN_TTL = timedelta(hours=8)  # a session's absolute lifetime
CONSOLE_IDLE_TIMEOUT = timedelta(minutes=30)
_TOUCH_EVERY = timedelta(seconds=30)  # last_seen_at is written at most this often
ENROLMENT_TTL_SECONDS = 600
_ENROL_AUDIENCE = "mcert-console-enrol"


class OperatorLoginFailed(AuthenticationFailed):
    code = "operator_login_failed"
    default_message = "用户名或密码错误"


class OperatorLoginLocked(RateLimited):
    code = "operator_login_locked"
    default_message = "登录失败次数过多，请稍后再试"


def hash_password(password: str, ln: int = _SCRYPT_LN) -> str:
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**ln, dklen=32, **_SCRYPT_RP)
    scheme = "scrypt" if ln == _SCRYPT_LN else f"scrypt:{ln}"
    return f"{scheme}${salt.hex()}${digest.hex()}"


def check_password(stored: str, password: str) -> bool:
    scheme, salt, digest = stored.split("$")
    _, _, cost = scheme.partition(":")
    n = 2 ** int(cost or _SCRYPT_LN)
    candidate = hashlib.scrypt(
        password.encode(), salt=bytes.fromhex(salt), n=n, dklen=32, **_SCRYPT_RP
    )
    return hmac.compare_digest(candidate.hex(), digest)


class OperatorSessionExpired(AuthenticationFailed):
    code = "operator_session_expired"
    default_message = "登录已超时，请重新登录"


class OperatorNotFound(NotFound):
    code = "operator_not_found"
    default_message = "操作员不存在"


def create_operator(
    db: Session,
    rt: Runtime,
    *,
    username: str,
    password: str,
    role: str,
    display_name: str,
    actor: Actor | None = None,
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
        password_hash=hash_password(password, rt.settings.operator_password_scrypt_ln),
        role=role,
        created_at=now,
    )
    db.add(op)
    db.flush()
    record(
        db,
        at=now,
        actor=actor or Actor.system("cli"),
        action="operator.created",
        target_type="operator",
        target_id=op.id,
        details={"username": username, "role": role},
    )
    db.commit()
    return op


@functools.cache
def _dummy_password_hash(ln: int) -> str:
    """A hash no password matches, checked for unknown usernames so that they take the same
    work (one scrypt with the same parameters) as a known username with a wrong password."""
    return hash_password(secrets.token_urlsafe(32), ln)


def _login_keys(rt: Runtime, username: str, source: str) -> tuple[str, str, str]:
    # Keyed on a blind index of the name as typed, known or not, so that locks and counters
    # behave the same for names that do not exist, and nothing typed is stored as such.
    ref = rt.blind_index.compute(username, scope="operator")[:32]
    return f"op:fail:{ref}", f"op:lock:{ref}", f"op:fail:ip:{source}"


class LoginStep(StrEnum):
    OK = "ok"  # logged in: a session
    TOTP_REQUIRED = "totp_required"  # password right; send the code too
    ENROL = "enrol"  # password right; enrol an authenticator first


@dataclass
class LoginOutcome:
    """What a password (and code) earned: a session, or the next step of the login."""

    status: LoginStep
    operator: Operator
    token: str | None = None
    expires_at: datetime | None = None
    enrolment_token: str | None = None
    secret: str | None = None


def login(
    db: Session,
    rt: Runtime,
    username: str,
    password: str,
    client_ip: str | None = None,
    totp_code: str | None = None,
) -> LoginOutcome:
    """Log an operator in; every failure looks and costs the same, known name or not.

    The right password alone never opens a session: an operator without a second factor
    gets a new TOTP secret to enrol (:func:`enrol_totp`), one with it must send the code
    (``totp_required`` without one). A wrong password or a wrong or replayed code counts
    toward the lockout: failures are limited per username (``operator_login_max_failures``,
    then the name is locked for ``operator_lockout_seconds``, audited when it is an
    operator's) and per client IP (``operator_login_ip_limit`` in the same period). Failures
    are metrics and security events; the audit chain gets lockouts and successful logins.
    """
    now = rt.clock.now()
    source = client_ip or "-"
    keys = _login_keys(rt, username, source)
    _check_not_locked(rt, keys)
    op = db.scalars(select(Operator).where(Operator.username == username)).first()
    # Always exactly one password check, before looking at whether the operator exists.
    dummy = _dummy_password_hash(rt.settings.operator_password_scrypt_ln)
    password_ok = check_password(op.password_hash if op else dummy, password)
    if op is None or op.disabled or not password_ok:
        _fail(db, rt, op, keys, source, now, "bad_credentials")
    assert op is not None
    if op.totp_secret_enc is None:
        secret = totp.generate_secret()
        op.totp_pending_enc = rt.cipher.encrypt(secret, aad=_totp_aad(op, "pending"))
        record(
            db,
            at=now,
            actor=Actor("operator", op.id),
            action="operator.totp_enrolment_started",
            target_type="operator",
            target_id=op.id,
        )
        db.commit()
        token = _enrol_tokens(rt).issue({"sub": op.id}, now, ENROLMENT_TTL_SECONDS)
        return LoginOutcome(LoginStep.ENROL, op, enrolment_token=token, secret=secret)
    if not totp_code:
        db.rollback()
        return LoginOutcome(LoginStep.TOTP_REQUIRED, op)
    secret = rt.cipher.decrypt(op.totp_secret_enc, aad=_totp_aad(op, "secret"))
    step = totp.matching_step(secret, totp_code, now, after=op.totp_last_step)
    if step is None:
        _fail(db, rt, op, keys, source, now, "bad_totp")
    assert step is not None
    op.totp_last_step = step
    return _open_session(db, rt, op, keys, now)


def enrol_totp(
    db: Session, rt: Runtime, enrolment_token: str, code: str, client_ip: str | None = None
) -> LoginOutcome:
    """Confirm the secret offered at login with a code from the authenticator; logs in."""
    now = rt.clock.now()
    try:
        claims = _enrol_tokens(rt).verify(enrolment_token, now, ["sub"])
    except TokenInvalid as exc:
        raise OperatorLoginFailed("绑定已失效，请重新登录", code="operator_login_failed") from exc
    op = db.get(Operator, claims["sub"])
    if op is None or op.disabled or op.totp_pending_enc is None:
        raise OperatorLoginFailed("绑定已失效，请重新登录")
    source = client_ip or "-"
    keys = _login_keys(rt, op.username, source)
    _check_not_locked(rt, keys)
    secret = rt.cipher.decrypt(op.totp_pending_enc, aad=_totp_aad(op, "pending"))
    step = totp.matching_step(secret, code, now)
    if step is None:
        _fail(db, rt, op, keys, source, now, "bad_totp")
    op.totp_secret_enc = rt.cipher.encrypt(secret, aad=_totp_aad(op, "secret"))
    op.totp_pending_enc = None
    op.totp_last_step = step
    op.totp_enrolled_at = now
    record(
        db,
        at=now,
        actor=Actor("operator", op.id),
        action="operator.totp_enrolled",
        target_type="operator",
        target_id=op.id,
    )
    return _open_session(db, rt, op, keys, now)


def totp_secret(rt: Runtime, op: Operator) -> str | None:
    """The operator's enrolled TOTP secret, decrypted (tests and recovery tooling)."""
    if op.totp_secret_enc is None:
        return None
    return rt.cipher.decrypt(op.totp_secret_enc, aad=_totp_aad(op, "secret"))


def _totp_aad(op: Operator, which: str) -> str:
    return f"operators.totp_{which}:{op.id}"


def _enrol_tokens(rt: Runtime) -> BearerTokens:
    return BearerTokens(rt.settings.secret_key.encode(), b"mcert/console-enrol/v1", _ENROL_AUDIENCE)


def _check_not_locked(rt: Runtime, keys: tuple[str, str, str]) -> None:
    _, lock_key, source_key = keys
    s = rt.settings
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


def _fail(
    db: Session,
    rt: Runtime,
    op: Operator | None,
    keys: tuple[str, str, str],
    source: str,
    now: datetime,
    why: str,
) -> NoReturn:
    s = rt.settings
    fail_key, lock_key, source_key = keys
    rt.metrics.operator_login_failures.labels(why).inc()
    rt.kv.incr(source_key, s.operator_lockout_seconds)
    db.rollback()
    if rt.kv.incr(fail_key, s.operator_lockout_seconds) >= s.operator_login_max_failures:
        _lock(db, rt, op, lock_key, fail_key, source, now)
    raise OperatorLoginFailed()


def _open_session(
    db: Session, rt: Runtime, op: Operator, keys: tuple[str, str, str], now: datetime
) -> LoginOutcome:
    rt.kv.delete(keys[0])
    op.last_login_at = now
    token = "cs_" + secrets.token_urlsafe(32)
    session = ConsoleSession(
        operator_id=op.id,
        token_hash=_token_hash(token),
        created_at=now,
        last_seen_at=now,
        expires_at=now + CONSOLE_TOKEN_TTL,
    )
    db.add(session)
    db.flush()
    record(
        db,
        at=now,
        actor=Actor("operator", op.id),
        action="operator.login",
        target_type="operator",
        target_id=op.id,
        details={"session": session.id},
    )
    db.commit()
    return LoginOutcome(LoginStep.OK, op, token=token, expires_at=session.expires_at)


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


# ----------------------------------------------------------------- console sessions


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _session_for(db: Session, token: str) -> ConsoleSession | None:
    if not token.startswith("cs_") or len(token) > 100:
        return None
    return db.scalars(
        select(ConsoleSession).where(ConsoleSession.token_hash == _token_hash(token))
    ).first()


def operator_for_token(db: Session, rt: Runtime, token: str) -> Operator:
    """The operator of a console session; refuses unknown, ended, expired and disabled.

    A session ends 8 hours after login or after 30 minutes without a request
    (401 ``operator_session_expired``); each request moves the idle clock on.
    """
    now = rt.clock.now()
    session = _session_for(db, token)
    if session is None or session.ended_at is not None:
        raise AuthenticationFailed("登录已失效", code="operator_token_invalid")
    if now >= session.expires_at or now - session.last_seen_at >= CONSOLE_IDLE_TIMEOUT:
        raise OperatorSessionExpired()
    op = db.get(Operator, session.operator_id)
    if op is None or op.disabled:
        raise AuthenticationFailed("登录已失效", code="operator_token_invalid")
    if now - session.last_seen_at >= _TOUCH_EVERY:
        session.last_seen_at = now
    return op


def logout(db: Session, rt: Runtime, token: str) -> None:
    """End the session of ``token`` (audited); an unknown or ended token is refused."""
    now = rt.clock.now()
    session = _session_for(db, token)
    if session is None or session.ended_at is not None:
        raise AuthenticationFailed("登录已失效", code="operator_token_invalid")
    session.ended_at = now
    record(
        db,
        at=now,
        actor=Actor("operator", session.operator_id),
        action="operator.logout",
        target_type="operator",
        target_id=session.operator_id,
        details={"session": session.id},
    )
    db.commit()


def _end_sessions(db: Session, op: Operator, now: datetime) -> int:
    open_ = db.scalars(
        select(ConsoleSession).where(
            ConsoleSession.operator_id == op.id, ConsoleSession.ended_at.is_(None)
        )
    ).all()
    for session in open_:
        session.ended_at = now
    return len(open_)


# ----------------------------------------------------------------- managing operators


def list_operators(db: Session) -> list[Operator]:
    return list(db.scalars(select(Operator).order_by(Operator.username)))


def get_operator(db: Session, key: str) -> Operator:
    """An operator by id or username."""
    op = (
        db.get(Operator, key)
        or db.scalars(select(Operator).where(Operator.username == key)).first()
    )
    if op is None:
        raise OperatorNotFound()
    return op


def _not_self(op: Operator, actor: Actor) -> None:
    if actor.type == "operator" and actor.id == op.id:
        raise Conflict("不能修改自己的角色或停用自己", code="operator_self")


def _audit(
    db: Session, rt: Runtime, op: Operator, actor: Actor, action: str, **details: object
) -> None:
    record(
        db,
        at=rt.clock.now(),
        actor=actor,
        action=action,
        target_type="operator",
        target_id=op.id,
        details=dict(details),
    )


def set_role(db: Session, rt: Runtime, key: str, role: str, actor: Actor) -> Operator:
    op = get_operator(db, key)
    if role not in ROLES:
        raise InvalidInput(
            "角色只能是 " + "、".join(r.value for r in OperatorRole), code="role_invalid"
        )
    _not_self(op, actor)
    before = op.role
    op.role = role
    _audit(db, rt, op, actor, "operator.role_changed", before=before, after=role)
    db.commit()
    return op


def reset_totp(db: Session, rt: Runtime, key: str, actor: Actor) -> Operator:
    """Forget the second factor (lost phone): the next login enrols a new one."""
    now = rt.clock.now()
    op = get_operator(db, key)
    op.totp_secret_enc = None
    op.totp_pending_enc = None
    op.totp_last_step = None
    op.totp_enrolled_at = None
    ended = _end_sessions(db, op, now)
    _audit(db, rt, op, actor, "operator.totp_reset", sessions_ended=ended)
    db.commit()
    return op


def set_disabled(db: Session, rt: Runtime, key: str, disabled: bool, actor: Actor) -> Operator:
    now = rt.clock.now()
    op = get_operator(db, key)
    if disabled:
        _not_self(op, actor)
    op.disabled = disabled
    ended = _end_sessions(db, op, now) if disabled else 0
    action = "operator.disabled" if disabled else "operator.enabled"
    _audit(db, rt, op, actor, action, sessions_ended=ended)
    db.commit()
    return op
