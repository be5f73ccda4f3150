"""Who may open the console, and which awards they see in it."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404

from accounts.roles import user_is_organiser
from awards.models import Award


def may_use_console(user) -> bool:
    return user_is_organiser(user, perm="awards.view_award")


def organised_awards(*, user):
    """The awards `user` runs; none for anyone who is not an organiser."""
    if not may_use_console(user):
        return Award.objects.none()
    return Award.objects.all()


def console_required(view):
    """Signed in and an organiser, or a 404: the console does not admit to existing."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not may_use_console(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
