"""Credentials: secrets in Vault, read through an accessor and refreshed (OAuth 2.0, single
flight), and the integration status a refresh records (status.py). Connect, disconnect
and connection tests build on this package: python_workers/connections.

For the sync engine — build one accessor per run:

    from python_workers.credentials import credential_accessor
    accessor = credential_accessor(pool, provider_key, project_integration_id, settings())
    ctx = ActionContext(..., credentials=accessor, ...)

`pool` is a psycopg_pool.AsyncConnectionPool on the app role (postgres); the accessor
takes its own connections and switches to service_role inside each transaction, so a
token refresh commits independently of the action's transaction. For global providers
(Companies House) project_integration_id is ignored. Errors are ProviderError subclasses
(credentials/errors.py): ReconnectRequired and CredentialMissing are permanent,
TokenEndpointUnavailable and RefreshUnfinished are retryable, RefreshFailed (the failure of
another worker's refresh this one waited for) as the failure it shares was. A refresh
holds no transaction across the token call (a lease: credentials/refresh.py). A
`testConnection` run should go through `run_connection_test`
(connections/connection_test.py) so the integration's status follows its outcome.
"""

from python_workers.credentials.accessor import VaultCredentialAccessor, credential_accessor

__all__ = ["VaultCredentialAccessor", "credential_accessor"]
