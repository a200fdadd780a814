"""Tenant isolation and hardening: one test per security finding (see docs/security.md)."""
