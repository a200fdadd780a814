"""The Setup > Integrations console (issue #23): pages served by functions/, signed in as
the person (docs/console.md)."""
