"""What to fix first: the priced remedies, then the audit's findings grouped by cause.

Remedies (``remedies.md``) are listed best first under the option page one
recommends (:mod:`depgraph.report.decision`), as ``depgraph remedies --plan``
lists them: the largest net saving a year under that option first; each with
its cost, saving and payback under that option and, when a plan is
recommended, under break-fix too. A remedy that costs more than it saves
under the recommended option sorts last and says so.

The findings are grouped by cause (:func:`depgraph.findings.causes.by_cause`:
the findings whose money comes from the same failing parts), each cause told
once in one plain sentence with its money, the ``risk_per_year`` that
``audit --json`` gives each of its findings (the break-fix cost a year of
those parts' failures); causes without one (a vendor spread, a cut set) rank
after, most severe first. The ten costliest are shown, the rest counted.

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: netco, name: NetCo}]
... components:
...   - {id: poe, name: PoE switch, category: network, vendor: netco}
... services:
...   - {id: wifi, name: Wi-Fi, requires: [poe], cost_per_hour: 50}
... ''')
>>> fixes = fix_list(inv)
>>> fixes.items[0].text
'PoE switch is a single point of failure: on its own it takes down 1 service (Wi-Fi), $50/h and 0 people.'
>>> fixes.remedies, fixes.option
((), 'break-fix')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from depgraph.findings import SEVERITIES, audit
from depgraph.findings.causes import Cause, by_cause, told
from depgraph.inventory.container import Inventory
from depgraph.inventory.models import BREAK_FIX
from depgraph.remedies import RemedyValue, best_first
from depgraph.text import money

__all__ = ["FixItem", "FixList", "KINDS", "RemedyRow", "SHOWN_FIXES", "fix_list"]


SHOWN_FIXES = 10
"""How many causes the report lists; the rest are counted."""


@dataclass(frozen=True)
class FixItem:
    """One cause as the client reads it: its kinds of finding, one sentence, its cost a year.

    ``findings`` is how many of the audit's findings it stands for.
    """

    check: str
    severity: str
    text: str
    cost: str
    amount: float
    findings: int


@dataclass(frozen=True)
class RemedyRow:
    """One priced remedy: its cost, then its net saving a year and payback under the
    recommended option (``net``, ``payback``) and under break-fix (``net_break_fix``,
    ``payback_break_fix``; shown only when a plan is recommended).

    ``loses`` is set when it costs more than it saves under the recommended option.
    """

    name: str
    one_time: str
    monthly: str
    net: str
    payback: str
    net_break_fix: str
    payback_break_fix: str
    loses: bool


@dataclass(frozen=True)
class FixList:
    """The remedies best first, the costliest causes first, and a count of the rest.

    ``option`` names the recommended option inside a sentence ("break-fix" or
    the plan's name); ``plan`` is the plan's name, empty when break-fix is
    recommended. ``more`` findings in ``more_causes`` causes are not shown.
    """

    remedies: tuple[RemedyRow, ...]
    option: str
    plan: str
    items: tuple[FixItem, ...]
    more: int
    more_causes: int


def fix_list(
    inventory: Inventory, remedies: Sequence[RemedyValue] = (), plan: str = BREAK_FIX
) -> FixList:
    """The remedies and the audit of ``inventory``, ranked by money; ``plan`` is the recommended one."""
    causes = by_cause(audit(inventory))
    currency = inventory.site.currency
    items = tuple(_item(inventory, cause, currency) for cause in causes[:SHOWN_FIXES])
    rest = causes[SHOWN_FIXES:]
    shown_plan = "" if plan == BREAK_FIX else inventory.plan(plan).name
    rows = tuple(_remedy_row(value, plan, currency) for value in best_first(remedies, plan))
    return FixList(rows, shown_plan or "break-fix", shown_plan, items,
                   sum(len(c.findings) for c in rest), len(rest))


KINDS = {
    "DG101": "Single point of failure",
    "DG102": "Backup that is not one",
    "DG103": "Backup that fails unseen",
    "DG104": "Nobody looks after it",
    "DG105": "Service with no one to call",
    "DG106": "Long chain of calls",
    "DG107": "Many companies per failure",
    "DG108": "One company in most outages",
    "DG109": "Parts backing each other up",
    "DG110": "Failures that combine",
}
"""Each audit check as the report labels its findings, in the client's words (the audit's own
names, such as ``redundancy-not-real``, are for the command line)."""


def _item(inventory: Inventory, cause: Cause, currency: str) -> FixItem:
    kinds = list(dict.fromkeys(KINDS[f.code] for f in cause.findings))
    severity = min((f.severity for f in cause.findings), key=SEVERITIES.index)
    amount = cause.risk_per_year
    return FixItem(" · ".join(kinds), severity, told(inventory, cause),
                   money(amount, currency) if amount > 0 else "–", amount, len(cause.findings))


def _payback(months: float | None) -> str:
    return "never" if months is None else f"{months:,.0f} months" if months >= 1 else "at once"


def _remedy_row(value: RemedyValue, plan: str, currency: str) -> RemedyRow:
    net = value.net.get(plan)
    return RemedyRow(
        name=value.name,
        one_time=money(value.one_time_cost, currency),
        monthly=money(value.monthly_cost, currency) if value.monthly_cost else "–",
        net="–" if net is None else money(net, currency),
        payback=_payback(value.payback_months.get(plan)),
        net_break_fix=money(value.net[BREAK_FIX], currency),
        payback_break_fix=_payback(value.payback_months[BREAK_FIX]),
        loses=net is not None and net < 0,
    )
