"""Template helpers for the attachments partial."""

from django import template

from submissions.file_types import allowed_types_for, allowed_types_label
from submissions.rules import entry_accepts_files

register = template.Library()


@register.simple_tag
def attachment_accept(question) -> str:
    """The `accept` attribute of a file input: a hint for the file picker, never trusted."""
    return ",".join(
        ",".join([*file_type.extensions, file_type.mime])
        for file_type in allowed_types_for(question)
    )


@register.simple_tag
def attachment_types(question) -> str:
    return allowed_types_label(question)


@register.filter
def attachments_for(entry, question) -> list:
    """The entry's attachments for one question, from the prefetched list when there is one."""
    return [a for a in entry.attachments.all() if a.question_id == question.pk]


@register.simple_tag
def attachment_editable(entry) -> bool:
    return entry_accepts_files(entry)
