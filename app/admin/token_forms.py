"""Admin forms for API tokens: a new token's name, services and scope; revoking one."""

from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSubmitInput, GovTextInput
from wtforms import SelectMultipleField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Regexp

from app.admin.forms import ChoiceField
from app.forms import Required, StrippedForm
from app.store import TOKEN_NAME_PATTERN

SCOPES = {
    "submit": "Submit responses",
    "read": "Read services, weekly figures and themes",
}
SCOPE_HINTS = {
    "submit": "For a case-management system or contact centre that sends feedback it collected",
    "read": "For a dashboard or a data team",
}


class TokenAddForm(StrippedForm):
    """A new API token: what it is called, which services it covers, what it may do."""

    name = StringField(
        "Name",
        description="Say which system will use it, such as council-crm",
        widget=GovTextInput(),
        validators=[
            Required(message="Enter a name for the token"),
            Length(max=60, message="Name must be 60 characters or fewer"),
            Regexp(
                TOKEN_NAME_PATTERN,
                message="Name must be letters, numbers, dots, hyphens or underscores, "
                "starting with a letter or number",
            ),
        ],
    )
    services = SelectMultipleField(
        "Services",
        coerce=int,
        description="The token can be used only for the services ticked here.",
        widget=GovCheckboxesInput(),
        validators=[InputRequired(message="Select at least one service")],
        invalid_choice_message="Select services from the list",
        invalid_value_message="Select services from the list",
    )
    scope = ChoiceField(
        "What it may do",
        choices=list(SCOPES.items()),
        message="Select what the token may do",
        hints=SCOPE_HINTS,
    )
    submit = SubmitField("Add token", widget=GovSubmitInput())

    def set_services(self, services):
        """Offer these services as checkboxes, in order of English name."""
        services = sorted(services, key=lambda service: service.name_en.lower())
        self.services.choices = [SelectChoice(s.id, s.name_en) for s in services]


class TokenRevokeForm(StrippedForm):
    """Revoke one token (the form is its CSRF token and a button)."""

    submit = SubmitField("Revoke", widget=GovSubmitInput())
