"""Forms of the glossary pages: a term (create, propose, edit), an import upload and its confirmation."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from workflow.glossary.terms import (
    MAX_DOMAIN_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_PART_OF_SPEECH_LENGTH,
    MAX_TERM_LENGTH,
    split_list_field,
)
from workflow.i18n import lazy_gettext as _l


def status_choices() -> list[tuple[str, str]]:
    """The two term statuses with translated labels."""
    return [("approved", _l("Approved")), ("proposed", _l("Proposed"))]


def list_field_values(text: str | None) -> tuple[str, ...]:
    """A variants/forbidden box (one per line or separated by ;) as a tuple of renderings."""
    return split_list_field((text or "").replace("\r", "").replace("\n", ";"))


class TermForm(FlaskForm):
    """Every field of a glossary term; translators and editors see only the proposal fields."""

    source_lang = StringField(
        _l("Source language"), validators=[DataRequired(), Length(max=35)], default="zh"
    )
    target_lang = StringField(
        _l("Target language"), validators=[DataRequired(), Length(max=35)], default="en"
    )
    source_term = StringField(_l("Source term"), validators=[DataRequired(), Length(max=MAX_TERM_LENGTH)])
    target_term = StringField(_l("Preferred rendering"), validators=[Optional(), Length(max=MAX_TERM_LENGTH)])
    variants = TextAreaField(_l("Accepted variants"), validators=[Optional(), Length(max=5000)])
    forbidden = TextAreaField(_l("Forbidden renderings"), validators=[Optional(), Length(max=5000)])
    part_of_speech = StringField(
        _l("Part of speech"), validators=[Optional(), Length(max=MAX_PART_OF_SPEECH_LENGTH)]
    )
    domain = StringField(_l("Domain"), validators=[Optional(), Length(max=MAX_DOMAIN_LENGTH)])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=MAX_NOTE_LENGTH)])
    case_sensitive = BooleanField(_l("Case-sensitive"))
    do_not_translate = BooleanField(_l("Do not translate (a name kept as written)"))
    status = SelectField(_l("Status"), choices=status_choices, default="approved")
    submit = SubmitField(_l("Save term"))


class GlossaryImportForm(FlaskForm):
    """Upload a CSV or TBX glossary for a language pair; the next page previews it."""

    glossary_file = FileField(_l("Glossary file (.csv, .tsv, .txt or .tbx)"), validators=[FileRequired()])
    source_lang = StringField(
        _l("Source language"), validators=[DataRequired(), Length(max=35)], default="zh"
    )
    target_lang = StringField(
        _l("Target language"), validators=[DataRequired(), Length(max=35)], default="en"
    )
    submit = SubmitField(_l("Preview import"))


class ImportConfirmForm(FlaskForm):
    """Confirm a previewed import: the token names the upload kept on the server."""

    token = HiddenField(validators=[DataRequired(), Length(max=64)])
    submit = SubmitField(_l("Import"))
