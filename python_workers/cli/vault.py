"""`plugboard vault rotate-key`: a new key for the compat Vault, every secret re-encrypted
(python_workers/vault_rotation.py). On Supabase, Vault's key is Supabase's to manage."""

from __future__ import annotations

import typer
from rich.console import Console

from python_workers.cli.db import ensure_started
from python_workers.vault_rotation import RotationError, has_compat_vault, rotate_vault_key

app = typer.Typer(no_args_is_help=True, add_completion=False)
console = Console()


@app.command("rotate-key")
def rotate_key() -> None:
    """Re-encrypt every Vault secret with a new key, then drop the old key(s)."""
    chosen = ensure_started(quiet=True)
    if not has_compat_vault(chosen.admin_url):
        console.print(
            "This database uses Supabase Vault: its encryption key is managed by Supabase "
            "(nothing to rotate here)."
        )
        raise typer.Exit(0)
    try:
        report = rotate_vault_key(chosen.admin_url)
    except RotationError as error:
        console.print(f"[red]error:[/red] {error}")
        raise typer.Exit(1) from None
    for name, count in report.reencrypted.items():
        console.print(f"{name}: {count} secret(s) re-encrypted")
    console.print(
        f"new key {report.new_key_id} is current; {report.old_keys_dropped} old key(s) dropped"
    )
