"""The national data set's de-identification rules, each pinned by hand on one made-up case
(the integration tests make the file from the database and download it)."""

import csv
import io
from datetime import UTC, date, datetime

import pytest

from leder_web.extracts import dataset, pseudonyms
from leder_web.extracts.dataset import CaseFacts

KEY = pseudonyms.PseudonymKey("a key of the national data set", "2026-1")
TRIGGERS = [
    ("ethnicity", "Ethnic minority background"),
    ("family_asked", "The family asked"),
    ("autistic_adult", "Autistic adult without a learning disability"),
]
ICBS = [("Midlands", "NHS Birmingham and Solihull Integrated Care Board")]


def facts(**fields) -> CaseFacts:
    values = {
        "case_id": 42,
        "region": "Midlands",
        "icb": "NHS Birmingham and Solihull Integrated Care Board",
        # 00:30 on 1 July in the UK is still 30 June in UTC: the UK month counts.
        "notified_at": datetime(2026, 6, 30, 23, 30, tzinfo=UTC),
        "not_proceeding_reason": None,
        "date_of_birth": date(1960, 3, 15),
        "date_of_death": date(2026, 3, 14),
        "sex": "female",
        "ethnicity": "white_british",
        "condition": "learning_disability",
        "place_of_death": "hospital",
        "usual_home": "no",
        "covid_related": "no",
        "criminal_justice_or_detention": "no",
    }
    return CaseFacts(**{**values, **fields})


def row(case: CaseFacts) -> dict:
    return dataset.row_values(case, "id", KEY.version, TRIGGERS)


def read(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


# --- The pseudonymous id --------------------------------------------------------------------


def test_the_id_is_hmac_sha256_of_the_case_id_with_the_key():
    # echo -n 42 | openssl dgst -sha256 -hmac "a key of the national data set"
    assert pseudonyms.pseudonym(42, KEY) == (
        "faca39c71d7f688523a246c9e0936b9271250e823f8c9610d3f4a557e88d8ffd"
    )


def test_the_id_is_the_same_every_time_and_changes_with_the_key():
    assert pseudonyms.pseudonym(42, KEY) == pseudonyms.pseudonym(42, KEY)
    other = pseudonyms.PseudonymKey("another key", "2027-1")
    assert pseudonyms.pseudonym(42, other) == (
        "86d628b82aad9cd78c84328e6894f13bab40a54032b371de18e274ba6eb4b6b6"
    )
    assert pseudonyms.pseudonym(43, KEY) != pseudonyms.pseudonym(42, KEY)


def test_there_is_no_id_without_a_key():
    with pytest.raises(ValueError, match="LEDER_PSEUDONYM_KEY"):
        pseudonyms.pseudonym(42, pseudonyms.PseudonymKey("", "1"))


# --- Dates go as month and year; ages and intervals come from the full dates ----------------


def test_the_age_is_worked_out_from_the_full_dates_before_they_are_reduced():
    the_day_before = row(facts())
    assert the_day_before["age_at_death"] == 65  # a day short of 66
    assert row(facts(date_of_death=date(2026, 3, 15)))["age_at_death"] == 66
    assert (the_day_before["death_year"], the_day_before["death_month"]) == (2026, 3)


def test_the_notification_month_is_its_uk_month():
    values = row(facts())
    assert (values["notification_year"], values["notification_month"]) == (2026, 7)


def test_no_column_holds_a_full_date():
    values = row(facts())
    assert not any(isinstance(value, date) for value in values.values())
    assert "date_of_birth" not in dataset.HEADER and "date_of_death" not in dataset.HEADER


def test_the_date_of_birth_the_review_checked_wins_over_the_notifications():
    checked = facts(
        sections={"about-person": {"date_of_birth": {"day": "1", "month": "1", "year": "1970"}}}
    )
    assert row(checked)["age_at_death"] == 56


def test_intervals_are_days_between_uk_dates():
    case = facts(
        notified_at=datetime(2026, 3, 20, 9, tzinfo=UTC),
        first_reached={
            "initial_review": datetime(2026, 3, 30, 9, tzinfo=UTC),
            "signed_off": datetime(2026, 9, 1, 12, tzinfo=UTC),
        },
        holds=[
            ("coroner", datetime(2026, 4, 1, 9, tzinfo=UTC), datetime(2026, 4, 11, 9, tzinfo=UTC)),
            (
                "family_time",
                datetime(2026, 5, 1, 9, tzinfo=UTC),
                datetime(2026, 5, 3, 9, tzinfo=UTC),
            ),
        ],
    )
    values = row(case)
    assert values["days_death_to_notification"] == 6
    assert values["days_notification_to_allocation"] == 10
    assert values["days_notification_to_sign_off"] == 165
    assert values["days_notification_to_closure"] == ""
    assert (values["hold_days"], values["hold_count"]) == (12, 2)
    assert values["hold_reasons"] == "coroner;family_time"


# --- Only codes and numbers ------------------------------------------------------------------


def test_text_in_a_coded_answer_is_left_out():
    case = facts(
        sex="Jane Example",
        sections={
            "about-person": {
                "ethnicity": "She told us she was Cornish",
                "living_situation": "flat 3",
            },
            "the-death": {
                "cause_1a_code": "aspiration pneumonia at City Hospital",
                "underlying_line": "1a",
                "inquest_conclusion": "narrative: the care home failed her",
            },
            "quality-of-care": {"grade": "4 because of the GP"},
        },
        learning=[("concern", ["constipation", "the GP at Test Street"])],
        investigations=["police", "Mr Smith's complaint"],
    )
    values = row(case)
    assert values["sex"] == ""  # not a code: neither the review's nor the notification's
    assert values["ethnicity"] == "white_british"  # the notification's, as the review's is text
    assert values["living_situation"] == ""
    assert values["cause_1a_icd10"] == ""
    assert values["underlying_cause_icd10"] == ""
    assert values["inquest_conclusion"] == ""
    assert values["grade"] == ""
    assert values["theme_constipation_concern"] == 1
    assert values["other_investigation_types"] == "police"


def test_icd10_codes_are_kept_as_codes():
    case = facts(
        sections={
            "the-death": {
                "cause_source": "certificate",
                "cause_1a": "Aspiration pneumonia",
                "cause_1a_code": "J69.0",
                "cause_1b": "Dysphagia",
                "cause_1b_code": "R13",
                "underlying_line": "1b",
            }
        }
    )
    values = row(case)
    assert (values["cause_1a_icd10"], values["cause_1b_icd10"]) == ("J69.0", "R13")
    assert (values["underlying_cause_line"], values["underlying_cause_icd10"]) == ("1b", "R13")
    assert values["cause_of_death_source"] == "certificate"
    assert "Aspiration" not in str(values)


def test_the_focused_review_reason_gives_trigger_codes_never_its_words():
    case = facts(
        focused_decision="yes",
        focused_reason_code="automatic",
        focused_reason_words="Automatic under the LeDeR policy: Ethnic minority background; "
        "The family asked. Mrs Jones rang on Tuesday.",
        first_reached={"focused_review": datetime(2026, 4, 1, tzinfo=UTC)},
    )
    values = row(case)
    assert values["review_type"] == "focused"
    assert values["focused_review_reason"] == "automatic"
    assert values["focused_review_triggers"] == "ethnicity;family_asked"
    assert "Jones" not in str(values)


def test_the_grade_is_the_panels_when_it_gave_another():
    reviewed = {"quality-of-care": {"grade": "3", "overall_concerns": "yes"}}
    agreed = row(facts(sections=reviewed, panel_grade=(True, None)))
    changed = row(facts(sections=reviewed, panel_grade=(False, "5")))
    assert (agreed["grade_reviewer"], agreed["grade_agreed_by_panel"], agreed["grade"]) == (
        "3",
        "yes",
        "3",
    )
    assert (changed["grade_agreed_by_panel"], changed["grade"]) == ("no", "5")


def test_family_steps_say_done_or_why_not():
    case = facts(family_steps={"told": (True, None), "invited": (False, "declined")})
    values = row(case)
    assert [values[f"family_{step}"] for step in ("told", "invited", "draft", "final")] == [
        "done",
        "declined",
        "",
        "",
    ]


def test_a_child_death_review_is_flagged():
    assert row(facts())["child_death_review"] == "no"
    assert row(facts(investigations=["child_death_review"]))["child_death_review"] == "yes"
    held = [("child_death_review", datetime(2026, 4, 1, tzinfo=UTC), None)]
    assert row(facts(holds=held))["child_death_review"] == "yes"


# --- The file ----------------------------------------------------------------------------------


def _build(cases):
    return dataset.build(
        cases, lambda case_id: pseudonyms.pseudonym(case_id, KEY), KEY.version, ICBS, TRIGGERS
    )


def test_the_file_has_the_header_and_one_row_a_case_in_the_order_of_their_ids():
    built = _build([facts(case_id=1), facts(case_id=2), facts(case_id=3)])
    rows = read(built.content)
    assert built.record_count == 3
    assert list(rows[0]) == dataset.HEADER
    ids = [r["person_id"] for r in rows]
    assert ids == sorted(ids)
    assert {r["key_version"] for r in rows} == {"2026-1"}
    assert "42" not in ids


def test_every_cell_is_spreadsheet_safe_and_numbers_stay_numbers():
    built = _build([facts(icb="=HYPERLINK(1)", date_of_death=date(2026, 7, 2))])
    [values] = read(built.content)
    assert values["icb"] == "'=HYPERLINK(1)"
    assert values["days_death_to_notification"] == "-1"  # notified the day before (data error)


def test_the_same_cases_make_the_same_bytes():
    cases = [facts(case_id=n) for n in (5, 1, 3)]
    assert _build(cases).content == _build(list(reversed(cases))).content


def test_completeness_counts_every_icb_and_what_is_recorded():
    coded = {"the-death": {"cause_1a_code": "J69.0", "underlying_line": "1a"}}
    built = _build(
        [
            facts(case_id=1, sections=coded),
            facts(case_id=2, sections={"quality-of-care": {"grade": "2"}}),
        ]
    )
    assert built.completeness == {
        "per_icb": [["Midlands", "NHS Birmingham and Solihull Integrated Care Board", 2]],
        "with_coded_cause": 1,
        "with_age": 2,
        "with_grade": 1,
    }
