"""The support desk: requests for help with the platform, their queue and their threads."""
