"""How someone who told us about a death reaches the LeDeR team, and when they hear back: one
place for the confirmation page, the email and the out-of-scope page."""

# The LeDeR programme's published email address.
TEAM_EMAIL = "england.leder@nhs.net"
# NHS England's contact centre, which takes calls for its programmes. Its opening hours are not
# stated here: the contact centre publishes them, and they change.
TEAM_PHONE = "0300 311 22 33"
PHONE_HOURS = "NHS England's contact centre: ask for the LeDeR team"
# How long the local area contact takes to check a new notification.
CHECKED_WITHIN = "10 working days"
SYMPATHY = "We are sorry for your loss."
