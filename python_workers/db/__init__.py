"""Database plumbing: the local cluster, the migration runner, the seed loader."""
