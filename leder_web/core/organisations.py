import csv
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.core.roles import OrgKind
from leder_web.models import Organisation

ORGANISATIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "nhs_regions_and_icbs.csv"
NATIONAL_NAME = "NHS England"


@dataclass
class LoadResult:
    added: int
    unchanged: int


def load_organisations(csv_path: Path = ORGANISATIONS_CSV) -> LoadResult:
    """Create NHS England, its regions and ICBs from the CSV. Safe to run again.

    Existing organisations are kept (users and cases point at them), so a merged ICB
    stays until the national team moves its users and cases.
    """
    existing = {org.name: org for org in db.session.scalars(select(Organisation))}
    added = unchanged = 0

    def ensure(name: str, kind: OrgKind, parent: Organisation | None) -> Organisation:
        nonlocal added, unchanged
        org = existing.get(name)
        if org is None:
            org = Organisation(name=name, kind=kind, parent=parent)
            db.session.add(org)
            existing[name] = org
            added += 1
        else:
            org.parent = parent
            unchanged += 1
        return org

    national = ensure(NATIONAL_NAME, OrgKind.NATIONAL, None)
    with csv_path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    regions: dict[str, Organisation] = {}
    for row in rows:
        region_name = row["region"].strip()
        if region_name not in regions:
            regions[region_name] = ensure(region_name, OrgKind.REGION, national)
        ensure(row["icb"].strip(), OrgKind.ICB, regions[region_name])
    db.session.flush()
    return LoadResult(added=added, unchanged=unchanged)


def get_by_name(name: str) -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.name == name))


def get_national() -> Organisation | None:
    return db.session.scalar(select(Organisation).where(Organisation.kind == OrgKind.NATIONAL))


def icbs(region: Organisation | None = None) -> list[Organisation]:
    query = select(Organisation).where(Organisation.kind == OrgKind.ICB)
    if region is not None:
        query = query.where(Organisation.parent_id == region.id)
    return list(db.session.scalars(query.order_by(Organisation.name)))


def regions() -> list[Organisation]:
    query = select(Organisation).where(Organisation.kind == OrgKind.REGION)
    return list(db.session.scalars(query.order_by(Organisation.name)))


def get_by_id(organisation_id: int) -> Organisation | None:
    return db.session.get(Organisation, organisation_id)
