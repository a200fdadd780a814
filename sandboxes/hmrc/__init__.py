"""HMRC MTD VAT API v1.0 look-alike: OAuth 2.0 (authorization code, rotating single-use refresh
tokens, 18-month grants), the VAT endpoints with Gov-Test-Scenario, fraud-prevention header
checks and the Test Fraud Prevention Headers API, 3 requests per second per application."""
