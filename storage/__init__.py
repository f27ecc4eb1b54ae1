"""Persistence on TinyDB: a file per account, sharded schedules, links. One durable write path:

- Every change goes through TinyDB's public ``Table`` API on a file opened with ``AtomicJSONStorage``
  (atomic.py): a TinyDB ``Storage`` whose ``write`` replaces the whole file atomically (temporary
  file, fsync, ``os.replace``, fsync of the folder), queued on the one background writer (writer.py);
  ``Store.flush()`` is awaited before every reply, so what a user was told is saved is on disk.
- The one shortcut, for /log: a set is made durable as one checksummed journal line (journal.py),
  fdatasynced by the same writer; checkpoints write the lines into the account files through the path
  above and delete a segment only once those files are durable; opening replays what a crash left.
- Pending pushes (pushes.py) use the same journal format in their own folder, checkpointed into their
  shard files; what a /log changes there, like pending button actions (actions.py), is written behind
  in batches (write_behind.py), since a crash may lose a timer or a button, never a set.
- Damaged files and lines are set aside, never deleted (quarantine.py); one process owns the folder
  (lock.py). The store (store.py) keeps its own models, never TinyDB's dicts.
"""
