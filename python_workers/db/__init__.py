"""Database plumbing: the local cluster, the migration runner, the schema-file loader, the
seed loader."""
