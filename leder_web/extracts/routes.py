"""The national data set: the national team creates each extract; it and the academic partner
list, read and download them. Making and downloading one are both recorded in the audit log
as exports (core.audit)."""

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_login import current_user

from leder_web.core import access, audit, step_up
from leder_web.core.domain import NotAllowedError, RuleError
from leder_web.extracts import dataset, presenters, queries, service
from leder_web.extracts.forms import ExtractForm

bp = Blueprint("extracts", __name__)

READERS = access.Rule(roles=access.EXTRACT_READERS)
MAKERS = access.Rule(roles=access.EXTRACT_MAKERS)


@bp.get("/extracts")
@access.rule(READERS)
def index():
    if not access.may_read_extracts(current_user):
        raise NotAllowedError()
    return render_template(
        "extracts/index.html",
        extracts=queries.extracts(),
        columns=dataset.COLUMNS,
        may_create=access.may_create_extract(current_user),
    )


@bp.route("/extracts/new", methods=["GET", "POST"])
@access.rule(MAKERS)
def new():
    if not access.may_create_extract(current_user):
        raise NotAllowedError()
    form = ExtractForm()
    if form.validate_on_submit():
        try:
            extract = service.create_extract(form.request(), by=current_user)
        except RuleError as error:
            form.add_error(error.field, str(error))
        else:
            audit.mark_as(audit.EXPORTED)
            flash(f"Extract {extract.id} created with {extract.record_count:,} records", "success")
            return redirect(url_for(".show", extract_id=extract.id))
    return render_template("extracts/new.html", form=form)


@bp.get("/extracts/<int:extract_id>")
@access.rule(READERS)
def show(extract_id: int):
    extract = service.get_extract(current_user, extract_id)
    return render_template(
        "extracts/show.html",
        extract=extract,
        completeness=presenters.completeness(extract),
        file_name=service.file_name(extract),
    )


@bp.get("/extracts/<int:extract_id>/download")
@access.rule(READERS)
@step_up.required
def download(extract_id: int):
    try:
        extract, content = service.extract_file(current_user, extract_id)
    except service.FileNotVerified:
        extract = service.get_extract(current_user, extract_id)
        return render_template("extracts/not_verified.html", extract=extract), 500
    response = Response(content, mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{service.file_name(extract)}"'
    response.headers["X-Checksum-SHA256"] = extract.checksum_sha256
    return response
