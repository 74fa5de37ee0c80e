"""Measure how fast pages render: requests per second in-process, against a bare endpoint.

Run with `make benchmark`. It uses a throwaway SQLite database with the demo data and the
Flask test client (no network), so the numbers are the application's own cost per page:
templates, queries and security headers. Compare runs on the same machine, not across machines.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from leder_web import create_app, demo
from leder_web.core import access
from leder_web.core.extensions import db

ROUNDS = 5
REQUESTS_PER_ROUND = 200


def requests_per_second(client, path: str) -> float:
    rates = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(REQUESTS_PER_ROUND):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        rates.append(REQUESTS_PER_ROUND / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder}/bench.db")

        @app.get("/bare-for-benchmark")
        @access.rule(access.PUBLIC)
        def bare():
            return "ok"

        with app.app_context():
            db.create_all()
            demo.load_demo_data()
            db.session.commit()

        anonymous = app.test_client()
        reviewer = app.test_client()
        page = reviewer.get("/sign-in").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        reviewer.post(
            "/sign-in",
            data={
                "email": "reviewer@example.org",
                "password": demo.demo_password(),
                "csrf_token": token,
            },
        )

        bare_rate = requests_per_second(anonymous, "/bare-for-benchmark")
        rows = [
            ("bare Flask endpoint", bare_rate),
            ("start page (signed out)", requests_per_second(anonymous, "/")),
            ("sign-in form", requests_per_second(anonymous, "/sign-in")),
            ("reviewer home", requests_per_second(reviewer, "/home")),
        ]
        print(f"{'page':32} {'req/s':>8} {'ms/req':>8} {'vs bare':>8}")
        for name, rate in rows:
            print(f"{name:32} {rate:8.0f} {1000 / rate:8.2f} {rate / bare_rate:8.0%}")


if __name__ == "__main__":
    main()
