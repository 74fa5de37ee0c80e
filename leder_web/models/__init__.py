"""SQLAlchemy models, one module per aggregate. Importing this package registers them all."""

from leder_web.models.account_links import Invitation, PasswordReset
from leder_web.models.actions import (
    ActionPlan,
    ActionUpdate,
    AgreedAction,
    AgreedActionCase,
    PlanPriority,
)
from leder_web.models.advisory import Recommendation, RecommendationResponse
from leder_web.models.audit import AuditEvent
from leder_web.models.cases import Case, CaseEvent, Notification
from leder_web.models.escalations import Escalation, EscalationMessage
from leder_web.models.extracts import NationalExtract
from leder_web.models.family import (
    ContactEntry,
    ContactEntryVersion,
    FamilyContactDecision,
    FamilyLogEvent,
    FamilyMember,
    FamilyMemberVersion,
    FamilyStep,
    FindingsShared,
)
from leder_web.models.holds import CaseHold
from leder_web.models.icb_team import IcbTeamDetails
from leder_web.models.library import (
    LibraryAdoption,
    LibraryItem,
    LibraryItemEvent,
    LibraryItemTheme,
)
from leder_web.models.notification_drafts import NotificationDraft
from leder_web.models.organisations import Organisation
from leder_web.models.outbox import OutboxEmail
from leder_web.models.panel import (
    PanelAgendaItem,
    PanelAttendance,
    PanelDecision,
    PanelGroup,
    PanelMeeting,
    PanelMember,
)
from leder_web.models.quality_assurance import (
    QaComment,
    QaCommentReply,
    QaDecision,
    ReviewSubmission,
)
from leder_web.models.reviews import Review, ReviewItem, ReviewSection
from leder_web.models.sessions import UserSession
from leder_web.models.sign_in import RecoveryCode, SignInAttempt
from leder_web.models.support import SupportMessage, SupportRequest
from leder_web.models.users import User

__all__ = [
    "ActionPlan",
    "ActionUpdate",
    "AgreedAction",
    "AgreedActionCase",
    "AuditEvent",
    "Case",
    "CaseEvent",
    "CaseHold",
    "ContactEntry",
    "ContactEntryVersion",
    "Escalation",
    "EscalationMessage",
    "FamilyContactDecision",
    "FamilyLogEvent",
    "FamilyMember",
    "FamilyMemberVersion",
    "FamilyStep",
    "FindingsShared",
    "IcbTeamDetails",
    "Invitation",
    "LibraryAdoption",
    "LibraryItem",
    "LibraryItemEvent",
    "LibraryItemTheme",
    "NationalExtract",
    "Notification",
    "NotificationDraft",
    "Organisation",
    "OutboxEmail",
    "PanelAgendaItem",
    "PanelAttendance",
    "PanelDecision",
    "PanelGroup",
    "PanelMeeting",
    "PanelMember",
    "PasswordReset",
    "PlanPriority",
    "QaComment",
    "QaCommentReply",
    "QaDecision",
    "Recommendation",
    "RecommendationResponse",
    "RecoveryCode",
    "Review",
    "ReviewItem",
    "ReviewSection",
    "ReviewSubmission",
    "SignInAttempt",
    "SupportMessage",
    "SupportRequest",
    "User",
    "UserSession",
]
