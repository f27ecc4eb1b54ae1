"""Services: one owner per operation that changes both storage and the reminder index (design.md,
"Layers"): link, unlink, delete account, timezone change, schedule create and remove. Handlers call
these and only build replies; nothing else keeps the store and the index in step.

The order, everywhere: **storage first, durably (`Store.flush`), then the index.** Storage is the truth
and the step that can really fail (disk, damaged files); the index is an in-memory cache of it, and
every index change has an exact inverse. So:

- storage fails → what storage did is undone where it has an exact inverse (a timezone's profile and
  rows, a new schedule, a spent link code), the index was never touched: neither changed;
- the index fails → it is put back (`reminder_index.follow`) and storage undone where it has an exact
  inverse (timezone change, schedule create): neither changed. A link, unlink, account deletion or
  schedule removal has no storage inverse; there the storage change stands (it is what the reply
  reports), the error is logged, and the index is rebuilt from storage at the next start. Index rows
  left behind are harmless meanwhile: a due schedule is read from storage and a missing one sends
  nothing.

`reminder_index`: the scheduler as seen from here (a port, and a null object for sessions without
reminders); `accounts`: link, unlink, delete, timezone; `schedules`: create, remove; `undo`: the best-
effort undo step they share.
"""
