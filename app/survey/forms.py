"""The survey form: one satisfaction question and an optional comment."""

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput
from wtforms import HiddenField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from app.forms import CharacterCount, RadioInput, StrippedForm

COMMENT_MAX = 1250

RATING_CHOICES = [
    SelectChoice("5", _l("Very satisfied")),
    SelectChoice("4", _l("Satisfied")),
    SelectChoice("3", _l("Neither satisfied nor dissatisfied")),
    SelectChoice("2", _l("Dissatisfied")),
    SelectChoice("1", _l("Very dissatisfied")),
]


class RatingField(RadioField):
    """A radio field whose 'not one of the options' error is in plain words."""

    def pre_validate(self, form):
        if self.data not in {choice.value for choice in self.choices}:
            raise ValidationError(_l("Select how satisfied you were with the service"))


class SurveyForm(StrippedForm):
    """How satisfied were you, and how could we improve?"""

    rating = RatingField(
        _l("Overall, how satisfied were you with this service today?"),
        choices=RATING_CHOICES,
        widget=RadioInput(),
        validators=[InputRequired(message=_l("Select how satisfied you were with the service"))],
    )
    comment = TextAreaField(
        _l("How could we improve this service? (optional)"),
        description=_l(
            "Do not include personal or financial details, such as your name, address, "
            "phone number, National Insurance number or bank card details."
        ),
        widget=CharacterCount(),
        validators=[
            Length(
                max=COMMENT_MAX,
                message=_l("Your comment must be %(max)s characters or fewer", max="1,250"),
            )
        ],
    )
    # Left empty by people (it is hidden from sight and from screen readers); robots fill it in.
    website = StringField(_l("Leave this field empty"))
    # When the form was first shown, signed so it cannot be forged; see app/survey/spam.py.
    started = HiddenField()
    lang = HiddenField()
    submit = SubmitField(_l("Send feedback"), widget=GovSubmitInput())
