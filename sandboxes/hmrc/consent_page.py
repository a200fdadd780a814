"""The HTML a person sees during authorisation: grant authority (approve or deny), or an error
page when the request names an unknown client or redirect URI (HMRC does not redirect then)."""

from __future__ import annotations

from html import escape

from starlette.responses import HTMLResponse

SCOPE_WORDING = {
    "read:vat": "View your VAT information",
    "write:vat": "Change your VAT information",
    "read:apprenticeship-levy": "View your Apprenticeship Levy information",
}
PASSED_ON = (
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "response_type",
    "code_challenge",
    "code_challenge_method",
)


def consent_page(params: dict[str, str], vrn: str, empref: str, problem: str | None = None) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{escape(str(params[name]))}">'
        for name in PASSED_ON
        if name in params
    )
    scopes = "".join(
        f"<li>{escape(SCOPE_WORDING.get(s, s))}</li>" for s in params.get("scope", "").split()
    )
    warning = f'<p class="error" role="alert">{escape(problem)}</p>' if problem else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Grant authority - HMRC sandbox</title></head>
<body>
<h1>Grant authority</h1>
<p>The application <strong>{escape(params.get("client_id", ""))}</strong> wants to:</p>
<ul>{scopes}</ul>
{warning}
<form method="post" action="/oauth/authorize">
{hidden}
<label for="vrn">VAT registration number of the organisation signing in</label>
<input id="vrn" name="vrn" value="{escape(vrn)}" inputmode="numeric" pattern="[0-9]{{9}}">
<label for="empref">Employer PAYE reference of the PAYE scheme it runs</label>
<input id="empref" name="empref" value="{escape(empref)}">
<button type="submit" name="decision" value="approve">Grant authority</button>
<button type="submit" name="decision" value="deny">Do not grant authority</button>
</form>
</body></html>
"""


def error_page(error: str, description: str) -> HTMLResponse:
    body = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(error)}</title></head><body><h1>There is a problem</h1>"
        f"<p>{escape(error)}: {escape(description)}</p></body></html>"
    )
    return HTMLResponse(body, status_code=400)
