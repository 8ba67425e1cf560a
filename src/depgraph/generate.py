"""Synthetic campus sites: realistic large inventories for benchmarks and tests.

:func:`generate_site` writes the inventory (format version 1) of a campus with
a requested number of components, the same text for the same seed. The campus
has what a real one has, at the sizes where speed starts to matter:

* two ISPs (fiber and a cellular backup, both billed ``included``) behind two
  routers that each take ``{any: [fiber, cellular]}``;
* a redundant core pair, a supported loop: each core switch requires its own
  router or the other core, so the pair survives one router but both go down
  when both routers do;
* per building, a redundant distribution pair (another supported loop, each
  switch uplinked to one core and to its partner), a main UPS, a camera
  recorder (NVR) and an access-control controller;
* per floor, one or two network closets, each with a UPS and PoE access
  switches that require it; access points in k-of-n coverage groups (one per
  closet), cameras, badge readers, signage displays, and conference rooms
  (codec, camera, microphone, display, touch panel);
* services per room ("video calls"), per floor (Wi-Fi, badge access, signage),
  per building (video surveillance) and one for the campus (internet), each
  with a cost per hour and the people who lose it;
* vendors for every trade (ISPs, network contractor, electrician, AV
  integrator, security company, cloud SaaS) and two managed plans.

The component count is exactly the one requested: floors are added while they
fit, and the remainder becomes extra access points, cameras and displays spread
over the floors.

Example:

>>> from depgraph import load_inventory
>>> text = generate_site(300, seed=1)
>>> text == generate_site(300, seed=1)
True
>>> len(load_inventory(text).components)
300
"""

from __future__ import annotations

import itertools
import json
import math
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from depgraph.errors import UsageError

__all__ = ["CORE", "Campus", "Floor", "Requirement", "generate_site", "plan_campus", "smallest_site"]

Requirement = str | dict[str, Any]

CORE = ("core-1", "core-2")
"""The redundant core pair: failing both takes the whole campus down."""

_ROUTERS: dict[str, Any] = {"any": ["router-1", "router-2"]}
_WLC: dict[str, Any] = {"any": ["wlc-1", "wlc-2"]}
_CAMPUS_COMPONENTS = 12
_BUILDING_COMPONENTS = 5
_PORTS_PER_SWITCH = 44
_PLAIN = re.compile(r"^[a-z][a-z0-9-]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}

_VENDORS: tuple[dict[str, Any], ...] = (
    {"id": "fiberco", "name": "Metro Fiber", "trade": "isp", "billing": "included",
     "response_hours": 8, "diagnosis_hours": 1},
    {"id": "cellco", "name": "Cellular backup line", "trade": "isp", "billing": "included",
     "response_hours": 24, "diagnosis_hours": 1},
    {"id": "netco", "name": "Campus Network Contractors", "trade": "network",
     "hourly_rate": 165, "trip_fee": 95, "response_hours": 8},
    {"id": "powerco", "name": "Bright Electrical", "trade": "electrical",
     "hourly_rate": 130, "trip_fee": 95, "response_hours": 24},
    {"id": "avco", "name": "Clearview AV Integrators", "trade": "av",
     "hourly_rate": 150, "trip_fee": 125, "response_hours": 48, "diagnosis_hours": 2},
    {"id": "secco", "name": "Sentinel Security", "trade": "security",
     "hourly_rate": 140, "trip_fee": 85, "response_hours": 24},
    {"id": "cloudco", "name": "Cloud meetings and signage (SaaS)", "trade": "cloud",
     "billing": "included", "response_hours": 2, "diagnosis_hours": 0.5},
)


@dataclass
class Floor:
    """What one floor holds; closets and switches are fixed when the floor is planned."""

    building: int
    number: int
    rooms: list[int]
    aps: int
    cameras: int
    doors: int
    displays: int
    occupancy: int
    closets: int = 1
    switches: int = 1

    def poe_devices(self) -> int:
        """Devices on switch ports: APs, cameras, readers, displays, room codec/mic/panel."""
        return self.aps + self.cameras + self.doors + self.displays + 3 * len(self.rooms)

    def wire(self) -> None:
        """Choose the closets and the switches per closet for the devices planned."""
        devices = self.poe_devices()
        self.closets = 1 if devices <= _PORTS_PER_SWITCH else 2
        self.switches = math.ceil(devices / self.closets / _PORTS_PER_SWITCH)

    def size(self) -> int:
        """The number of components of this floor."""
        devices = self.aps + self.cameras + self.doors + self.displays + 5 * len(self.rooms)
        return devices + self.closets * (1 + self.switches)

    @property
    def code(self) -> str:
        """The id fragment of this floor, ``b03-f02``."""
        return f"b{self.building:02d}-f{self.number:02d}"

    @property
    def label(self) -> str:
        """The display name of this floor, ``Building 3 floor 2``."""
        return f"Building {self.building} floor {self.number}"


@dataclass
class Campus:
    """The planned floors, grouped by building number."""

    floors: list[Floor] = field(default_factory=list)

    def buildings(self) -> Iterator[tuple[int, list[Floor]]]:
        """Each building number with its floors, in order."""
        for number, floors in itertools.groupby(self.floors, key=lambda f: f.building):
            yield number, list(floors)


def generate_site(components: int, seed: int = 0) -> str:
    """The inventory YAML of a synthetic campus with exactly ``components`` components.

    The same ``(components, seed)`` always gives the same text, byte for byte.
    Raises :class:`UsageError` when ``components`` is below the smallest campus
    (one building with one floor).
    """
    campus = plan_campus(components, random.Random(seed))
    return _render(campus, components, seed)


def smallest_site() -> int:
    """The fewest components :func:`generate_site` accepts."""
    return _CAMPUS_COMPONENTS + _BUILDING_COMPONENTS + _minimal_floor().size()


def plan_campus(components: int, rng: random.Random) -> Campus:
    """Plan buildings and floors that add up to exactly ``components`` components."""
    if components < smallest_site():
        raise UsageError(
            f"a generated campus needs at least {smallest_site()} components, not {components}"
        )
    budget = components - _CAMPUS_COMPONENTS
    campus = Campus()
    used = 0
    for floor in _random_floors(rng):
        cost = floor.size() + (_BUILDING_COMPONENTS if floor.number == 1 else 0)
        if used + cost > budget:
            break
        campus.floors.append(floor)
        used += cost
    if not campus.floors:
        campus.floors.append(_minimal_floor())
        used = _BUILDING_COMPONENTS + campus.floors[0].size()
    _spread(campus, budget - used)
    return campus


def _random_floors(rng: random.Random) -> Iterator[Floor]:
    """An endless supply of buildings of 2 to 12 random floors each."""
    for building in itertools.count(1):
        for number in range(1, rng.randint(2, 12) + 1):
            floor = Floor(
                building=building,
                number=number,
                rooms=[rng.choice((4, 6, 8, 10, 12, 16, 20)) for _ in range(rng.randint(2, 10))],
                aps=rng.randint(6, 24),
                cameras=rng.randint(4, 16),
                doors=rng.randint(2, 8),
                displays=rng.randint(1, 6),
                occupancy=rng.randint(20, 150),
            )
            floor.wire()
            yield floor


def _minimal_floor() -> Floor:
    """The floor of the smallest campus: one room, 4 APs, one of everything else."""
    floor = Floor(1, 1, rooms=[8], aps=4, cameras=1, doors=1, displays=1, occupancy=20)
    floor.wire()
    return floor


def _spread(campus: Campus, extra: int) -> None:
    """Add ``extra`` devices round-robin over the floors: a camera, an AP, a display, ..."""
    kinds = itertools.cycle(("cameras", "aps", "displays"))
    floors = itertools.cycle(campus.floors)
    for _ in range(extra):
        floor = next(floors)
        kind = next(kinds)
        setattr(floor, kind, getattr(floor, kind) + 1)


# Rendering: one flow mapping per line, so that a 50,000-component file stays readable.


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        plain = _PLAIN.match(value) and value not in _YAML_WORDS
        return value if plain else json.dumps(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"


def _item(fields: dict[str, Any]) -> str:
    """One list item: ``  - {id: x, ...}``, leaving out empty and ``None`` fields."""
    kept = {k: v for k, v in fields.items() if v is not None and v != []}
    return f"  - {_scalar(kept)}"


class _SiteWriter:
    """Collects the component and service lines of one campus."""

    def __init__(self) -> None:
        self.components: list[str] = []
        self.services: list[str] = []

    def component(
        self, cid: str, name: str, category: str, vendor: str, requires: list[Requirement],
        rate: float, *, room: str | None = None, monitored: bool = True,
    ) -> str:
        self.components.append(_item({
            "id": cid, "name": name, "category": category, "vendor": vendor, "room": room,
            "requires": requires, "failures_per_year": rate,
            "monitored": None if monitored else False,
        }))
        return cid

    def service(
        self, sid: str, name: str, requires: list[Requirement], cost_per_hour: float, people: int,
    ) -> None:
        self.services.append(_item({
            "id": sid, "name": name, "requires": requires,
            "cost_per_hour": cost_per_hour, "people": people,
        }))


def _core(site: _SiteWriter) -> None:
    """ISPs, routers, the redundant core pair, wireless controllers and cloud services."""
    wan = {"any": [
        site.component("wan-fiber", "Fiber internet line", "network", "fiberco", [], 1.0),
        site.component("wan-lte", "Cellular backup line", "network", "cellco", [], 0.5),
    ]}
    for n in (1, 2):
        other = 3 - n
        ups = site.component(f"ups-dc-{n}", f"Data center UPS {n}", "power", "powerco", [], 0.15,
                             room="Data center")
        site.component(f"router-{n}", f"Edge router {n}", "network", "netco", [wan, ups], 0.1,
                       room="Data center")
        site.component(f"core-{n}", f"Core switch {n}", "network", "netco",
                       [ups, {"any": [f"router-{n}", f"core-{other}"]}], 0.05, room="Data center")
        site.component(f"wlc-{n}", f"Wireless controller {n}", "network", "netco",
                       [ups, {"any": list(CORE)}], 0.05, room="Data center")
    site.component("cloud-meetings", "Cloud meetings platform", "cloud", "cloudco", [], 0.5)
    site.component("cloud-signage", "Cloud signage platform", "cloud", "cloudco", [], 0.5)


def _building(site: _SiteWriter, number: int, floors: list[Floor]) -> None:
    """A building: its distribution pair, main UPS, NVR, access controller, then its floors."""
    code, label, mdf = f"b{number:02d}", f"Building {number}", f"Building {number} MDF"
    ups = site.component(f"ups-{code}-mdf", f"{label} main UPS", "power", "powerco", [], 0.15,
                         room=mdf)
    pair = [f"dist-{code}-a", f"dist-{code}-b"]
    for mine, core, partner in ((pair[0], CORE[0], pair[1]), (pair[1], CORE[1], pair[0])):
        site.component(mine, f"{label} distribution switch {mine[-1].upper()}", "network",
                       "netco", [ups, {"any": [core, partner]}], 0.05, room=mdf)
    uplink = {"any": pair}
    nvr = site.component(f"nvr-{code}", f"{label} camera recorder", "surveillance", "secco",
                         [ups, uplink], 0.1, room=mdf)
    acs = site.component(f"acs-{code}", f"{label} access controller", "access", "secco",
                         [ups, uplink], 0.1, room=mdf)
    cameras: list[str] = []
    for floor in floors:
        cameras += _floor(site, floor, uplink, acs)
    at_least = max(1, math.ceil(0.9 * len(cameras)))
    site.service(f"cctv-{code}", f"{label} video surveillance",
                 [nvr, {"at_least": at_least, "of": cameras}], 150, 2)


def _floor(site: _SiteWriter, floor: Floor, uplink: dict[str, Any], acs: str) -> list[str]:
    """One floor's closets, devices, rooms and services; returns its cameras."""
    code, label = floor.code, floor.label
    switches = _closets(site, floor, uplink)
    ports = itertools.cycle(itertools.chain.from_iterable(zip(*switches, strict=True)))
    groups: list[list[str]] = [[] for _ in switches]
    for i in range(floor.aps):
        closet = i % floor.closets
        sw = switches[closet][(i // floor.closets) % floor.switches]
        groups[closet].append(site.component(f"ap-{code}-{i + 1:02d}", f"{label} AP {i + 1}",
                                             "network", "netco", [sw], 0.08))
    cameras = [site.component(f"cam-{code}-{i + 1:02d}", f"{label} camera {i + 1}",
                              "surveillance", "secco", [next(ports)], 0.1)
               for i in range(floor.cameras)]
    doors = [site.component(f"door-{code}-{i + 1:02d}", f"{label} badge reader {i + 1}",
                            "access", "secco", [next(ports), acs], 0.1)
             for i in range(floor.doors)]
    displays = [site.component(f"sign-{code}-{i + 1:02d}", f"{label} signage display {i + 1}",
                               "video", "avco", [next(ports)], 0.05, monitored=False)
                for i in range(floor.displays)]
    for r, capacity in enumerate(floor.rooms, start=1):
        _room(site, floor, r, capacity, ports)
    coverage = [{"at_least": len(g) - len(g) // 4, "of": g} for g in groups if g]
    site.service(f"wifi-{code}", f"{label} Wi-Fi", [*coverage, _WLC, _ROUTERS],
                 25 * floor.occupancy, floor.occupancy)
    site.service(f"badge-{code}", f"{label} badge access", [acs, *doors],
                 80 + 2 * floor.occupancy, floor.occupancy)
    site.service(f"signage-{code}", f"{label} signage",
                 ["cloud-signage", {"at_least": math.ceil(len(displays) / 2), "of": displays}],
                 10 * len(displays), 0)
    return cameras


def _closets(site: _SiteWriter, floor: Floor, uplink: dict[str, Any]) -> list[list[str]]:
    """Each closet's UPS and PoE switches; returns the switches per closet."""
    closets = []
    for c in range(1, floor.closets + 1):
        room = f"{floor.label} closet {c}"
        ups = site.component(f"ups-{floor.code}-c{c}", f"{room} UPS", "power", "powerco", [],
                             0.15, room=room)
        closets.append([
            site.component(f"sw-{floor.code}-c{c}-{s}", f"{room} PoE switch {s}", "network",
                           "netco", [ups, uplink], 0.05, room=room)
            for s in range(1, floor.switches + 1)
        ])
    return closets


def _room(
    site: _SiteWriter, floor: Floor, number: int, capacity: int, ports: Iterator[str],
) -> None:
    """A conference room's five devices and its video-call service."""
    code = f"{floor.code}-r{number:02d}"
    room = f"Building {floor.building} room {floor.number}{number:02d}"
    codec = site.component(f"codec-{code}", f"{room} video codec", "conferencing", "avco",
                           [next(ports)], 0.15, room=room)
    devices = [
        codec,
        site.component(f"roomcam-{code}", f"{room} camera", "video", "avco", [codec], 0.05,
                       room=room),
        site.component(f"mic-{code}", f"{room} ceiling microphone", "audio", "avco",
                       [next(ports)], 0.1, room=room, monitored=False),
        site.component(f"display-{code}", f"{room} display", "video", "avco", [], 0.05,
                       room=room, monitored=False),
        site.component(f"panel-{code}", f"{room} touch panel", "control", "avco",
                       [next(ports)], 0.2, room=room),
    ]
    site.service(f"calls-{code}", f"{room} video calls",
                 [*devices, "cloud-meetings", _ROUTERS], 60 * capacity, capacity)


def _render(campus: Campus, components: int, seed: int) -> str:
    site = _SiteWriter()
    _core(site)
    for number, floors in campus.buildings():
        _building(site, number, floors)
    people = sum(f.occupancy for f in campus.floors)
    site.service("internet", "Campus internet", [_ROUTERS], 2000, people)
    plans = [
        {"id": "managed-network", "name": "Managed network and power",
         "partner": "Campus MSP", "monthly_fee": 3 * components, "covers": ["netco", "powerco"]},
        {"id": "managed-all", "name": "Fully managed campus", "partner": "Campus MSP",
         "monthly_fee": 6 * components, "covers": "all"},
    ]
    about = {"name": f"Synthetic campus ({components} components, seed {seed})",
             "kind": "office", "currency": "USD", "notes": "generated by depgraph generate"}
    head = ["version: 1", f"site: {_scalar(about)}", "vendors:", *(_item(v) for v in _VENDORS)]
    return "\n".join([
        *head, "components:", *site.components, "services:", *site.services,
        "plans:", *(_item(p) for p in plans), "",
    ])
