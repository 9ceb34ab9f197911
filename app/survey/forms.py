"""The survey form: one satisfaction question and an optional comment."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from app.forms import CharacterCount, RadioInput, StrippedForm
from app.survey.csrf import SurveyCSRF

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
    """How satisfied were you, and how could we improve?

    Only the answers and the signed start time are fields (with the CSRF token WTForms
    adds): every field is built and processed again on each submission, so the honeypot
    and the button are plain HTML in the template and the page's language rides on the
    form's address.
    """

    class Meta:
        csrf_class = SurveyCSRF

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
    # When the form was first shown, signed so it cannot be forged; see app/survey/spam.py.
    started = HiddenField()
