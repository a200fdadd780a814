"""The secret half of a credential, as it is kept in Vault: a JSON object of tokens or an
API key. SecretStr fields keep the values out of reprs, logs and tracebacks."""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, SecretStr

from python_workers.providers.contract import Credential


class StoredSecret(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    access_token: SecretStr | None = None
    refresh_token: SecretStr | None = None
    api_key: SecretStr | None = None

    def to_json(self) -> str:
        """The JSON object Vault stores (the only place the values are written out)."""
        values = {
            name: value.get_secret_value()
            for name, value in (
                ("access_token", self.access_token),
                ("refresh_token", self.refresh_token),
                ("api_key", self.api_key),
            )
            if value is not None
        }
        return json.dumps(values)

    def credential(
        self, external_account_id: str | None, scopes: tuple[str, ...] = ()
    ) -> Credential:
        """What an action sees: never the refresh token."""
        return Credential(
            access_token=self.access_token.get_secret_value() if self.access_token else None,
            api_key=self.api_key.get_secret_value() if self.api_key else None,
            external_account_id=external_account_id,
            scopes=scopes,
        )
