"""Remedies: priced changes to a site, their value, and before/after comparisons.

``remedies.md`` in the design documents is the contract. The parts:

* :mod:`depgraph.inventory.remedies`: what a remedy is (part of the format);
* :mod:`depgraph.inventory.applying`: applying one to the site's data;
* :mod:`depgraph.proposal`: reading them from an inventory or a file, checked;
* :mod:`~depgraph.remedies.figures`: the figures of one version of a site;
* :mod:`~depgraph.remedies.valuation`: saving, net, payback; the budget's pick;
* :mod:`~depgraph.remedies.suggest`: candidate remedies to price;
* :mod:`~depgraph.remedies.diff`: two versions of a site side by side;
* :mod:`~depgraph.remedies.sensitivity`: how the decision moves with each assumption.

>>> from depgraph.remedies import load_proposal, evaluate
>>> proposal = load_proposal('''
... version: 1
... site: {name: demo}
... components: [{id: nas, category: compute}]
... services: [{id: files, requires: [nas], cost_per_hour: 40}]
... remedies: [{id: nothing, one_time_cost: 10, monthly_cost: 1}]
... ''')
>>> [(v.id, v.net["break-fix"]) for v in evaluate(proposal)]
[('nothing', -12.0)]
"""

from depgraph.inventory.remedies import Remedy
from depgraph.proposal import Proposal, load_proposal
from depgraph.remedies.figures import SiteFigures, site_figures
from depgraph.remedies.suggest import suggest_remedies
from depgraph.remedies.valuation import Choice, RemedyValue, best_first, choose, evaluate, value_of

__all__ = [
    "Choice",
    "Proposal",
    "Remedy",
    "RemedyValue",
    "SiteFigures",
    "best_first",
    "choose",
    "evaluate",
    "load_proposal",
    "site_figures",
    "suggest_remedies",
    "value_of",
]
