"""Hand-worked sites shared by the tests, each named by what it exercises.

Every figure a test asserts about these sites was worked out by hand from
the documents in ``docs/design``; the comments above each site give the sums.
"""

from __future__ import annotations

from pathlib import Path

from depgraph import Inventory, load_inventory

__all__ = [
    "BUNDLED", "HANDOFF_OFFICE", "REDUNDANT_OFFICE", "REPORT_OFFICE", "ROOT", "ROUTER_ON_FIBER", "small_site",
]

ROOT = Path(__file__).resolve().parents[1]
"""The repository."""

BUNDLED = sorted((ROOT / "inventories").glob("*.yaml"))
"""The example sites shipped in ``inventories/``."""


def small_site(components: str, services: str) -> Inventory:
    """An inventory from YAML lists of components and services."""
    return load_inventory(
        f"version: 1\nsite: {{name: t}}\ncomponents:\n{components}\nservices:\n{services}\n"
    )


# Chains of hand-offs (through an unowned switch, to an included ISP), a latent NAS,
# and three plans: one covering some vendors, one watching everything, one covering a vendor
# with nothing to fix (cost-model.md section 1 worked by hand in tests/costs/test_cost.py).
HANDOFF_OFFICE = """\
version: 1
site: {name: Hand-worked office}
model: {blame_probability: 0.5, latent_discovery_days: 10, unowned_search_hours: 8}
defaults:
  vendor: {hourly_rate: 100, trip_fee: 50, minimum_hours: 2, response_hours: 10, diagnosis_hours: 1}
vendors:
  - {id: isp, name: FiberCo, billing: included, response_hours: 4, diagnosis_hours: 1}
  - {id: netco, name: NetCo, hourly_rate: 120, trip_fee: 60, minimum_hours: 1,
     response_hours: 20, diagnosis_hours: 2}
  - {id: avco, name: Bright AV, hourly_rate: 200, trip_fee: 100, minimum_hours: 3,
     response_hours: 8, diagnosis_hours: 1}
components:
  - {id: line, category: network, vendor: isp, repair_hours: 5, failures_per_year: 1}
  - {id: router, category: network, vendor: netco, requires: [line], repair_hours: 2,
     failures_per_year: 0.5}
  - {id: switch, category: network, requires: [router], repair_hours: 1, failures_per_year: 0.4}
  - {id: codec, category: conferencing, vendor: avco, requires: [switch], repair_hours: 4,
     failures_per_year: 0.2, monitored: false}
  - {id: nas, category: compute, vendor: netco, repair_hours: 3, failures_per_year: 0.1,
     monitored: false}
services:
  - {id: video, name: Boardroom video calls, requires: [codec], cost_per_hour: 100, people: 5,
     owner: avco, notice_hours: 1}
  - {id: internet, requires: [router], cost_per_hour: 50, people: 10, owner: netco}
plans:
  - {id: netcare, name: NetCare, monthly_fee: 100, covers: [netco, isp], response_hours: 4,
     diagnosis_hours: 0.5, remote_fix_rate: 0.5, failure_reduction: 0.5}
  - {id: full, name: Full Care, partner: Studio, monthly_fee: 500, response_hours: 2,
     detection_hours: 0.5, diagnosis_hours: 1, remote_fix_rate: 0.25, failure_reduction: 0.2}
  - {id: lemon, name: Lemon, monthly_fee: 10, covers: [avco], response_hours: 100,
     remote_fix_rate: 0, failure_reduction: 0}
"""


# core-switch fails: internet (200, 12), wifi (150, 10: all three APs need the
# switch), calls (120, 8: the codec needs it), phones (40, 2: the phone needs it)
# go down: 4 services, 200 + 150 + 120 + 40 = $510/h, 12 + 10 + 8 + 2 = 32 people;
# signage (only the display) stays up.
REDUNDANT_OFFICE = """
version: 1
site: {name: Corner office}
vendors:
  - {id: isp, name: Metro ISP, billing: included}
  - {id: netco, name: NetCo}
  - {id: avco, name: AV Co}
components:
  - {id: fiber, category: network, vendor: isp}
  - {id: lte, category: network, vendor: isp}
  - {id: ups, category: power, room: Closet}
  - {id: core-switch, name: core-switch, category: network, vendor: netco, room: Closet,
     manufacturer: Cisco, model: C9200, requires: [{any: [fiber, lte]}, ups]}
  - {id: ap-1, category: network, vendor: netco, room: Open office, requires: [core-switch]}
  - {id: ap-2, category: network, vendor: netco, room: Open office, requires: [core-switch]}
  - {id: ap-3, category: network, vendor: netco, room: Open office, requires: [core-switch]}
  - {id: codec, category: conferencing, vendor: avco, room: Boardroom, requires: [core-switch]}
  - {id: display, category: video, vendor: avco, room: Boardroom}
  - {id: phone, category: voip, vendor: netco, requires: [core-switch]}
services:
  - {id: internet, requires: [core-switch], cost_per_hour: 200, people: 12}
  - {id: wifi, requires: [{at_least: 2, of: [ap-1, ap-2, ap-3]}], cost_per_hour: 150, people: 10}
  - {id: calls, name: Video calls, requires: [codec, display], cost_per_hour: 120, people: 8}
  - {id: phones, requires: [phone], cost_per_hour: 40, people: 2}
  - {id: signage, requires: [display], cost_per_hour: 10}
"""


# The report's office: a line, a router, two access points and a codec, three vendors.
REPORT_OFFICE = """\
version: 1
site: {name: Hand-worked office, kind: office}
model: {blame_probability: 0.5}
vendors:
  - {id: isp, name: FiberCo, billing: included, response_hours: 4, diagnosis_hours: 1}
  - {id: netco, name: NetCo, hourly_rate: 100, trip_fee: 50, response_hours: 24,
     diagnosis_hours: 1}
  - {id: avco, name: Bright AV, hourly_rate: 200, trip_fee: 100, response_hours: 48,
     diagnosis_hours: 2}
components:
  - {id: line, category: network, vendor: isp, repair_hours: 2, failures_per_year: 1}
  - {id: router, name: Router, category: network, vendor: netco, requires: [line],
     failures_per_year: 0.5}
  - {id: ap-1, category: network, vendor: netco, requires: [router]}
  - {id: ap-2, category: network, vendor: netco, requires: [router]}
  - {id: codec, category: conferencing, vendor: avco, requires: [router]}
services:
  - {id: wifi, name: Wi-Fi, requires: [{any: [ap-1, ap-2]}], cost_per_hour: 10, people: 5,
     owner: netco}
  - {id: calls, name: Video calls, requires: [codec, wifi], cost_per_hour: 100, people: 3,
     owner: avco}
plans:
  - {id: care, name: Office Care, partner: NetCo Managed, monthly_fee: 100}
"""


# A router on one fiber line, one service, one plan covering all, no misdirection: the
# remedies, diff and sensitivity tests (tests/remedies) work its figures out by hand.
ROUTER_ON_FIBER = """\
version: 1
site: {name: Test}
model: {blame_probability: 0}
vendors:
  - {id: isp, billing: included, response_hours: 4, diagnosis_hours: 1}
  - {id: netco, response_hours: 4, diagnosis_hours: 1, hourly_rate: 100, trip_fee: 50}
components:
  - {id: fiber, category: network, vendor: isp, failures_per_year: 1}
  - {id: router, category: network, vendor: netco, failures_per_year: 0.5, requires: [fiber]}
services:
  - {id: internet, requires: [router], cost_per_hour: 100, people: 5}
plans:
  - {id: care, monthly_fee: 100}
"""
