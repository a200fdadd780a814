"""HMRC's server actions: action name -> ServerAction, nothing else."""

from __future__ import annotations

from python_workers.providers.contract import Processor, ServerAction
from python_workers.providers.hmrc import levy_service, service
from python_workers.providers.params import NoParams

PROCESSOR: Processor = {
    "testConnection": ServerAction(NoParams, service.test_connection),
    "hmrc_vat_obligations": ServerAction(NoParams, service.vat_obligations),
    "hmrc_submit_vat_return": ServerAction(service.SubmitParams, service.submit_vat_return),
    "hmrc_paye_levy_declarations": ServerAction(NoParams, levy_service.paye_levy_declarations),
}
