"""What an audit finding is: its check (a stable code, a name, a severity) and its evidence.

Each check is declared once, where it is written, with :func:`check`; the
registry gives :data:`depgraph.findings.CHECKS` and the order the audit runs
them in (by code).

>>> Finding("DG101", "poe", "poe is a single point of failure").severity
'warning'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from depgraph.errors import UsageError

__all__ = ["Check", "Finding", "SEVERITIES", "check", "fails_on", "registered"]

SEVERITIES = ("error", "warning", "info")
"""Most severe first: the order of the JSON list and of the human report."""

@dataclass(frozen=True)
class Check:
    """One audit check: its stable code, short name and severity."""

    code: str
    name: str
    severity: str





@dataclass(frozen=True)
class Finding:
    """One finding: ``code`` names its check, ``subject`` the id it is about (or ``site``).

    ``evidence`` holds the figures behind the message; it is merged into the
    JSON object next to the five fixed keys.
    """

    code: str
    subject: str
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)

    @property
    def severity(self) -> str:
        """The severity of this finding's check."""
        return _REGISTERED[self.code][0].severity

    @property
    def cost(self) -> float:
        """What the finding costs: its ``risk_per_year``, else ``cost_per_hour`` where no rate applies."""
        return float(self.evidence.get("risk_per_year", self.evidence.get("cost_per_hour", 0.0)))

    def sort_key(self) -> tuple[int, str, float, str, str]:
        """Most severe first, then code, then the costliest, then subject (then message)."""
        return (SEVERITIES.index(self.severity), self.code, -self.cost, self.subject, self.message)

    def to_json(self) -> dict[str, Any]:
        """``{"code", "severity", "check", "subject", "message", ...evidence}``."""
        return {
            "code": self.code,
            "severity": self.severity,
            "check": _REGISTERED[self.code][0].name,
            "subject": self.subject,
            "message": self.message,
            **self.evidence,
        }


def fails_on(findings: Sequence[Finding], threshold: str) -> bool:
    """Whether a finding at ``threshold`` severity or above exists (``audit --fail-on``).

    Raises :class:`UsageError` for an unknown severity.
    """
    if threshold not in SEVERITIES:
        raise UsageError(f"unknown severity '{threshold}'; use one of {', '.join(SEVERITIES)}")
    limit = SEVERITIES.index(threshold)
    return any(SEVERITIES.index(f.severity) <= limit for f in findings)


Run = Callable[[Any], Iterator[Finding]]
"""A check's function: the audit context in, its findings out."""

_R = TypeVar("_R", bound=Run)
_REGISTERED: dict[str, tuple[Check, Run]] = {}


def check(code: str, name: str, severity: str) -> Callable[[_R], _R]:
    """Register the decorated function as the check ``code`` (the one place a check is declared)."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")

    def register(run: _R) -> _R:
        _REGISTERED[code] = (Check(code, name, severity), run)
        return run

    return register


def registered() -> list[tuple[Check, Run]]:
    """Every registered check and its function, by code."""
    return [_REGISTERED[code] for code in sorted(_REGISTERED)]
