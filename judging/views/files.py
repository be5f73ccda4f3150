"""Files for the jury, reached through the judge's assignment: only what the submitted version
names (never a file added to the draft since), and in a blind round the copy without metadata
under a neutral name."""

import logging

from csp.decorators import csp_exempt
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from judging.access import get_assignment_for_judge
from judging.selectors.entries import attachment_in_submitted_version
from submissions.anonymous_copies import attachment_anonymous_copy
from submissions.downloads import blind_name, file_download_response, pdf_inline_response

logger = logging.getLogger(__name__)


class _CopyFailed(Exception):
    pass


def _file_for_judge(request, assignment_id: int, attachment_id: int):
    """(attachment, stored file, name) for the judge's own assignment; 404 for anything the
    submitted version does not name."""
    assignment = get_assignment_for_judge(request, assignment_id)
    attachment = attachment_in_submitted_version(
        entry=assignment.entry, attachment_id=attachment_id
    )
    if attachment is None:
        raise Http404
    if not assignment.round.blind:
        return attachment, attachment.file, attachment.original_name
    try:
        copy = attachment_anonymous_copy(attachment=attachment)
    except Exception as error:
        # Never the original instead: it would tell the judge who wrote it.
        logger.exception("no copy without metadata of attachment %s", attachment.pk)
        raise _CopyFailed from error
    return attachment, copy, blind_name(attachment)


def _copy_failed(request, assignment_id):
    messages.error(
        request,
        _(
            "This file cannot be shown in a blind round because its author details could not be "
            "removed. The chair can ask the entrant for a new copy."
        ),
    )
    return redirect("judging:review-edit", assignment_id=assignment_id)


@login_required
@require_GET
def review_file_download(request, assignment_id, attachment_id):
    try:
        attachment, file, name = _file_for_judge(request, assignment_id, attachment_id)
    except _CopyFailed:
        return _copy_failed(request, assignment_id)
    return file_download_response(file=file, filename=name, content_type=attachment.content_type)


@login_required
@require_GET
@csp_exempt()
@xframe_options_sameorigin
def review_file_view(request, assignment_id, attachment_id):
    """A PDF of the entry shown inside the review page (see `pdf_inline_response`)."""
    try:
        attachment, file, name = _file_for_judge(request, assignment_id, attachment_id)
    except _CopyFailed:
        return _copy_failed(request, assignment_id)
    if attachment.content_type != "application/pdf":
        raise Http404
    return pdf_inline_response(file=file, filename=name)
