"""The national team's search of the audit log: a GET form, so a search can be bookmarked and
the CSV download asks for exactly what the page shows."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import StringField

from leder_web.audit_log.queries import Filters
from leder_web.core.audit import KIND_LABELS
from leder_web.core.forms import Radios, at_most, strip

PERIODS = (("1", "Last 24 hours"), ("7", "Last 7 days"), ("30", "Last 30 days"), ("", "Any time"))
KIND_CHOICES = (("", "Anything"), *KIND_LABELS.items())


class AuditSearchForm(FlaskForm):
    class Meta:
        csrf = False  # a search reads; it changes nothing

    email = StringField(
        "Email address of the person",
        widget=GovTextInput(),
        filters=[strip],
        validators=[at_most("Email address", 254)],
    )
    reference = StringField(
        "Case reference",
        widget=GovTextInput(),
        filters=[strip],
        validators=[at_most("Case reference", 20)],
        description="For example, ABCD-2345",
    )
    kind = Radios("What they did", choices=KIND_CHOICES, default="", validate_choice=False)
    period = Radios("When", choices=PERIODS, default="7", validate_choice=False)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if (self.kind.data or "") not in dict(KIND_CHOICES):
            self.kind.errors = [*self.kind.errors, "Select what they did from the list"]
            valid = False
        if (self.period.data or "") not in dict(PERIODS):
            self.period.errors = [*self.period.errors, "Select when from the list"]
            valid = False
        return valid

    def filters(self) -> Filters:
        period = self.period.data
        return Filters(
            email=self.email.data or "",
            reference=self.reference.data or "",
            kind=self.kind.data or "",
            days=int(period) if period else None,
        )
