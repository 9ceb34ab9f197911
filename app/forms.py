"""Form plumbing shared by every blueprint: whitespace stripped before validation, and the
field for setting a new password."""

import re

from flask_babel import gettext
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovPasswordInput, GovRadioInput
from wtforms import PasswordField
from wtforms.validators import InputRequired, Length, StopValidation

from app.store import MIN_PASSWORD

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Characters that reorder or hide text: bidirectional controls make what staff see differ
# from what is stored, zero-width ones hide inside words.
_HIDING = re.compile(
    "[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
# Zero-width (non-)joiners also shape emoji and some scripts: kept only between two
# characters beyond ASCII.
_STRAY_JOINER = re.compile("(?<![^\x00-\x7f])[\u200c\u200d]|[\u200c\u200d](?![^\x00-\x7f])")


def clean_text(value):
    """Strip surrounding space, normalise line endings, drop control characters and those
    that hide or reorder text."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _HIDING.sub("", _CONTROL.sub("", value))
    return _STRAY_JOINER.sub("", value).strip()


class StrippedForm(FlaskForm):
    """A FlaskForm whose text fields are cleaned before any validator sees them."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = unbound_field.kwargs.get("filters", [])
            if clean_text not in filters:
                filters = [clean_text, *filters]
            return unbound_field.bind(form=form, filters=filters, **options)


class _TranslatedErrorPrefix:
    """Give the hidden 'Error:' prefix that GOV.UK Frontend reads out in the page's language."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        if params.get("errorMessage"):
            params["errorMessage"]["visuallyHiddenText"] = gettext("Error")
        return params


class RadioInput(_TranslatedErrorPrefix, GovRadioInput):
    """GOV.UK radios."""


class CharacterCount(_TranslatedErrorPrefix, GovCharacterCount):
    """GOV.UK textarea with a live character count."""


class Required(InputRequired):
    """An answer must be given, and text must hold more than spaces once cleaned: InputRequired
    alone looks at what was sent, so a name of three spaces would pass it and be stored empty."""

    def __call__(self, form, field):
        super().__call__(form, field)
        if isinstance(field.data, str) and not field.data:
            field.errors[:] = []
            raise StopValidation(self.message)


def new_password_field(label, missing, advice=""):
    """A password to set, with the rules staff passwords follow (store.users checks them too).

    missing is the message for no answer; advice is added to the hint.
    """
    return PasswordField(
        label,
        description=f"At least {MIN_PASSWORD} characters. A few unrelated words make a password "
        f"that is long and easy to remember.{advice}",
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message=missing),
            Length(
                min=MIN_PASSWORD,
                max=1024,
                message=f"{label} must be between {MIN_PASSWORD} and 1,024 characters",
            ),
        ],
    )
