from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.forms import AccountDeleteForm, ProfileForm
from accounts.privacy import (
    account_delete,
    account_deletion_refusal,
    user_data_export,
)


@login_required
def profile_edit(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect("accounts:profile-edit")
    return render(request, "accounts/profile_edit.html", {"form": form})


def privacy(request):
    """How we handle your data: public, linked from every page's footer."""
    return render(request, "accounts/privacy.html")


@login_required
def data_overview(request):
    return render(request, "accounts/data_overview.html")


@login_required
@require_GET
def data_export(request):
    """All of the person's data as a zip, built in a temporary file and streamed from it."""
    archive = user_data_export(user=request.user)
    filename = f"laurel-data-{timezone.localdate():%Y-%m-%d}.zip"
    response = FileResponse(
        archive, as_attachment=True, filename=filename, content_type="application/zip"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def account_delete_view(request):
    refusal = account_deletion_refusal(user=request.user)
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST" and refusal is None and form.is_valid():
        account_delete(user=request.user)
        logout(request)
        messages.success(request, _("Your account has been deleted."))
        return redirect("home")
    return render(
        request,
        "accounts/account_delete.html",
        {"form": form, "refusal": refusal},
        status=400 if request.method == "POST" else 200,
    )
