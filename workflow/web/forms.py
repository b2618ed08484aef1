"""WTForms for accounts and administration; labels are lazily translated (``_l``)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length, Optional

from workflow.i18n import lazy_gettext as _l


def role_choices() -> list[tuple[str, str]]:
    """The three roles with translated labels."""
    return [("translator", _l("Translator")), ("editor", _l("Editor")), ("admin", _l("Admin"))]


class LoginForm(FlaskForm):
    """Sign in with username and password."""

    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)])
    remember = BooleanField(_l("Keep me signed in on this computer"))
    submit = SubmitField(_l("Sign in"))


class UserCreateForm(FlaskForm):
    """An admin creates an account."""

    username = StringField(_l("Username"), validators=[DataRequired(), Length(min=2, max=64)])
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    display_name = StringField(_l("Display name"), validators=[Optional(), Length(max=120)])
    role = SelectField(_l("Role"), choices=role_choices)
    password = PasswordField(_l("Initial password"), validators=[DataRequired(), Length(max=256)])
    submit = SubmitField(_l("Create user"))


class UserRoleForm(FlaskForm):
    """An admin changes someone's role."""

    role = SelectField(_l("Role"), choices=role_choices)
    submit = SubmitField(_l("Change role"))


class ConfirmForm(FlaskForm):
    """A bare form whose only job is to carry the CSRF token of a button."""

    submit = SubmitField(_l("Confirm"))


class PreferencesForm(FlaskForm):
    """The user's own display name, UI language and time zone."""

    display_name = StringField(_l("Display name"), validators=[Optional(), Length(max=120)])
    locale = SelectField(_l("Interface language"))
    timezone = StringField(_l("Time zone"), validators=[DataRequired(), Length(max=64)])
    submit = SubmitField(_l("Save preferences"))


class PasswordForm(FlaskForm):
    """Change one's own password."""

    current = PasswordField(_l("Current password"), validators=[DataRequired()])
    password = PasswordField(_l("New password"), validators=[DataRequired(), Length(max=256)])
    submit = SubmitField(_l("Change password"))


class TokenForm(FlaskForm):
    """Create a personal API token."""

    name = StringField(_l("Token name"), validators=[DataRequired(), Length(max=100)])
    submit = SubmitField(_l("Create token"))


class LanguageForm(FlaskForm):
    """The language switcher in the navigation bar."""

    locale = SelectField(_l("Language"))
    submit = SubmitField(_l("Switch"))
