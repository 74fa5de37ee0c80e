"""Finding the ICB from a place a relative can name: pinned for a handful of places, each
checked by hand against ONS's local authority to ICB lookup."""

import csv
from pathlib import Path

import pytest

from leder_web.notify import places

WEST_YORKSHIRE = "NHS West Yorkshire Integrated Care Board"
HUMBER = "NHS Humber and North Yorkshire Integrated Care Board"
CORNWALL = "NHS Cornwall and the Isles of Scilly Integrated Care Board"
BIRMINGHAM = "NHS Birmingham and Solihull Integrated Care Board"
KENT = "NHS Kent and Medway Integrated Care Board"
FRIMLEY = "NHS Frimley Integrated Care Board"
SURREY = "NHS Surrey Heartlands Integrated Care Board"
NORTH_EAST = "NHS North East and North Cumbria Integrated Care Board"
STAFFORDSHIRE = "NHS Staffordshire and Stoke-on-Trent Integrated Care Board"
NORTH_CENTRAL_LONDON = "NHS North Central London Integrated Care Board"


@pytest.mark.parametrize(
    ("typed", "icbs"),
    [
        ("Leeds", [WEST_YORKSHIRE]),
        ("leeds", [WEST_YORKSHIRE]),
        ("Leeds City Council", [WEST_YORKSHIRE]),
        ("Kingston upon Hull", [HUMBER]),
        ("Hull", [HUMBER]),
        ("Cornwall", [CORNWALL]),
        ("Solihull", [BIRMINGHAM]),
        ("London Borough of Camden", [NORTH_CENTRAL_LONDON]),
        ("Kent", [KENT]),  # a county council area
        ("Rushmoor", [FRIMLEY]),
        ("Waverley", [FRIMLEY, SURREY]),  # a district two ICBs cover
        ("Surrey", [SURREY, FRIMLEY]),
        ("Newcastle", [NORTH_EAST, STAFFORDSHIRE]),  # two places of one name
        # Postcode areas, districts and whole postcodes
        ("TR", [CORNWALL]),
        ("tr18", [CORNWALL]),
        (
            "B13 8JP",
            [
                BIRMINGHAM,
                "NHS Black Country Integrated Care Board",
                "NHS Herefordshire and Worcestershire Integrated Care Board",
                "NHS Coventry and Warwickshire Integrated Care Board",
                STAFFORDSHIRE,
            ],
        ),
        ("LS6 2AB", [WEST_YORKSHIRE, HUMBER]),
        ("ME7", [KENT]),
    ],
)
def test_a_place_finds_its_icbs(typed, icbs):
    assert places.icbs_for(typed) == icbs


@pytest.mark.parametrize("typed", ["", "   ", "Atlantis", "Cardiff", "ZZ1 1ZZ", "12 Example Road"])
def test_an_unknown_place_finds_nothing(typed):
    assert places.icbs_for(typed) == []


def test_an_address_and_postcode_agree_on_one_icb():
    assert places.icbs_from_address("4 Example Street\nHeadingley\nLeeds", "LS6 2AB") == [
        WEST_YORKSHIRE
    ]


def test_an_address_nothing_is_known_about_suggests_nothing():
    assert places.icbs_from_address("12 Example Road\nKentish Town", None) == []


def test_parts_that_disagree_offer_every_icb_they_name():
    assert places.icbs_from_address("Leeds", "TR18 4AA") == [CORNWALL, WEST_YORKSHIRE]


def test_every_icb_named_is_one_of_the_42():
    reference = Path(places.PLACES_CSV).with_name("nhs_regions_and_icbs.csv")
    with reference.open(newline="", encoding="utf-8") as handle:
        icbs = {row["icb"] for row in csv.DictReader(handle)}
    named = {icb for place in places.every_place() for icb in place.icbs}
    assert named <= icbs
    assert len(named) == 42  # every ICB can be found


def test_the_list_has_every_local_authority_district_in_england():
    districts = [p for p in places.every_place() if p.kind == "local authority district"]
    assert len(districts) == 296  # ONS, April 2023
