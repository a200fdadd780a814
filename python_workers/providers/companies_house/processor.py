"""Companies House's server actions: action name -> ServerAction, nothing else."""

from __future__ import annotations

from python_workers.providers.companies_house import service
from python_workers.providers.companies_house.sic import sic_codes
from python_workers.providers.contract import Processor, ServerAction
from python_workers.providers.params import NoParams

PROCESSOR: Processor = {
    "testConnection": ServerAction(NoParams, service.test_connection),
    "ch_company_profile": ServerAction(service.CompanyParams, service.company_profile),
    "ch_officers": ServerAction(service.CompanyParams, service.officers),
    "ch_filing_history": ServerAction(service.CompanyParams, service.filing_history),
    "ch_persons_with_significant_control": ServerAction(
        service.CompanyParams, service.persons_with_significant_control
    ),
    "ch_company_search": ServerAction(service.SearchParams, service.company_search),
    "ch_sic_codes": ServerAction(NoParams, sic_codes),
    "ch_company_refresh": ServerAction(NoParams, service.company_refresh),
}
