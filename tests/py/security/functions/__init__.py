"""functions/: body limit, token subjects, browser-bound OAuth state, QuickBooks realm."""
