"""The national data set: the national team makes an extract for a period, its page shows what
was recorded with it and its completeness (small counts withheld), the academic partner
downloads exactly the file recorded, and every making and download is in the audit log."""

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select, update

from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.extracts import service
from leder_web.models import AuditEvent, NationalExtract, User
from tests.conftest import OTHER_ICB_SAME_REGION, OTHER_REGION_ICB, OWN_ICB
from tests.integration.dashboards.helpers import table
from tests.integration.extracts.helpers import reviewed_case, sha256, shown
from tests.support.case_work import post_form, text_of

pytestmark = pytest.mark.postgresql

PERIOD = {
    "period_start-day": "1",
    "period_start-month": "4",
    "period_start-year": "2026",
    "period_end-day": "30",
    "period_end-month": "9",
    "period_end-year": "2026",
    "agreement_reference": "DSA-2026-014",
}
CODED_CAUSE = {"the_death": {"cause_1a_code": "J69.0", "underlying_line": "1a"}}
GRADED = {"quality_of_care": {"grade": "3"}}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """1 December 2026."""
    monkeypatch.setattr(clock, "today", lambda: date(2026, 12, 1))


def rows_of(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def the_period_reviewed(app) -> None:
    """In the period: 4 reviews signed off in the own ICB (graded), 5 in another ICB of the
    region (one since closed; each with a coded cause), 1 in another region. Outside it: one
    signed off the day before it began, one the day after it ended, one awaiting the panel."""
    with app.app_context():
        for n in range(4):
            reviewed_case(OWN_ICB, date(2026, 5, 1 + n), sections=GRADED)
        for n in range(5):
            state = State.CLOSED if n == 0 else State.SIGNED_OFF
            reviewed_case(
                OTHER_ICB_SAME_REGION, date(2026, 6, 1), state=state, sections=CODED_CAUSE
            )
        reviewed_case(OTHER_REGION_ICB, date(2026, 9, 30))
        reviewed_case(OWN_ICB, date(2026, 3, 31))
        reviewed_case(OWN_ICB, date(2026, 10, 1))
        reviewed_case(OWN_ICB, date(2026, 5, 1), state=State.AWAITING_PANEL)
        db.session.commit()


def test_the_national_team_makes_an_extract_and_the_academic_partner_downloads_it(app, signed_in):
    the_period_reviewed(app)
    national = signed_in(Role.NATIONAL_TEAM)

    # Mistakes are explained in an error summary; nothing is made.
    page = post_form(national, "/extracts/new", {}).get_data(as_text=True)
    assert "<title>Error: " in page
    for message in (
        "Enter the start date",
        "Enter the end date",
        "Enter the data-sharing agreement reference",
    ):
        assert message in page
    backwards = {**PERIOD, "period_end-month": "3"}
    page = post_form(national, "/extracts/new", backwards).get_data(as_text=True)
    assert "The end date must be the same as or after the start date" in page
    future = {**PERIOD, "period_end-day": "2", "period_end-month": "12"}
    page = post_form(national, "/extracts/new", future).get_data(as_text=True)
    assert "The end date must be today or in the past" in page
    with app.app_context():
        assert db.session.scalar(select(NationalExtract.id)) is None

    made = post_form(national, "/extracts/new", PERIOD)
    assert made.status_code == 302
    page = national.get(made.headers["Location"]).get_data(as_text=True)
    assert "Extract" in page and "created with 10 records" in page
    assert shown(page, "Reviews signed off") == "1 April 2026 to 30 September 2026"
    assert shown(page, "Data-sharing agreement") == "DSA-2026-014"
    assert shown(page, "Records") == "10"
    assert shown(page, "Pseudonym key version") == "test-1"
    assert shown(page, "Made").endswith("by Test national team")
    checksum = shown(page, "SHA-256 checksum")

    # Completeness, small counts withheld: 4 and 1 are fewer than 5; 5 is shown.
    by_icb = table(page, "Records by ICB")
    assert by_icb[OWN_ICB] == "fewer than 5"
    assert by_icb[OTHER_ICB_SAME_REGION] == "5"
    assert by_icb[OTHER_REGION_ICB] == "fewer than 5"
    assert by_icb["NHS Cheshire and Merseyside Integrated Care Board"] == "fewer than 5"
    assert len(by_icb) == 42
    assert shown(page, "Records with an ICD-10 coded underlying cause of death") == (
        "50% (5 records)"
    )
    assert shown(page, "Records with a grade of the quality of care") == (
        "not shown: fewer than 5 records have it, or fewer than 5 lack it"
    )
    assert shown(page, "Records with an age at death") == (
        "not shown: fewer than 5 records have it, or fewer than 5 lack it"
    )

    # The academic partner finds it from their home page, and downloads exactly that file.
    academic = signed_in(Role.ACADEMIC_PARTNER)
    home = text_of(academic.get("/home").get_data(as_text=True))
    assert "Latest extracts of the national data set" in home
    assert "1 April 2026 to 30 September 2026" in home
    extract_path = made.headers["Location"]
    assert "SHA-256 checksum" in academic.get(extract_path).get_data(as_text=True)
    download = academic.get(f"{extract_path}/download")
    assert download.status_code == 200
    assert download.mimetype == "text/csv"
    extract_id = extract_path.rsplit("/", 1)[1]
    assert download.headers["Content-Disposition"] == (
        f'attachment; filename="leder-national-data-set-{extract_id}.csv"'
    )
    content = download.get_data()
    assert sha256(content) == checksum
    rows = rows_of(content)
    assert len(rows) == 10
    assert sorted(row["icb"] for row in rows).count(OWN_ICB) == 4
    assert {row["grade"] for row in rows if row["icb"] == OWN_ICB} == {"3"}

    # Making it and downloading it are both recorded as exports.
    with app.app_context():
        recorded = db.session.execute(
            select(AuditEvent.kind, AuditEvent.method, AuditEvent.path, User.role)
            .join(User, User.id == AuditEvent.user_id)
            .where(AuditEvent.endpoint.in_(["extracts.new", "extracts.download"]))
            .where(AuditEvent.kind != "viewed")
            .order_by(AuditEvent.id)
        ).all()
    assert recorded == [
        ("exported", "POST", "/extracts/new", "national_team"),
        ("exported", "GET", f"{extract_path}/download", "academic_partner"),
    ]


def test_the_file_is_kept_as_made_and_a_changed_file_is_not_sent(app, signed_in):
    with app.app_context():
        reviewed_case(OWN_ICB, date(2026, 5, 1), sections=GRADED)
        national = db.session.scalar(select(User).where(User.role == "national_team"))
        extract = service.create_extract(
            service.ExtractRequest(date(2026, 4, 1), date(2026, 9, 30), "DSA-1"), by=national
        )
        # The review changes after the extract was made: the file does not.
        reviewed_case(OWN_ICB, date(2026, 5, 2))
        db.session.commit()
        extract_id, checksum = extract.id, extract.checksum_sha256
    academic = signed_in(Role.ACADEMIC_PARTNER)
    content = academic.get(f"/extracts/{extract_id}/download").get_data()
    assert sha256(content) == checksum
    assert len(rows_of(content)) == 1

    with app.app_context():
        db.session.execute(
            update(NationalExtract)
            .where(NationalExtract.id == extract_id)
            .values(content=content.replace(b"\r\n", b"\n"))
        )
        db.session.commit()
    refused = academic.get(f"/extracts/{extract_id}/download")
    assert refused.status_code == 500
    assert "does not match the checksum recorded" in refused.get_data(as_text=True)


def test_the_pseudonymous_id_is_the_same_in_every_extract_and_changes_with_the_key(app):
    with app.app_context():
        cases = [reviewed_case(OWN_ICB, date(2026, 5, 1 + n)) for n in range(3)]
        national = db.session.scalar(select(User).where(User.role == "national_team"))

        def extract(start, end):
            made = service.create_extract(service.ExtractRequest(start, end, "DSA-1"), by=national)
            return made, {row["person_id"] for row in rows_of(made.content)}

        _, first = extract(date(2026, 5, 1), date(2026, 5, 3))
        _, later = extract(date(2026, 5, 2), date(2026, 5, 31))
        assert len(first) == 3 and len(later) == 2
        assert later < first  # the same people, the same ids
        assert not {case.reference for case in cases} & first

        app.config["PSEUDONYM_KEY"] = "a new key for the next agreement period"
        app.config["PSEUDONYM_KEY_VERSION"] = "test-2"
        try:
            rekeyed, ids = extract(date(2026, 5, 1), date(2026, 5, 3))
        finally:
            app.config["PSEUDONYM_KEY"] = "test-only-pseudonym-key-not-secret"
            app.config["PSEUDONYM_KEY_VERSION"] = "test-1"
        assert len(ids) == 3 and not ids & first
        assert rekeyed.key_version == "test-2"
        assert {row["key_version"] for row in rows_of(rekeyed.content)} == {"test-2"}
        db.session.rollback()


def test_only_the_national_team_makes_extracts(app):
    with app.app_context():
        academic = db.session.scalar(select(User).where(User.role == "academic_partner"))
        with pytest.raises(service.NotAllowedError):
            service.create_extract(
                service.ExtractRequest(date(2026, 4, 1), date(2026, 9, 30), "DSA-1"), by=academic
            )
