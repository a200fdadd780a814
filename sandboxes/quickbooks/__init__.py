"""QuickBooks Online Accounting API v3 look-alike: OAuth 2.0, entities, query, batch, CDC,
webhooks, Intuit's limits and faults. `app.create_app` builds it."""
