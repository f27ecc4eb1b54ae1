"""The vocabulary of the coach, defined once: units, levels, bands, categories, sets, entries, sessions,
equipment. Imports nothing of ours (a test checks it); everything else builds on these types."""
