"""Reminders: "send this reply to this target at that time", one path for every kind.

The truth is in storage: what is due (schedule rows; pending lifts) and what was sent (occurrence keys
in the rows). `service.ReminderService` keeps one timeline of due messages, ordered by instant and
computed from those rows with APScheduler's `CronTrigger` as the only DST rule (`occurrences`). One
check, `ReminderService.check`, decides on an injected clock what is due, claims each message in its
row (durably, just before it is sent: at most once) and sends it through the router. APScheduler is
only the alarm clock: a single date job, re-armed at the earliest due instant, that calls the check.
"""
