"""The validation contract (providers/contract.py) and the engine's side of it that needs
no database (engine/validation.py): what a validation action is sent, which actions the
engine validates for, and what a refusal says. The check itself, against the catalogue
and the SQL client actions, is proven end to end (tests/py/quickbooks/test_transactions.py,
test_vendors.py, test_bulk_push.py)."""

from __future__ import annotations

import dataclasses

import pydantic
import pytest

from python_workers.engine.validation import FeatureValidation, accepted, refusal, validating
from python_workers.providers import load_processor
from python_workers.providers.contract import Validation, ValidationParams
from python_workers.providers.errors import ProviderError
from tests.py.unit.memory_context import Recorder, memory_context

INVOICES = FeatureValidation(
    "quickbooks", "QuickBooks Online", "invoices", "validate_transaction_send_to", "transactions"
)


def test_a_transaction_is_sent_as_transaction_id_with_the_feature() -> None:
    sent = ValidationParams.for_record("invoices", "transactions", "4f7c").sent()
    assert sent == {"feature": "invoices", "transaction_id": "4f7c"}


def test_a_relationship_is_sent_as_relationship_id_with_the_feature() -> None:
    sent = ValidationParams.for_record("vendors", "project_relationships", "9a1e").sent()
    assert sent == {"feature": "vendors", "relationship_id": "9a1e"}


def test_records_of_a_table_the_contract_does_not_cover_are_refused() -> None:
    with pytest.raises(ValueError, match="no validation contract for records of 'projects'"):
        ValidationParams.for_record("sic_codes", "projects", "1")


def test_the_contract_takes_no_parameter_it_does_not_document() -> None:
    with pytest.raises(pydantic.ValidationError):
        ValidationParams.model_validate({"feature": "vendors", "vendor_id": "1"})


def test_a_refusal_names_the_provider_the_record_and_every_error() -> None:
    errors = [
        {"code": "not_mapped", "field": "account_code", "message": "no account mapping for 9999"},
        {"code": "not_approved", "field": "status", "message": "the transaction is a Draft"},
    ]
    error = refusal(INVOICES, Validation(valid=False, errors=errors, data={}))
    assert (error.code, error.retryable, error.details) == (
        "not_sendable",
        False,
        {"errors": errors},
    )
    assert error.message == (
        "QuickBooks Online cannot take this transaction: no account mapping for 9999; "
        "the transaction is a Draft"
    )


def test_an_action_reads_the_engines_answer_for_a_record_it_validated() -> None:
    ctx = memory_context(Recorder())
    answer = Validation(valid=True, errors=[], data={"quickbooks_entity": "Bill"})
    ctx = dataclasses.replace(ctx, validations={"4f7c": answer})
    assert accepted(ctx, "4f7c").data == {"quickbooks_entity": "Bill"}


def test_a_record_the_engine_did_not_validate_is_never_pushed_unchecked() -> None:
    with pytest.raises(ProviderError) as refused:
        accepted(memory_context(Recorder()), "4f7c")
    assert refused.value.code == "not_validated"
    assert "params.feature" in refused.value.message


def test_the_engine_validates_for_record_actions_only() -> None:
    """Actions whose params name a feature's records are wrapped; the rest run as they are."""
    processor = load_processor("quickbooks")
    for name in ("sync_vendor", "sync_customer", "sync_transaction"):
        assert validating(name, processor[name]) is not processor[name], name
    for name in ("testConnection", "qb_company_info", "qb_cdc_poll"):
        assert validating(name, processor[name]) is processor[name], name
    for name, action in load_processor("companies_house").items():
        assert validating(name, action) is action, name
