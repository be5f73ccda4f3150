"""An entry's submitted versions: the list, and one version as it was submitted."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from submissions.access import get_entry_for_member
from submissions.selectors import questions_for_version, versions_for_entry
from submissions.views.content import content_rows


@login_required
@require_GET
def version_list(request, pk):
    entry = get_entry_for_member(request, pk)
    return render(
        request,
        "submissions/version_list.html",
        {"entry": entry, "versions": versions_for_entry(entry=entry)},
    )


@login_required
@require_GET
def version_detail(request, pk, number):
    entry = get_entry_for_member(request, pk)
    version = get_object_or_404(versions_for_entry(entry=entry), number=number)
    questions = questions_for_version(version=version, entry=entry)
    return render(
        request,
        "submissions/version_detail.html",
        {
            "entry": entry,
            "version": version,
            "content": version.content,
            "rows": content_rows(content=version.content, questions=questions),
        },
    )
