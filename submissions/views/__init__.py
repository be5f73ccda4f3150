"""Views of the submissions app: entrant pages, attachments and organiser pages."""
