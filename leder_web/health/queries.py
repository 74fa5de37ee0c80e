import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from leder_web.core.extensions import db

log = logging.getLogger(__name__)


def database_answers() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        log.exception("Health check: the database did not answer")
        db.session.rollback()
        return False
    return True
