"""What judging holds about a person (see `accounts.personal_data`; registered in
`JudgingConfig.ready`). Reviews are part of an award's record, so a jury member's account is
not deleted by its owner: the organisers take them off the jury first."""

from django.utils.translation import gettext as _

from accounts.personal_data import PersonalDataSection


def jury_deletion_refusal(user) -> str | None:
    if user.assignments.exists() or user.jury_memberships.exists():
        return _(
            "You are on a jury. Ask the organisers to remove you from it first, so that "
            "the reviews you wrote are handled properly."
        )
    return None


JURY = PersonalDataSection(key="jury", deletion_refusal=jury_deletion_refusal)
