"""What publishing holds about a person (see `accounts.personal_data`; registered in
`PublishingConfig.ready`): the corrections they proposed to their winner page. On erasure the
corrections stay, without their author (the foreign key is set to null)."""

from accounts.personal_data import PersonalDataSection
from publishing.models import Correction


def corrections_export(user) -> list[dict]:
    return [
        {
            "winner_page": str(correction.team_check.winner),
            "field": correction.field,
            "text": correction.text,
            "status": correction.status,
            "proposed_at": correction.proposed_at.isoformat(),
        }
        for correction in Correction.objects.filter(proposed_by=user).select_related(
            "team_check__winner"
        )
    ]


CORRECTIONS = PersonalDataSection(key="winner_page_corrections", export=corrections_export)
