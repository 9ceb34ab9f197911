"""Forms to rename, merge and set aside a theme."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, StopValidation

from app.forms import CharacterCount, RadioInput, StrippedForm
from app.store import MAX_LABEL

MAX_REASON = 500


class RenameForm(StrippedForm):
    """A new name for a theme."""

    label = StringField(
        "New name",
        description="Say what the comments are about, in words the team uses.",
        widget=GovTextInput(),
        validators=[
            DataRequired(message="Enter a name for the theme"),
            Length(max=MAX_LABEL, message=f"Theme names must be {MAX_LABEL} characters or fewer"),
        ],
    )
    submit = SubmitField("Save name", widget=GovSubmitInput())


class ThemeChoiceField(RadioField):
    """Radios of themes whose one error, for no answer or a made-up one, says what to do."""

    message = "Select the theme to merge into this one"

    def pre_validate(self, form):
        if self.data not in {value for value, _ in self.choices}:
            raise StopValidation(self.message)


class MergeForm(StrippedForm):
    """Which other theme of the service to fold into this one."""

    other = ThemeChoiceField("Which theme should be merged into this one?", widget=RadioInput())
    submit = SubmitField("Merge themes", widget=GovSubmitInput())

    def set_themes(self, themes):
        """Offer these themes (rows with id and display_label)."""
        self.other.choices = [(str(t["id"]), t["display_label"]) for t in themes]
        return self


class NotActionableForm(StrippedForm):
    """Why a theme cannot be acted on."""

    reason = TextAreaField(
        "Why is this theme not actionable?",
        description="For example, it is about another organisation’s service, or the law.",
        widget=CharacterCount(),
        validators=[
            DataRequired(message="Enter why the theme is not actionable"),
            Length(max=MAX_REASON, message=f"The reason must be {MAX_REASON} characters or fewer"),
        ],
    )
    submit = SubmitField("Mark not actionable", widget=GovSubmitInput())


class ActionableForm(StrippedForm):
    """Bring a theme set aside back into the priorities."""

    submit = SubmitField("Mark actionable again", widget=GovSubmitInput())
