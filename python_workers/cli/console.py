"""`plugboard console --as <email>`: a one-time link that signs a seeded person in to the
Setup > Integrations console (functions/console/). Local development only: refused when
Plugboard runs on a database it does not run itself (DATABASE_URL), where people sign in
through the host app."""

from __future__ import annotations

from urllib.parse import urlencode
from uuid import UUID

import psycopg
import typer

from python_workers.cli.db import ensure_started, target
from python_workers.config import settings


def console(
    email: str = typer.Option(..., "--as", help="The email of a person in auth.users."),
) -> None:
    """Print a one-time sign-in link (five minutes) to the console for a local person."""
    from functions.console.session import sign_in_token

    chosen = settings()
    if target().cluster is None:
        typer.echo(
            "error: `plugboard console` signs in only on Plugboard's local cluster; "
            "DATABASE_URL is set, so people sign in through the host app",
            err=True,
        )
        raise typer.Exit(1)
    if chosen.supabase_jwt_secret is None:
        typer.echo(
            "error: set SUPABASE_JWT_SECRET (functions/ verifies sessions with it)", err=True
        )
        raise typer.Exit(1)
    with psycopg.connect(ensure_started(quiet=True).app_url) as conn:
        row = conn.execute(
            "select id from auth.users where lower(email) = lower(%s)", (email,)
        ).fetchone()
    if row is None:
        typer.echo(
            f"error: no person with email {email} (`plugboard db seed` adds the demo people)",
            err=True,
        )
        raise typer.Exit(1)
    token = sign_in_token(UUID(str(row[0])), email, chosen)
    typer.echo(f"{chosen.functions_url()}/console/sign-in?{urlencode({'token': token})}")
