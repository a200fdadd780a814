"""How a bulk push uses both of a realm's channels. Per window QuickBooks takes 40 batch
requests (30 records each: 1,200 records) and, within its 500 requests, 460 more single
requests: 1,660 records. A push needing more windows with batches alone than with both
sends the overflow as single creates; the fewest windows N records need is
ceil(N / 1,660), so the last request may start after (that - 1) windows (the floor
bench/qbo.py measures against)."""

from __future__ import annotations

import math

from python_workers.providers.quickbooks.api import BATCH_MAX_ITEMS
from python_workers.providers.quickbooks.settings import QuickBooksSettings


def per_window(settings: QuickBooksSettings) -> tuple[int, int]:
    """(records batches take, records single requests take) per window."""
    batch = settings.batch_requests_per_minute * BATCH_MAX_ITEMS
    return batch, max(0, settings.requests_per_minute - settings.batch_requests_per_minute)


def split(records: int, settings: QuickBooksSettings) -> tuple[int, int]:
    """(records to batch, records to send singly) so the push needs the fewest windows."""
    batch, single = per_window(settings)
    windows = math.ceil(records / (batch + single))
    batched = min(records, batch * windows)
    return batched, records - batched
