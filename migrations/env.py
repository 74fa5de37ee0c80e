"""Alembic environment: the application's engine and models' metadata, nothing else.

Migrations are generated with `flask db migrate`, then read and tidied by hand, and must
run on SQLite (batch mode) and PostgreSQL; tests/integration/test_migrations.py checks both.
"""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app

config = context.config
# Keep the application's own loggers working when migrations run inside it.
fileConfig(config.config_file_name, disable_existing_loggers=False)
logger = logging.getLogger("alembic.env")

migrate_extension = current_app.extensions["migrate"]
target_metadata = migrate_extension.db.metadata


def engine():
    return migrate_extension.db.engine


config.set_main_option(
    "sqlalchemy.url", engine().url.render_as_string(hide_password=False).replace("%", "%%")
)


def run_migrations_offline():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    def skip_empty_revision(context, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    options = dict(migrate_extension.configure_args)
    options.setdefault("process_revision_directives", skip_empty_revision)
    options.setdefault("compare_type", True)
    with engine().connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, **options)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
