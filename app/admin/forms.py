"""Admin forms: staff accounts, services, and the survey link builder."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import RadioField, SelectMultipleField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Regexp, ValidationError

from app.forms import RadioInput, Required, StrippedForm, new_password_field
from app.store import CHANNELS, EMAIL_PATTERN, OUTCOMES, ROLE_NAMES, SLUG_PATTERN
from app.survey.links import REF_PATTERN

ROLE_HINTS = {
    "admin": "Everything: every service's feedback, and the users and services pages",
    "owner": "Their services: read the feedback, manage its themes and export its comments",
    "viewer": "Read the feedback of the services they are given",
    "recorder": "Only enter feedback people give them by phone, face to face or post, for "
    "the services they are given. They cannot read any feedback",
}
EMAIL_FORMAT = "Enter an email address in the correct format, like name@example.gov.uk"


def _words(value):
    """'face-to-face' -> 'Face to face', for options named by their stored values."""
    return value.replace("-", " ").capitalize()


def _lower(value):
    return value.lower() if isinstance(value, str) else value


class HintedRadioInput(RadioInput):
    """GOV.UK radios with a hint under each option, given as {value: hint}."""

    def __init__(self, hints):
        self.hints = hints

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        # An empty hint would still be rendered and announced; leave it out.
        hint = params.get("hint") or {}
        if not hint.get("text") and not hint.get("html"):
            params.pop("hint", None)
        for item in params["items"]:
            if self.hints.get(item["value"]):
                item["hint"] = {"text": self.hints[item["value"]]}
        return params


class ChoiceField(RadioField):
    """Radios whose 'not one of the options' error says what to do, like the missing-answer one."""

    def __init__(self, label, choices, message, hints=None, **kwargs):
        """choices are (value, label) pairs; message is shown for no answer or a made-up one."""
        kwargs.setdefault("validators", [InputRequired(message=message)])
        choices = [SelectChoice(value, text) for value, text in choices]
        super().__init__(label, choices=choices, widget=HintedRadioInput(hints or {}), **kwargs)
        self.choice_message = message

    def pre_validate(self, form):
        if self.data not in {choice.value for choice in self.choices}:
            raise ValidationError(self.choice_message)


def _services_field():
    return SelectMultipleField(
        "Services",
        coerce=int,
        description="Owners and viewers see only the services ticked here; recorders enter "
        "feedback only for them. "
        "Admins see every service whatever is ticked.",
        widget=GovCheckboxesInput(),
        invalid_choice_message="Select services from the list",
        invalid_value_message="Select services from the list",
    )


def _name_field():
    return StringField(
        "Full name",
        widget=GovTextInput(),
        validators=[
            Required(message="Enter the person's name"),
            Length(max=100, message="Name must be 100 characters or fewer"),
        ],
    )


def _role_field():
    return ChoiceField(
        "Role",
        choices=list(ROLE_NAMES.items()),
        message="Select a role",
        hints=ROLE_HINTS,
    )


def _password_field(label, missing):
    return new_password_field(label, missing, " Give it to the person in a safe way.")


class ServicesChoices:
    """Mixin: fill the services checkboxes from a list of Service rows."""

    def set_services(self, services):
        """Offer these services as checkboxes, in order of English name."""
        services = sorted(services, key=lambda service: service.name_en.lower())
        self.services.choices = [SelectChoice(service.id, service.name_en) for service in services]


class UserAddForm(ServicesChoices, StrippedForm):
    """A new member of staff: who they are, what they may do, and a first password."""

    email = StringField(
        "Email address",
        widget=GovTextInput(),
        validators=[
            Required(message="Enter an email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
            Regexp(EMAIL_PATTERN, message=EMAIL_FORMAT),
        ],
    )
    name = _name_field()
    role = _role_field()
    services = _services_field()
    password = _password_field("Password", "Enter a password")
    submit = SubmitField("Add user", widget=GovSubmitInput())


class UserPasswordForm(StrippedForm):
    """A new password for a member of staff who has forgotten theirs."""

    password = _password_field("New password", "Enter a new password")
    submit = SubmitField("Set password", widget=GovSubmitInput())


class UserEditForm(ServicesChoices, StrippedForm):
    """A member of staff's name, role, services and whether they can sign in."""

    name = _name_field()
    role = _role_field()
    services = _services_field()
    status = ChoiceField(
        "Status",
        choices=[("active", "Active"), ("disabled", "Disabled")],
        message="Select whether the account is active or disabled",
        hints={
            "active": "Can sign in. Saving an active account also lifts any lock-out.",
            "disabled": "Cannot sign in, and is signed out at their next click",
        },
    )
    submit = SubmitField("Save changes", widget=GovSubmitInput())

    def __init__(self, *args, editing_self=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing_self = editing_self

    def validate_role(self, field):
        """An admin may not demote themselves: someone must always be able to get back in."""
        if self.editing_self and field.data != "admin":
            raise ValidationError(
                "You cannot remove your own admin role. Ask another admin to change it."
            )

    def validate_status(self, field):
        """An admin may not lock themselves out."""
        if self.editing_self and field.data != "active":
            raise ValidationError(
                "You cannot disable your own account. Ask another admin to do it."
            )


def _name_en_field():
    return StringField(
        "Name in English",
        widget=GovTextInput(),
        validators=[
            Required(message="Enter the service's name in English"),
            Length(max=120, message="Name in English must be 120 characters or fewer"),
        ],
    )


def _name_cy_field():
    return StringField(
        "Name in Welsh",
        widget=GovTextInput(),
        validators=[
            Required(message="Enter the service's name in Welsh"),
            Length(max=120, message="Name in Welsh must be 120 characters or fewer"),
        ],
    )


def _survey_status_field():
    return ChoiceField(
        "Survey",
        choices=[("open", "Open"), ("closed", "Closed")],
        message="Select whether the survey is open or closed",
        hints={
            "open": "Citizens can give feedback through the survey link",
            "closed": "The survey link shows 'page not found'. Feedback already given is kept.",
        },
        default="open",
    )


class ServiceAddForm(StrippedForm):
    """A new service: its slug, its names and whether its survey is open."""

    slug = StringField(
        "Slug",
        description="Lower-case letters, numbers and hyphens, like parking-permits. "
        "It appears in the survey link and cannot be changed later.",
        filters=[_lower],
        widget=GovTextInput(),
        validators=[
            Required(message="Enter a slug"),
            Regexp(
                SLUG_PATTERN,
                message="Slug must be 1 to 40 lower-case letters, numbers and hyphens, "
                "starting and ending with a letter or number",
            ),
        ],
    )
    name_en = _name_en_field()
    name_cy = _name_cy_field()
    status = _survey_status_field()
    submit = SubmitField("Add service", widget=GovSubmitInput())


class ServiceEditForm(StrippedForm):
    """A service's names and whether its survey is open; the slug never changes."""

    name_en = _name_en_field()
    name_cy = _name_cy_field()
    status = _survey_status_field()
    submit = SubmitField("Save changes", widget=GovSubmitInput())


def _optional_choices(values, none_label="Not included"):
    return [("", none_label)] + [(value, _words(value)) for value in values]


class LinkForm(StrippedForm):
    """What a survey link carries. Sent by GET, so the link can be bookmarked and shared."""

    class Meta:
        csrf = False

    channel = ChoiceField(
        "Channel",
        choices=_optional_choices(CHANNELS),
        message="Select a channel from the list",
        description="How the person used the service",
        validators=[],
        default="",
    )
    outcome = ChoiceField(
        "Outcome",
        choices=_optional_choices(OUTCOMES),
        message="Select an outcome from the list",
        description="How their journey ended, where the linking service knows it",
        validators=[],
        default="",
    )
    ref = StringField(
        "Interaction reference (optional)",
        description="Each reference can be answered once. Up to 64 letters, numbers, "
        "dots, colons, hyphens or underscores.",
        widget=GovTextInput(),
    )
    # Not 'lang': that query parameter would switch the language of this staff page itself.
    language = ChoiceField(
        "Language",
        choices=[
            ("", "Not included: the citizen's browser decides"),
            ("en", "English"),
            ("cy", "Welsh"),
        ],
        message="Select a language from the list",
        description="The language the survey opens in",
        validators=[],
        default="",
    )
    submit = SubmitField("Update link", widget=GovSubmitInput())

    def validate_ref(self, field):
        """Only references the survey would accept; it silently drops anything else."""
        if field.data and not REF_PATTERN.match(field.data):
            raise ValidationError(
                "Reference must be up to 64 letters, numbers, dots, colons, hyphens "
                "or underscores, with no spaces"
            )

    def link_params(self):
        """The survey link's query parameters, without empty ones."""
        params = {
            "channel": self.channel.data,
            "outcome": self.outcome.data,
            "ref": self.ref.data,
            "lang": self.language.data,
        }
        return {key: value for key, value in params.items() if value}

    def builder_args(self):
        """This form's own non-empty answers, to carry over to the QR code downloads."""
        names = ("channel", "outcome", "ref", "language")
        return {name: self[name].data for name in names if self[name].data}
