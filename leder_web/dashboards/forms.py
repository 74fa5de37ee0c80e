"""The period a dashboard covers: a GET form, so a dashboard can be bookmarked and shared.

A quarter or a financial year chosen from the list, or dates typed in (read by the platform's
own date rules, core.dates). With nothing chosen, the current financial year."""

from datetime import date
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect
from wtforms import SelectField

from leder_web.core.dates import EARLIEST, DateReading
from leder_web.core.forms import DatePartsField, Radios
from leder_web.dashboards import periods
from leder_web.dashboards.periods import Period

QUARTER, YEAR, CUSTOM = "quarter", "year", "custom"
PERIOD_KINDS = [(QUARTER, "A quarter"), (YEAR, "A financial year"), (CUSTOM, "Dates you choose")]


class PeriodForm(FlaskForm):
    class Meta:
        csrf = False  # choosing a period reads; it changes nothing

    period = Radios("Period", choices=PERIOD_KINDS, default=YEAR)
    quarter = SelectField("Quarter", widget=GovSelect(), choices=[], validate_choice=False)
    year = SelectField("Financial year", widget=GovSelect(), choices=[], validate_choice=False)
    start = DatePartsField(
        "From",
        what="The start date",
        enter="the start date",
        past_only=True,
        earliest=EARLIEST,
        description="For example, 1 4 2026",
    )
    end = DatePartsField(
        "To",
        what="The end date",
        enter="the end date",
        earliest=EARLIEST,
        description="For example, 30 6 2026",
    )

    def __init__(self, formdata, *, today: date):
        super().__init__(formdata)
        self.today = today
        self.quarter.choices = periods.quarter_choices(today)
        self.year.choices = periods.year_choices(today)
        if not self.year.data:
            self.year.data = str(periods.year_of(today))
        if not self.quarter.data:
            self.quarter.data = "{}-{}".format(*periods.quarter_of(today))
        self.chosen: Period | None = None

    def validate(self, extra_validators=None) -> bool:
        kind = self.period.data or YEAR
        if kind not in dict(PERIOD_KINDS):
            self.period.errors = ["Select a period from the list"]
            return False
        if kind != CUSTOM:  # the dates are read only when they are the period chosen
            self.start.reading = self.end.reading = DateReading()
        valid = super().validate(extra_validators)
        if not valid:
            return False
        self.chosen = {QUARTER: self._quarter, YEAR: self._year, CUSTOM: self._custom}[kind]()
        return self.chosen is not None

    def _quarter(self) -> Period | None:
        if self.quarter.data not in {value for value, _ in _choices(self.quarter)}:
            self.quarter.errors = ["Select a quarter from the list"]
            return None
        return periods.read_quarter(self.quarter.data)

    def _year(self) -> Period | None:
        if self.year.data not in {value for value, _ in _choices(self.year)}:
            self.year.errors = ["Select a financial year from the list"]
            return None
        return periods.financial_year(int(self.year.data))

    def _custom(self) -> Period | None:
        start, end = self.start.data, self.end.data
        assert start is not None and end is not None  # both required, read above
        if end < start:
            self.end.errors = ["The end date must be the same as or after the start date"]
            return None
        return periods.custom(start, end)

    def query(self) -> dict[str, str]:
        """The period as URL arguments, to keep it when another area is chosen."""
        kind = self.period.data or YEAR
        if kind == QUARTER:
            return {"period": kind, "quarter": self.quarter.data or ""}
        if kind == YEAR:
            return {"period": kind, "year": self.year.data or ""}
        found = {"period": kind}
        for name in ("start", "end"):
            for part, value in getattr(self, name).parts.items():
                found[f"{name}-{part}"] = value
        return found


def _choices(field) -> list[tuple[str, str]]:
    # WTForms 3.3 keeps choices as SelectChoice objects when given them; here they are pairs.
    listed: list[Any] = list(field.choices or [])
    return [(c[0], c[1]) if isinstance(c, tuple) else (c.value, c.label) for c in listed]


class AnnualReportForm(FlaskForm):
    """The financial year of an ICB's annual report, from the years it has figures for (and,
    for those who read several ICBs' reports, the ICB): a GET form, like the period."""

    class Meta:
        csrf = False

    icb = SelectField("ICB", widget=GovSelect(), choices=[], validate_choice=False)
    year = SelectField("Financial year", widget=GovSelect(), choices=[], validate_choice=False)

    def __init__(self, formdata, *, years: list[tuple[str, str]], icbs: list[tuple[str, str]]):
        super().__init__(formdata)
        self.year.choices = years
        self.icb.choices = icbs
        if not self.year.data and years:
            self.year.data = years[0][0]
        self.chosen: int | None = None

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if self.year.data not in {value for value, _ in _choices(self.year)}:
            self.year.errors = ["Select a financial year from the list"]
            return False
        self.chosen = int(self.year.data)
        return True
