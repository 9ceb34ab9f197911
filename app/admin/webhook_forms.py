"""Admin forms for webhooks: a new webhook's address and service; revoking one."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, ValidationError

from app.admin.forms import ChoiceField
from app.forms import Required, StrippedForm
from app.store import WebhookError, check_webhook_url

ALL_SERVICES = "all"


class WebhookAddForm(StrippedForm):
    """A new webhook: the address events are posted to, and which service's events."""

    address = StringField(
        "Address to post events to",
        description="It must start with https://. Plain http:// is allowed only to this "
        "machine (localhost or 127.0.0.1), for trying a receiver out.",
        widget=GovTextInput(),
        validators=[
            Required(message="Enter the address to send events to"),
            Length(max=2000, message="The address must be 2,000 characters or fewer"),
        ],
    )
    service = ChoiceField(
        "Events from",
        choices=[(ALL_SERVICES, "Every service")],
        message="Select every service or one service",
        default=ALL_SERVICES,
    )
    submit = SubmitField("Add webhook", widget=GovSubmitInput())

    def set_services(self, services):
        """Offer every service, then each service by English name."""
        choices = [(ALL_SERVICES, "Every service")] + [
            (str(s.id), s.name_en) for s in sorted(services, key=lambda s: s.name_en.lower())
        ]
        self.service.choices = [SelectChoice(value, text) for value, text in choices]

    def validate_address(self, field):
        """The store's rules for an address, with their plain-words reasons."""
        try:
            field.data = check_webhook_url(field.data)
        except WebhookError as error:
            raise ValidationError(str(error)) from None

    @property
    def service_id(self):
        """The chosen service's id, or None for every service."""
        return None if self.service.data == ALL_SERVICES else int(self.service.data)


class WebhookRevokeForm(StrippedForm):
    """Revoke one webhook (the form is its CSRF token and a button)."""

    submit = SubmitField("Revoke", widget=GovSubmitInput())
