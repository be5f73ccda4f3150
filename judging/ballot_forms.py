"""Forms of the screening, ranking and pairwise pages: they validate what the judge sent and
call the services (`judging/services/ballots.py`, `comparisons.py`)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from judging.enums import PairOutcome, ScreeningAnswer
from judging.forms import DecisionForm
from judging.services.ballot_decisions import ballot_decisions_record
from judging.services.ballots import MAX_REASON, ranking_save, screening_answer_save
from judging.services.comparisons import pair_answer
from submissions.models import Entry


class ScreeningAnswerForm(forms.Form):
    """One entry's answer; prefixed by the assignment so that one page holds every entry."""

    answer = forms.ChoiceField(
        label=_("Your answer"), choices=ScreeningAnswer.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, assignment, user, **kwargs):
        kwargs.setdefault("prefix", f"a{assignment.pk}")
        super().__init__(*args, **kwargs)
        self.assignment, self.user = assignment, user

    def save(self):
        try:
            return screening_answer_save(
                assignment=self.assignment,
                user=self.user,
                answer=self.cleaned_data["answer"],
                reason=self.cleaned_data["reason"],
            )
        except ValidationError as error:
            self.add_error(None, error)
            raise


def rank_field(assignment) -> str:
    return f"rank_{assignment.pk}"


class RankingForm(forms.Form):
    """One optional rank per assigned entry (1 is best; equal numbers tie)."""

    def __init__(self, *args, round, assignments, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.round, self.assignments, self.user = round, assignments, user
        for assignment in assignments:
            self.fields[rank_field(assignment)] = forms.IntegerField(
                label=_("Rank"),
                required=False,
                min_value=1,
                max_value=len(assignments),
            )

    def save(self, *, submit: bool):
        ranks = {a.pk: self.cleaned_data.get(rank_field(a)) for a in self.assignments}
        try:
            return ranking_save(round=self.round, user=self.user, ranks=ranks, submit=submit)
        except ValidationError as error:
            self.add_error(None, error)
            raise


class PairAnswerForm(forms.Form):
    outcome = forms.ChoiceField(choices=PairOutcome.choices)

    def __init__(self, *args, comparison, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.comparison, self.user = comparison, user

    def save(self) -> bool:
        try:
            return pair_answer(
                comparison=self.comparison, user=self.user, outcome=self.cleaned_data["outcome"]
            )
        except ValidationError as error:
            self.add_error(None, error)
            raise


class BallotDecisionForm(DecisionForm):
    """The results page's decision form in screening, ranking and pairwise rounds."""

    def save(self, *, round, by):
        entries = list(Entry.objects.filter(pk__in=self.cleaned_data["entries"]))
        try:
            return ballot_decisions_record(
                round=round,
                entries=entries,
                outcome=self.cleaned_data["outcome"],
                reason=self.cleaned_data["reason"],
                by=by,
            )
        except ValidationError as error:
            self._add_service_errors(error)
            raise
