import hashlib
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_user, logout_user

from leder_web.accounts import service as users
from leder_web.accounts.forms import SignInForm, TeamDetailsForm
from leder_web.core import access
from leder_web.core.domain import RuleError
from leder_web.core.extensions import limiter
from leder_web.core.roles import Role

bp = Blueprint("auth", __name__)

SIGN_IN_FAILED = "Enter a correct email address and password"


def _sign_in_limit() -> str:
    return current_app.config["SIGN_IN_RATE_LIMIT"]


def _account_limit() -> str:
    return current_app.config["SIGN_IN_ACCOUNT_RATE_LIMIT"]


def _account_key() -> str:
    # Hashed: the limiter's store never holds an email address.
    email = users.normalise_email(request.form.get("email", ""))
    return "sign-in:" + hashlib.sha256(email.encode()).hexdigest()


def _failed(response) -> bool:
    """Only failed sign-ins count towards the limits: an office of colleagues signing in from
    one address is never locked out by its own successes."""
    return response.status_code != 302


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


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(_sign_in_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_account_limit, methods=["POST"], key_func=_account_key, deduct_when=_failed)
@access.rule(access.PUBLIC)
def sign_in():
    next_url = safe_next_url(request.values.get("next"))
    if current_user.is_authenticated:
        return redirect(next_url or url_for("home.index"))
    form = SignInForm()
    if form.validate_on_submit():
        user = users.authenticate(form.email.data or "", form.password.data or "")
        if user is not None:
            session.clear()
            session.permanent = True
            login_user(user)
            return redirect(next_url or url_for("home.index"))
        # The same message whether the email is unknown or the password wrong.
        form.email.errors = [*form.email.errors, SIGN_IN_FAILED]
        form.password.data = ""
    return render_template("auth/sign_in.html", form=form, next_url=next_url)


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
    from leder_web.core import sessions

    session.keep_alive = True  # type: ignore[attr-defined]
    return {"seconds_left": sessions.seconds_left(current_app, session)}
