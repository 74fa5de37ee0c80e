"""How someone who told us about a death reaches the LeDeR team, and when they hear back: one
place for the confirmation page, the email and the out-of-scope page."""

TEAM_EMAIL = "england.leder@nhs.net"
TEAM_PHONE = "0300 311 22 33"
PHONE_HOURS = "Monday to Friday, 9am to 5pm (except bank holidays)"
# How long the local area contact takes to check a new notification.
CHECKED_WITHIN = "10 working days"
SYMPATHY = "We are sorry for your loss."
