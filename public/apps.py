from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The pages everyone reads: awards, editions, calls and winners. It sits on top of the other
    apps and reads from them; nothing below imports it."""

    name = "public"
    verbose_name = _("Public pages")
