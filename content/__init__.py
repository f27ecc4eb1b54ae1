"""Coaching content: YAML data files in this folder and the validating loader (`content.library`)."""
