"""Uploading, removing and downloading attachments.

Uploads arrive by XMLHttpRequest from static/laurel/upload.js (which shows a progress bar and
swaps in the re-rendered partial) or, without JavaScript, as a normal form post.
"""

import logging

from csp.decorators import csp_exempt
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import user_organises
from submissions.access import get_entry_for_member
from submissions.downloads import file_download_response, pdf_inline_response
from submissions.enums import QuestionKind
from submissions.file_types import max_size_bytes, size_limit_message
from submissions.models import Attachment, Entry, Question
from submissions.services import attachments as attachment_services
from submissions.storage_errors import STORAGE_ERRORS
from submissions.upload_handlers import SizeLimitUploadHandler

logger = logging.getLogger(__name__)
PARTIAL = "submissions/_attachments.html"


def _is_xhr(request) -> bool:
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def _question_anchor(entry: Entry, question: Question) -> str:
    return f"{entry.get_absolute_url()}#attachments-{question.pk}"


def _render_result(request, *, entry, question, error="", status=200):
    """The re-rendered partial for upload.js, or the full page when JavaScript is off."""
    # The service bumped the revision on a locked copy; the page's autosave needs the new one.
    entry.refresh_from_db(fields=["revision", "updated_at"])
    context = {"entry": entry, "question": question, "attachment_error": error}
    if _is_xhr(request):
        return render(request, PARTIAL, context, status=status)
    if error:
        return render(request, "submissions/attachment_upload.html", context, status=status)
    return redirect(_question_anchor(entry, question))


@login_required
@require_POST
@csrf_exempt  # checked by csrf_protect below, once the size-limiting upload handler is in place
def attachment_upload(request, entry_pk, question_pk):
    entry = get_entry_for_member(request, entry_pk)
    question = get_object_or_404(
        Question, pk=question_pk, category_id=entry.category_id, kind=QuestionKind.FILE
    )
    # Must come before anything reads the body (the CSRF check does), or it would not apply.
    limiter = SizeLimitUploadHandler(request, limit=max_size_bytes(question))
    request.upload_handlers.insert(0, limiter)
    return _attachment_upload(request, entry=entry, question=question, limiter=limiter)


@csrf_protect
def _attachment_upload(request, *, entry, question, limiter):
    uploaded_file = request.FILES.get("file")
    if limiter.exceeded:
        error = size_limit_message(question=question)
    elif uploaded_file is None:
        error = _("Choose a file to upload.")
    else:
        try:
            attachment = attachment_services.attachment_add(
                entry=entry, question=question, uploaded_file=uploaded_file, user=request.user
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
        except STORAGE_ERRORS:
            # Said next to the field rather than as an error page: the rest of the entry is
            # saved, only this file is not.
            logger.error("Storage refused an upload for entry %s", entry.pk, exc_info=True)
            return _render_result(
                request,
                entry=entry,
                question=question,
                error=_(
                    "The file could not be stored: our file storage is not answering just now. "
                    "The rest of your entry is saved; please upload the file again in a few "
                    "minutes."
                ),
                status=503,
            )
        else:
            if not _is_xhr(request):
                messages.success(
                    request, _("%(name)s has been uploaded.") % {"name": attachment.original_name}
                )
            return _render_result(request, entry=entry, question=question)
    return _render_result(request, entry=entry, question=question, error=error, status=400)


@login_required
@require_POST
def attachment_remove(request, pk):
    attachment = get_object_or_404(Attachment.objects.select_related("question"), pk=pk)
    entry = get_entry_for_member(request, attachment.entry_id)
    question = attachment.question
    try:
        attachment_services.attachment_remove(attachment=attachment, user=request.user)
    except ValidationError as exc:
        error = " ".join(exc.messages)
        if question is None or not _is_xhr(request):
            messages.error(request, error)
            return redirect(entry.get_absolute_url())
        return _render_result(request, entry=entry, question=question, error=error, status=400)
    if question is None:
        return redirect(entry.get_absolute_url())
    if not _is_xhr(request):
        messages.success(
            request, _("%(name)s has been removed.") % {"name": attachment.original_name}
        )
    return _render_result(request, entry=entry, question=question)


def _get_attachment_for_download(request, pk) -> Attachment:
    """The attachment for someone on the entry's team or an organiser; 404 for everyone else.
    Judges download through their review page instead (`judging.views.files`), which serves
    only what the submitted version names."""
    # Removed attachments stay downloadable for the submitted versions that name them.
    attachment = get_object_or_404(
        Attachment.all_objects.select_related("entry__category__edition__award"), pk=pk
    )
    award = attachment.entry.category.edition.award
    if user_organises(request.user, award=award, perm="submissions.view_entry"):
        return attachment
    get_entry_for_member(request, attachment.entry_id)
    return attachment


@login_required
@require_GET
@csp_exempt()
@xframe_options_sameorigin
def attachment_view(request, pk):
    """A PDF shown inside Laurel's pages (see `pdf_inline_response`)."""
    attachment = _get_attachment_for_download(request, pk)
    if attachment.content_type != "application/pdf":
        raise Http404
    return pdf_inline_response(file=attachment.file, filename=attachment.original_name)


@login_required
@require_GET
def attachment_download(request, pk):
    attachment = _get_attachment_for_download(request, pk)
    return file_download_response(
        file=attachment.file,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
