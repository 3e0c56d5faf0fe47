"""Notifications to holders: in-app messages and SMS, and the reminder jobs."""
