"""QuickBooks Online's server actions: action name -> ServerAction, nothing else."""

from __future__ import annotations

from python_workers.credentials.connection_test import ConnectionTestParams
from python_workers.providers.contract import Processor, ServerAction
from python_workers.providers.quickbooks import connection, service

PROCESSOR: Processor = {
    "testConnection": ServerAction(ConnectionTestParams, connection.test_connection),
    "qb_company_info": ServerAction(service.NoParams, service.company_info),
    "qb_chart_of_accounts": ServerAction(service.NoParams, service.chart_of_accounts),
    "qb_classes": ServerAction(service.NoParams, service.classes),
    "qb_tax_codes": ServerAction(service.NoParams, service.tax_codes),
    "sync_vendor": ServerAction(service.RecordParams, service.sync_vendor),
    "sync_customer": ServerAction(service.RecordParams, service.sync_customer),
    "sync_transaction": ServerAction(service.RecordParams, service.sync_transaction),
    "qb_payments": ServerAction(service.RecordParams, service.payments),
    "verify_vendor_hash": ServerAction(service.RecordParams, service.verify_vendor_hash),
    "verify_transaction_hash": ServerAction(service.RecordParams, service.verify_transaction_hash),
    "qb_cdc_poll": ServerAction(service.NoParams, service.cdc_poll),
}
