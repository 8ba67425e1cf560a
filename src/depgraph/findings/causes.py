"""The audit's findings grouped by cause and told in the client's words (the report's list).

A finding's money (``risk_per_year``, :mod:`depgraph.findings.money`) is the
break-fix cost a year of the failures of some parts: its subject for a
component's finding (DG101, DG103, DG104, DG106), the parts that defeat a
redundancy group (DG102), the members of a loop (DG109). Findings whose money
comes from the *same set of parts* have one cause: fixing those parts settles
them all, and they carry the same figure, the one ``audit --json`` gives each
of them. :func:`by_cause` puts them in one :class:`Cause`, told once; a finding
without such parts (a service without owner, the vendors, the cut sets) is a
cause of its own.

:func:`told` is one plain sentence for a cause, built from the names the client
knows (``audit`` keeps its own wording, by id, for scripts).

>>> from depgraph import load_inventory
>>> from depgraph.findings import audit
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: netco}]
... components:
...   - {id: poe, name: PoE switch, category: network, vendor: netco}
...   - {id: ap-1, name: AP 1, category: network, vendor: netco, requires: [poe]}
...   - {id: ap-2, name: AP 2, category: network, vendor: netco, requires: [poe]}
... services:
...   - {id: wifi, name: Staff Wi-Fi, requires: [{any: [ap-1, ap-2]}], cost_per_hour: 50}
... ''')
>>> first = by_cause(audit(inv))[0]
>>> first.parts, [f.code for f in first.findings]
(('poe',), ['DG102', 'DG101'])
>>> print(told(inv, first))
Staff Wi-Fi looks redundant (it can use any of AP 1 and AP 2), but both go down with PoE switch, \
so that one failure still takes it down; and PoE switch is a single point of failure: on its own \
it takes down 1 service (Staff Wi-Fi), $50/h and 0 people.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from depgraph.findings.context import party_text
from depgraph.findings.model import Finding
from depgraph.inventory.container import Inventory
from depgraph.text import hours, listing, money, plural

__all__ = ["Cause", "by_cause", "cause_parts", "names_of", "plain", "told"]

_COMPONENT_CODES = ("DG101", "DG103", "DG104", "DG106")


@dataclass(frozen=True)
class Cause:
    """Findings whose money comes from the same ``parts`` (ids, sorted), most severe first."""

    parts: tuple[str, ...]
    findings: tuple[Finding, ...]

    @property
    def risk_per_year(self) -> float:
        """The break-fix cost a year of the parts' failures (0 for a cause without a rate)."""
        return float(self.findings[0].evidence.get("risk_per_year", 0.0))


def cause_parts(finding: Finding) -> tuple[str, ...]:
    """The ids of the parts whose failures ``finding``'s money counts, sorted; () for none."""
    if finding.code in _COMPONENT_CODES:
        return (finding.subject,)
    if finding.code == "DG102":
        return tuple(sorted(finding.evidence["defeated_by"]))
    if finding.code == "DG109":
        return tuple(sorted(finding.evidence["members"]))
    return ()


def by_cause(findings: Sequence[Finding]) -> list[Cause]:
    """``findings`` grouped by :func:`cause_parts`, the costliest cause first.

    Ties (and the causes without a rate) go in the audit's order: most severe
    first, then by code, then by subject.
    """
    groups: dict[tuple[str, ...], list[Finding]] = {}
    alone: list[list[Finding]] = []
    for finding in sorted(findings, key=Finding.sort_key):
        parts = cause_parts(finding)
        if parts:
            groups.setdefault(parts, []).append(finding)
        else:
            alone.append([finding])
    causes = [Cause(parts, tuple(found)) for parts, found in groups.items()]
    causes += [Cause((), tuple(found)) for found in alone]
    return sorted(causes, key=lambda c: (-c.risk_per_year, c.findings[0].sort_key()))


def names_of(inventory: Inventory) -> dict[str, str]:
    """Every named component, service, vendor and plan: id → name."""
    names: dict[str, str] = {}
    for group in (inventory.components, inventory.services, inventory.vendors, inventory.plans):
        names.update((n.id, n.name) for n in group if n.name)
    return names


def plain(message: str, names: dict[str, str]) -> str:
    """``message`` with every id replaced by its name (longest ids first, whole words only).

    >>> plain("core-1 needs core-10", {"core-1": "Core 1", "core-10": "Core 10"})
    'Core 1 needs Core 10'
    """
    if not names:
        return message
    pattern = "|".join(re.escape(i) for i in sorted(names, key=lambda i: (-len(i), i)))
    return re.sub(rf"(?<![\w.-])(?:{pattern})(?![\w-])", lambda m: names[m.group(0)], message)


def told(inventory: Inventory, cause: Cause) -> str:
    """One sentence for ``cause``: each kind of finding in a clause, joined by "; and"."""
    names = names_of(inventory)
    services = {s.id for s in inventory.services}
    redundancy = [f for f in cause.findings if f.code == "DG102"]
    clauses: list[str] = []
    for finding in cause.findings:
        if finding.code == "DG102":
            if finding is redundancy[0]:
                clauses.append(_redundancy(redundancy, names, services))
        elif finding.code == "DG103":
            clauses.append(_unseen(finding, names))
        elif finding.code == "DG101":
            clauses.append(_single_point(finding, names, inventory.site.currency))
        elif finding.code == "DG106":
            clauses.append(_hand_offs(finding, names))
        elif finding.code == "DG107":
            clauses.append(_fragmented(finding))
        elif finding.code == "DG108":
            clauses.append(_concentrated(finding, names, inventory.site.currency))
        else:
            clauses.append(plain(finding.message, names).rstrip("."))
    return "; and ".join(_lower_lead(c) if i else c for i, c in enumerate(clauses)) + "."


def _lower_lead(clause: str) -> str:
    """A clause after "; and": a sentence word ("When", "One") lower-cased, a name kept."""
    word = clause.split(" ", 1)[0]
    return clause[0].lower() + clause[1:] if word in ("When", "One") else clause


def _name(names: dict[str, str], node: str) -> str:
    return names.get(node, node)


def _failing(finding: Finding, names: dict[str, str], with_word: str) -> str:
    """``Back-of-house switch (or with Back-of-house rack UPS or Utility power)``."""
    parts = [_name(names, p) for p in finding.evidence["defeated_by"]]
    rest = f" (or {with_word} {listing(parts[1:], shown=len(parts), last='or')})" \
        if len(parts) > 1 else ""
    return parts[0] + rest


def _need(finding: Finding, names: dict[str, str]) -> str:
    """``any of AP 1 and AP 2`` or ``2 of AP 1, AP 2 and AP 3``."""
    members = listing([_name(names, m) for m in finding.evidence["members"]], shown=3)
    k = finding.evidence["k"]
    return f"any of {members}" if k == 1 else f"{k} of {members}"


def _redundancy(found: list[Finding], names: dict[str, str], services: set[str]) -> str:
    """The redundancy groups one failure defeats (DG102), in plain words."""
    if len(found) == 1:
        finding = found[0]
        node = _name(names, finding.subject)
        k, n = finding.evidence["k"], len(finding.evidence["members"])
        if k == 1:
            every = "both" if n == 2 else f"all {n}"
            return (f"{node} looks redundant (it can use {_need(finding, names)}), but {every} go "
                    f"down with {_failing(finding, names, 'with')}, so that one failure still "
                    "takes it down")
        return (f"{node} looks redundant (it needs {_need(finding, names)}), but one failure of "
                f"{_failing(finding, names, 'of')} leaves fewer than {k} of them working, so it "
                "still goes down")
    kinds = {f.subject in services for f in found}
    things = "services" if kinds == {True} else "parts" if kinds == {False} else "parts and services"
    lose = "all" if all(f.evidence["k"] == 1 for f in found) else "too many"
    listed = listing([_name(names, f.subject) for f in found], shown=len(found))
    return (f"One failure of {_failing(found[0], names, 'of')} takes down {len(found)} {things} "
            f"that look redundant but lose {lose} of their options with it: {listed}")


def _single_point(finding: Finding, names: dict[str, str], currency: str) -> str:
    """A single point of failure (DG101), short: what it takes down, an hour's cost, people."""
    services = [_name(names, s) for s in finding.evidence["services"]]
    return (f"{_name(names, finding.subject)} is a single point of failure: on its own it takes "
            f"down {plural(len(services), 'service')} ({listing(services, shown=2)}), "
            f"{money(finding.evidence['cost_per_hour'], currency)}/h and "
            f"{plural(finding.evidence['people'], 'person')}")


def _hand_offs(finding: Finding, names: dict[str, str]) -> str:
    """A long hand-off chain (DG106), short: the parties in turn and the time to fix."""
    parties = [party_text(p if p is None else _name(names, p)) for p in finding.evidence["parties"]]
    return (f"When {_name(names, finding.subject)} fails under break-fix, the call passes through "
            f"{len(parties)} parties ({' → '.join(parties)}) and it takes "
            f"{hours(finding.evidence['hours'])} to fix")


def _unseen(finding: Finding, names: dict[str, str]) -> str:
    """A backup that can fail unseen (DG103), in plain words."""
    part = _name(names, finding.subject)
    group = finding.evidence["groups"][0]
    node = _name(names, group["node"])
    down = [_name(names, m) for m in group["members_down"]]
    what = "it goes" if down == [part] else f"it and {listing([d for d in down if d != part])} go"
    why = "it is not monitored" if not finding.evidence["monitored"] else \
        "no plan of this site watches it"
    return (f"{part} can fail unseen: {node} falls back on others when {what} "
            f"down, so no service stops and under break-fix nobody notices for about "
            f"{finding.evidence['latent_days']:.0f} days, while the site runs without that backup "
            f"({why})")


def _fragmented(finding: Finding) -> str:
    """Vendor fragmentation (DG107), in the client's words: failures pass between companies."""
    evidence = finding.evidence
    return (f"Most failures need more than one company: of the {evidence['critical_paths']} ways "
            f"one failure can take a service down, {evidence['crossing']} "
            f"({evidence['share']:.0%}) pass from one company to another before the fix")


def _concentrated(finding: Finding, names: dict[str, str], currency: str) -> str:
    """Vendor concentration (DG108), in the client's words: one company in most outages."""
    evidence = finding.evidence
    services = plural(len(evidence["services"]), "service")
    return (f"{_name(names, finding.subject)} is involved in {evidence['share']:.0%} of the ways "
            f"one failure can take a service down ({services}, "
            f"{money(evidence['cost_per_hour'], currency)}/h): how fast it responds decides "
            "most outages")

