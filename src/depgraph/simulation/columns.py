"""The failures of the groups a batch replays, laid out as the columns the replay reads.

The simulator (:mod:`depgraph.simulation.simulator`) costs lone failures in
bulk and replays only the groups of failures that may interact
(:mod:`depgraph.simulation.overlap`). :class:`GroupColumns` sorts a plan's
grouped failures by group, then time, into plain lists (component, start,
restoration, lognormal factor, labor, misdirection draws) that the
event-by-event replay (:mod:`depgraph.simulation.replay`) walks without
touching numpy, and maps what the replays report back to positions in the
batch. :class:`FailedAt` answers the one question a group cannot answer
alone: which components failures outside it have down at a given time,
for the chains of combined failures. Both are bookkeeping between the
batch's arrays and the replay, kept apart from the costing that uses them.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from depgraph.simulation.combined import CombinedCosts
from depgraph.simulation.discovery import absorbed
from depgraph.simulation.replay import Elsewhere, GroupFailures, Replay, Replayed, State
from depgraph.simulation.sampling import BoolArray, Failures, FloatArray, IntArray
from depgraph.simulation.terms import Outcome, PlanTerms

__all__ = ["FailedAt", "GroupColumns"]


class FailedAt:
    """The components failed at a given time of a year outside one group, under one plan.

    Built from the restorations known so far (``end``); a failure absorbed
    by another of its component counts through that one. The tables are made
    at the first question (most batches ask none).
    """

    def __init__(self, failures: Failures, active: BoolArray, end: FloatArray, label: IntArray):
        self.failures, self.active, self.end, self.label = failures, active, end, label
        self.tables: tuple[IntArray, FloatArray, FloatArray, IntArray, IntArray] | None = None

    def _tables(self) -> tuple[IntArray, FloatArray, FloatArray, IntArray, IntArray]:
        if self.tables is None:
            f = self.failures
            chosen = np.flatnonzero(self.active)
            rows = chosen[~absorbed(f.component[chosen], f.year[chosen], f.start[chosen],
                                    self.end[chosen])]
            first = np.searchsorted(f.year[rows], np.arange(int(f.year.max(initial=0)) + 2))
            self.tables = (first, f.start[rows], self.end[rows], self.label[rows], f.component[rows])
        return self.tables

    def outside(self, year: int, label: int, t: float) -> tuple[int, ...]:
        """The components failed at ``t`` of ``year`` by failures outside group ``label``."""
        first, start, end, labels, component = self._tables()
        lo, hi = int(first[year]), int(first[year + 1])
        hi = lo + int(np.searchsorted(start[lo:hi], t, side="left"))
        live = (end[lo:hi] > t) & (labels[lo:hi] != label)
        return tuple(sorted(set(component[lo:hi][live].tolist())))


class GroupColumns:
    """The failures of some groups, sorted by group then time, as replay columns.

    ``index`` holds their positions in the batch; group g is
    ``index[bounds[g]:bounds[g + 1]]``.
    """

    def __init__(
        self, terms: PlanTerms, result: Outcome, failures: Failures, exposing: BoolArray,
        label: IntArray, chosen_mask: BoolArray, costs: CombinedCosts,
    ) -> None:
        chosen = np.flatnonzero(chosen_mask)
        self.index = chosen[np.argsort(label[chosen], kind="stable")]
        self.costs = costs
        c = failures.component[self.index]
        self.columns = GroupFailures(
            component=c.tolist(), start=failures.start[self.index].tolist(), end=[],
            spread=failures.spread[self.index].tolist(), latent=terms.latent[c].tolist(),
            exposing=exposing[c].tolist(), labor=result.labor[self.index].tolist(),
            blame=failures.blame[self.index].tolist(),
        )
        labels = label[self.index]
        self.label = labels
        starts = np.flatnonzero(labels[1:] != labels[:-1]) + 1
        self.bounds = np.r_[0, starts, len(labels)] if len(labels) else np.zeros(1, np.int64)
        self.group_of = np.repeat(np.arange(len(self)), np.diff(self.bounds))
        self.year = failures.year[self.index[self.bounds[:-1]]].tolist()

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def replay(
        self, replay: Replay, state: State, end: FloatArray, numbers: Iterable[int],
        failed: FailedAt,
    ) -> dict[int, Replayed]:
        """Replay the groups ``numbers`` with restorations ``end`` (over the batch).

        ``failed`` tells what is failed outside each group, for the chains of
        combined failures.
        """
        columns = self.columns._replace(end=end[self.index].tolist())
        bounds = self.bounds.tolist()
        return {
            g: replay.group(
                state, columns.part(bounds[g], bounds[g + 1]), self.costs, self.elsewhere(g, failed)
            )
            for g in numbers
        }

    def elsewhere(self, g: int, failed: FailedAt) -> Elsewhere:
        """What is failed outside group ``g`` at a time of its year."""
        year, label = self.year[g], int(self.label[self.bounds[g]])
        return lambda t: failed.outside(year, label, t)

    def stale(self, replayed: dict[int, Replayed], failed: FailedAt) -> set[int]:
        """The groups whose combined failures found their chains through other failures."""
        return {
            g for g, r in replayed.items()
            if any(self.elsewhere(g, failed)(self.columns.start[self.bounds[g] + k]) != seen
                   for (k, _, _), seen in zip(r.combined, r.elsewhere, strict=True))
        }

    def exposures(self, replayed: dict[int, Replayed]) -> tuple[IntArray, FloatArray]:
        """The combination-only exposures of ``replayed``: batch positions (ascending), restorations."""
        pairs = sorted(
            (int(self.index[self.bounds[g] + k]), end)
            for g, r in replayed.items() for k, end in r.exposures
        )
        return (
            np.array([k for k, _ in pairs], dtype=np.int64),
            np.array([end for _, end in pairs], dtype=np.float64),
        )

    def combined(self, replayed: dict[int, Replayed]) -> IntArray:
        """The batch positions of the combined failures of ``replayed``."""
        return np.array(
            [self.index[self.bounds[g] + k] for g, r in replayed.items() for k, _, _ in r.combined],
            dtype=np.int64,
        )
