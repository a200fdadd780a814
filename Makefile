# The two commands a newcomer runs (see README.md).
.PHONY: up test

up:
	@scripts/bootstrap.sh
	@.venv/bin/plugboard up

test:
	@scripts/bootstrap.sh test
	@.venv/bin/python -m tests.run
