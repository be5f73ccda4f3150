"""Reads: queries used in more than one place, named for what they read (jury, entries,
progress, results, outcomes)."""
