"""Which delivery failures are worth another try, and when: pure, no Django."""

import datetime as dt
import smtplib
import socket


def failure_is_transient(exc: BaseException) -> bool:
    """A mail server that is away, slow or says "try later" (4xx) is transient; one that says
    "no" (5xx: unknown mailbox, refused sender, bad address) is permanent."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in exc.recipients.values()]
        return bool(codes) and all(400 <= code < 500 for code in codes)
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)):
        return True
    # Refused, reset, timed out, unreachable, name not resolved: all OSErrors. A bad address
    # is a ValueError, so it is permanent.
    return isinstance(exc, (OSError, socket.timeout))


def _text(message) -> str:
    return message.decode(errors="replace") if isinstance(message, bytes) else str(message)


def describe_failure(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {_text(message)}"
            for address, (code, message) in exc.recipients.items()
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def retry_delay(*, attempts: int, base_seconds: int = 30, cap_seconds: int = 3600) -> dt.timedelta:
    """Exponential backoff: 30 s, 1 min, 2 min, 4 min, … capped at an hour."""
    return dt.timedelta(seconds=min(cap_seconds, base_seconds * 2 ** max(0, attempts - 1)))
