"""What each finding costs, so that the audit can rank findings of one code by money.

:func:`priced` adds ``risk_per_year`` (break-fix) to a finding's evidence
where a rate applies:

* a component (DG101, DG103, DG104, DG106): its failures a year times the
  expected total of its incident, as ``rank --by risk``;
* a redundancy group that is not real (DG102): the summed risk of the
  components that defeat it;
* a loop (DG109): the summed risk of its component members;
* a service without owner (DG105): its expected hours down a year times its
  cost per hour.

Vendors (DG108) and cut sets (DG110) have no rate of their own: they rank by
the ``cost_per_hour`` at stake, which DG110's evidence gains here. The site's
own finding (DG107) has neither.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from depgraph.costs.yearly import expected_year
from depgraph.findings.context import AuditContext
from depgraph.findings.model import Finding
from depgraph.inventory.models import BREAK_FIX

__all__ = ["priced"]


def priced(site: AuditContext, findings: list[Finding]) -> list[Finding]:
    """``findings`` with their ``risk_per_year`` (or ``cost_per_hour``) in the evidence."""
    risk = {root: i.rate * i.total for root, i in site.incidents.items()}
    downtime: dict[str, float] | None = None
    done = []
    for finding in findings:
        evidence: dict[str, Any] = finding.evidence
        value: float | None = None
        if finding.code in ("DG101", "DG103", "DG104", "DG106"):
            value = risk[finding.subject]
        elif finding.code == "DG102":
            value = sum(risk[c] for c in evidence["defeated_by"])
        elif finding.code == "DG109":
            value = sum(risk.get(m, 0.0) for m in evidence["members"])
        elif finding.code == "DG105":
            if downtime is None:
                downtime = expected_year(site.inventory, BREAK_FIX).downtime_hours
            value = downtime[finding.subject] * evidence["cost_per_hour"]
        elif finding.code == "DG110":
            evidence = {**evidence, "cost_per_hour": site.inventory.service(finding.subject).cost_per_hour}
        if value is not None:
            evidence = {**evidence, "risk_per_year": value}
        done.append(replace(finding, evidence=evidence))
    return done
