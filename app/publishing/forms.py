"""The form an owner fills in to publish a shipped change, and the one to take it down."""

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovCheckboxInput, GovSubmitInput
from wtforms import BooleanField, SelectMultipleField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from app.forms import CharacterCount, StrippedForm

MAX_TEXT = 600
MAX_QUOTES = 3


def _text(label, hint, missing):
    return TextAreaField(
        label,
        description=hint,
        widget=CharacterCount(),
        validators=[
            DataRequired(message=missing),
            Length(max=MAX_TEXT, message=f"{label} must be {MAX_TEXT} characters or fewer"),
        ],
    )


class QuoteChoices(SelectMultipleField):
    """Checkboxes of the item's quotes; a choice not offered, or more than three, is refused."""

    def pre_validate(self, form):
        offered = {choice.value for choice in self.choices}
        if any(value not in offered for value in self.data or []):
            raise ValidationError("Select quotes from the list shown")
        if len(self.data or []) > MAX_QUOTES:
            raise ValidationError(f"Select up to {MAX_QUOTES} quotes")


class PublishForm(StrippedForm):
    """What people said and what the team did, in English and Welsh, for the public page."""

    you_said_en = _text(
        "You said (English)",
        "What people told us, in a sentence or two, without quoting anyone.",
        "Enter what people said, in English",
    )
    you_said_cy = _text(
        "You said (Welsh)",
        "The same in Welsh: ‘Dywedoch chi’.",
        "Enter what people said, in Welsh",
    )
    we_did_en = _text(
        "We did (English)",
        "What the team changed because of it.",
        "Enter what you did, in English",
    )
    we_did_cy = _text(
        "We did (Welsh)",
        "The same in Welsh: ‘Gwnaethom ni’.",
        "Enter what you did, in Welsh",
    )
    show_effect = BooleanField(
        "Show the measured effect of the change on the page", widget=GovCheckboxInput()
    )
    quotes = QuoteChoices(
        f"Quotes to show (up to {MAX_QUOTES}, optional)",
        description="Only comments from themes with enough responses to keep people anonymous "
        "are offered. A quote stops showing if its comment is later deleted.",
        widget=GovCheckboxesInput(),
        coerce=str,
        validate_choice=False,
    )
    submit = SubmitField("Publish", widget=GovSubmitInput())

    def set_quotes(self, quotes):
        """Offer these quotes (each with a response id and its comment)."""
        self.quotes.choices = [SelectChoice(str(q.response_id), q.text) for q in quotes]
        return self


class UnpublishForm(StrippedForm):
    """Take a change off the public page."""

    submit = SubmitField("Unpublish", widget=GovSubmitInput())
