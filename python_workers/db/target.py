"""Which PostgreSQL Plugboard talks to: DATABASE_URL, or the local cluster it runs itself."""

from __future__ import annotations

from dataclasses import dataclass

from python_workers.config import REPO_ROOT, Settings
from python_workers.db.cluster import LocalCluster, default_data_dir

# Supabase's migration owner: a non-superuser with BYPASSRLS (the compat layer creates it).
APP_ROLE = "postgres"


@dataclass(frozen=True)
class DatabaseTarget:
    admin_url: str  # applies the compat layer (a superuser on a plain PostgreSQL)
    app_url: str  # what migrations, the seed, workers and functions use
    cluster: LocalCluster | None  # set when Plugboard runs the server itself


def local_cluster(settings: Settings) -> LocalCluster:
    data_dir = settings.plugboard_data_dir or default_data_dir(REPO_ROOT)
    return LocalCluster(data_dir, settings.plugboard_db_port)


def resolve_target(settings: Settings) -> DatabaseTarget:
    if settings.database_url:
        return DatabaseTarget(settings.database_url, settings.database_url, None)
    cluster = local_cluster(settings)
    return DatabaseTarget(
        admin_url=cluster.url(dbname=settings.plugboard_db_name),
        app_url=cluster.url(user=APP_ROLE, dbname=settings.plugboard_db_name),
        cluster=cluster,
    )
