"""The simulator: one batch of years costed, lone failures in bulk, interacting groups replayed.

A :class:`Simulator` is built once per site: each plan's figures per
failure (:mod:`~depgraph.simulation.terms`), the footprints that tell which
failures may interact (:mod:`~depgraph.simulation.overlap`), the replay
engines, and the bounds on combined failures. :meth:`Simulator.run` then
costs one batch of sampled failures under break-fix and every plan: a
failure alone in its group from its single-failure figures, in bulk with
numpy; a group event by event (:mod:`~depgraph.simulation.replay`, fed by
:mod:`~depgraph.simulation.columns`), with latent discoveries settled
across groups (:meth:`Simulator._settle`). The batches, the seed and the
joining of batches are :mod:`depgraph.simulation.years`'s. See
:mod:`depgraph.simulation` for the model and the argument for why costing
isolated failures in bulk is exact.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import numpy as np

from depgraph.costs.plans import plan_ids
from depgraph.engine.graph import graph_of
from depgraph.inventory.container import Inventory
from depgraph.simulation.calendars import Charges, calendar_stretch
from depgraph.simulation.columns import FailedAt, GroupColumns
from depgraph.simulation.combined import CombinedCosts, chain_bounds, loop_order
from depgraph.simulation.discovery import discovered
from depgraph.simulation.overlap import Interactions, OverlapFinder
from depgraph.simulation.replay import ExactState, Replay, Replayed, UnionState
from depgraph.simulation.sampling import (
    BATCH_FAILURES,
    Failures,
    FloatArray,
    IntArray,
    sample_failures,
)
from depgraph.simulation.summary import YearFigures
from depgraph.simulation.terms import Outcome, PlanTerms, outcome, plan_terms

__all__ = ["Simulator"]


class Simulator:
    """The simulation of one site: plans' figures, overlap groups and event replay."""

    def __init__(self, inventory: Inventory) -> None:
        self.inventory = inventory
        self.graph = graph_of(inventory)
        self.terms = [plan_terms(inventory, p) for p in plan_ids(inventory)]
        self.blame = inventory.model.blame_probability
        self.rates = np.array([c.failures_per_year for c in inventory.components])
        self.costs = [CombinedCosts(inventory, t.plan) for t in self.terms]
        self.finder = OverlapFinder(self.graph)
        downs = [fp.down for fp in self.finder.keys.single]
        self.charges = Charges(self.graph, downs)
        self.replay = Replay(self.graph, self.charges)
        self.exact = ExactState(self.graph)
        self.union = UnionState(self.graph, downs)
        first = self.graph.n_components
        pairs = [(n - first, c) for c, down in enumerate(downs) for n in down if n >= first]
        self.pair_service = np.array([s for s, _ in pairs], dtype=np.int64)
        self.pair_component = np.array([c for _, c in pairs], dtype=np.int64)
        service_cost = np.array(self.graph.cost_per_hour[first:], dtype=float)
        self.cost_per_hour = _sums(self.pair_component, service_cost[self.pair_service], first)
        self.exposing = np.zeros(first, dtype=bool)
        self.exposing[self.pair_component] = True
        self.handoffs, self.reach, self.reach_handoffs = self._combined_bounds()
        self.stretch = calendar_stretch(inventory)
        self.misdirection = max(t.misdirection_hours for t in self.terms)

    def _combined_bounds(self) -> tuple[int, FloatArray, IntArray]:
        """The uniform numbers each failure draws, and bounds on its combined failure.

        Every failure draws one number per hand-off that any of its incidents
        may misdirect, alone or combined. Under any plan a combined failure of
        component c lasts at most ``reach[c]`` hours times its lognormal
        factor, plus its misdirections among at most ``reach_handoffs[c]``
        hand-offs (see :meth:`groups`); ``reach_handoffs[c]`` is -1 when c can
        never be combined (it is never latent, or no service lies above it).
        """
        alone = max(int(t.misdirectable.max(initial=0)) for t in self.terms)
        order = loop_order(self.graph)
        bounds = [chain_bounds(self.inventory, t.plan, self.graph, order) for t in self.terms]
        possible = np.any([t.latent & b.possible for t, b in zip(self.terms, bounds, strict=True)],
                          axis=0)
        handoffs = np.where(possible, np.max([b.handoffs for b in bounds], axis=0), -1)
        reach = np.where(possible, np.max([b.reach for b in bounds], axis=0), 0.0)
        return max(alone, int(handoffs.max(initial=0))), reach, handoffs

    def batches(self, years: int) -> list[int]:
        """The number of years of each batch, about ``BATCH_FAILURES`` failures each."""
        total_rate = float(self.rates.sum())
        batch = max(1, min(years, int(BATCH_FAILURES / total_rate) if total_rate > 0 else years))
        return [min(batch, years - done) for done in range(0, years, batch)]

    def sample(self, years: int, rng: np.random.Generator) -> Failures:
        """The failures of ``years`` simulated years of this site."""
        spread = self.inventory.model.duration_spread
        return sample_failures(self.rates, years, self.handoffs, spread, rng)

    def outcomes(self, failures: Failures) -> list[Outcome]:
        """What ``failures`` cost under break-fix and every plan, failure by failure."""
        return [outcome(t, failures, self.blame, self.exposing) for t in self.terms]

    def groups(self, failures: Failures, outcomes: list[Outcome]) -> Interactions:
        """The groups of ``failures`` that may interact under any plan.

        The spans end at the latest restoration under any plan, or later
        for a failure that may turn out combined: at the longest its symptom
        incident can take (:func:`depgraph.simulation.combined.chain_bounds`)
        with its own draws: its lognormal factor, and a misdirection for
        each of its uniform numbers below ``blame_probability`` among the
        hand-offs such an incident can have.
        """
        latest = np.max([o.end for o in outcomes], axis=0)
        c = failures.component
        slots = np.arange(failures.blame.shape[1])
        eligible = slots[None, :] < self.reach_handoffs[c][:, None]
        misses = ((failures.blame < self.blame) & eligible).sum(axis=1)
        longest = failures.start + self.reach[c] * failures.spread + misses * self.misdirection
        if self.stretch is not None:  # on calendars: waits for opening hours, work stretched
            # detection, two steps per party (an unowned part: search, then a vendor), misdirections
            steps = 1 + 2 * (np.maximum(self.reach_handoffs[c], 0) + 1) + misses
            longest = self.stretch.latest(failures.start, longest - failures.start, steps)
        end = np.where(self.reach_handoffs[c] >= 0, np.maximum(latest, longest), latest)
        return self.finder.groups(failures.year, c, failures.start, end)

    def run(self, failures: Failures, years: int) -> list[YearFigures]:
        """What ``failures`` (of ``years`` years) cost under break-fix and every plan."""
        outcomes = self.outcomes(failures)
        groups = self.groups(failures, outcomes)
        return [
            self._plan_years(t, o, costs, failures, groups, years)
            for t, o, costs in zip(self.terms, outcomes, self.costs, strict=True)
        ]

    def _plan_years(
        self, terms: PlanTerms, result: Outcome, costs: CombinedCosts, failures: Failures,
        groups: Interactions, years: int,
    ) -> YearFigures:
        """One plan's figures: lone failures in bulk, groups replayed event by event.

        A lone latent failure takes no service down, so its restoration
        does not matter here: lone failures cost their own ``hours``.
        """
        label = groups.label
        together = np.bincount(label[result.active], minlength=len(label))[label] >= 2
        alone = result.active & ~together
        year, c = failures.year[alone], failures.component[alone]
        hours = result.hours[alone]
        per_component = _sums(c, hours, self.graph.n_components)
        figures = YearFigures(
            plan=terms.plan,
            monthly_fee=terms.monthly_fee,
            labor=_sums(year, result.labor[alone], years),
            downtime_cost=_sums(year, self._downtime(c, failures.start[alone], hours), years),
            incidents=np.bincount(year, minlength=years).astype(np.int64),
            downtime_hours=_sums(
                self.pair_service, per_component[self.pair_component],
                len(self.inventory.services),
            ),
        )
        replayed = result.active & together
        cascading = GroupColumns(
            terms, result, failures, self.exposing, label, replayed & groups.cascades, costs
        )
        end, replays = self._settle(result, failures, label, cascading)
        _add(figures, cascading, replays)
        union = GroupColumns(
            terms, result, failures, self.exposing, label, replayed & ~groups.cascades, costs
        )
        failed = FailedAt(failures, result.active, end, label)
        _add(figures, union, union.replay(self.replay, self.union, end, range(len(union)), failed))
        return figures

    def _downtime(self, component: IntArray, start: FloatArray, hours: FloatArray) -> FloatArray:
        """The downtime cost of lone failures: by the hour, or on the services' calendars."""
        if self.charges.plain:
            plain: FloatArray = self.cost_per_hour[component] * hours
            return plain
        return self.charges.failures(component, start, start + hours)

    def _settle(
        self, result: Outcome, failures: Failures, label: IntArray, groups: GroupColumns
    ) -> tuple[FloatArray, dict[int, Replayed]]:
        """Every failure's restoration, and the replays of the cascading ``groups``.

        A replay may see a service go down only in combination (the second
        access point of a 2-of-3 group): that exposure finds the latent
        failures present anywhere, in other groups too. So the groups are
        replayed, each with the restorations brought forward by the
        exposures outside it; then the restorations are recomputed with
        every exposure, and the groups that disagree replayed again, until
        none does. That ends: each pass settles at least the next exposure
        in time order (everything before it is already right); one pass is
        usual. A combined failure is no latent failure: its restoration is
        the replay's, and no exposure finds it. Its chain may pass through
        nodes that failures in other groups took down, so a group is also
        replayed again when what was failed elsewhere at the arrival of one of
        its combined failures has changed (:class:`FailedAt`, from the
        restorations known so far).
        """
        year, start = failures.year, failures.start
        given = result.end
        failed = FailedAt(failures, result.active, result.end, label)
        replays: dict[int, Replayed] = {}
        pending: Iterable[int] = range(len(groups))
        while True:
            replays.update(groups.replay(self.replay, self.exact, given, pending, failed))
            found, found_end = groups.exposures(replays)
            due = result.end.copy()
            due[found] = found_end
            latent = result.latent.copy()
            latent[groups.combined(replays)] = False
            end = discovered(latent, year, start, due, found, found_end)
            settled = np.array(
                list(itertools.chain.from_iterable(replays[g].end for g in range(len(groups))))
            )
            changed = np.flatnonzero((end[groups.index] != settled) & ~np.isnan(settled))
            failed = FailedAt(failures, result.active, end, label)
            stale = groups.stale(replays, failed)
            if not len(changed) and not stale:
                return end, replays
            pending = sorted(set(groups.group_of[changed].tolist()) | stale)
            given = discovered(result.latent, year, start, result.end, found, found_end, label)


def _add(figures: YearFigures, groups: GroupColumns, replays: dict[int, Replayed]) -> None:
    """Add the replays of ``groups`` to ``figures``."""
    for g, r in replays.items():
        year = groups.year[g]
        figures.labor[year] += r.labor
        figures.downtime_cost[year] += r.downtime
        figures.incidents[year] += r.incidents
        for service, hours in r.service_hours.items():
            figures.downtime_hours[service] += hours
    combined = [
        (groups.year[g], s, groups.columns.component[groups.bounds[g] + k], h)
        for g, r in replays.items() for k, s, h in r.combined
    ]
    figures.combined_year = np.append(
        figures.combined_year, np.array([c[0] for c in combined], dtype=np.int64))
    figures.combined_service = np.append(
        figures.combined_service, np.array([c[1] for c in combined], dtype=np.int64))
    figures.combined_component = np.append(
        figures.combined_component, np.array([c[2] for c in combined], dtype=np.int64))
    figures.combined_hours = np.append(
        figures.combined_hours, np.array([c[3] for c in combined], dtype=np.float64))


def _sums(index: IntArray, weights: FloatArray, size: int) -> FloatArray:
    """``size`` sums: ``weights`` added up by ``index`` (floats, even when nothing is added)."""
    sums: FloatArray = np.bincount(index, weights=weights, minlength=size).astype(np.float64)
    return sums
