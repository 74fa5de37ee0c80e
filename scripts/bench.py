"""The benchmark: how many requests per second the key pages serve, against a bare endpoint.

Run it with `make bench`. It loads the demo data into a throwaway database (a new PostgreSQL
database, dropped afterwards, when one answers at BENCH_PG_URL; otherwise a SQLite file), serves
the application and a one-route Flask application each under gunicorn with the same settings
(2 sync workers), signs in each demo user and drives each key page with wrk at 16 concurrent
connections. It prints requests per second, the median and 95th percentile latency, each page's
share of the bare endpoint's requests per second against its goal, and the bytes on the wire of
a first visit (the page and the static files it links) and of a later one (the page only: static
files are cached), asking for compressed responses as a browser does.

`make bench IN_PROCESS=1` measures the same pages inside one Python process instead (the Flask
test client, CPU time, no network): steadier on a busy machine, and it needs neither gunicorn
nor wrk. Compare runs on the same machine, never across machines.

`make bench SCALE=30000` adds a national-scale run, on PostgreSQL only (it says so and stops if
none answers): a second throwaway database, migrated, filled with `flask generate-scale-data`'s
synthetic national data (SCALE cases across the 42 ICBs over eight years) and then the demo
data, measured the same way with the all-cases list with a search and each dashboard added. It
prints each key page's share of the bare endpoint in both runs (the goal: no page's share falls
as the data grows) and each dashboard's 95th percentile against DASHBOARD_P95_MS.

Settings (environment): BENCH_SECONDS (8) per page, BENCH_CONNECTIONS (16), BENCH_PG_URL
(postgresql://postgres@127.0.0.1:5432/test: the server on which to make the throwaway database;
empty for SQLite), BENCH_DATABASE_URL (a database of your own to use instead: its tables are
dropped and made anew).
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

WORKERS = 2
THREADS = 2
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
PG_URL = os.environ.get("BENCH_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
OWN_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "")
ACCEPT_ENCODING = "br, gzip"  # what a browser asks for

# Goals, as shares of the bare endpoint's requests per second.
START_PAGE_GOAL = 0.40
KEY_PAGE_GOAL = 0.15
# At national scale: each dashboard's 95th percentile, and how much of its share of the bare
# endpoint a key page may lose against the demo-data run before it counts as slower (the
# machine's own noise between two runs of the same page is about this much).
DASHBOARD_P95_MS = 250.0
SHARE_KEPT = 0.90
SEARCH = "Pickles"  # a surname of the synthetic data: a few hundred cases in England

HOME_USERS = [
    ("national team", "national@example.org"),
    ("regional coordinator", "regional@example.org"),
    ("local area contact", "lac@example.org"),
    ("reviewer", "reviewer@example.org"),
    ("senior reviewer", "senior@example.org"),
    ("governance panel", "panel@example.org"),
    ("advisory group", "advisory@example.org"),
    ("academic partner", "academic@example.org"),
]
REVIEWER = "reviewer@example.org"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    user: str | None  # the demo user's email; None when signed out
    goal: float  # share of the bare endpoint; 0 for a page judged by its p95 instead
    p95_goal_ms: float | None = None
    # Concurrent connections, if not CONNECTIONS: a dashboard's 95th percentile is measured with
    # one connection a worker, so that it is the time a person waits for the page rather than
    # the time its request queues behind fifteen others.
    connections: int | None = None


def key_pages(reference: str) -> list[Page]:
    case = f"/cases/{reference}"
    return [
        Page("start page (signed out)", "/", None, START_PAGE_GOAL),
        *(Page(f"home: {role}", "/home", email, KEY_PAGE_GOAL) for role, email in HOME_USERS),
        Page("case overview", case, REVIEWER, KEY_PAGE_GOAL),
        Page("review task list", f"{case}/review", REVIEWER, KEY_PAGE_GOAL),
        Page(
            "review question (pen portrait)",
            f"{case}/review/pen-portrait/questions/1",
            REVIEWER,
            KEY_PAGE_GOAL,
        ),
        Page("family log", f"{case}/family", REVIEWER, KEY_PAGE_GOAL),
        # No goal: what the least a signed-in page does costs (the session's one statement, the
        # layout and a short summary list, compressed), for the key pages to be read against.
        Page("reference: your account (signed in)", "/account", REVIEWER, 0.0),
    ]


NATIONAL = "national@example.org"


def national_pages(icb_id: int, region_id: int) -> list[Page]:
    """What national-scale data adds: the list of all cases with a search, and the dashboards
    (for this financial year, as they open) of England, the demo ICB's region and the ICB."""

    def dashboard(name: str, path: str) -> Page:
        return Page(name, path, NATIONAL, 0.0, DASHBOARD_P95_MS, connections=WORKERS)

    return [
        Page(f"all cases, search '{SEARCH}' (national)", f"/cases?q={SEARCH}", NATIONAL, 0.0),
        dashboard("dashboard: England", "/dashboards/england"),
        dashboard("dashboard: England, causes of death", "/dashboards/england?show=deaths"),
        dashboard("dashboard: England, learning", "/dashboards/england?show=learning"),
        dashboard("dashboard: region", f"/dashboards/regions/{region_id}"),
        dashboard("dashboard: ICB", f"/dashboards/icbs/{icb_id}"),
        dashboard("dashboard: ICB, learning", f"/dashboards/icbs/{icb_id}?show=learning"),
    ]


# --- The database ----------------------------------------------------------------------------


@contextmanager
def throwaway_database(*, postgresql_only: bool = False):
    """(URL, words saying which): a new PostgreSQL database when one answers, else SQLite (or,
    with postgresql_only, stop and say so)."""
    from sqlalchemy import create_engine, text

    from config import database_url_from

    if OWN_DATABASE_URL:
        kind = "PostgreSQL" if OWN_DATABASE_URL.startswith("postgres") else "the database"
        yield database_url_from(OWN_DATABASE_URL), f"{kind} at BENCH_DATABASE_URL, made anew"
        return
    if PG_URL:
        server = database_url_from(PG_URL)
        try:
            admin = create_engine(server, isolation_level="AUTOCOMMIT")
            # Named after the database of BENCH_PG_URL, so each person's stay apart.
            name = f"{server.rsplit('/', 1)[1]}_bench_{uuid.uuid4().hex[:10]}"
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as error:  # any failure means: use SQLite
            if postgresql_only:
                raise SystemExit(
                    f"The national-scale run needs PostgreSQL, and none answers at {PG_URL} "
                    f"({type(error).__name__}): start one (make postgres) or set BENCH_PG_URL"
                ) from error
            print(f"No PostgreSQL to use at {PG_URL} ({type(error).__name__}): SQLite instead")
        else:
            url = server.rsplit("/", 1)[0] + f"/{name}"
            try:
                yield url, f"PostgreSQL (a throwaway database {name} beside {PG_URL})"
            finally:
                with admin.connect() as connection:
                    connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()
            return
    if postgresql_only:
        raise SystemExit("The national-scale run needs PostgreSQL: BENCH_PG_URL is empty")
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{folder}/bench.db", "SQLite (a throwaway file)"


def load_demo_data(url: str) -> str:
    """Creates the schema and the demo data; the reference of the reviewer's demo review in
    progress."""

    from leder_web import create_app, demo
    from leder_web.core.extensions import db

    app = create_app("development", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        db.drop_all()
        db.create_all()
        demo.load_demo_data()
        db.session.commit()
        db.engine.dispose()
    return review_in_progress(app)


def review_in_progress(app) -> str:
    """The reference of the reviewer's demo review in progress."""
    from sqlalchemy import select

    from leder_web.core.extensions import db
    from leder_web.models import Case, Notification
    from leder_web.review.demo import IN_PROGRESS_NAME

    with app.app_context():
        reference = db.session.scalar(
            select(Case.reference)
            .join(Notification)
            .where(Notification.full_name == IN_PROGRESS_NAME)
        )
        db.engine.dispose()
    assert reference is not None, "the demo data has no review in progress"
    return reference


def load_national_data(url: str, cases: int) -> tuple[str, int, int]:
    """Migrates the database, fills it with `cases` synthetic cases (flask
    generate-scale-data's work) and then the demo data; the reference of the reviewer's demo
    review in progress, and the demo ICB's id and its region's."""
    from flask_migrate import upgrade

    from leder_web import create_app, demo
    from leder_web.core import organisations
    from leder_web.core.extensions import db
    from leder_web.demo import scale

    app = create_app("development", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        upgrade(directory=str(PROJECT / "migrations"))
        summary = scale.generate(cases)
        db.session.commit()
        print(
            f"Generated {cases:,} cases ({sum(summary.rows.values()):,} rows) "
            f"in {summary.seconds:.0f} s"
        )
        demo.load_demo_data()
        db.session.commit()
        icb = organisations.get_by_name(demo.DEMO_ICB)
        assert icb is not None and icb.parent_id is not None
        icb_id, region_id = icb.id, icb.parent_id
        db.engine.dispose()
    return review_in_progress(app), icb_id, region_id


# --- Serving under gunicorn ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(app_spec: str, env: dict):
    """Serves app_spec on a free port with WORKERS sync workers; yields the port."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(WORKERS),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        app_spec,
    ]
    server = subprocess.Popen(  # noqa: S603 (our own command line)
        command, cwd=PROJECT, env={**os.environ, **env}, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, _, _ = fetch(port, "/healthz" if "wsgi" in app_spec else "/")
                if status < 500:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start {app_spec}")
            time.sleep(0.2)
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and its workers, which we started
        server.wait(timeout=30)


def fetch(port: int, path: str, headers: dict | None = None, method="GET", body=None):
    """(status, headers, raw body bytes as sent), without following redirects."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def sign_in(port: int, email: str, password: str) -> str:
    """The Cookie header of a signed-in session, as the sign-in form leaves it."""
    status, headers, body = fetch(port, "/sign-in")
    assert status == 200, f"GET /sign-in answered {status}"
    token = re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', body)
    assert token is not None, "no CSRF token on the sign-in page"
    cookie = headers["Set-Cookie"].split(";", 1)[0]
    form = urlencode({"email": email, "password": password, "csrf_token": token[1].decode()})
    status, headers, _ = fetch(
        port,
        "/sign-in",
        {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
        body=form,
    )
    assert status == 302, f"signing in as {email} answered {status}"
    return headers["Set-Cookie"].split(";", 1)[0]


# --- Load with wrk ---------------------------------------------------------------------------

WRK_REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout
  io.write(string.format("BENCH %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), summary.errors.status, errors))
end
"""


@dataclass(frozen=True)
class Load:
    rate: float  # requests per second answered
    p50_ms: float
    p95_ms: float
    failed: int  # connections that failed or timed out (10 s): a sign of a swamped machine


def wrk(
    port: int,
    path: str,
    headers: dict,
    script: Path,
    seconds: int = SECONDS,
    connections: int = CONNECTIONS,
) -> Load:
    threads = min(THREADS, connections)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s"]
    command += ["--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command += ["-s", str(script), f"http://127.0.0.1:{port}{path}"]
    output = subprocess.run(  # noqa: S603 (our own command line)
        command, capture_output=True, text=True, check=True
    ).stdout
    found = re.search(r"^BENCH (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$", output, re.MULTILINE)
    assert found is not None, output
    requests, duration_us, p50_us, p95_us, refused, failed = map(int, found.groups())
    assert refused == 0, f"{path}: {refused} answers other than 2xx or 3xx under load"
    rate = (requests - failed) / (duration_us / 1e6)
    return Load(rate, p50_us / 1000, p95_us / 1000, failed)


# --- Bytes on the wire -----------------------------------------------------------------------

LINKED = re.compile(rb'(?:href|src)="(/static/[^"]+)"')


def wire_bytes(status: int, headers, body: bytes) -> int:
    head = f"HTTP/1.1 {status}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    return len(head) + 2 + len(body)


def visit_bytes(port: int, path: str, cookie: str | None) -> tuple[int, int]:
    """(first visit, later visit): the page and every static file it links, then the page
    alone (static file URLs carry a content hash and are cached)."""
    headers = {"Accept-Encoding": ACCEPT_ENCODING, **({"Cookie": cookie} if cookie else {})}
    status, page_headers, body = fetch(port, path, headers)
    assert status == 200, f"{path} answered {status}"
    page = wire_bytes(status, page_headers, body)
    # The links, from the page as it reads uncompressed.
    _, _, plain = fetch(port, path, {"Cookie": cookie} if cookie else {})
    static = 0
    for link in sorted(set(LINKED.findall(plain))):
        url = link.decode().replace("&amp;", "&")
        status, asset_headers, asset = fetch(port, url, {"Accept-Encoding": ACCEPT_ENCODING})
        assert status == 200, f"{url} answered {status}"
        static += wire_bytes(status, asset_headers, asset)
    return page + static, page


# --- The report ------------------------------------------------------------------------------


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}")
    for row in [header, ["-" * w for w in widths], *rows]:
        cells = [
            str(cell).ljust(widths[i]) if i == 0 else str(cell).rjust(widths[i])
            for i, cell in enumerate(row)
        ]
        print("  ".join(cells))


def share_rows(pages: list[Page], loads: dict, bares: dict) -> list[list]:
    rows = []
    for page in pages:
        load = loads[page.name]
        share = load.rate / bares[page.name].rate
        if page.p95_goal_ms is not None:
            goal = f"p95 < {page.p95_goal_ms:.0f} ms"
            met = "yes" if load.rate and load.p95_ms < page.p95_goal_ms else "NO"
        elif page.goal:
            goal, met = f"{page.goal:.0%}", "yes" if share >= page.goal else "NO"
        else:
            goal, met = "-", "-"
        rows.append(
            [
                page.name,
                f"{load.rate:,.0f}",
                f"{load.p50_ms:.1f}",
                f"{load.p95_ms:.1f}",
                f"{bares[page.name].rate:,.0f}",
                f"{share:.1%}",
                goal,
                met,
            ]
        )
    return rows


@dataclass
class Run:
    pages: list[Page]
    loads: dict  # page name: Load
    bares: dict  # page name: the bare endpoint's Load just before it

    def share(self, name: str) -> float:
        return self.loads[name].rate / self.bares[name].rate


def serve_and_measure(url: str, pages: list[Page], *, with_bytes: bool) -> Run:
    """Serves the application on `url` and the bare endpoint, signs each user in and drives
    each page with wrk; prints the figures."""
    from leder_web import demo

    with ExitStack() as stack:
        env = {"LEDER_ENV": "development", "DATABASE_URL": url}
        app_port = stack.enter_context(gunicorn("wsgi:app", env))
        bare_port = stack.enter_context(gunicorn("scripts.bare_app:app", {}))
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        script = folder / "report.lua"
        script.write_text(WRK_REPORT)

        cookies = {
            email: sign_in(app_port, email, demo.demo_password())
            for email in {page.user for page in pages if page.user}
        }

        def headers_for(page: Page) -> dict:
            cookie = cookies.get(page.user) if page.user else None
            return {"Accept-Encoding": ACCEPT_ENCODING, **({"Cookie": cookie} if cookie else {})}

        for page in pages:  # each answers 200 (not a redirect to sign in) before any load
            status, _, _ = fetch(app_port, page.path, headers_for(page))
            assert status == 200, f"{page.name}: {page.path} answered {status}"

        print(
            f"gunicorn, {WORKERS} sync workers each; wrk, {THREADS} threads, "
            f"{CONNECTIONS} connections, {SECONDS} s a page"
        )
        # The bare endpoint is measured just before each page, and the page's share is of that
        # figure: on a shared machine the load of others drifts during a run.
        bare_headers = {"Accept-Encoding": ACCEPT_ENCODING}
        bare_seconds = max(2, SECONDS // 2)
        wrk(bare_port, "/", bare_headers, script, seconds=1)  # warm up
        loads, bares = {}, {}
        for page in pages:
            bares[page.name] = wrk(bare_port, "/", bare_headers, script, seconds=bare_seconds)
            connections = page.connections or CONNECTIONS
            page_headers = headers_for(page)
            wrk(app_port, page.path, page_headers, script, 1, connections)  # warm up
            loads[page.name] = wrk(app_port, page.path, page_headers, script, SECONDS, connections)

        print_table(
            "Under load (share: of the bare endpoint's requests per second, measured just before;"
            f" dashboards with {WORKERS} connections, the others with {CONNECTIONS})",
            ["page", "requests/s", "p50 ms", "p95 ms", "bare req/s", "share", "goal", "met?"],
            share_rows(pages, loads, bares),
        )
        for name, load in loads.items():
            if load.failed:
                print(f"{name}: {load.failed} connections failed or timed out (not counted)")
        bare_rates = sorted(load.rate for load in bares.values())
        middle = statistics.median(bare_rates)
        spread = (bare_rates[-1] - bare_rates[0]) / middle
        print(
            f"The bare endpoint served {bare_rates[0]:,.0f} to {bare_rates[-1]:,.0f} requests/s "
            f"(median {middle:,.0f})"
            + (
                f": {spread:.0%} apart, so the machine was busy and these figures are noisy."
                if spread > 0.15
                else "."
            )
        )

        if with_bytes:
            byte_rows = []
            for page in pages:
                first, later = visit_bytes(app_port, page.path, cookies.get(page.user or ""))
                byte_rows.append([page.name, f"{first:,}", f"{later:,}"])
            print_table(
                f"Bytes on the wire (headers and bodies, Accept-Encoding: {ACCEPT_ENCODING})",
                ["page", "first visit", "later visit"],
                byte_rows,
            )
    return Run(pages, loads, bares)


def print_comparison(small: Run, national: Run, cases: int) -> None:
    """Each key page's share of the bare endpoint with the demo data alone and at national
    scale: kept if it lost no more than the noise between runs (SHARE_KEPT)."""
    rows = []
    for page in small.pages:
        before, after = small.share(page.name), national.share(page.name)
        rows.append(
            [
                page.name,
                f"{before:.1%}",
                f"{after:.1%}",
                f"{after / before:.0%}",
                "yes" if after >= before * SHARE_KEPT else "NO",
            ]
        )
    print_table(
        f"Share of the bare endpoint: demo data, and {cases:,} cases (kept: at least "
        f"{SHARE_KEPT:.0%} of it)",
        ["page", "demo data", "national", "ratio", "kept?"],
        rows,
    )


def over_http(args) -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk (or make bench-deps)")
    with throwaway_database(postgresql_only=bool(args.scale)) as (url, which):
        print(f"Database: {which}")
        reference = load_demo_data(url)
        small = serve_and_measure(url, key_pages(reference), with_bytes=True)
    if not args.scale:
        return
    with throwaway_database(postgresql_only=True) as (url, which):
        print(
            f"\nNational scale: {args.scale:,} synthetic cases and the demo data. Database: {which}"
        )
        reference, icb_id, region_id = load_national_data(url, args.scale)
        pages = key_pages(reference) + national_pages(icb_id, region_id)
        national = serve_and_measure(url, pages, with_bytes=False)
    print_comparison(small, national, args.scale)


# --- In process ------------------------------------------------------------------------------


def in_process(args) -> None:
    from flask import Flask

    from leder_web import create_app, demo, keep_start_up_objects

    with throwaway_database() as (url, which):
        print(f"Database: {which}; in one process with the Flask test client, CPU time")
        reference = load_demo_data(url)
        app = create_app("development", SQLALCHEMY_DATABASE_URI=url, RATELIMIT_ENABLED=False)
        bare_app = Flask("bare")
        bare_app.add_url_rule("/", "bare", lambda: "ok")
        pages = key_pages(reference)
        clients = {None: app.test_client()}
        for email in {page.user for page in pages if page.user}:
            client = app.test_client()
            page = client.get("/sign-in").get_data(as_text=True)
            token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
            assert token is not None
            form = {"email": email, "password": demo.demo_password(), "csrf_token": token[1]}
            assert client.post("/sign-in", data=form).status_code == 302, email
            clients[email] = client

        keep_start_up_objects()  # as wsgi.py does in each gunicorn worker

        def rate(client, path: str) -> float:
            assert client.get(path).status_code == 200, path
            rates = []
            for _ in range(args.rounds):
                start = time.process_time()
                for _ in range(args.requests):
                    client.get(path)
                rates.append(args.requests / (time.process_time() - start))
            return statistics.median(rates)

        bare = rate(bare_app.test_client(), "/")
        rates = {page.name: rate(clients[page.user], page.path) for page in pages}
        rows = [["bare Flask endpoint", f"{bare:,.0f}", f"{1000 / bare:.2f}", "100%"]]
        for page in pages:
            rate_of_page = rates[page.name]
            rows.append(
                [
                    page.name,
                    f"{rate_of_page:,.0f}",
                    f"{1000 / rate_of_page:.2f}",
                    f"{rate_of_page / bare:.1%}",
                ]
            )
        print_table(
            "In process (share: of the bare endpoint's requests per second; the goals are for"
            " the load test, where every request also pays for HTTP)",
            ["page", "requests/s", "ms CPU", "share"],
            rows,
        )
        if args.json:
            print(json.dumps({"bare": bare, **rates}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--in-process", action="store_true", help="no gunicorn or wrk")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=100, help="a round, in process")
    parser.add_argument("--json", action="store_true", help="also print the rates as JSON")
    parser.add_argument(
        "--scale",
        type=int,
        default=0,
        metavar="CASES",
        help="also measure on PostgreSQL with this many synthetic cases (over HTTP only)",
    )
    args = parser.parse_args()
    if args.scale and args.in_process:
        parser.error("--scale is measured over HTTP only")
    in_process(args) if args.in_process else over_http(args)


if __name__ == "__main__":
    main()
