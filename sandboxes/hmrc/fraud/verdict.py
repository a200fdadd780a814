"""A request's fraud-prevention headers judged against its connection method's rules, and
the two shapes HMRC reports that in: the Test API's /validate answer and the per-request
validation feedback."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sandboxes.hmrc.fraud.rules import CHECKS, CONNECTION_METHODS, MAY_BE_EMPTY, ConnectionMethod

SPEC_VERSION = "3.3"
CONNECTION_METHOD = "gov-client-connection-method"
TEST_SCENARIO = "gov-test-scenario"
FRAUD_PREFIXES = ("gov-client-", "gov-vendor-")
EMPTY_WARNINGS = {
    "gov-client-multi-factor": "Value is empty. This may be correct for single factor "
    "authentication, for example username and password. If this is the case, you must "
    "contact us explaining why you cannot submit this header.",
    "gov-vendor-license-ids": "Value is empty. This may be correct if there are no licensed "
    "products on the originating device. If this is the case, you must contact us "
    "explaining why you cannot submit this header.",
}
OUTCOMES = {
    "INVALID_HEADERS": "At least 1 header is invalid",
    "POTENTIALLY_INVALID_HEADERS": "At least 1 header is potentially invalid",
    "VALID_HEADERS": "All headers appear to be valid",
}


@dataclass(frozen=True)
class Finding:
    header: str
    code: str  # MISSING_HEADER, INVALID_HEADER, EMPTY_HEADER, POTENTIALLY_INVALID_HEADER ...
    message: str
    serious: bool


@dataclass
class Verdict:
    sent: dict[str, str]  # the Gov-Client-* / Gov-Vendor-* headers received
    method: str | None
    expected: tuple[str, ...] = ()
    findings: list[Finding] = field(default_factory=list)

    @property
    def code(self) -> str:
        if any(f.serious for f in self.findings):
            return "INVALID_HEADERS"
        return "POTENTIALLY_INVALID_HEADERS" if self.findings else "VALID_HEADERS"

    def validate_json(self) -> dict[str, Any]:
        """The Test API's answer: findings grouped by code and message, headers lower-case."""
        body: dict[str, Any] = {
            "specVersion": SPEC_VERSION,
            "code": self.code,
            "message": OUTCOMES[self.code],
        }
        for key, serious in (("errors", True), ("warnings", False)):
            grouped: dict[tuple[str, str], list[str]] = {}
            for finding in self.findings:
                if finding.serious is serious:
                    grouped.setdefault((finding.code, finding.message), []).append(finding.header)
            if grouped:
                body[key] = [
                    {"code": code, "message": message, "headers": headers}
                    for (code, message), headers in grouped.items()
                ]
        return body

    def feedback_json(self, all_headers: Mapping[str, str]) -> dict[str, Any]:
        """Per-header results, as validation-feedback lists them for one request."""
        names = [*self.expected, *(h for h in self.sent if h not in self.expected)]
        if TEST_SCENARIO in all_headers:
            names.append(TEST_SCENARIO)
        return {
            "code": self.code,
            "connectionMethod": self.method,
            "headers": [self._header_result(name, all_headers) for name in names],
        }

    def _header_result(self, name: str, all_headers: Mapping[str, str]) -> dict[str, Any]:
        findings = [f for f in self.findings if f.header == name]
        if name == TEST_SCENARIO:
            code = "TEST_SCENARIO_HEADER"
        elif any(f.code == "MISSING_HEADER" for f in findings):
            code = "MISSING_HEADER"
        elif any(f.code == "UNEXPECTED_HEADER" for f in findings):
            code = "UNEXPECTED_HEADER"
        elif any(f.serious for f in findings):
            code = "INVALID_HEADER"
        else:
            code = "POTENTIALLY_INVALID_HEADER" if findings else "VALID_HEADER"
        result: dict[str, Any] = {
            "header": name,
            "code": code,
            "errors": [f.message for f in findings if f.serious],
            "warnings": [f.message for f in findings if not f.serious],
        }
        if name in all_headers:
            result["value"] = all_headers[name]
        return result


def judge(headers: Mapping[str, str]) -> Verdict:
    """Check the fraud-prevention headers in `headers` (lower-case names)."""
    sent = {k: v for k, v in headers.items() if k.startswith(FRAUD_PREFIXES)}
    method_name = sent.get(CONNECTION_METHOD)
    if method_name is None:
        return Verdict(sent, None, findings=[_missing(CONNECTION_METHOD)])
    method = CONNECTION_METHODS.get(method_name.strip())
    if method is None:
        message = (
            f"'{method_name}' is not a connection method this sandbox checks "
            f"({', '.join(CONNECTION_METHODS)})"
        )
        return Verdict(sent, method_name, findings=[_invalid(CONNECTION_METHOD, message)])
    verdict = Verdict(sent, method.name, method.headers)
    for name in method.headers[1:]:
        verdict.findings += _header_findings(name, sent, method)
    verdict.findings += [
        Finding(name, "UNEXPECTED_HEADER", f"Header not expected for {method.name}", False)
        for name in sent
        if name not in method.headers
    ]
    return verdict


def _missing(header: str) -> Finding:
    return Finding(header, "MISSING_HEADER", "Header required", True)


def _invalid(header: str, message: str) -> Finding:
    return Finding(header, "INVALID_HEADER", message, True)


def _header_findings(name: str, sent: Mapping[str, str], method: ConnectionMethod) -> list[Finding]:
    if name not in sent:
        return [_missing(name)]
    value = sent[name].strip()
    if not value:
        if name in MAY_BE_EMPTY:
            return [Finding(name, "EMPTY_HEADER", EMPTY_WARNINGS[name], False)]
        return [_invalid(name, "Value is empty")]
    return [
        Finding(
            name,
            "INVALID_HEADER" if problem.serious else "POTENTIALLY_INVALID_HEADER",
            problem.message,
            problem.serious,
        )
        for problem in CHECKS[name](value, sent, method)
    ]
