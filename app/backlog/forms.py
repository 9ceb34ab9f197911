"""Forms to make or change a backlog item and to move it to another status."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import RadioField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import StopValidation

from app.forms import RadioInput, StrippedForm
from app.store import STATUS_NAMES, STATUSES


class ItemForm(StrippedForm):
    """A backlog item's details and the themes it answers. The store checks each answer."""

    title = StringField(
        "Title",
        description="What the team will change, in a few words.",
        widget=GovTextInput(),
    )
    description = TextAreaField("Description (optional)", widget=GovTextArea())
    owner_name = StringField(
        "Owner",
        description="The person who answers for this change: a member of staff or anyone else.",
        widget=GovTextInput(),
    )
    external_url = StringField(
        "Link to the work item (optional)",
        description="Its address in Jira, GitHub, Azure DevOps or Trello, starting https://. "
        "Pulse only links to it.",
        widget=GovTextInput(),
    )
    external_key = StringField(
        "Key (optional)", description="For example, BINS-142 or #57.", widget=GovTextInput()
    )
    themes = SelectMultipleField(
        "Themes it answers",
        coerce=int,
        widget=GovCheckboxesInput(),
        invalid_choice_message="Select themes from the list",
        invalid_value_message="Select themes from the list",
    )
    submit = SubmitField("Save backlog item", widget=GovSubmitInput())

    def set_themes(self, themes):
        """Offer these themes (rows with id and display_label)."""
        self.themes.choices = [(t["id"], t["display_label"]) for t in themes]
        return self


class StatusChoiceField(RadioField):
    """Radios of statuses whose one error, for no answer or a made-up one, says what to do."""

    def pre_validate(self, form):
        if self.data not in STATUSES:
            raise StopValidation("Select the item’s new status")


class StatusForm(StrippedForm):
    """The item's new status, the reason for won't do and the date for shipped."""

    status = StatusChoiceField(
        "What is the item’s status now?",
        choices=[(s, STATUS_NAMES[s]) for s in STATUSES],
        widget=RadioInput(),
    )
    reason = TextAreaField(
        "If won’t do: why not?",
        description="Kept with the item, so people can see why it was not done.",
        widget=GovTextArea(),
    )
    shipped_at = StringField(
        "If shipped: the date it shipped (optional)",
        description="As year-month-day, for example 2026-11-27. Leave empty for today. "
        "The week it shipped is what Pulse compares before and after.",
        widget=GovTextInput(),
    )
    submit = SubmitField("Save status", widget=GovSubmitInput())
