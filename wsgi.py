"""Entry point for gunicorn and the flask command: `gunicorn wsgi:app`."""

from leder_web import create_app, keep_start_up_objects

app = create_app()
keep_start_up_objects()
