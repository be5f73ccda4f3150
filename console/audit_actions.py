"""The words for the audit events the console records (see `audit.describe`)."""

from django.utils.translation import gettext_lazy, ngettext

from audit.describe import AuditAction


def _fields(data: dict) -> str:
    return ", ".join(data.get("fields", []))


def _clone(data: dict) -> str:
    invited = data["invited"]
    return ngettext(
        "From %(year)s; %(count)s jury member invited again",
        "From %(year)s; %(count)s jury members invited again",
        invited,
    ) % {"year": data["from_year"], "count": invited}


ACTIONS = {
    "award.create": AuditAction(gettext_lazy("Award created"), lambda data: data["name"]),
    "award.update": AuditAction(gettext_lazy("Award changed"), _fields),
    "edition.create": AuditAction(gettext_lazy("Edition created"), lambda d: str(d["year"])),
    "edition.update": AuditAction(gettext_lazy("Edition changed"), _fields),
    "edition.clone": AuditAction(gettext_lazy("Edition cloned"), _clone),
    "category.create": AuditAction(gettext_lazy("Category created"), lambda data: data["name"]),
    "category.update": AuditAction(gettext_lazy("Category changed"), _fields),
    "question.create": AuditAction(gettext_lazy("Question added"), lambda data: data["label"]),
    "question.update": AuditAction(gettext_lazy("Question changed"), lambda data: data["label"]),
    "question.delete": AuditAction(gettext_lazy("Question deleted"), lambda data: data["label"]),
    "question.move": AuditAction(gettext_lazy("Question moved"), lambda data: data["label"]),
    "round.create": AuditAction(gettext_lazy("Round created"), lambda data: data["name"]),
    "round.update": AuditAction(gettext_lazy("Round changed"), _fields),
    "criterion.create": AuditAction(gettext_lazy("Criterion added"), lambda data: data["name"]),
    "criterion.update": AuditAction(gettext_lazy("Criterion changed"), lambda data: data["name"]),
    "criterion.move": AuditAction(gettext_lazy("Criterion moved"), lambda data: data["name"]),
    "criterion.delete": AuditAction(gettext_lazy("Criterion deleted"), lambda data: data["name"]),
}
