"""The roles of the platform and the kind of organisation each is scoped to: one source for both."""

from dataclasses import dataclass
from enum import StrEnum


class OrgKind(StrEnum):
    NATIONAL = "national"
    REGION = "region"
    ICB = "icb"


class Role(StrEnum):
    NATIONAL_TEAM = "national_team"
    REGIONAL_COORDINATOR = "regional_coordinator"
    LOCAL_AREA_CONTACT = "local_area_contact"
    REVIEWER = "reviewer"
    SENIOR_REVIEWER = "senior_reviewer"
    PANEL_MEMBER = "panel_member"
    ADVISORY_GROUP = "advisory_group"
    ACADEMIC_PARTNER = "academic_partner"


@dataclass(frozen=True)
class RoleInfo:
    label: str
    scope: OrgKind
    home_heading: str


ROLE_INFO: dict[Role, RoleInfo] = {
    Role.NATIONAL_TEAM: RoleInfo("National team", OrgKind.NATIONAL, "National overview"),
    Role.REGIONAL_COORDINATOR: RoleInfo(
        "Regional coordinator", OrgKind.REGION, "Regional overview"
    ),
    Role.LOCAL_AREA_CONTACT: RoleInfo("Local area contact", OrgKind.ICB, "Cases in your area"),
    Role.REVIEWER: RoleInfo("Reviewer", OrgKind.ICB, "Your reviews"),
    Role.SENIOR_REVIEWER: RoleInfo("Senior reviewer", OrgKind.ICB, "Your reviews"),
    Role.PANEL_MEMBER: RoleInfo("Governance panel member", OrgKind.ICB, "Governance panel"),
    Role.ADVISORY_GROUP: RoleInfo(
        "Independent advisory group", OrgKind.NATIONAL, "National learning"
    ),
    Role.ACADEMIC_PARTNER: RoleInfo("Academic partner", OrgKind.NATIONAL, "National data set"),
}

ALL_ROLES = frozenset(Role)
# The people a case is allocated to and who write its review.
REVIEWERS = frozenset({Role.REVIEWER, Role.SENIOR_REVIEWER})
# The ICB staff who work on cases: the local area contact and the reviewers.
CASEWORKERS = REVIEWERS | {Role.LOCAL_AREA_CONTACT}
# Those who work with cases and so may look for one: everyone but the advisory group and the
# academic partner, who see no case on the platform.
CASE_VIEWERS = ALL_ROLES - {Role.ADVISORY_GROUP, Role.ACADEMIC_PARTNER}
# Whom to ask when an account does not open a page it should: the person who looks after
# accounts at the next level up.
WHO_TO_ASK = {
    Role.NATIONAL_TEAM: "another member of the national team",
    Role.REGIONAL_COORDINATOR: "the LeDeR national team",
    Role.LOCAL_AREA_CONTACT: "your regional coordinator",
    Role.REVIEWER: "your local area contact",
    Role.SENIOR_REVIEWER: "your local area contact",
    Role.PANEL_MEMBER: "your local area contact",
    Role.ADVISORY_GROUP: "the LeDeR national team",
    Role.ACADEMIC_PARTNER: "the LeDeR national team",
}
