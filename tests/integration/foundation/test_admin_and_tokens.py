"""Admins manage users (never deleting them); users manage personal API tokens."""

from __future__ import annotations

from workflow.extensions import db
from workflow.models import ApiToken, User


def test_admin_creates_a_user_who_can_sign_in(client, auth):
    auth.login("admin")
    response = client.post_form(
        "/admin/users",
        {
            "username": "newbie",
            "email": "newbie@example.com",
            "role": "editor",
            "password": "Granite-Orbit-77",
        },
        token_from="/admin/users",
    )
    assert response.status_code == 302
    user = db.session.execute(db.select(User).where(User.username == "newbie")).scalar_one()
    assert user.role == "editor"
    auth.logout()
    assert auth.login("newbie", "Granite-Orbit-77").status_code == 302


def test_weak_password_is_refused_with_a_message(client, auth):
    auth.login("admin")
    response = client.post_form(
        "/admin/users",
        {
            "username": "weakling",
            "email": "weak@example.com",
            "role": "translator",
            "password": "password123",
        },
        token_from="/admin/users",
    )
    assert "too common" in response.get_data(as_text=True) or "at least 10" in response.get_data(as_text=True)
    assert db.session.execute(db.select(User).where(User.username == "weakling")).scalar_one_or_none() is None


def test_role_change_takes_effect_on_next_request(client, auth, users):
    auth.login("editor")
    assert client.get("/admin/users").status_code == 403
    from workflow.services import accounts

    accounts.change_role(users["editor"].id, "admin", actor=users["admin"])
    assert client.get("/admin/users").status_code == 200


def test_deactivate_keeps_the_user_row(client, auth, users):
    auth.login("admin")
    client.post_form(
        f"/admin/users/{users['translator'].id}/active", {"active": "0"}, token_from="/admin/users"
    )
    db.session.rollback()  # end the test's read snapshot to see what the request wrote
    user = db.session.get(User, users["translator"].id)
    assert user is not None and user.active is False


def test_api_token_works_and_revoked_token_does_not(client, auth, users):
    auth.login("translator")
    client.post_form("/account/tokens", {"name": "script"}, token_from="/account/")
    page = client.get("/account/").get_data(as_text=True)
    token = page.split('data-testid="new-token">', 1)[1].split("<", 1)[0].strip()
    assert token.startswith("cdk_")
    assert token not in client.get("/account/").get_data(as_text=True)  # shown once only
    stored = db.session.execute(db.select(ApiToken)).scalar_one()
    assert stored.token_hash != token and token not in stored.token_hash

    anonymous = client.application.test_client()
    me = anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.get_json()["username"] == "translator"

    client.post_form(f"/account/tokens/{stored.id}/revoke", {}, token_from="/account/")
    refused = anonymous.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 401
    assert refused.mimetype == "application/problem+json"
    assert refused.get_json()["status"] == 401


def test_cli_creates_users_and_tokens(runner, app):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "cliuser",
            "--role",
            "editor",
            "--email",
            "cli@example.com",
            "--password-stdin",
        ],
        input="Meadow-Lantern-88\n",
    )
    assert result.exit_code == 0, result.output
    token = runner.invoke(args=["tokens", "create", "cliuser"]).output.strip()
    response = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.get_json()["role"] == "editor"


def test_cli_refuses_a_weak_password(runner, app):
    result = runner.invoke(
        args=["users", "create", "weak", "--email", "w@example.com", "--password-stdin"], input="123456\n"
    )
    assert result.exit_code != 0
    assert "at least 10" in result.output
