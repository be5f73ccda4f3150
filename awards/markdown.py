"""Organisers' Markdown to safe HTML: `markdown` renders it, nh3 keeps only an allowlist."""

import html as html_lib

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p",
    "pre", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def markdown_render(text: str) -> SafeString:
    """Render `text` and sanitise the result; links get rel="nofollow noopener".

    No images (photos have their own model with required alt text), no raw HTML beyond the
    allowlist, no `javascript:` or `data:` links, no attributes that run script or set style.
    The page's own <h1> is the winner's name, so stories start at <h2>: `# Title` becomes <h2>.
    """
    html = markdown_lib.markdown(text or "", extensions=["tables", "sane_lists"])
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 (sanitised by nh3 just above)


def markdown_plain(text: str) -> str:
    """The text without markup, e.g. for a meta description."""
    return html_lib.unescape(nh3.clean(markdown_lib.markdown(text or ""), tags=set())).strip()
