import logging
from datetime import datetime, timedelta
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user

from leder_web.accounts import cis2, links, locks, mfa, presenters, signing_in
from leder_web.accounts import service as users
from leder_web.accounts.forms import (
    ChangePasswordForm,
    ChoosePasswordForm,
    CodeForm,
    ConfirmPasswordForm,
    ContinueToCis2Form,
    ForgottenPasswordForm,
    NewPasswordForm,
    NewRecoveryCodesForm,
    RecoveryCodeForm,
    SignInForm,
    SignOutSessionForm,
    TeamDetailsForm,
    UnlockForm,
)
from leder_web.accounts.signing_in import Outcome
from leder_web.core import access, audit, clock, sessions, step_up
from leder_web.core.domain import RuleError
from leder_web.core.roles import ROLE_INFO, Role
from leder_web.core.security import public_url

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)

SIGN_IN_FAILED = "Enter a correct email address and password"
# The same words whether or not the account exists (accounts.signing_in).
LOCKED = (
    "Your account is locked after too many attempts to sign in. "
    "Contact your ICB’s local area contact to unlock it"
)
TOO_MANY = "You have tried to sign in too many times. Wait 15 minutes, then try again"
CODE_WRONG = "Enter the code your authenticator app shows now"
CODE_USED = "That code has already been used. Wait for your app to show a new code, then enter it"
RECOVERY_WRONG = "Enter one of your recovery codes that has not been used"
# Where the sign-in waits between the password and the code: in the signed cookie, as nobody
# is signed in yet (the server-side session starts once the code is accepted).
PENDING = "sign_in_pending"


def safe_next_url(candidate: str | None) -> str | None:
    """Only a path on this site: never another host, never a protocol-relative URL."""
    if not candidate:
        return None
    parts = urlsplit(candidate)
    if parts.scheme or parts.netloc or not candidate.startswith("/") or "\\" in candidate:
        return None
    if candidate.startswith("//"):
        return None
    return candidate


def _address() -> str | None:
    # The connecting address, or the one TRUSTED_PROXY_HOPS back (ProxyFix sets it).
    return request.remote_addr


@bp.route("/sign-in", methods=["GET", "POST"])
@access.rule(access.PUBLIC)
def sign_in():
    next_url = safe_next_url(request.values.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("home.index"))
    form = SignInForm()
    status = 200
    if form.validate_on_submit():
        result = signing_in.check_password(
            form.email.data or "", form.password.data or "", address=_address()
        )
        if result.outcome is Outcome.OK and result.user is not None:
            return _after_password(result.user, next_url)
        if result.outcome is Outcome.WAIT:
            status = 429
        audit.record(audit.SIGN_IN_FAILED, status=status)
        message = {Outcome.WAIT: TOO_MANY, Outcome.LOCKED: LOCKED}.get(
            result.outcome, SIGN_IN_FAILED
        )
        form.email.errors = [*form.email.errors, message]
        form.password.data = ""
    return render_template(
        "auth/sign_in.html", form=form, next_url=next_url, cis2_enabled=cis2.enabled()
    ), status


def _after_password(user, next_url: str | None):
    session.clear()
    if not signing_in.mfa_needed(user):
        signing_in.signed_in(user)
        return _signed_in(user, next_url, mfa_met=False)
    setting_up = user.mfa_secret is None
    if setting_up:
        signing_in.begin_enrolment(user)
    session[PENDING] = {
        "login_id": user.login_id,
        "since": clock.now().isoformat(),
        "next": next_url,
        "set_up": setting_up,
    }
    return redirect(
        url_for("auth.set_up_authenticator" if setting_up else "auth.authenticator_code")
    )


def _start_signed_in(
    user, *, signed_in_with: str = sessions.SIGNED_IN_WITH_PASSWORD, mfa_met: bool
) -> None:
    """A new server-side session for this browser: nothing of the visitor's session stays. It
    records how the person signed in, and whether MFA was met (sessions.record_sign_in); the
    sign-in was checked just now: the first check of the session (core.step_up)."""
    session.clear()
    session.permanent = True
    login_user(user)
    sessions.record_sign_in(session, signed_in_with, mfa_met=mfa_met)
    step_up.mark_checked()


def _signed_in(
    user,
    next_url: str | None,
    *,
    signed_in_with: str = sessions.SIGNED_IN_WITH_PASSWORD,
    mfa_met: bool,
):
    """How every way of signing in finishes: the session, its audit record, and on to the page
    the person asked for."""
    _start_signed_in(user, signed_in_with=signed_in_with, mfa_met=mfa_met)
    audit.record(audit.SIGNED_IN, user=user, status=302)
    return redirect(next_url or url_for("home.index"))


class Pending(NamedTuple):
    user: Any  # a User (routes never import the models)
    next_url: str | None
    set_up: bool


def _pending() -> Pending | None:
    """The sign-in waiting for its code: its user, while the password was given in the last
    MFA_PENDING_MINUTES and the user's login has not changed since."""
    waiting = session.get(PENDING)
    if not isinstance(waiting, dict):
        return None
    try:
        since = datetime.fromisoformat(str(waiting.get("since")))
    except ValueError:
        return None
    limit = timedelta(minutes=current_app.config["MFA_PENDING_MINUTES"])
    if not timedelta(0) <= clock.now() - since <= limit:
        return None
    user = users.get_by_login_id(str(waiting.get("login_id")))
    if user is None or not user.active:
        return None
    return Pending(user, safe_next_url(waiting.get("next")), bool(waiting.get("set_up")))


def _code_refused(form, outcome: Outcome, wrong: str = CODE_WRONG, *, user=None) -> int:
    """The message for a refused code, beside the field; the status to answer with."""
    audit.record(audit.SIGN_IN_FAILED, user=user, status=429 if outcome is Outcome.WAIT else 200)
    if outcome is Outcome.LOCKED:
        session.pop(PENDING, None)
    message = {
        Outcome.WAIT: TOO_MANY,
        Outcome.LOCKED: LOCKED,
        Outcome.USED: CODE_USED,
    }.get(outcome, wrong)
    form.code.errors = [*form.code.errors, message]
    form.code.data = ""
    return 429 if outcome is Outcome.WAIT else 200


def _sign_in_again():
    """No password was given here in the last few minutes: say so, and link to sign in."""
    return render_template("auth/sign_in_again.html")


@bp.route("/sign-in/authenticator-code", methods=["GET", "POST"])
@access.rule(access.PUBLIC)
def authenticator_code():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    pending = _pending()
    if pending is None or pending.set_up:
        return _sign_in_again()
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        result = signing_in.check_code(pending.user, form.code.data or "", address=_address())
        if result.outcome is Outcome.OK:
            signing_in.signed_in(pending.user)
            return _signed_in(pending.user, pending.next_url, mfa_met=True)
        status = _code_refused(form, result.outcome, user=pending.user)
    return render_template("auth/authenticator_code.html", form=form), status


@bp.route("/sign-in/recovery-code", methods=["GET", "POST"])
@access.rule(access.PUBLIC)
def recovery_code():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    pending = _pending()
    if pending is None or pending.set_up:
        return _sign_in_again()
    form = RecoveryCodeForm()
    status = 200
    if form.validate_on_submit():
        result = signing_in.use_recovery_code(
            pending.user, form.code.data or "", address=_address()
        )
        if result.outcome is Outcome.OK:
            signing_in.signed_in(pending.user)
            response = _signed_in(pending.user, pending.next_url, mfa_met=True)
            left = result.codes_left or 0
            flash(
                f"You have {left} recovery {'code' if left == 1 else 'codes'} left. "
                "Get new ones from your account page if you have lost your authenticator app.",
                "success",
            )
            return response
        status = _code_refused(form, result.outcome, RECOVERY_WRONG, user=pending.user)
    return render_template("auth/recovery_code.html", form=form), status


@bp.route("/sign-in/set-up-authenticator", methods=["GET", "POST"])
@access.rule(access.PUBLIC)
def set_up_authenticator():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    pending = _pending()
    if pending is None or not pending.set_up:
        return _sign_in_again()
    user = pending.user
    secret = signing_in.key_being_set_up(user)
    if secret is None:
        return _sign_in_again()
    form = CodeForm()
    status = 200
    if form.validate_on_submit():
        result = signing_in.complete_enrolment(user, form.code.data or "", address=_address())
        if result.outcome is Outcome.OK:
            signing_in.signed_in(user)
            _start_signed_in(user, mfa_met=True)
            audit.record(audit.SIGNED_IN, user=user)
            # Shown once, in answer to this POST: never stored, never at a URL of their own.
            return render_template(
                "auth/recovery_codes.html",
                codes=result.recovery_codes,
                next_url=pending.next_url or url_for("home.index"),
                just_set_up=True,
            )
        status = _code_refused(form, result.outcome, user=pending.user)
    return render_template(
        "auth/set_up_authenticator.html",
        form=form,
        qr_code=mfa.qr_code_svg(secret, user.email),
        key=mfa.grouped(secret),
    ), status


# --- Signing in with NHS Care Identity Service 2 (accounts.cis2) ---------------------------------

# Where to go once signed in, kept in this browser's session while the person is at CIS2.
CIS2_NEXT = "cis2_next"


@bp.get("/sign-in/cis2")
@access.rule(access.PUBLIC)
def cis2_start():
    """To CIS2, to sign in with a smartcard or authenticator; it sends the person back to
    cis2_callback."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    if not cis2.enabled():
        abort(404)
    session.pop(PENDING, None)  # a password given here earlier is not half of this sign-in
    session[CIS2_NEXT] = safe_next_url(request.args.get("next"))
    try:
        return cis2.start(url_for("auth.cis2_callback", _external=True))
    except cis2.SignInFailed as why:
        log.warning("Signing in with CIS2 could not start: %s", why)
        return render_template("auth/cis2_unavailable.html"), 503


@bp.get("/sign-in/cis2/callback")
@access.rule(access.PUBLIC)
def cis2_callback():
    """CIS2 sends the person back here with a code (OpenID Connect's authorization code, in
    the query string: a GET). Once the ID token has passed every check (accounts.cis2) and its
    identity is a user's, they are signed in as the password and code would sign them in.
    Someone already signed in comes back here after confirming it is them at CIS2."""
    if current_user.is_authenticated:
        asked = session.pop(CIS2_STEP_UP) if CIS2_STEP_UP in session else None
        if isinstance(asked, dict) and cis2.enabled():
            return _finish_confirming_with_cis2(asked)
        return redirect(url_for("home.index"))
    if not cis2.enabled():
        abort(404)
    next_url = safe_next_url(session.pop(CIS2_NEXT, None))
    try:
        identity = cis2.finish()
    except cis2.ProviderUnavailable as why:
        # Nobody was refused: CIS2 could not be asked.
        log.warning("Signing in with CIS2 failed: %s", why)
        return render_template("auth/cis2_unavailable.html"), 503
    except cis2.SignInFailed as why:
        log.warning("Signing in with CIS2 failed: %s", why)
        audit.record(audit.SIGN_IN_FAILED, status=400)
        return render_template("auth/cis2_failed.html"), 400
    result = signing_in.check_cis2_identity(
        identity.subject, identity.email, email_verified=identity.email_verified
    )
    if result.outcome is Outcome.OK and result.user is not None:
        signing_in.signed_in(result.user)
        return _signed_in(
            result.user, next_url, signed_in_with=sessions.SIGNED_IN_WITH_CIS2, mfa_met=True
        )
    audit.record(audit.SIGN_IN_FAILED, status=403)
    if result.outcome is Outcome.LOCKED:
        return render_template("auth/cis2_locked.html", locked=LOCKED), 403
    return render_template("auth/cis2_not_linked.html"), 403


@bp.post("/sign-out")
@access.rule(access.SIGNED_IN)
def sign_out():
    logout_user()
    session.clear()
    return _signed_out()


@bp.post("/sign-out/everywhere")
@access.rule(access.SIGNED_IN)
def sign_out_everywhere():
    users.sign_out_everywhere(current_user)
    logout_user()
    session.clear()
    return _signed_out()


def _signed_out():
    response = redirect(url_for("auth.signed_out"))
    # Nothing of the session stays in this browser: drafts kept by autosave included.
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.get("/signed-out")
@access.rule(access.PUBLIC)
def signed_out():
    return render_template("auth/signed_out.html")


# --- The signed-in user's own account ------------------------------------------------------------


def _signed_in_with_cis2() -> bool:
    """This session was signed in through CIS2 (its password and app played no part)."""
    return sessions.sign_in_record(session).signed_in_with == sessions.SIGNED_IN_WITH_CIS2


@bp.get("/account")
@access.rule(access.SIGNED_IN)
def account():
    user = current_user
    return render_template(
        "auth/account.html",
        user=user,
        with_cis2=_signed_in_with_cis2(),
        mfa_required=current_app.config["MFA_REQUIRED"],
        codes_left=signing_in.recovery_codes_left(user.id) if user.mfa_secret else None,
    )


@bp.route("/account/password", methods=["GET", "POST"])
@access.rule(access.SIGNED_IN)
def change_password():
    user = current_user._get_current_object()
    form = ChangePasswordForm(email=user.email)
    status = 200
    if form.validate_on_submit():
        outcome = signing_in.check_own_password(
            user, form.current_password.data or "", address=_address()
        )
        if outcome is Outcome.OK:
            try:
                users.change_password(user, form.new_password.data or "")
            except RuleError as error:
                form.new_password.errors = [*form.new_password.errors, str(error)]
            else:
                # Every session of the user has ended; this browser starts a new one, signed
                # in as this one was.
                signed_in_as = sessions.sign_in_record(session)
                sessions.begin_again(session)
                _start_signed_in(user, mfa_met=False)
                sessions.keep_sign_in_record(session, signed_in_as)
                flash("Your password has been changed", "success")
                return redirect(url_for("auth.account"))
        else:
            status = 429 if outcome is Outcome.WAIT else 200
            message = TOO_MANY if outcome is Outcome.WAIT else "Your current password is not right"
            form.current_password.errors = [*form.current_password.errors, message]
        form.current_password.data = ""
    return render_template("auth/change_password.html", form=form), status


@bp.route("/account/recovery-codes", methods=["GET", "POST"])
@access.rule(access.SIGNED_IN)
def new_recovery_codes():
    user = current_user._get_current_object()
    form = NewRecoveryCodesForm()
    status = 200
    if user.mfa_secret is not None and form.validate_on_submit():
        result = signing_in.new_recovery_codes(user, form.code.data or "", address=_address())
        if result.outcome is Outcome.OK:
            return render_template(
                "auth/recovery_codes.html",
                codes=result.recovery_codes,
                next_url=url_for("auth.account"),
                just_set_up=False,
            )
        status = _code_refused(form, result.outcome)
    return render_template(
        "auth/new_recovery_codes.html", form=form, set_up=user.mfa_secret is not None
    ), status


# Setting up an authenticator app (again) from the account page: the password first, then the
# key, for ENROL_MINUTES; a session left open is not enough to change how its owner signs in.
ENROL_CONFIRMED = "mfa_enrol_confirmed_at"


def _enrolment_confirmed() -> bool:
    try:
        confirmed = datetime.fromisoformat(str(session.get(ENROL_CONFIRMED)))
    except ValueError:
        return False
    limit = timedelta(minutes=current_app.config["MFA_PENDING_MINUTES"])
    return timedelta(0) <= clock.now() - confirmed <= limit


@bp.route("/account/authenticator", methods=["GET", "POST"])
@access.rule(access.SIGNED_IN)
def account_authenticator():
    user = current_user._get_current_object()
    secret = signing_in.key_being_set_up(user)
    if secret is not None and _enrolment_confirmed():
        return _enrol_from_account(user, secret)
    form = ConfirmPasswordForm()
    status = 200
    if form.validate_on_submit():
        outcome = signing_in.check_own_password(user, form.password.data or "", address=_address())
        if outcome is Outcome.OK:
            signing_in.begin_enrolment(user)
            session[ENROL_CONFIRMED] = clock.now().isoformat()
            return redirect(url_for("auth.account_authenticator"))
        status = 429 if outcome is Outcome.WAIT else 200
        message = TOO_MANY if outcome is Outcome.WAIT else "Your password is not right"
        form.password.errors = [*form.password.errors, message]
    return render_template(
        "auth/account_authenticator.html", form=form, replacing=user.mfa_secret is not None
    ), status


def _enrol_from_account(user, secret: str):
    form = CodeForm()
    status = 200
    if request.method == "POST" and form.validate_on_submit():
        result = signing_in.complete_enrolment(user, form.code.data or "", address=_address())
        if result.outcome is Outcome.OK:
            session.pop(ENROL_CONFIRMED, None)
            return render_template(
                "auth/recovery_codes.html",
                codes=result.recovery_codes,
                next_url=url_for("auth.account"),
                just_set_up=True,
            )
        status = _code_refused(form, result.outcome)
    return render_template(
        "auth/account_authenticator_key.html",
        form=form,
        qr_code=mfa.qr_code_svg(secret, user.email),
        key=mfa.grouped(secret),
    ), status


# --- Locked accounts: a LAC unlocks their ICB's, the national team anyone's ---------------------

UNLOCKERS = access.roles(Role.LOCAL_AREA_CONTACT, Role.NATIONAL_TEAM)


@bp.get("/locked-accounts")
@access.rule(UNLOCKERS)
def locked_accounts():
    return render_template(
        "auth/locked_accounts.html",
        accounts=locks.locked_accounts(current_user),
        form=UnlockForm(),
        national=current_user.role_enum is Role.NATIONAL_TEAM,
    )


@bp.post("/locked-accounts/<int:user_id>/unlock")
@access.rule(UNLOCKERS)
def unlock(user_id: int):
    UnlockForm()  # the CSRF token is checked for every POST
    name, unlocked = locks.unlock(current_user, user_id)
    if unlocked:
        flash(f"{name}’s account is unlocked. They have been sent an email to say so.", "success")
    else:
        flash(f"{name}’s account was already unlocked", "success")
    return redirect(url_for("auth.locked_accounts"))


# --- The ICB LeDeR team's contact details, which families' letters give ---------------------------

CONFLICT_ANCHOR = "saved-details"


@bp.route("/your-icb-team", methods=["GET", "POST"])
@access.rule(access.roles(Role.LOCAL_AREA_CONTACT))
def icb_team():
    """The LAC keeps their own ICB's details: the ICB is the one they belong to, never one
    named in the request."""
    icb_id = current_user.organisation_id
    saved = users.team_details(icb_id)
    form = TeamDetailsForm()
    if request.method == "GET":
        if saved is not None:
            form.team_name.data = saved.team_name
            form.phone.data = saved.phone
            form.email.data = saved.email
            form.postal_address.data = saved.postal_address
        form.version.data = str(saved.version if saved else 0)
    conflict = None
    if form.validate_on_submit():
        try:
            users.save_team_details(
                icb_id,
                team_name=form.team_name.data,
                phone=form.phone.data or "",
                email=form.email.data or "",
                postal_address=form.postal_address.data or "",
                expected_version=form.expected_version or 0,
                by=current_user,
            )
        except users.TeamDetailsChanged as changed:
            # The page shows what was saved beside what this person typed; saving again
            # replaces the saved details knowingly.
            conflict = saved = changed.current
            form.version.data = str(changed.current.version)
            form.form_errors.append(str(changed))
            form.form_error_anchor = CONFLICT_ANCHOR
        except RuleError as error:
            form.form_errors.append(str(error))
        else:
            flash("Contact details saved", "success")
            return redirect(url_for("auth.icb_team"))
    return render_template(
        "accounts/icb_team.html",
        form=form,
        saved=saved,
        conflict=conflict,
        conflict_anchor=CONFLICT_ANCHOR,
    )


@bp.post("/session/keep-alive")
@access.rule(access.SIGNED_IN)
def keep_alive():
    """ "Stay signed in" on the timeout warning: the session is seen now; how long it has left."""
    session.keep_alive = True  # type: ignore[attr-defined]
    return {"seconds_left": sessions.seconds_left(current_app, session)}


# --- Confirming it is you again, before the riskiest things (core.step_up) ----------------------


@bp.route("/confirm-it-is-you", methods=["GET", "POST"])
@access.rule(access.SIGNED_IN)
def confirm_identity():
    """The password again, or a code from the app for those who have one; then back to the
    page the user was on (a path on this site only). Someone signed in with CIS2 has neither
    here: they are sent to CIS2 to sign in afresh (its answer comes to cis2_callback)."""
    user = current_user._get_current_object()
    next_url = safe_next_url(request.args.get("next")) or url_for("home.index")
    if _signed_in_with_cis2() and cis2.enabled():
        return _confirm_with_cis2(next_url)
    with_code = user.mfa_secret is not None
    form = CodeForm() if with_code else ConfirmPasswordForm()
    status = 200
    if form.validate_on_submit():
        if with_code:
            typed = form.code.data or ""
            outcome = signing_in.check_code(user, typed, address=_address(), lock=False).outcome
        else:
            typed = form.password.data or ""
            outcome = signing_in.check_own_password(user, typed, address=_address())
        if outcome is Outcome.OK:
            step_up.mark_checked()
            return redirect(next_url)
        status = 429 if outcome is Outcome.WAIT else 200
        wrong = CODE_WRONG if with_code else "Your password is not right"
        message = {Outcome.WAIT: TOO_MANY, Outcome.USED: CODE_USED}.get(outcome, wrong)
        field = form.code if with_code else form.password
        field.errors = [*field.errors, message]
        field.data = ""
    return render_template(
        "auth/confirm_identity.html",
        form=form,
        with_code=with_code,
        with_cis2=False,
        next_url=next_url,
        kept=step_up.has_kept_form(urlsplit(next_url).path),
    ), status


# While the person is at CIS2 confirming it is them: the page to go back to, and when they were
# sent (CIS2 must have authenticated them since).
CIS2_STEP_UP = "cis2_step_up"


def _confirm_with_cis2(next_url: str):
    """A button (a POST: the session is written) that sends the person to CIS2 to sign in
    again, as it is where they signed in."""
    form = ContinueToCis2Form()
    if form.validate_on_submit():
        session[CIS2_STEP_UP] = {"next": next_url, "since": clock.now().isoformat()}
        try:
            return cis2.start(url_for("auth.cis2_callback", _external=True), again=True)
        except cis2.SignInFailed as why:
            session.pop(CIS2_STEP_UP, None)
            log.warning("Confirming it is them with CIS2 could not start: %s", why)
            return render_template("auth/cis2_unavailable.html"), 503
    return render_template(
        "auth/confirm_identity.html",
        form=form,
        with_code=False,
        with_cis2=True,
        next_url=next_url,
        kept=step_up.has_kept_form(urlsplit(next_url).path),
    )


def _finish_confirming_with_cis2(asked: dict):
    """CIS2's answer to _confirm_with_cis2: the same person as is signed in here, authenticated
    since they were sent. Then back to the page they were on."""
    next_url = safe_next_url(asked.get("next")) or url_for("home.index")
    try:
        since = clock.as_utc(datetime.fromisoformat(str(asked.get("since"))))
    except ValueError:
        since = clock.now()
    try:
        identity = cis2.finish(authenticated_since=since)
    except cis2.ProviderUnavailable as why:
        log.warning("Confirming it is them with CIS2 failed: %s", why)
        return render_template("auth/cis2_unavailable.html"), 503
    except cis2.SignInFailed as why:
        log.warning("Confirming it is them with CIS2 failed: %s", why)
        audit.record(audit.SIGN_IN_FAILED, status=400)
        return render_template("auth/cis2_not_confirmed.html", next_url=next_url), 400
    if identity.subject != current_user.oidc_subject:
        log.warning("Confirming it is them with CIS2 failed: another person signed in at CIS2")
        audit.record(audit.SIGN_IN_FAILED, status=403)
        return render_template(
            "auth/cis2_not_confirmed.html", next_url=next_url, someone_else=True
        ), 403
    step_up.mark_checked()
    return redirect(next_url)


# --- Forgotten passwords: a one-time link by email ----------------------------------------------

ASKED_TOO_OFTEN = (
    "You have asked for too many links lately. Wait an hour, then try again, or ask your ICB’s "
    "local area contact"
)


@bp.route("/forgotten-password", methods=["GET", "POST"])
@access.rule(access.PUBLIC)
def forgotten_password():
    """The answer is the same whether or not the address has an account (accounts.links)."""
    form = ForgottenPasswordForm()
    status = 200
    if form.validate_on_submit():
        sent = links.ask_for_reset(
            form.email.data or "",
            address=_address(),
            link=lambda token: public_url("auth.reset_password", token=token),
        )
        if sent:
            return redirect(url_for("auth.reset_link_sent"))
        status = 429
        form.email.errors = [*form.email.errors, ASKED_TOO_OFTEN]
    return render_template("auth/forgotten_password.html", form=form), status


@bp.get("/forgotten-password/check-your-email")
@access.rule(access.PUBLIC)
def reset_link_sent():
    return render_template("auth/reset_link_sent.html")


def _link_refused(kind: str):
    """An unknown, used or expired link: a plain page. Counted against the address when it
    was sent (a GET never writes)."""
    if request.method == "POST":
        links.link_failed(_address())
    return render_template("auth/link_not_valid.html", kind=kind)


def _too_many_links():
    return render_template("errors/429.html"), 429


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@access.rule(access.PUBLIC)
def reset_password(token: str):
    if links.link_refused(_address()):
        return _too_many_links()
    user = links.open_reset(token)
    if user is None:
        return _link_refused("reset")
    form = NewPasswordForm(email=user.email)
    if form.validate_on_submit():
        try:
            changed = links.reset_password(token, form.new_password.data or "")
        except links.LinkNotValid:
            return _link_refused("reset")
        except RuleError as error:
            form.new_password.errors = [*form.new_password.errors, str(error)]
        else:
            if current_user.is_authenticated and current_user.id == changed.id:
                # Every session of theirs has ended, this one with them.
                logout_user()
                session.clear()
            flash("Your password has been changed. Sign in with your new password.", "success")
            return redirect(url_for("auth.sign_in"))
    return render_template("auth/reset_password.html", form=form, token=token)


# --- Invitations: the invited person chooses a password, then sets up their app -----------------


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@access.rule(access.PUBLIC)
def accept_invitation(token: str):
    if current_user.is_authenticated:
        # Someone else's invitation, or their own opened in a signed-in browser: either way
        # they sign out first, and nothing of this session is used for the new account.
        return render_template("auth/invitation_signed_in.html")
    if links.link_refused(_address()):
        return _too_many_links()
    invitation = links.open_invitation(token)
    if invitation is None:
        return _link_refused("invitation")
    form = ChoosePasswordForm(email=invitation.email)
    if form.validate_on_submit():
        try:
            user = links.accept_invitation(token, form.password.data or "")
        except links.LinkNotValid:
            return _link_refused("invitation")
        except RuleError as error:
            form.password.errors = [*form.password.errors, str(error)]
        else:
            # As any new user at their first sign-in: the authenticator app next, if needed.
            return _after_password(user, None)
    return render_template(
        "auth/accept_invitation.html",
        form=form,
        token=token,
        invitation=invitation,
        role_label=ROLE_INFO[Role(invitation.role)].label,
    )


# --- The signed-in user's sessions, on every device ---------------------------------------------


@bp.get("/account/sessions")
@access.rule(access.SIGNED_IN)
def account_sessions():
    found = sessions.live_sessions(current_app, current_user.id)
    this_one = getattr(session, "row_id", None)
    rows = [
        {
            "id": row.id,
            "device": row.device,
            "started": presenters.day_and_time(row.created_at),
            "last_active": presenters.ago(row.last_seen_at),
            "this_device": row.id == this_one,
        }
        for row in found
    ]
    # This device first.
    rows.sort(key=lambda row: not row["this_device"])
    return render_template("auth/account_sessions.html", rows=rows, form=SignOutSessionForm())


@bp.post("/account/sessions/<int:session_id>/sign-out")
@access.rule(access.SIGNED_IN)
def end_session(session_id: int):
    SignOutSessionForm()  # the CSRF token is checked for every POST
    if session_id == getattr(session, "row_id", None):
        logout_user()
        session.clear()
        return _signed_out()
    if sessions.end_session(current_user.id, session_id):
        flash("You have signed out on that device", "success")
    else:
        flash("That device was already signed out", "success")
    return redirect(url_for("auth.account_sessions"))


@bp.post("/account/sessions/sign-out-others")
@access.rule(access.SIGNED_IN)
def end_other_sessions():
    SignOutSessionForm()
    ended = sessions.end_sessions(current_user.id, except_row_id=getattr(session, "row_id", None))
    if ended:
        flash(
            f"You have signed out on {ended} other {'device' if ended == 1 else 'devices'}",
            "success",
        )
    else:
        flash("You were not signed in on any other device", "success")
    return redirect(url_for("auth.account_sessions"))
