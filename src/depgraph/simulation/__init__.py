"""Many years, simulated: section 3 of ``cost-model.md``.

The expected value of section 2 misses what makes break-fix hurt: failures
that overlap, failures that sit unseen, and bad luck. The simulation keeps
them. For each simulated year:

* every component fails as a Poisson process of its break-fix rate over
  8,760 hours (drawn as the superposed process: a Poisson number of failures,
  each given a component in proportion to its rate and a uniform time);
* the same failures serve every plan (common random numbers): under a plan a
  failure of a covered component is prevented when its one uniform number,
  shared by all plans, is below the plan's ``failure_reduction``;
* a failure's time to restore is its incident hours without misdirection
  (:func:`depgraph.costs.incidents.incident`) times one lognormal factor of mean 1 and
  coefficient of variation ``duration_spread`` (shared by all plans), plus
  one default engagement's hours for each misdirected hand-off; the hand-off
  at position i is misdirected when the failure's i-th uniform number is
  below ``blame_probability`` (shared by all plans too). Labor is the
  incident's engagement labor plus one default engagement's labor per
  misdirection;
* while a component is failed it is in the failed set F(t); the services down
  at time t are those down under F(t) (:class:`depgraph.engine.graph.FailureState`),
  so overlapping failures combine;
* a year's cost = 12 x ``monthly_fee`` + labor + the integral of the summed
  ``cost_per_hour`` of the down services.

**Latent failures.** A failure is latent under a plan when its incident is
(section 1: no service goes down on its own and nobody watches it). It stays
failed until its sampled time to restore, which includes the
``latent_discovery_days``, unless a service goes down first: whenever a
service goes down while latent failures are present (failed, not yet
restored), all of them, wherever they sit in the graph, are restored no
later than the incident that took the service down, and keep their own
labor. (A backup ISP line that failed unseen is repaired with the lobby TV
that fails two days later, not a month later.) A failure that is latent on
its own but takes a service down in combination (the second access point of
a 2-of-3 group) is found at once: its restoration time becomes its arrival
plus ``notice_hours`` of the symptom (the most costly newly down service, as
in section 1) plus its own engagement hours, times its lognormal factor, when
that is sooner than its latent restoration; its labor is unchanged; and it
finds the latent failures present like any other outage.

**Decisions where the spec is silent.**

* A failure of a component that is still failed is absorbed by the outage in
  progress: it adds no labor, no downtime and no incident, and finds no
  latent failure.
* A service *goes down* at the arrival of a failure that takes a service
  down on its own, even when another failure already has that service down
  (its incident is a visible outage, charged its symptom's notice), and at
  an arrival that takes a service down in combination with the failures in
  progress.
* Each simulated year is independent, and an outage that runs past 8,760 h
  is counted in full in the year of its failure, as its labor is. The mean
  then agrees with the expected value of section 2 when failures do not
  overlap (cutting outages at the year end would bias it down by the share of
  the year's last weeks).
* ``std`` is the sample standard deviation (n - 1); percentiles interpolate
  linearly between simulated years (``numpy.percentile``); "cheaper than
  break-fix" counts the years in which the plan cost strictly less.
* Restorations at the same instant as an arrival happen first.

**Reproducibility.** The draws come from ``Generator(PCG64(seed))`` in a
fixed order, in batches whose size depends on the site only (about
``BATCH_FAILURES`` failures each), and nothing depends on the iteration order
of a dict or set: the same site, years and seed give the same figures, bit
for bit.

**Speed.** Replaying every failure event by event is slow and rarely needed:
:class:`depgraph.simulation.overlap.OverlapFinder` gathers the failures that may
interact into groups. A failure alone in its group (under the plan at hand)
costs exactly its single-failure figures, computed in bulk with numpy; a
group is replayed event by event (:mod:`depgraph.simulation.replay`), on the exact
engine (:class:`~depgraph.engine.graph.FailureState`) when its failures may take
down more together than the union of what each takes down alone, else on
the union of their single-failure down sets. Discovery crosses groups, so it
is settled around them: before grouping, the failures that take a service
down on their own find the latent failures in bulk
(:mod:`depgraph.simulation.discovery`), and the groups are built on those restoration
times; the outages that only a replay sees (combinations) then find latent
failures in other groups too, which only brings restorations sooner and
keeps the groups valid (see :meth:`Simulator._settle`).
``tests/simulation/test_simulation.py`` checks the result against a plain event-by-event
replay of whole years.

Example (a router that fails twice a year on average; nothing else):

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: netco, response_hours: 4, diagnosis_hours: 1}]
... components:
...   - {id: router, category: network, vendor: netco, failures_per_year: 2}
... services:
...   - {id: internet, requires: [router], cost_per_hour: 100}
... plans:
...   - {id: care, monthly_fee: 50}
... ''')
>>> result = simulate(inv, years=2000, seed=1)
>>> [p.plan for p in result.plans]
['break-fix', 'care']
>>> round(result.plans[0].incidents, 1)  # failures a year
2.0
>>> abs(result.plans[0].mean - 2050) < 100  # expected: 2 x ($375 labor + 6.5 h x $100 down)
True
"""

from depgraph.simulation.simulator import simulate, simulate_years
from depgraph.simulation.summary import PlanSimulation, Simulation, summarize

__all__ = ["PlanSimulation", "Simulation", "simulate", "simulate_years", "summarize"]
