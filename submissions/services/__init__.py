"""Writes on entries, one module per noun: `entries` (start, save, submit, withdraw), `team`,
`moves`, `attachments`, `eligibility`; `locks` holds the row locks they share. Each service is
keyword-only, runs in one transaction and says its side effects in its docstring."""
