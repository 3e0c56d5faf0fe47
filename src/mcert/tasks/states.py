"""Task statuses and the moves between them.

``queued`` → ``running`` (claimed under a lease) → ``done``; a failure goes to ``failed``
(waiting for its retry time, then claimed again) or, after ``max_attempts``, ``dead``.
A running task whose lease expired is claimed again (``running`` → ``running``) or, out of
attempts, declared ``dead``. An operator revives a ``failed`` or ``dead`` task
(``mcert tasks retry``): it is ``queued`` again with its attempts reset.
"""

from __future__ import annotations

from enum import StrEnum

from mcert.states import move
from mcert.tasks.models import Task


class TaskStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"  # will be retried at run_after
    DEAD = "dead"  # out of attempts; only an operator revives it


TRANSITIONS: dict[TaskStatus, frozenset[TaskStatus]] = {
    TaskStatus.QUEUED: frozenset({TaskStatus.RUNNING}),
    TaskStatus.RUNNING: frozenset(
        {TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.DEAD, TaskStatus.RUNNING}
    ),
    TaskStatus.FAILED: frozenset({TaskStatus.RUNNING, TaskStatus.QUEUED}),
    TaskStatus.DEAD: frozenset({TaskStatus.QUEUED}),
    TaskStatus.DONE: frozenset(),
}

LABELS = {
    TaskStatus.QUEUED: "排队中",
    TaskStatus.RUNNING: "执行中",
    TaskStatus.DONE: "已完成",
    TaskStatus.FAILED: "待重试",
    TaskStatus.DEAD: "已放弃",
}

#: Statuses a worker may claim (with ``run_after`` due, or an expired lease when running).
CLAIMABLE = (TaskStatus.QUEUED, TaskStatus.FAILED)


def move_task(task: Task, target: TaskStatus) -> None:
    move(task, target, TRANSITIONS, LABELS)
