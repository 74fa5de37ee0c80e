from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField

from leder_web.core.forms import at_most, enter, strip


class SignInForm(FlaskForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        filters=[strip],
        validators=[enter("your email address"), at_most("Email address", 254)],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[enter("your password"), at_most("Password", 200)],
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())
