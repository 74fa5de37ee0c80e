"""Exit 0 when a PostgreSQL server answers at the URL given, 1 otherwise."""

import sys

import psycopg

try:
    with psycopg.connect(sys.argv[1], connect_timeout=3) as connection:
        connection.execute("SELECT 1")
except psycopg.Error:
    sys.exit(1)
