from django import template
from django.template.loader import render_to_string

from accounts.navbar import navbar_html

register = template.Library()


@register.simple_tag(takes_context=True)
def navbar(context):
    """The navigation bar (`accounts.navbar`); `jury_nav` in the context shows the jury link.
    A page rendered without a request (none does today) gets it rendered from its context."""
    request = context.get("request")
    if request is None or not hasattr(request, "user"):
        return render_to_string("_navbar.html", context.flatten())
    return navbar_html(request, jury_nav=bool(context.get("jury_nav")))
