"""Connections: credentials in Vault, OAuth 2.0 token refresh, connect / disconnect,
connection tests and the compat Vault's key rotation.

For the sync engine — build one accessor per run:

    from python_workers.credentials import credential_accessor
    accessor = credential_accessor(pool, provider_key, project_integration_id, settings())
    ctx = ActionContext(..., credentials=accessor, ...)

`pool` is a psycopg_pool.AsyncConnectionPool on the app role (postgres); the accessor
takes its own connections and switches to service_role inside each transaction, so a
token refresh commits independently of the action's transaction. For global providers
(Companies House) project_integration_id is ignored. Errors are ProviderError subclasses
(credentials/errors.py): ReconnectRequired and CredentialMissing are permanent,
TokenEndpointUnavailable is retryable. A `testConnection` run should go through
`run_connection_test` (credentials/connection_test.py) so the integration's status
follows its outcome.
"""

from python_workers.credentials.accessor import VaultCredentialAccessor, credential_accessor

__all__ = ["VaultCredentialAccessor", "credential_accessor"]
