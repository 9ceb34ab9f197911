"""Staff sign-in, changing your own password, and choosing whether to get alert emails."""

from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from app.admin.forms import ChoiceField
from app.forms import StrippedForm, new_password_field


def _password_in_use(label, missing):
    """A password someone types to prove who they are: no rules beyond a sane length."""
    return PasswordField(
        label,
        widget=GovPasswordInput(),
        validators=[
            InputRequired(message=missing),
            Length(max=1024, message="Password must be 1,024 characters or fewer"),
        ],
    )


class SignInForm(StrippedForm):
    """Email address and password."""

    email = StringField(
        "Email address",
        widget=GovTextInput(),
        validators=[
            InputRequired(message="Enter your email address"),
            Length(max=254, message="Email address must be 254 characters or fewer"),
        ],
    )
    password = _password_in_use("Password", "Enter your password")
    submit = SubmitField("Sign in", widget=GovSubmitInput())


class ChangePasswordForm(StrippedForm):
    """The password in use now, and the one to use from now on."""

    current_password = _password_in_use("Current password", "Enter your current password")
    new_password = new_password_field("New password", "Enter a new password")
    submit = SubmitField("Change password", widget=GovSubmitInput())


class AlertSettingsForm(StrippedForm):
    """Whether to get alert emails about one's services."""

    alerts_email = ChoiceField(
        "Email me alerts about my services?",
        choices=[("on", "Yes, email me alerts"), ("off", "No, do not email me alerts")],
        message="Select whether to get alert emails",
    )
    submit = SubmitField("Save", widget=GovSubmitInput())
