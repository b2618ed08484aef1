"""Forms of the article pages: import and lifecycle actions."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import Length, Optional

from workflow.i18n import lazy_gettext as _l


def priority_choices() -> list[tuple[str, str]]:
    """Priorities with translated labels."""
    return [("0", _l("Low")), ("1", _l("Normal")), ("2", _l("High")), ("3", _l("Urgent"))]


class ImportForm(FlaskForm):
    """Import an article: paste the text or upload a file, optionally with an MT draft."""

    title = StringField(_l("Title"), validators=[Optional(), Length(max=300)])
    source_text = TextAreaField(_l("Source text"), validators=[Optional()])
    source_file = FileField(_l("…or upload a file (.txt, .md, .html, .docx)"))
    mt_text = TextAreaField(_l("Machine translation (optional)"), validators=[Optional()])
    mt_file = FileField(_l("…or upload the machine translation"))
    source_lang = StringField(
        _l("Source language"), validators=[Optional(), Length(max=35)], render_kw={"list": "language-codes"}
    )
    target_lang = StringField(
        _l("Target language"), validators=[Length(max=35)], default="en", render_kw={"list": "language-codes"}
    )
    article_date = StringField(
        _l("Publication date"), validators=[Optional(), Length(max=10)], render_kw={"type": "date"}
    )
    due_date = StringField(
        _l("Due date"), validators=[Optional(), Length(max=10)], render_kw={"type": "date"}
    )
    origin_url = StringField(_l("Original address (URL)"), validators=[Optional(), Length(max=2000)])
    priority = SelectField(_l("Priority"), choices=priority_choices, default="1")
    submit = SubmitField(_l("Import article"))


class ActionForm(FlaskForm):
    """Take a lifecycle action on an article."""

    action = HiddenField()
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=5000)])
    override_reason = TextAreaField(_l("Override reason"), validators=[Optional(), Length(max=2000)])
    translator = SelectField(_l("Translator"), validate_choice=False)
    editor = SelectField(_l("Editor"), validate_choice=False)
    submit = SubmitField(_l("Go"))
