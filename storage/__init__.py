"""Persistence on TinyDB: crash-safe files, a file per account, sharded schedules."""
