"""Fixture Ledger's server actions: action name -> ServerAction, nothing else."""

from __future__ import annotations

from python_workers.providers.contract import Processor, ServerAction
from python_workers.providers.params import NoParams, RecordParams

from .actions import push_entry, test_connection

PROCESSOR: Processor = {
    "testConnection": ServerAction(NoParams, test_connection),
    "push_entry": ServerAction(RecordParams, push_entry),
}
