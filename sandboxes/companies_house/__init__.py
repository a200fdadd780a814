"""Companies House Public Data API look-alike: API-key basic auth, company profile, officers,
filing history, persons with significant control, company search, 600 requests / 5 min."""
