from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from leder_web.core import access, step_up
from leder_web.core.domain import RuleError
from leder_web.core.roles import ROLE_INFO, Role
from leder_web.core.security import public_url
from leder_web.users import queries, service
from leder_web.users.forms import ChangeRoleForm, InviteForm, UserActionForm

bp = Blueprint("users", __name__)

MANAGERS = access.roles(Role.NATIONAL_TEAM, Role.REGIONAL_COORDINATOR, Role.LOCAL_AREA_CONTACT)


@bp.get("/users")
@access.rule(MANAGERS)
def index():
    search = request.args.get("q", "")[:100]
    found = queries.users_for(current_user, search)
    return render_template(
        "users/index.html",
        users=found[: queries.SHOWN],
        more=len(found) > queries.SHOWN,
        shown=queries.SHOWN,
        search=search,
        invitations=queries.invitations_for(current_user),
        national=current_user.role_enum is Role.NATIONAL_TEAM,
    )


@bp.route("/users/invite", methods=["GET", "POST"])
@access.rule(MANAGERS)
def invite():
    organisations = queries.organisations_for(current_user)
    roles = sorted(
        {role for org in organisations for role in access.roles_to_give(current_user, org)},
        key=list(Role).index,
    )
    form = InviteForm()
    form.set_choices(roles, organisations)
    status = 200
    if form.validate_on_submit():
        role, organisation_id = form.chosen_role, form.organisation_id
        assert role is not None and organisation_id is not None  # validated just above
        try:
            sent_to = service.invite(
                current_user,
                email=form.email.data or "",
                full_name=form.full_name.data or "",
                role=role,
                organisation_id=organisation_id,
                address=request.remote_addr,
                link=lambda token: public_url("auth.accept_invitation", token=token),
            )
        except RuleError as error:
            if error.field and error.field in form:
                form[error.field].errors = [*form[error.field].errors, str(error)]
            else:
                form.form_errors.append(str(error))
            if isinstance(error, service.TooMany):
                status = 429
        else:
            flash(f"Invitation sent to {sent_to}. It works for 72 hours.", "success")
            return redirect(url_for(".index"))
    return render_template(
        "users/invite.html",
        form=form,
        one_organisation=organisations[0] if len(organisations) == 1 else None,
    ), status


@bp.get("/users/<int:user_id>")
@access.rule(MANAGERS)
def show(user_id: int):
    return render_template(
        "users/show.html",
        user=queries.user_for(current_user, user_id),
        form=UserActionForm(),
    )


@bp.post("/users/<int:user_id>/deactivate")
@access.rule(MANAGERS)
def deactivate(user_id: int):
    UserActionForm()  # the CSRF token is checked for every POST
    name, changed = service.deactivate(current_user, user_id)
    if changed:
        flash(f"{name} is deactivated and signed out everywhere", "success")
    else:
        flash(f"{name} was already deactivated", "success")
    return redirect(url_for(".show", user_id=user_id))


@bp.post("/users/<int:user_id>/reactivate")
@access.rule(MANAGERS)
def reactivate(user_id: int):
    UserActionForm()
    name, changed = service.reactivate(current_user, user_id)
    if changed:
        flash(f"{name} is reactivated and can sign in again", "success")
    else:
        flash(f"{name} was already active", "success")
    return redirect(url_for(".show", user_id=user_id))


@bp.route("/users/<int:user_id>/role", methods=["GET", "POST"])
@access.rule(MANAGERS)
def change_role(user_id: int):
    """Asks for the password again first (core.step_up): before the form is shown, and, if the
    form is sent after the check has grown old, what was chosen is kept for the page."""
    user = queries.user_for(current_user, user_id)
    if not user.roles_to_change_to:
        return redirect(url_for(".show", user_id=user_id))
    if (asked := step_up.ask_unless_recent()) is not None:
        return asked
    kept = step_up.kept_form()
    form = ChangeRoleForm(formdata=kept) if kept is not None else ChangeRoleForm()
    form.set_choices(user.roles_to_change_to)
    if request.method == "GET" and kept is None:
        form.was.data = user.role.value
    if form.validate_on_submit():
        role = form.chosen_role
        assert role is not None  # validated just above
        try:
            name = service.change_role(current_user, user_id, role, was=form.was.data or "")
        except RuleError as error:
            # The page shows the role as it is now, and saving again changes that one.
            user = queries.user_for(current_user, user_id)
            form.was.data = user.role.value
            form.role.errors = [*form.role.errors, str(error)]
        else:
            label = ROLE_INFO[role].label.lower()
            flash(
                f"{name}’s role is now {label}. They have been sent an email to say so.", "success"
            )
            return redirect(url_for(".show", user_id=user_id))
    return render_template("users/change_role.html", user=user, form=form)
