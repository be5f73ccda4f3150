"""Views of the submissions app, one module per page family: entries (the draft), review
(submitting), versions, team, moves, attachments and the organisers' pages."""
