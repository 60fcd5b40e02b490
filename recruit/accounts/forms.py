"""Account forms."""
import logging

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField
from wtforms import PasswordField
from wtforms import StringField
from wtforms.validators import DataRequired
from wtforms.validators import EqualTo

from recruit.accounts import services
from recruit.core.forms import Form
from recruit.core.forms import Required

logger = logging.getLogger(__name__)


class LoginForm(Form):
    # Only whether something was typed: a sign-in says nothing else about the account.
    identifier = StringField(_l("Mobile number, ID number or username"), validators=[DataRequired()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    remember = BooleanField(_l("Keep me signed in on this device"))


class ChangePasswordForm(Form):
    current = PasswordField(_l("Current password"), validators=[Required()])
    new = PasswordField(_l("New password"), validators=[Required()])
    confirm = PasswordField(_l("New password again"), validators=[
        DataRequired(), EqualTo("new", message=_l("The two passwords differ."))])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def check(self):
        services.check_password_change(self.user, self.current.data, self.new.data)
