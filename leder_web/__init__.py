"""The LeDeR review platform: create_app wires configuration, extensions, views and security."""

import gc
import logging
import os
import sys
from pathlib import Path
from typing import Any

from flask import Flask, has_request_context, request
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from werkzeug.middleware.proxy_fix import ProxyFix

from config import CONFIGS, ProductionConfig
from leder_web.core import (
    access,
    audit,
    compression,
    errors,
    features,
    input_guard,
    links,
    request_ids,
    sessions,
    static_files,
    templating,
)
from leder_web.core.extensions import (
    csrf,
    db,
    htmx,
    limiter,
    login_manager,
    migrate,
    writes_in_one_transaction,
)
from leder_web.core.security import set_security_headers

PROJECT_DIR = Path(__file__).resolve().parent.parent
log = logging.getLogger(__name__)


class LederFlask(Flask):
    jinja_environment = templating.LederEnvironment

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.links = links.LinkCache()

    def url_for(
        self,
        endpoint: str,
        *,
        _anchor: str | None = None,
        _method: str | None = None,
        _scheme: str | None = None,
        _external: bool | None = None,
        **values: Any,
    ) -> str:
        if (
            _anchor is None
            and _method is None
            and _scheme is None
            and _external is None
            and has_request_context()
            and not any(self.url_default_functions.values())
        ):
            return self.links.url_for(super().url_for, endpoint, values)
        return super().url_for(
            endpoint,
            _anchor=_anchor,
            _method=_method,
            _scheme=_scheme,
            _external=_external,
            **values,
        )

    def send_static_file(self, filename: str):
        # Pre-compressed copies, and far-future caching for content-hashed URLs.
        assert self.static_folder is not None
        return static_files.send(self.static_folder, filename)


def keep_start_up_objects() -> None:
    """For a process about to serve requests, once the application is made: what start-up
    made (modules, templates, the URL map, mappers: some 200,000 objects) lives as long as the
    process, so it is moved out of the garbage collector's reach. Otherwise each full
    collection walks all of it, a pause of about a tenth of a second in the middle of a request
    every few hundred requests, to free nothing."""
    gc.collect()
    gc.freeze()


def load_config(config_name: str | None):
    name = config_name or os.environ.get("LEDER_ENV", "production")
    if name not in CONFIGS:
        raise SystemExit(f"LEDER_ENV must be one of {', '.join(CONFIGS)}, not {name!r}")
    config_class = CONFIGS[name]
    config = config_class()
    if isinstance(config, ProductionConfig) and (missing := config.problems()):
        raise SystemExit(
            "LeDeR review platform will not start in production without "
            + " and ".join(missing)
            + " set in the environment."
        )
    return config


def create_app(config_name: str | None = None, **overrides) -> Flask:
    config = load_config(config_name)
    app = LederFlask(
        __name__,
        static_folder=str(PROJECT_DIR / "static"),
        template_folder=str(PROJECT_DIR / "templates"),
        instance_path=str(PROJECT_DIR / "instance"),
    )
    app.config.from_object(config)
    app.config.update(overrides)
    if hops := app.config["TRUSTED_PROXY_HOPS"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]

    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(PROJECT_DIR / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        Path(app.instance_path).mkdir(exist_ok=True)

    from leder_web import models  # noqa: F401  (registers the models with SQLAlchemy)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_DIR / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    htmx.init_app(app)
    compression.init_app(app)
    WTFormsHelpers(app)
    _init_login(app)
    sessions.init_app(app)

    input_guard.init_app(app)
    templating.init_app(app)
    from leder_web.feature_list import FEATURES

    features.init_app(app, FEATURES)
    access.declare(app, "static", access.PUBLIC)
    errors.init_app(app)
    request_ids.init_app(app)
    audit.init_app(app)

    app.before_request(access.enforce_route_rule)

    @app.before_request
    def sign_in_gets_write_in_one_transaction():
        # The GETs that sign someone in write as a POST does (see core.extensions: every other
        # GET runs its statements without a transaction on PostgreSQL).
        if request.endpoint in audit.SIGN_IN_GETS:
            writes_in_one_transaction()

    @app.after_request
    def finish_request(response):
        # One commit per request, here: a request that failed leaves nothing half-written.
        # A GET never writes, so it has nothing to commit (what a signed-in session records
        # of itself is committed when it is saved).
        if request.method not in audit.SAFE_METHODS and response.status_code < 400:
            db.session.flush()  # what the request changed is written, so the log knows of it
            audit.record_request(response)  # the change and its record, committed together
            db.session.commit()
        elif request.endpoint in audit.SIGN_IN_GETS and response.status_code < 500:
            # A sign-in, or its refusal, and the record it made of itself.
            db.session.commit()
        else:
            if request.method not in audit.SAFE_METHODS or response.status_code >= 500:
                db.session.rollback()
            if audit.record_request(response):
                db.session.commit()
        return set_security_headers(response, hsts=app.config["HSTS"])

    from leder_web import cli

    cli.init_app(app)
    if not app.debug and not app.testing:
        _init_logging()
    return app


def _init_login(app: Flask) -> None:
    from urllib.parse import urlsplit

    from flask import redirect, request, session, url_for

    from leder_web.accounts import api as users

    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = None
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(login_id: str):
        return sessions.session_user(session, login_id) or users.get_by_login_id(login_id)

    @login_manager.unauthorized_handler
    def unauthorized():
        target = request.full_path.rstrip("?")
        if htmx:
            # A redirect inside an htmx swap would put the sign-in page in the target; send the
            # browser to sign in and back to the page it was on (a path on this site only).
            current = urlsplit(request.headers.get("HX-Current-URL", ""))
            if current.netloc == request.host and current.path:
                target = current.path + (f"?{current.query}" if current.query else "")
            response = app.response_class(status=401)
            response.headers["HX-Redirect"] = url_for("auth.sign_in", next=target)
            return response
        return redirect(url_for("auth.sign_in", next=target))


def _init_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(request_ids.RequestIdFilter())
    handler.setFormatter(logging.Formatter(request_ids.LOG_FORMAT))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
