"""The bare endpoint the benchmark compares every page with: one route, nothing else, served
by gunicorn with the same settings as the application."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def bare():
    return "ok"
