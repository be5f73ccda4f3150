import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from awards.markdown import markdown_render

register = template.Library()

# Inside <script> only "</script" or "<!--" could end the block early: escaping every <, > and &
# as JSON unicode escapes keeps any text inert and the JSON unchanged in meaning.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def markdown(text: str) -> SafeString:
    """Organiser Markdown as sanitised HTML."""
    return markdown_render(text)


@register.filter
def jsonld(data: dict) -> SafeString:
    """A schema.org JSON-LD block. Not executable, so the Content-Security-Policy allows it."""
    if not data:
        return mark_safe("")
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
