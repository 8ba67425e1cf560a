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
that fails two days later, not a month later.) A new failure that a service
already down hides counts as such an outage too.

**Combined failures.** A failure that is latent on its own but takes a
service down in combination with the failures present (the second access
point of a 2-of-3 group, the second uplink while the first sits latent) is
a symptom incident costed by section 1 on the failed set at that moment
(:func:`depgraph.costs.incidents.combined_incident`, the function that costs
every incident): the symptom is the costliest service it newly takes down,
the first party follows the symptom rule, the chain follows the shortest
path from that service to the failure through the nodes down, and each
eligible hand-off may be misdirected (by the failure's own uniform numbers).
Its time to restore and labor are that incident's, in place of the latent
ones (even when the latent discovery would have been sooner: it is no
longer latent), and it finds the latent failures present like any other
outage; being no latent failure, no later outage finds it. Each plan's
combined failures are summed up by symptom and by component
(:class:`depgraph.simulation.combined.CombinedFailures`).

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
* A failure that is latent on its own and arrives while a service it would
  take down in combination is already down takes nothing down that was up:
  it stays latent (found by the next outage, or by chance).
* Every failure draws one uniform number per hand-off that any incident of
  its component may misdirect, alone or combined, so the draws of a site
  with possible combined failures differ from those of earlier versions.

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
keeps the groups valid (see :meth:`Simulator._settle`). A combined failure
may last longer than its latent restoration, so a failure that may turn out
combined has its span stretched to the longest its symptom incident can take
(:func:`depgraph.simulation.combined.chain_bounds`: the heaviest requirement
path into it, counting an engagement only where the party changes), with its
own draws; only the groups are replayed, as before.
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

from depgraph.simulation.summary import PlanSimulation, Simulation, summarize
from depgraph.simulation.years import simulate, simulate_years

__all__ = ["PlanSimulation", "Simulation", "simulate", "simulate_years", "summarize"]
