"""The authorization table."""
PRINCIPALS = ("anonymous", "translator", "translator2", "editor", "admin", "revoked_token")
MATRIX = {}
