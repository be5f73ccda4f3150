"""Award, edition and category forms: both languages side by side, one input per date."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.utils.translation import gettext_lazy

from awards.models import Award, Category, Edition
from console.forms.widgets import datetime_field


def _pairs(*names: str) -> list:
    """English and Swedish of each two-language field side by side (stacked on a phone)."""
    return [
        Div(
            Div(Field(f"{name}_en"), css_class="col-md-6"),
            Div(Field(f"{name}_sv"), css_class="col-md-6"),
            css_class="row",
        )
        for name in names
    ]


def _helper(layout: list, submit: str) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*layout)
    helper.add_input(Submit("save", submit))
    return helper


class AwardForm(forms.ModelForm):
    website = forms.URLField(
        label=gettext_lazy("website"), required=False, assume_scheme="https", max_length=200
    )

    class Meta:
        model = Award
        fields = [
            "name_en",
            "name_sv",
            "slug",
            "code",
            "description_en",
            "description_sv",
            "organiser",
            "website",
        ]
        widgets = {
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_sv": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            [*_pairs("name"), "slug", "code", *_pairs("description"), "organiser", "website"],
            gettext_lazy("Save the award"),
        )


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = [
            "year",
            "call_opens_at",
            "call_closes_at",
            "judging_starts_at",
            "judging_ends_at",
        ]

    def __init__(self, *args, award: Award, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.award = award
        for name in ("call_opens_at", "call_closes_at", "judging_starts_at", "judging_ends_at"):
            datetime_field(self.fields[name])
        self.helper = _helper(list(self.fields), gettext_lazy("Save the edition"))

    def clean_year(self):
        year = self.cleaned_data["year"]
        others = Edition.objects.filter(award=self.instance.award, year=year)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                gettext_lazy("This award already has an edition in %(year)s."),
                code="year_taken",
                params={"year": year},
            )
        return year


class EditionCloneForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year of the new edition"), min_value=2000, max_value=2100
    )

    def __init__(self, *args, source: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.fields["year"].initial = source.year + 1
        self.helper = _helper(["year"], gettext_lazy("Clone the edition"))

    def clean_year(self):
        year = self.cleaned_data["year"]
        if Edition.objects.filter(award=self.source.award_id, year=year).exists():
            raise forms.ValidationError(
                gettext_lazy("This award already has an edition in %(year)s."),
                code="year_taken",
                params={"year": year},
            )
        return year


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = [
            "name_en",
            "name_sv",
            "slug",
            "code",
            "position",
            "description_en",
            "description_sv",
            "eligibility_en",
            "eligibility_sv",
            "prize_en",
            "prize_sv",
            "call_opens_at",
            "call_closes_at",
            "max_entries_per_entrant",
            "entries_editable_after_submission",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("description_en", "description_sv", "eligibility_en", "eligibility_sv")
        }

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.edition = edition
        datetime_field(self.fields["call_opens_at"])
        datetime_field(self.fields["call_closes_at"])
        self.helper = _helper(
            [
                *_pairs("name"),
                Div(
                    Div("slug", css_class="col-md-4"),
                    Div("code", css_class="col-md-4"),
                    Div("position", css_class="col-md-4"),
                    css_class="row",
                ),
                *_pairs("description", "eligibility", "prize"),
                Div(
                    Div("call_opens_at", css_class="col-md-6"),
                    Div("call_closes_at", css_class="col-md-6"),
                    css_class="row",
                ),
                "max_entries_per_entrant",
                "entries_editable_after_submission",
            ],
            gettext_lazy("Save the category"),
        )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        others = Category.objects.filter(edition=self.instance.edition, slug=slug)
        if others.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(
                gettext_lazy("Another category of this edition has this address."),
                code="slug_taken",
            )
        return slug
