"""Import forms: sending a file, and saying which field each unknown column of it holds."""
import logging
from pathlib import Path

from flask import abort
from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from flask_wtf.file import FileRequired
from flask_wtf.form import _Auto
from werkzeug.datastructures import CombinedMultiDict
from wtforms import BooleanField
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation

from recruit.core.forms import Form
from recruit.imports.models import IMPORT_KINDS
from recruit.imports.reading import EXCEL_SUFFIXES

logger = logging.getLogger(__name__)

# Below the request limit (Config.MAX_CONTENT_LENGTH), so that a big file gets this form's message; 20 MB is
# some hundred thousand rows of seekers.
MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (*EXCEL_SUFFIXES, ".csv")
NOT_LISTED = _l("Choose one from the list.")
LEFT_OUT = _l("Leave this column out")


def file_size(upload):
    stream = upload.stream
    stream.seek(0, 2)
    size = stream.tell()
    stream.seek(0)
    return size


class UploadForm(Form):
    """A file to import, its kind, and for the bureau the event its employers or postings join."""

    class Meta:
        def wrap_formdata(self, form, formdata):
            # The base form refuses any file; this one takes the file of its file field, and only that.
            if formdata is not _Auto:
                return formdata
            if request.method != "POST":
                return None
            if request.is_json or set(request.files) - {form.file.name}:
                abort(400)
            return CombinedMultiDict((request.files, request.form))

    kind = SelectField(_l("What the file holds"), invalid_choice_message=NOT_LISTED)
    file = FileField(_l("File"), validators=[FileRequired(_l("Choose the file to import."))],
                     render_kw={"accept": ",".join(SUFFIXES)})
    event = SelectField(_l("Event"), coerce=int, default=0, invalid_choice_message=NOT_LISTED)
    dry_run = BooleanField(_l("Dry run: check every row and count, write nothing"), default=True)

    def __init__(self, *args, kinds, events=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = IMPORT_KINDS.choices(kinds)
        if events is None:
            del self.event
        else:
            self.event.choices = [SelectChoice(0, _l("No event")),
                                  *(SelectChoice(event.id, event.name) for event in events)]

    def validate_file(self, field):
        upload = field.data
        if Path(upload.filename).suffix.lower() not in SUFFIXES:
            raise StopValidation(_l("Choose a spreadsheet workbook or a comma-separated file."))
        if file_size(upload) > MAX_BYTES:
            raise StopValidation(_l("The file is larger than %(megabytes)d megabytes: split it into several files.",
                                    megabytes=MAX_BYTES // (1024 * 1024)))


class MappingForm(Form):
    """Which field each unknown header of the file holds: one select per header, added by `mapping_form`."""

    headers: dict = {}

    def chosen(self):
        """{file header: field} as chosen (an empty field: the column is left out)."""
        return {header: self[name].data for name, header in self.headers.items()}

    def header_fields(self):
        return [self[name] for name in self.headers]


def mapping_form(unknown, fields, **kwargs):
    """A MappingForm for this file: a select named column_<index> for each unknown (index, header)."""
    choices = [SelectChoice("", LEFT_OUT), *(SelectChoice(column.field, column.header) for column in fields)]
    selects = {f"column_{index}": SelectField(header, choices=choices, default="", invalid_choice_message=NOT_LISTED)
               for index, header in unknown}
    headers = {f"column_{index}": header for index, header in unknown}
    form_class = type("FileMappingForm", (MappingForm,), {**selects, "headers": headers})
    return form_class(**kwargs)
