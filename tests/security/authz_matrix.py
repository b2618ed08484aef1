# ruff: noqa: E501 - one row per line keeps the table readable
"""Who may do what: every URL rule × method × principal, with the HTTP status expected.

Reviewed by hand; tests/security/test_authorization_matrix.py walks ``app.url_map`` and fails when a rule has
no row or a cell differs. Columns follow PRINCIPALS: a visitor who is not signed in, the translator the test
article is assigned to, another translator, an editor, an admin, and a revoked API token. Web requests are
sent with a session (and CSRF token), API requests with each user's Bearer token. 302 from a web route for
the anonymous and revoked columns is always the redirect to the sign-in page (the test checks Location);
for signed-in users it is "done, back to the page". A set means either status is acceptable.
"""

PRINCIPALS = ("anonymous", "translator", "translator2", "editor", "admin", "revoked_token")

# fmt: off
MATRIX: dict[tuple[str, str], tuple[int | set[int], ...]] = {
    ('GET', '/'): (302, 302, 302, 302, 302, 302),  # redirects to my work (or to sign in)
    ('GET', '/account/'): (302, 200, 200, 200, 200, 302),
    ('POST', '/account/password'): (302, 302, 302, 302, 302, 302),
    ('POST', '/account/preferences'): (302, 302, 302, 302, 302, 302),
    ('POST', '/account/tokens'): (302, 302, 302, 302, 302, 302),
    ('POST', '/account/tokens/<int:token_id>/revoke'): (302, 302, 404, 404, 302, 302),  # the token is the translator's: others see 404, admins may revoke
    ('GET', '/admin/audit'): (302, 403, 403, 403, 200, 302),
    ('GET', '/admin/users'): (302, 403, 403, 403, 200, 302),
    ('POST', '/admin/users'): (302, 403, 403, 403, 302, 302),
    ('POST', '/admin/users/<int:user_id>/active'): (302, 403, 403, 403, 302, 302),
    ('POST', '/admin/users/<int:user_id>/role'): (302, 403, 403, 403, 302, 302),
    ('POST', '/api/v1/articles'): (401, 403, 403, 201, 201, 401),
    ('GET', '/api/v1/articles'): (401, 200, 200, 200, 200, 401),
    ('GET', '/api/v1/articles/<int:article_id>'): (401, 200, 404, 200, 200, 401),
    ('POST', '/api/v1/articles/<int:article_id>/comments'): (401, 201, 404, 201, 201, 401),
    ('GET', '/api/v1/articles/<int:article_id>/comments'): (401, 200, 404, 200, 200, 401),
    ('POST', '/api/v1/articles/<int:article_id>/comments/<int:comment_id>/resolve'): (401, 200, 404, 200, 200, 401),
    ('GET', '/api/v1/articles/<int:article_id>/events'): (401, 200, 404, 200, 200, 401),
    ('GET', '/api/v1/articles/<int:article_id>/export'): (401, 403, 404, 200, 200, 401),  # exporting is for editors and admins
    ('GET', '/api/v1/articles/<int:article_id>/qa'): (401, 200, 404, 200, 200, 401),
    ('POST', '/api/v1/articles/<int:article_id>/replace'): (401, 200, 404, 200, 200, 401),
    ('PUT', '/api/v1/articles/<int:article_id>/segments/<int:segment_id>'): (401, 200, 404, 200, 200, 401),  # translator2 is not assigned
    ('GET', '/api/v1/articles/<int:article_id>/segments/<int:segment_id>/history'): (401, 200, 404, 200, 200, 401),
    ('GET', '/api/v1/articles/<int:article_id>/segments/<int:segment_id>/review-diff'): (401, 200, 404, 200, 200, 401),
    ('POST', '/api/v1/articles/<int:article_id>/transitions'): (401, 403, 404, 200, 200, 401),  # 'assign' is an editor's action
    ('POST', '/api/v1/glossary'): (401, 403, 403, 403, 201, 401),
    ('GET', '/api/v1/glossary'): (401, 200, 200, 200, 200, 401),
    ('DELETE', '/api/v1/glossary/<int:term_id>'): (401, 403, 403, 403, 204, 401),
    ('GET', '/api/v1/glossary/<int:term_id>'): (401, 200, 200, 200, 200, 401),
    ('PUT', '/api/v1/glossary/<int:term_id>'): (401, 403, 403, 403, 200, 401),
    ('POST', '/api/v1/glossary/<int:term_id>/approve'): (401, 403, 403, 403, 200, 401),
    ('GET', '/api/v1/glossary/matches'): (401, 200, 200, 200, 200, 401),
    ('POST', '/api/v1/glossary/proposals'): (401, 201, 201, 201, 201, 401),
    ('GET', '/api/v1/jobs/<int:job_id>'): (401, 200, 404, 200, 200, 401),
    ('GET', '/api/v1/me'): (401, 200, 200, 200, 200, 401),
    ('GET', '/api/v1/openapi.json'): (200, 200, 200, 200, 200, 200),
    ('POST', '/api/v1/qa/check'): (401, 200, 200, 200, 200, 401),
    ('DELETE', '/api/v1/tm/<int:entry_id>'): (401, 403, 403, 403, 204, 401),
    ('GET', '/api/v1/tm/concordance'): (401, 200, 200, 200, 200, 401),
    ('GET', '/api/v1/tm/matches'): (401, 200, 200, 200, 200, 401),
    ('GET', '/articles'): (302, 200, 200, 200, 200, 302),
    ('GET', '/articles/<int:article_id>'): (302, 200, 404, 200, 200, 302),
    ('POST', '/articles/<int:article_id>/action'): (302, 403, 404, 302, 302, 302),  # 'assign' is an editor's action; translator2 cannot see the article
    ('GET', '/articles/<int:article_id>/edit'): (302, 200, 404, 200, 200, 302),
    ('GET', '/articles/<int:article_id>/export'): (302, 403, 404, 200, 200, 302),
    ('GET', '/articles/<int:article_id>/post-editing'): (302, 200, 404, 200, 200, 302),
    ('GET', '/articles/<int:article_id>/qa'): (302, 200, 404, 200, 200, 302),
    ('POST', '/articles/<int:article_id>/qa/dismiss'): (302, 403, 403, 302, 302, 302),
    ('POST', '/articles/<int:article_id>/qa/dismissals/<int:dismissal_id>/delete'): (302, 403, 403, 302, 302, 302),
    ('GET', '/articles/import'): (302, 403, 403, 200, 200, 302),
    ('POST', '/articles/import'): (302, 403, 403, 302, 302, 302),
    ('GET', '/auth/login'): (200, 302, 302, 302, 302, 200),
    ('POST', '/auth/login'): (302, 302, 302, 302, 302, 302),
    ('POST', '/auth/logout'): (302, 302, 302, 302, 302, 302),
    ('GET', '/glossary/'): (302, 200, 200, 200, 200, 302),
    ('GET', '/glossary/<int:term_id>'): (302, 200, 200, 200, 200, 302),
    ('POST', '/glossary/<int:term_id>/approve'): (302, 403, 403, 403, 302, 302),
    ('POST', '/glossary/<int:term_id>/delete'): (302, 403, 403, 403, 302, 302),
    ('GET', '/glossary/<int:term_id>/edit'): (302, 403, 403, 403, 200, 302),
    ('POST', '/glossary/<int:term_id>/edit'): (302, 403, 403, 403, 302, 302),
    ('GET', '/glossary/export'): (302, 200, 200, 200, 200, 302),
    ('GET', '/glossary/import'): (302, 403, 403, 403, 200, 302),
    ('POST', '/glossary/import'): (302, 403, 403, 403, 200, 302),
    ('POST', '/glossary/import/confirm'): (302, 403, 403, 403, 404, 302),  # admin: 404 for an unknown upload token
    ('GET', '/glossary/new'): (302, 200, 200, 200, 200, 302),
    ('POST', '/glossary/new'): (302, 302, 302, 302, 302, 302),  # translators and editors propose, admins create
    ('GET', '/glossary/panel-strings.json'): (302, 200, 200, 200, 200, 302),
    ('GET', '/healthz'): (200, 200, 200, 200, 200, 200),
    ('GET', '/jobs/<int:job_id>'): (302, 200, 404, 200, 200, 302),
    ('POST', '/language'): (302, 302, 302, 302, 302, 302),
    ('GET', '/memory/'): (302, 200, 200, 200, 200, 302),
    ('POST', '/memory/entries/<int:entry_id>/delete'): (302, 403, 403, 403, 302, 302),
    ('GET', '/memory/export'): (302, 200, 200, 200, 200, 302),
    ('GET', '/memory/import'): (302, 403, 403, 200, 200, 302),
    ('POST', '/memory/import'): (302, 403, 403, 302, 302, 302),
    ('GET', '/memory/panel/<int:article_id>/<int:segment_id>'): (302, 200, 404, 200, 200, 302),
    ('GET', '/memory/panel/concordance'): (302, 200, 200, 200, 200, 302),
    ('GET', '/my-work'): (302, 200, 200, 200, 200, 302),
    ('GET', '/rules'): (302, 403, 403, 403, 200, 302),
    ('POST', '/rules/<int:custom_id>/delete'): (302, 403, 403, 403, 302, 302),
    ('GET', '/rules/<int:custom_id>/edit'): (302, 403, 403, 403, 200, 302),
    ('POST', '/rules/<int:custom_id>/edit'): (302, 403, 403, 403, 302, 302),
    ('POST', '/rules/<int:custom_id>/toggle'): (302, 403, 403, 403, 302, 302),
    ('GET', '/rules/new'): (302, 403, 403, 403, 200, 302),
    ('POST', '/rules/new'): (302, 403, 403, 403, 302, 302),
    ('POST', '/rules/recheck'): (302, 403, 403, 403, 302, 302),
    ('GET', '/rules/recheck/<int:job_id>'): (302, 403, 403, 403, 200, 302),
    ('POST', '/rules/shipped/<rule_id>/toggle'): (302, 403, 403, 403, 302, 302),
    ('GET', '/rules/test'): (302, 403, 403, 403, 200, 302),
    ('POST', '/rules/test'): (302, 403, 403, 403, 200, 302),
}
# fmt: on
