"""HMRC's server actions: action name -> ServerAction, nothing else."""

from __future__ import annotations

from python_workers.providers.contract import Processor, ServerAction
from python_workers.providers.hmrc import levy_service, service

PROCESSOR: Processor = {
    "testConnection": ServerAction(service.NoParams, service.test_connection),
    "hmrc_vat_obligations": ServerAction(service.NoParams, service.vat_obligations),
    "hmrc_submit_vat_return": ServerAction(service.SubmitParams, service.submit_vat_return),
    "hmrc_paye_levy_declarations": ServerAction(
        service.NoParams, levy_service.paye_levy_declarations
    ),
}
