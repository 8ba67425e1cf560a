"""The vendors and the service skeleton of a NetBox import.

Vendors: the contact assigned to a device, else to its site (operational
roles first, then by priority); ``--vendor`` for every component still
without one. Services, per NetBox site: *Internet access* (any device there
whose upstream is a circuit), *Network* (every network device nothing else
requires: where people plug in) and one per role for the other devices
nothing requires (*Application Server at NCSU-065*). They are a skeleton: the
user gives them a cost and people, or replaces them.

>>> from depgraph.importers.site import SiteBuilder
>>> site = SiteBuilder("Demo")
>>> _ = site.component("d:1", "Switch", "network")
>>> option_vendor(site, "acme-it", ["d:1"])
>>> site.nodes["d:1"].vendor, site.vendors["option:vendor"].fixed_id
('option:vendor', 'acme-it')
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from depgraph.errors import UsageError
from depgraph.importers.netbox_paths import ref

if TYPE_CHECKING:
    from depgraph.importers.netbox import NetBoxSite

__all__ = ["add_services", "add_vendors", "option_vendor"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$")
_OPERATIONAL = ("operat", "support", "technical", "maint", "noc", "service")
_PRIORITY = {"primary": 0, "secondary": 1, "tertiary": 2}


def option_vendor(builder: Any, vendor: str | None, keys: list[str]) -> None:
    """Give ``--vendor ID`` to every listed component that has no vendor."""
    if vendor is None:
        return
    if not _ID.match(vendor):
        raise UsageError(f"--vendor {vendor!r} is not a valid id (letters, digits, _ . : -)")
    missing = [k for k in keys if not builder.nodes[k].vendor and builder.nodes[k].failures_per_year is None]
    if not missing:
        return
    builder.vendor("option:vendor", vendor, fixed_id=vendor,
                   remarks={"billing": "from --vendor: fill in trade, billing and rates"}, billing="hourly")
    for key in missing:
        builder.nodes[key].vendor = "option:vendor"
        builder.nodes[key].remarks["vendor"] = "from --vendor"


def _object(assignment: dict[str, Any]) -> tuple[str, int] | None:
    kind = assignment.get("content_type") or assignment.get("object_type")
    if isinstance(kind, list) and len(kind) == 2:
        kind = ".".join(str(k) for k in kind)
    number = assignment.get("object_id")
    if isinstance(kind, str) and isinstance(number, int):
        return kind, number
    return None


def _contacts(nb: NetBoxSite) -> dict[tuple[str, int], int]:
    """The contact chosen for each device and site."""
    roles = nb.tables.get("tenancy.contactrole")
    best: dict[tuple[str, int], tuple[tuple[int, int, str], int]] = {}
    contacts = nb.tables.get("tenancy.contact")
    for assignment in nb.tables.get("tenancy.contactassignment").values():
        target, contact = _object(assignment), ref(assignment, "contact")
        if target is None or contact is None or contact not in contacts:
            continue
        role = roles.get(ref(assignment, "role") or -1, {})
        role_name = str(role.get("name") or role.get("slug") or "").lower()
        priority = assignment.get("priority")
        if isinstance(priority, dict):
            priority = priority.get("value")
        order = (0 if any(w in role_name for w in _OPERATIONAL) else 1,
                 _PRIORITY.get(str(priority), 3), str(contacts[contact].get("name")))
        if target not in best or order < best[target][0]:
            best[target] = (order, contact)
    return {target: contact for target, (_, contact) in best.items()}


def add_vendors(nb: NetBoxSite) -> None:
    """Contacts of devices and sites become vendors; ``--vendor`` covers the rest."""
    chosen = _contacts(nb)
    contacts = nb.tables.get("tenancy.contact")
    devices = [k for k in nb.builder.nodes if k.startswith("device:")]
    for key in devices:
        draft = nb.builder.nodes[key]
        number = int(key.partition(":")[2])
        site = ref(nb.devices[number], "site")
        contact = chosen.get(("dcim.device", number)) or chosen.get(("dcim.site", site or -1))
        if contact is None or draft.vendor:
            continue
        record = contacts[contact]
        name = str(record.get("name") or f"Contact {contact}")
        title = record.get("title")
        trade = title if isinstance(title, str) and title else None
        nb.builder.vendor(f"contact:{contact}", name, trade=trade, billing="hourly",
                          remarks={"billing": "default: check the contract"})
        draft.vendor = f"contact:{contact}"
        draft.remarks["vendor"] = "NetBox contact of the " + (
            "device" if ("dcim.device", number) in chosen else "site")
    option_vendor(nb.builder, nb.options.vendor, sorted(nb.builder.nodes))


def add_services(nb: NetBoxSite) -> None:
    """Internet access, network and per-role services for each site imported."""
    builder = nb.builder
    required = {m for d in builder.nodes.values() for clause in d.requires for m in clause}
    site_names = {nb.site_slug(n): str(s.get("name") or nb.site_slug(n)) for n, s in nb.sites.items()}
    internet: dict[str, set[str]] = defaultdict(set)
    leaves: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key in sorted(builder.nodes):
        draft = builder.nodes[key]
        if not key.startswith("device:") or int(key.partition(":")[2]) not in nb.chosen or not draft.site:
            continue
        if key in nb.edges:
            internet[draft.site].add(key)
        role = next((t.removeprefix("netbox-role:") for t in draft.tags if t.startswith("netbox-role:")), "")
        if key in required or draft.category == "power" or "patch" in role.lower():
            continue
        group = "Network" if draft.category == "network" or role == "none" else role
        leaves[(draft.site, group)].add(key)
    for site, members in sorted(internet.items()):
        builder.service(f"service:internet:{site}", f"Internet access at {site_names.get(site, site)}",
                        [tuple(members)], "skeleton: any device here whose upstream is a circuit")
    for (site, group), members in sorted(leaves.items()):
        builder.service(f"service:{group}:{site}", f"{group} at {site_names.get(site, site)}",
                        [(m,) for m in members], "skeleton: each device here that nothing else requires")
