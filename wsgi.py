"""Entry point for gunicorn and the flask command: `gunicorn wsgi:app`."""

from leder_web import create_app

app = create_app()
