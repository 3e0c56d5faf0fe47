"""Durable background work: a ``tasks`` table in our own database and the workers that run it.

A task row is written in the same transaction as the business change it follows (an SMS
for an approved order, a callback for a finished scan session), so a rolled-back change
never sends anything and a committed one is never lost. Workers claim due rows
(``FOR UPDATE SKIP LOCKED`` on PostgreSQL), hold them under a lease that expires if the
worker dies, retry failures with exponential backoff and give up (``dead``) after
``max_attempts``. docs/operations.md describes the worker and its settings.

Infrastructure: it never imports a domain. Domains register the handler of each kind they
enqueue (:func:`mcert.tasks.queue.task_handler`); the composition root ``mcert/jobs.py``
registers the periodic jobs.
"""
