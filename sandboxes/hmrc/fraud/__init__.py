"""HMRC fraud-prevention headers: the rules per connection method, the checks, the verdict and
the Test Fraud Prevention Headers API."""
