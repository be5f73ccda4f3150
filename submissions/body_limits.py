"""How large a request body the attachment upload takes: its question's limit plus the rest of
the form. Read by config/body_limits.py before anything reads the body."""

from submissions.file_types import max_size_bytes, size_limit_message
from submissions.models import Question

# The CSRF token, multipart boundaries and headers around the file.
FORM_OVERHEAD_BYTES = 64 * 1024


def attachment_upload_body_limit(*, kwargs: dict) -> tuple[int, str] | None:
    """(largest body, message when it is larger) for the upload to this question; None when
    the question does not exist (the view answers 404)."""
    question = Question.objects.filter(pk=kwargs.get("question_pk")).first()
    if question is None:
        return None
    return max_size_bytes(question) + FORM_OVERHEAD_BYTES, size_limit_message(question=question)
