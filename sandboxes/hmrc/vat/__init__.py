"""The VAT (MTD) API v1.0: obligations, returns, liabilities and payments."""
