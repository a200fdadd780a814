"""QuickBooks Online's server actions: action name -> ServerAction, nothing else."""

from __future__ import annotations

from python_workers.providers.contract import Processor, ServerAction
from python_workers.providers.params import NoParams
from python_workers.providers.quickbooks import connection, service

PROCESSOR: Processor = {
    "testConnection": ServerAction(NoParams, connection.test_connection),
    "qb_company_info": ServerAction(NoParams, service.company_info),
    "qb_chart_of_accounts": ServerAction(NoParams, service.chart_of_accounts),
    "qb_classes": ServerAction(NoParams, service.classes),
    "qb_tax_codes": ServerAction(NoParams, service.tax_codes),
    "sync_vendor": ServerAction(service.QuickBooksRecordParams, service.sync_vendor),
    "sync_customer": ServerAction(service.QuickBooksRecordParams, service.sync_customer),
    "sync_transaction": ServerAction(service.QuickBooksRecordParams, service.sync_transaction),
    "qb_payments": ServerAction(service.QuickBooksRecordParams, service.payments),
    "verify_vendor_hash": ServerAction(service.QuickBooksRecordParams, service.verify_vendor_hash),
    "verify_transaction_hash": ServerAction(
        service.QuickBooksRecordParams, service.verify_transaction_hash
    ),
    "qb_cdc_poll": ServerAction(NoParams, service.cdc_poll),
}
