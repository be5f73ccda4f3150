"""The words for the audit events judging records (see `audit.describe`)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from audit.describe import AuditAction
from judging.enums import ConflictKind, DecisionOutcome, JuryRole


def _entry(data: dict) -> str:
    return data.get("reference") or _("entry %(id)s") % {"id": data["entry"]}


def _judge_and_entry(data: dict) -> str:
    return _("%(judge)s, %(entry)s") % {"judge": data["judge_email"], "entry": _entry(data)}


def _conflict(data: dict) -> str:
    details = _judge_and_entry(data)
    return f"{details} ({ConflictKind(data['kind']).label})" if data.get("kind") else details


def _review(data: dict) -> str:
    return _entry(data)


def _decision(data: dict) -> str:
    return f"{_entry(data)}: {DecisionOutcome(data['outcome']).label}"


def _invited(data: dict) -> str:
    return f"{data['email']} ({JuryRole(data['role']).label})"


def _accepted(data: dict) -> str:
    return _("invited at %(invited)s, signed in as %(account)s") % {
        "invited": data["invited_email"],
        "account": data["account_email"],
    }


def _removed(data: dict) -> str:
    released = data.get("released", 0)
    return (
        data["email"]
        + "; "
        + ngettext(
            "%(count)d unstarted review released",
            "%(count)d unstarted reviews released",
            released,
        )
        % {"count": released}
    )


def _email(data: dict) -> str:
    return data["email"]


def _round_closed(data: dict) -> str:
    return _("%(submitted)s reviews submitted, %(unfinished)s unfinished") % {
        "submitted": data["submitted_reviews"],
        "unfinished": data["unfinished_reviews"],
    }


def _assignments_auto(data: dict) -> str:
    return _("%(added)s added, %(removed)s removed") % data


def _populated(data: dict) -> str:
    return _("%(added)s added, %(removed)s removed") % {
        "added": len(data["added"]),
        "removed": len(data["removed"]),
    }


def _reminded(data: dict) -> str:
    return ngettext(
        "%(email)s: %(count)d unfinished review",
        "%(email)s: %(count)d unfinished reviews",
        data["unfinished"],
    ) % {"email": data["judge_email"], "count": data["unfinished"]}


def _emails_sent(data: dict) -> str:
    return ngettext("%(count)d email", "%(count)d emails", data["emails"]) % {
        "count": data["emails"]
    }


def _answers(data: dict) -> str:
    count = len(data.get("answers", {}))
    return ngettext("%(count)d entry", "%(count)d entries", count) % {"count": count}


def _ranked(data: dict) -> str:
    count = len(data.get("ranks", {}))
    return ngettext("%(count)d entry ranked", "%(count)d entries ranked", count) % {"count": count}


def _compared(data: dict) -> str:
    count = data.get("comparisons", 0)
    return ngettext("%(count)d comparison", "%(count)d comparisons", count) % {"count": count}


ACTIONS = {
    "jury.invite": AuditAction(gettext_lazy("Jury invitation sent"), _invited),
    "jury.invitation_resend": AuditAction(gettext_lazy("Jury invitation sent again"), _invited),
    "jury.accept": AuditAction(gettext_lazy("Jury invitation accepted"), _accepted),
    "jury.remove": AuditAction(gettext_lazy("Removed from the jury"), _removed),
    "jury.reinstate": AuditAction(gettext_lazy("Back on the jury"), _email),
    "conflict.declare": AuditAction(gettext_lazy("Conflict of interest declared"), _conflict),
    "conflict.add": AuditAction(gettext_lazy("Conflict of interest recorded"), _conflict),
    "conflict.flag": AuditAction(gettext_lazy("Possible conflict flagged"), _judge_and_entry),
    "conflict.confirm": AuditAction(gettext_lazy("Conflict confirmed"), _judge_and_entry),
    "conflict.dismiss": AuditAction(gettext_lazy("Conflict flag dismissed"), _judge_and_entry),
    "assignment.create": AuditAction(gettext_lazy("Judge assigned"), _judge_and_entry),
    "assignment.remove": AuditAction(gettext_lazy("Assignment removed"), _judge_and_entry),
    "assignment.auto": AuditAction(
        gettext_lazy("Assignments proposed and confirmed"), _assignments_auto
    ),
    "assignment.remind": AuditAction(gettext_lazy("Judge reminded"), _reminded),
    "round.entries_populate": AuditAction(gettext_lazy("Entries of the round updated"), _populated),
    "round.close": AuditAction(gettext_lazy("Round closed"), _round_closed),
    "review.submit": AuditAction(gettext_lazy("Review submitted"), _review),
    "review.reopen": AuditAction(gettext_lazy("Review reopened"), _review),
    "screening.submit": AuditAction(gettext_lazy("Screening answers submitted"), _answers),
    "ranking.submit": AuditAction(gettext_lazy("Ranking submitted"), _ranked),
    "pairwise.submit": AuditAction(gettext_lazy("Pairwise comparisons finished"), _compared),
    "decision.record": AuditAction(gettext_lazy("Decision recorded"), _decision),
    "edition.results_publish": AuditAction(gettext_lazy("Results scheduled for publication")),
    "edition.results_notify": AuditAction(gettext_lazy("Outcome emails sent"), _emails_sent),
}
