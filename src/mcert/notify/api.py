"""In-app messages (消息)."""

from __future__ import annotations

from fastapi import APIRouter, Response

from mcert.errors import NotFound
from mcert.http.deps import CurrentUser, RuntimeDep, SessionDep
from mcert.http.params import PageDep
from mcert.http.routing import TransactionScopedRoute
from mcert.notify import service
from mcert.notify.models import Message
from mcert.notify.schemas import (
    MessagePage,
    MessageRead,
)

router = APIRouter(prefix="/api/app/v1", tags=["app: messages"], route_class=TransactionScopedRoute)


@router.get("/messages", response_model=MessagePage, operation_id="listMessages")
def messages(user: CurrentUser, db: SessionDep, page: PageDep) -> MessagePage:
    """The holder's messages (消息), newest first.

    Paged with `limit` and `offset`; `unread` counts all unread messages.
    """
    rows, total = service.list_messages(db, user, limit=page.limit, offset=page.offset)
    return MessagePage(
        items=[
            MessageRead(
                id=m.id,
                kind=m.kind,
                title=m.title,
                body=m.body,
                created_at=m.created_at,
                read=m.read_at is not None,
            )
            for m in rows
        ],
        total=total,
        unread=service.unread_count(db, user),
    )


@router.post("/messages/{message_id}/read", status_code=204, operation_id="markMessageRead")
def mark_read(message_id: str, user: CurrentUser, db: SessionDep, rt: RuntimeDep) -> Response:
    """Mark one message read.

    Idempotent: a message already read keeps its first read time.
    """
    message = db.get(Message, message_id)
    if message is None or message.user_id != user.id:
        raise NotFound("消息不存在", code="message_not_found")
    if message.read_at is None:
        message.read_at = rt.clock.now()
        db.commit()
    return Response(status_code=204)
