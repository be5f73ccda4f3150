"""What deliberation holds about a person (see `accounts.personal_data`; registered in
`DeliberationConfig.ready`): the messages they wrote in the jury's discussions."""

from accounts.personal_data import PersonalDataSection
from deliberation.models import Message


def discussion_export(user) -> list[dict]:
    return [
        {
            "round": message.round_id,
            "entry": message.entry.reference or message.entry_id,
            "kind": message.kind,
            "posted": message.created_at.isoformat(),
            "withdrawn": message.withdrawn_at is not None,
            "message": message.body,
        }
        for message in Message.objects.filter(author=user).select_related("entry")
    ]


DISCUSSION = PersonalDataSection(key="discussion", export=discussion_export)
