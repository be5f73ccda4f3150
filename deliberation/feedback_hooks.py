"""The feedback letter where entrants read it: their entry page and the outcome email
(registered in `apps.py` with submissions' and judging's registries)."""

from django.template.loader import render_to_string

from deliberation.feedback_letters import feedback_letter


def feedback_entry_panel(*, request, entry) -> str:
    """The letter on the entrant's entry page, once the edition's results are public."""
    sections = feedback_letter(entry=entry)
    if not sections:
        return ""
    return render_to_string(
        "deliberation/_feedback_letter.html", {"sections": sections}, request=request
    )


def feedback_outcome_section(*, entry) -> str:
    """The letter as plain text for the outcome email, in the recipient's language (active)."""
    sections = feedback_letter(entry=entry)
    if not sections:
        return ""
    return render_to_string("deliberation/feedback_letter.txt", {"sections": sections})
