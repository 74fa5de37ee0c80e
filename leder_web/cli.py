"""flask commands: load-organisations, create-user, demo-data, generate-scale-data, send-emails,
purge-drafts."""

import click
from flask import current_app
from flask.cli import with_appcontext

from leder_web import demo
from leder_web.accounts import api as users
from leder_web.core import organisations, outbox
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.notify import api as notify


def init_app(app) -> None:
    app.cli.add_command(load_organisations_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(demo_data_command)
    app.cli.add_command(generate_scale_data_command)
    app.cli.add_command(send_emails_command)
    app.cli.add_command(purge_drafts_command)


@click.command("load-organisations")
@with_appcontext
def load_organisations_command():
    """Load NHS England, its 7 regions and 42 ICBs from the CSV kept in the project."""
    result = organisations.load_organisations()
    db.session.commit()
    click.echo(f"Organisations: {result.added} added, {result.unchanged} already there.")


@click.command("create-user")
@with_appcontext
@click.option("--email", required=True)
@click.option("--name", "full_name", required=True)
@click.option("--role", type=click.Choice([role.value for role in Role]), required=True)
@click.option("--organisation", required=True, help="Exact name, for example 'NHS England'")
@click.password_option(envvar="LEDER_NEW_USER_PASSWORD")
def create_user_command(email, full_name, role, organisation, password):
    """Create a user with a role and an organisation scope."""
    org = organisations.get_by_name(organisation)
    if org is None:
        raise click.ClickException(f"No organisation is called {organisation!r}")
    try:
        user = users.create_user(
            email=email, full_name=full_name, password=password, role=Role(role), organisation=org
        )
    except users.UserError as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Created {user.email} ({user.role_label}, {org.name}).")


@click.command("demo-data")
@with_appcontext
def demo_data_command():
    """Create the organisations and one demo user per role. Refused in production."""
    if current_app.config["NAME"] == "production":
        raise click.ClickException("Demo data is never loaded under the production configuration")
    try:
        created = demo.load_demo_data()
    except users.UserError as error:  # LEDER_DEMO_PASSWORD too short or too common
        raise click.ClickException(f"LEDER_DEMO_PASSWORD: {error}") from error
    db.session.commit()
    click.echo(f"Demo data ready: {len(created)} users added.")


@click.command("generate-scale-data")
@with_appcontext
@click.option("--cases", type=click.IntRange(1, 1_000_000), required=True, help="How many cases")
@click.option(
    "--seed", type=int, default=2026, show_default=True, help="The same seed, the same data"
)
@click.option(
    "--allow-production",
    is_flag=True,
    help="Run under the production configuration too (a copy made for measuring, never live data)",
)
def generate_scale_data_command(cases, seed, allow_production):
    """Fill an empty, migrated database with synthetic national data: cases across the 42 ICBs
    over eight years, with their reviews, family contacts, quality assurance, panels and
    actions. Refused if the database already holds cases."""
    from leder_web.demo import scale

    if current_app.config["NAME"] == "production" and not allow_production:
        raise click.ClickException(
            "Synthetic data is not generated under the production configuration "
            "(add --allow-production for a database made for measuring)"
        )
    if scale.holds_cases():
        raise click.ClickException(
            "The database already holds cases: generate scale data only into an empty, "
            "migrated database"
        )

    def progress(done: int) -> None:
        click.echo(f"  {done:,} of {cases:,} cases written")

    summary = scale.generate(cases, seed=seed, progress=progress)
    db.session.commit()
    states = ", ".join(f"{state} {count:,}" for state, count in summary.states.most_common())
    click.echo(f"Cases by state: {states}.")
    click.echo(f"Rows written: {sum(summary.rows.values()):,} in {len(summary.rows)} tables.")
    click.echo(f"Generated {cases:,} cases in {summary.seconds:.1f} s.")


@click.command("send-emails")
@with_appcontext
def send_emails_command():
    """Send the emails in the outbox that are due; failures are retried later with back-off."""
    counts = outbox.send_due()
    click.echo(
        f"Emails: {counts['sent']} sent, {counts['retrying']} to retry, {counts['failed']} failed."
    )


@click.command("purge-drafts")
@with_appcontext
def purge_drafts_command():
    """Forget notifications left unfinished for 24 hours (run it every hour from a scheduler)."""
    removed = notify.purge_stale_drafts()
    db.session.commit()
    click.echo(f"Unfinished notifications removed: {removed}.")
