"""One plan's figures per failure: what a failure costs under a plan, taken from its incident.

:class:`PlanTerms` holds, per component, the figures of its incident under
one plan (section 1); :func:`outcome` turns sampled failures into their
restoration times, labor and downtime under those terms.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from depgraph.costs.incidents import LATENT, incidents
from depgraph.costs.plans import plan_of
from depgraph.costs.schedules import site_calendars
from depgraph.inventory.container import Inventory
from depgraph.simulation.calendars import TimedTerms, timed_terms
from depgraph.simulation.discovery import absorbed, discovered
from depgraph.simulation.sampling import BoolArray, Failures, FloatArray, IntArray

__all__ = ["Outcome", "PlanTerms", "outcome", "plan_terms"]

@dataclass(frozen=True)
class PlanTerms:
    """What one failure of each component costs under one plan, in graph order.

    ``hours`` is the time to restore without misdirection (the mean of the
    lognormal), ``labor`` the engagement labor without misdirection,
    ``misdirectable`` the hand-offs that may be misdirected.
    """

    plan: str
    monthly_fee: float
    failure_reduction: float
    covered: BoolArray
    hours: FloatArray
    latent: BoolArray
    labor: FloatArray
    misdirectable: IntArray
    misdirection_hours: float
    misdirection_labor: float
    timed: TimedTerms | None = None


def plan_terms(inventory: Inventory, plan_id: str) -> PlanTerms:
    """The per-component figures of ``plan_id`` taken from the incidents of section 1."""
    plan = plan_of(inventory, plan_id)
    by_root = {i.root: i for i in incidents(inventory, plan_id)}
    found = [by_root[c.id] for c in inventory.components]
    default = found[0]
    return PlanTerms(
        plan=plan_id,
        monthly_fee=0.0 if plan is None else plan.monthly_fee,
        failure_reduction=0.0 if plan is None else plan.failure_reduction,
        covered=np.array([i.covered for i in found], dtype=bool),
        hours=np.array([i.base_hours for i in found]),
        latent=np.array([i.detection == LATENT for i in found], dtype=bool),
        labor=np.array([i.base_labor for i in found]),
        misdirectable=np.array([i.misdirectable_handoffs for i in found], dtype=np.int64),
        misdirection_hours=default.misdirection_hours,
        misdirection_labor=default.misdirection_labor,
        timed=timed_terms(found, site_calendars(inventory).always(range(len(inventory.services)))),
    )



@dataclass(frozen=True)
class Outcome:
    """What the failures of a batch cost under one plan, failure by failure.

    ``active``: not prevented; ``hours``: time to restore (misdirection
    included); ``labor``: labor (misdirection included); ``latent``: active
    and latent; ``end``: restoration once the failures that take a service
    down on their own (and are not absorbed) have found the latent ones
    (:func:`depgraph.simulation.discovery.discovered`; outages seen only in combination,
    in the replay, may bring some sooner still).
    """

    active: BoolArray
    hours: FloatArray
    labor: FloatArray
    latent: BoolArray
    end: FloatArray


def outcome(
    terms: PlanTerms, failures: Failures, blame_probability: float, exposing: BoolArray
) -> Outcome:
    """Prevention, misdirection, time to restore, labor and discovery of each failure.

    ``exposing[c]`` tells whether component c takes a service down on its own.
    """
    c = failures.component
    active = ~(terms.covered[c] & (failures.prevented < terms.failure_reduction))
    slots = np.arange(failures.blame.shape[1])
    eligible = slots[None, :] < terms.misdirectable[c][:, None]
    missed = (failures.blame < blame_probability) & eligible
    misses = missed.sum(axis=1)
    hours = terms.hours[c] * failures.spread + misses * terms.misdirection_hours
    if terms.timed is not None:
        rows = np.flatnonzero(terms.timed.timed[c])
        start = failures.start[rows]
        hours[rows] = terms.timed.restorations(
            c[rows], start, failures.spread[rows], missed[rows]
        ) - start
    alone = failures.start + hours
    latent = active & terms.latent[c]
    exposure = active & exposing[c]
    candidates = np.flatnonzero(exposure)
    exposure[candidates[absorbed(
        c[candidates], failures.year[candidates], failures.start[candidates], alone[candidates]
    )]] = False
    exposures = np.flatnonzero(exposure)
    return Outcome(
        active=active,
        hours=hours,
        labor=terms.labor[c] + misses * terms.misdirection_labor,
        latent=latent,
        end=discovered(
            latent, failures.year, failures.start, alone, exposures, alone[exposures]
        ),
    )
