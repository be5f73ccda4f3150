import pytest

from awards.markdown import markdown_plain, markdown_render

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '<div onmouseover="alert(1)">x</div>',
    "<body onload=alert(1)>",
    '<form action="https://evil.example"><input name=q></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<style>body{display:none}</style>",
    '<base href="https://evil.example/">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '"><script>alert(1)</script>',
    "<scr<script>ipt>alert(1)</script>",
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    "<details open ontoggle=alert(1)>",
    "<!--<script>alert(1)</script>-->",
    '<a href="https://ok.example" onclick="alert(1)">ok</a>',
]
FORBIDDEN = [
    "<script", "onerror", "onload", "onclick", "onmouseover", "ontoggle", "javascript:",
    "vbscript:", "data:", "<iframe", "<object", "<embed", "style=", "<style", "<form", "<meta",
    "<link", "<base", "<img", "<svg", "<math", "<details", "<body",
]  # fmt: skip


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_markdown_render_removes_script_from_payload(payload):
    html = markdown_render(payload).lower()

    assert [token for token in FORBIDDEN if token in html] == []


def test_markdown_render_keeps_formatting_and_marks_links_nofollow():
    html = markdown_render('# Title\n\nSome **bold** and [a link](https://example.org "t").')

    assert html == (
        "<h2>Title</h2>\n<p>Some <strong>bold</strong> and "
        '<a href="https://example.org" title="t" rel="nofollow noopener">a link</a>.</p>'
    )


def test_markdown_render_of_empty_text_is_empty():
    assert markdown_render("") == ""


def test_markdown_plain_strips_markup_for_descriptions():
    assert markdown_plain("Turn **UP** & <b>friends</b>") == "Turn UP & friends"
