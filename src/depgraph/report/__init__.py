"""The proposal report: one self-contained HTML file a client can read.

:func:`build_report` gathers every figure the report shows (a :class:`Report`);
:func:`render_report` turns it into HTML through the Jinja2 templates in
``depgraph/report/templates``. The page makes no network request of any kind: the
dependency diagram and the cost chart are inline SVG, the style sheet and the
script are inline, fonts are the reader's system fonts.

The report has, in order: the site at a glance; the dependency diagram with an
interactive "what if" (click a component, in the diagram or in the list, to
see its blast radius); the top risks (single points of failure by cost per
hour); the fragmentation story (the costliest break-fix incidents, their
chains of vendors, and the same incidents under each plan); the plan
comparison (expected and simulated annual cost, the distribution of annual
cost per plan, the break-even fees in words); and every assumption.

The "what if" reads the single-failure down set of every component from a
JSON document embedded in the page, escaped so that no name can close the
``<script>`` element that holds it. The simulation runs
:data:`DEFAULT_YEARS` years unless told otherwise: enough for stable
percentiles, quick enough for a report. The same inventory, years and seed
give the same file, byte for byte.

Example:

>>> from depgraph import load_inventory
>>> inv = load_inventory('''
... version: 1
... site: {name: demo}
... vendors: [{id: netco}]
... components:
...   - {id: router, category: network, vendor: netco}
... services:
...   - {id: internet, requires: [router], cost_per_hour: 20, people: 4}
... plans:
...   - {id: care, monthly_fee: 100}
... ''')
>>> report = build_report(inv, years=50, seed=1)
>>> [risk.id for risk in report.risks]
['router']
>>> html = render_report(report)
>>> html.startswith("<!DOCTYPE html>") and "https://" not in html
True
"""

from depgraph.report.builder import DEFAULT_SEED, DEFAULT_YEARS, build_report, render_report, report_html
from depgraph.report.model import Report

__all__ = ["DEFAULT_SEED", "DEFAULT_YEARS", "Report", "build_report", "render_report", "report_html"]
