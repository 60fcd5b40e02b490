"""An import started from the web page: the file, who sent it, and how far its run got."""
import logging
from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from recruit.core.clock import utcnow
from recruit.core.codes import Code
from recruit.core.codes import Codes
from recruit.core.models import enum_column
from recruit.extensions import db

logger = logging.getLogger(__name__)

IMPORT_KINDS = Codes("import_kind", Code("seekers", _l("Job seekers")), Code("employers", _l("Employers")),
                     Code("postings", _l("Postings")))
JOB_STATUSES = Codes("import_status", Code("queued", _l("Waiting to start")),
                     Code("running", _l("Being imported"), "info"), Code("done", _l("Done"), "success"),
                     Code("failed", _l("Failed"), "danger"))
# The pages a job was started from: bureau staff share theirs, partner staff each see their own.
FRAMES = ("bureau", "partner")
UNFINISHED = ("queued", "running")


class ImportJob(db.Model):
    """One import of a file, run outside the request that sent it."""

    __tablename__ = "import_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    frame: Mapped[str] = enum_column(FRAMES, "import_frame")
    kind: Mapped[str] = enum_column(IMPORT_KINDS.values, "import_kind")
    event_id: Mapped[int | None] = mapped_column(sa.ForeignKey("events.id", ondelete="SET NULL"), index=True)
    dry_run: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # {file header: field} chosen on the mapping step.
    mapping: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    # The file's name as sent, and the name it is kept under in the imports folder (never the sent one).
    filename: Mapped[str] = mapped_column(sa.String(255))
    stored_name: Mapped[str] = mapped_column(sa.String(100))
    errors_name: Mapped[str | None] = mapped_column(sa.String(100))
    # The language of the person who started it: the job's messages are written in it.
    locale: Mapped[str] = mapped_column(sa.String(20), default="", server_default="")
    status: Mapped[str] = enum_column(JOB_STATUSES.values, "import_status", default="queued", index=True)
    # Which process runs it (host:pid) and when it last said so: a job whose process died is found by these.
    runner: Mapped[str] = mapped_column(sa.String(100), default="", server_default="")
    heartbeat_at: Mapped[datetime] = mapped_column(default=utcnow)
    rows_total: Mapped[int | None]
    rows_done: Mapped[int] = mapped_column(default=0, server_default="0")
    created: Mapped[int] = mapped_column(default=0, server_default="0")
    updated: Mapped[int] = mapped_column(default=0, server_default="0")
    unchanged: Mapped[int] = mapped_column(default=0, server_default="0")
    invalid: Mapped[int] = mapped_column(default=0, server_default="0")
    error_code: Mapped[str] = mapped_column(sa.String(40), default="", server_default="")
    error: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=sa.func.now(), index=True)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    user = relationship("User")
    event = relationship("Event")

    @property
    def finished(self):
        return self.status not in UNFINISHED

    @property
    def percent(self):
        """How far the run got, 0–100, when the file's rows were counted."""
        if self.status == "done":
            return 100
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)

    @property
    def audit_name(self):
        # The number, not the file's name: that is in the entry's detail, marked as no word of the page.
        return f"#{self.id}"
