from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
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
    form = AccountDeleteForm(request.POST or None, request=request)
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


def admin_login(request, extra_context=None):
    """The admin has no sign-in form of its own: it sends people to Laurel's sign-in, the one
    form with rate limits and the second factor. A password posted here is never checked."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url, login_url=reverse("account_login"))
    if request.user.is_active and request.user.is_superuser:
        return redirect(next_url)
    if request.user.is_active and request.user.is_staff:
        # The admin is the superusers' back office; organisers run their awards in the console.
        return render(request, "accounts/admin_refused.html", status=403)
    raise PermissionDenied
