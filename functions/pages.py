"""The small HTML page a person sees at the end of a connection attempt."""

from __future__ import annotations

import html

from starlette.responses import HTMLResponse


def result_page(title: str, message: str, *, ok: bool) -> HTMLResponse:
    body = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title></head><body>"
        f"<h1>{html.escape(title)}</h1><p>{html.escape(message)}</p>"
        "<p>You can close this window and return to Setup &gt; Integrations.</p>"
        "</body></html>"
    )
    return HTMLResponse(body, status_code=200 if ok else 400, headers={"Cache-Control": "no-store"})
