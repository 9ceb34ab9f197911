"""The form staff fill in for feedback a citizen gave them."""

import re
from datetime import date, datetime, timedelta

from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovSubmitInput
from wtforms import Field, HiddenField, SubmitField, TextAreaField
from wtforms.validators import Length, ValidationError

from app.admin.forms import ChoiceField
from app.forms import CharacterCount, StrippedForm
from app.store import OUTCOMES
from app.survey.forms import COMMENT_MAX, RATING_CHOICES
from app.weeks import LONDON

# Staff take feedback by these channels; 'online' is the survey's own.
STAFF_CHANNELS = [("phone", "Phone"), ("face-to-face", "Face to face"), ("post", "Post")]
LANGUAGES = [("en", "English"), ("cy", "Welsh (Cymraeg)")]
# Feedback older than this is too late to enter: its weeks have long been read.
OLDEST_DAYS = 90
FORM_TOKEN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def today_in_london():
    """Today's date where the council is."""
    return datetime.now(LONDON).date()


class ContactDateField(Field):
    """Day, month and year boxes; left empty, the date is today."""

    widget = GovDateInput()

    def process_formdata(self, valuelist):
        # Always three boxes, whatever was sent, so the widget can show them again.
        boxes = [(v or "").strip() for v in valuelist[:3]]
        self.raw_data = boxes + [""] * (3 - len(boxes))
        self.data = None

    def _value(self):
        return ""

    def pre_validate(self, form):
        if self.raw_data is None or not any(self.raw_data):
            self.data = today_in_london()
            return
        if not all(self.raw_data):
            raise ValidationError("Enter the date of the contact as a day, month and year")
        try:
            day, month, year = (int(box) for box in self.raw_data)
            self.data = date(year, month, day)
        except ValueError as error:
            raise ValidationError(
                "Enter the date of the contact as a real date, like 27 3 2026"
            ) from error
        today = today_in_london()
        if self.data > today:
            raise ValidationError("The date of the contact must be today or in the past")
        if self.data < today - timedelta(days=OLDEST_DAYS):
            raise ValidationError(
                f"The date of the contact must be within the last {OLDEST_DAYS} days"
            )


class RecordForm(StrippedForm):
    """A citizen's rating and comment, how they gave it, and when."""

    rating = ChoiceField(
        "How satisfied did the person say they were with the service?",
        choices=[(choice.value, choice.label) for choice in RATING_CHOICES],
        message="Select how satisfied the person said they were",
    )
    comment = TextAreaField(
        "What did they say could be improved? (optional)",
        description="Write it in their words. Names, phone numbers, email addresses and "
        "other personal details are taken out before it is saved.",
        widget=CharacterCount(),
        validators=[
            Length(max=COMMENT_MAX, message="The comment must be 1,250 characters or fewer")
        ],
    )
    channel = ChoiceField(
        "How did they give their feedback?",
        choices=STAFF_CHANNELS,
        message="Select how the person gave their feedback: phone, face to face or post",
    )
    outcome = ChoiceField(
        "How did their journey end? (optional)",
        choices=[("", "Not known")] + [(v, v.replace("-", " ").capitalize()) for v in OUTCOMES],
        message="Select how their journey ended from the list, or Not known",
        validators=[],
        default="",
    )
    language = ChoiceField(
        "Language of the comment",
        choices=LANGUAGES,
        message="Select the language the comment is in",
        default="en",
    )
    contact_date = ContactDateField(
        "Date of the contact (optional)",
        description=f"For example, 27 3 2026. Leave it empty for today. It must be within "
        f"the last {OLDEST_DAYS} days.",
    )
    # Names this filling-in of the form, so a double click stores it once.
    form_token = HiddenField()
    submit = SubmitField("Save feedback", widget=GovSubmitInput())
