"""Admin forms for deleting one response at a citizen's request: finding it, then confirming."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from app.forms import StrippedForm
from app.store import MAX_REASON
from app.weeks import parse_week


class ResponseFindForm(StrippedForm):
    """Finding one response to delete: by its number, or by service, week and comment words.

    Sent by GET, like a search, so it needs no CSRF token; the deletion itself is a POST.
    """

    class Meta:
        csrf = False

    number = StringField(
        "Response number (optional)",
        description="The id column of the comments export. If you give it, the other "
        "boxes are not needed.",
        widget=GovTextInput(),
    )
    service = SelectField("Service", widget=GovSelect(), validate_choice=False)
    week = StringField(
        "Week",
        description="The ISO week the response was given in, like 2026-W47",
        widget=GovTextInput(),
    )
    text = StringField(
        "Words from the comment (optional)",
        description="Any part of the comment, in any case",
        widget=GovTextInput(),
        validators=[
            Length(max=200, message="Words from the comment must be 200 characters or fewer")
        ],
    )
    submit = SubmitField("Find responses", widget=GovSubmitInput())

    def set_services(self, services):
        """Offer these services, in order of English name, after a 'choose' option."""
        services = sorted(services, key=lambda service: service.name_en.lower())
        self.service.choices = [SelectChoice("", "Choose a service")] + [
            SelectChoice(service.slug, service.name_en) for service in services
        ]

    def validate_number(self, field):
        """A number is all digits; with one given, the other boxes are not checked."""
        if field.data and not (field.data.isascii() and field.data.isdigit()):
            raise ValidationError(
                "Response number must be a number, like 1234, from the id column of the "
                "comments export"
            )

    def validate_service(self, field):
        """Without a number, a service from the list."""
        offered = {choice.value for choice in self.service.choices if choice.value}
        if not self.number.data and field.data not in offered:
            raise ValidationError("Select the service the response was given to")

    def validate_week(self, field):
        """Without a number, a week in the ISO form."""
        if self.number.data:
            return
        if not field.data:
            raise ValidationError("Enter the week the response was given in, like 2026-W47")
        try:
            parse_week(field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from error


class ResponseDeleteForm(StrippedForm):
    """Deleting one response: a confirmation and the reason, which goes in the audit record."""

    reason = TextAreaField(
        "Why are you deleting it?",
        description="For example: the person who gave it asked us to, by email on 3 March. "
        "Do not include their name or contact details: this reason is kept.",
        widget=GovTextArea(),
        validators=[
            # DataRequired, not InputRequired: a reason of spaces is stripped to nothing.
            DataRequired(message="Enter why you are deleting this response"),
            Length(max=MAX_REASON, message=f"The reason must be {MAX_REASON} characters or fewer"),
        ],
    )
    confirm = BooleanField(
        "I have checked this is the response the person asked us to delete",
        widget=GovCheckboxInput(),
        validators=[
            InputRequired(message="Confirm that this is the response the person asked about")
        ],
    )
    submit = SubmitField("Delete response", widget=GovSubmitInput())
