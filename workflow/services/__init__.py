"""The service layer: one function per use case, owning its transaction and its permission checks.

Web views and the JSON API both call these functions, so no business rule is written twice.
"""
