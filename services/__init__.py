"""Services: one owner per operation that changes both storage and the reminder index (design.md,
"Layers"): link, unlink, delete account, timezone change, schedule create and remove. Handlers call
these and only build replies; nothing else keeps the store and the index in step.

The order, everywhere: **storage first, durably (`Store.flush`), then the index.** Storage is the truth
and the step that can really fail (disk, damaged files); the index is an in-memory cache of it, and
every index change has an exact inverse. So:

- storage fails → what storage did is undone where it has an exact inverse (a timezone's profile and
  rows, a new schedule, a spent link code), the index was never touched: neither changed (a link the
  store recorded before failing is finished by the store itself at its next open);
- the index fails → it is put back (`all_or_nothing.follow`) and storage undone where it has an exact
  inverse (timezone change, schedule create): neither changed. A link, unlink, account deletion or
  schedule removal has no storage inverse; there the storage change stands (it is what the reply
  reports), the error is logged, and the index is rebuilt from storage at the next start. Until then
  index rows left behind send nothing (a due schedule is read from storage), but schedules a link
  moved are not reminded. Index steps are in-memory, so this is a bug path, not a disk one.

The index is `core.context.ReminderIndex`, a port always present on the context (`NoReminders` where
no reminders run). `accounts`: link, unlink, delete, timezone; `schedules`: create, remove;
`all_or_nothing`: the index move and the undo step they share.
"""
