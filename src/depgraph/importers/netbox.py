"""Importing a NetBox site: devices, circuits and the power chain as components.

Devices and circuits become components; the category comes from the role,
device type and manufacturer, the room from the location and rack. Each
device requires what its cables lead to nearer the core (by role: router,
core, distribution, access; or by hops from ``--root``), with the patch
panels and circuits on the way, and what its power ports draw from (a PDU,
whose own inlet leads to a power feed and its panel). Several upstream
devices become ``{any: [...]}``. Circuit providers are vendors billed
``included``; contacts assigned to a device or its site are vendors too.

>>> from depgraph.importers.options import ImportOptions
>>> tables = Tables()
>>> tables.records["dcim.device"][1] = {"name": "rtr", "role": {"name": "Router"}}
>>> site = NetBoxSite(tables, ImportOptions()).build()
>>> site.nodes["device:1"].category
'network'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from depgraph.errors import ImportDataError
from depgraph.importers.categories import guess_category
from depgraph.importers.jsondata import Problems, parse_json, read_text
from depgraph.importers.netbox_dump import add_dumpdata_fast
from depgraph.importers.netbox_paths import Link, circuit_ends, network_links, power_links, ref
from depgraph.importers.netbox_records import Tables, termination_kind
from depgraph.importers.netbox_services import add_services, add_vendors
from depgraph.importers.options import ImportOptions, check_choice
from depgraph.importers.orient import orient
from depgraph.importers.site import SiteBuilder
from depgraph.text import listing

__all__ = ["NetBoxSite", "import_netbox"]

_TIERS = (("router", 0), ("firewall", 0), ("gateway", 0), ("edge", 0), ("core", 1), ("spine", 1),
          ("distribution", 2), ("aggregation", 2), ("access point", 4), ("wireless", 4),
          ("access", 3), ("tor", 3), ("leaf", 3), ("switch", 3))


def import_netbox(inputs: Sequence[str], options: ImportOptions) -> SiteBuilder:
    """Read NetBox exports (``dumpdata`` JSON or REST pages) and build the site."""
    problems = Problems()
    tables = Tables()
    for path in inputs:
        text = read_text(path)
        if not add_dumpdata_fast(text, path, tables, problems):
            tables.add_document(parse_json(text, path), path, problems)
        del text  # a big dump's text is not kept while the site is built
    problems.raise_if_any()
    if not tables.get("dcim.device"):
        raise ImportDataError([f"{', '.join(inputs)}: no devices (dcim.device) in the export"])
    return NetBoxSite(tables, options).build()


def _name(record: dict[str, Any] | None) -> str | None:
    if not record:
        return None
    value = record.get("name") or record.get("display") or record.get("cid")
    return value.strip() or None if isinstance(value, str) else None


class NetBoxSite:
    """One import: the tables, the devices chosen, and the builder they go into."""

    def __init__(self, tables: Tables, options: ImportOptions) -> None:
        self.tables = tables
        self.options = options
        self.sites = tables.get("dcim.site")
        self.devices = tables.get("dcim.device")
        self.chosen = self._choose_devices()
        self.builder = SiteBuilder(self._site_name(), source="NetBox")
        self.edges: set[str] = set()
        self.circuit_ends = circuit_ends(tables)

    def site_slug(self, number: int | None) -> str | None:
        """The slug of a NetBox site (its number as text when the export lacks the site)."""
        site = self.sites.get(number) if number is not None else None
        value = site.get("slug") if site else None
        return value if isinstance(value, str) else (str(number) if number is not None else None)

    def _choose_devices(self) -> set[int]:
        slugs = {self.site_slug(ref(d, "site")) for d in self.devices.values()}
        for given in self.options.sites:
            check_choice("NetBox site", given, (s for s in slugs if s))
        wanted = set(self.options.sites)
        return {n for n, d in self.devices.items() if not wanted or self.site_slug(ref(d, "site")) in wanted}

    def _site_name(self) -> str:
        if self.options.name:
            return self.options.name
        numbers = sorted({ref(self.devices[n], "site") for n in self.chosen} - {None}, key=str)
        names = [_name(self.sites.get(n)) or self.site_slug(n) or "?" for n in numbers if n is not None]
        if len(names) == 1:
            return names[0]
        return f"NetBox: {len(names)} sites ({', '.join(names[:3])}{', ...' if len(names) > 3 else ''})"

    def build(self) -> SiteBuilder:
        """Add components, requirements, vendors and services to the builder."""
        for number in sorted(self.chosen):
            self._device(number, inside=True)
        self._network(network_links(self.tables))
        self._power(power_links(self.tables))
        add_vendors(self)
        add_services(self)
        return self.builder

    # ---- components -------------------------------------------------------------------------

    def site_of(self, key: str) -> str | None:
        """The site slug of a node, for ``<site>.<name>`` ids and per-site services."""
        kind, _, number = key.partition(":")
        if kind == "device" and number.isdigit() and int(number) in self.devices:
            return self.site_slug(ref(self.devices[int(number)], "site"))
        node = self.builder.nodes.get(key)
        return node.site if node else None

    def _device(self, number: int, *, inside: bool) -> str:
        key = f"device:{number}"
        if key in self.builder.nodes or number not in self.devices:
            return key
        record = self.devices[number]
        kind = self.tables.get("dcim.devicetype").get(ref(record, "device_type") or -1, {})
        maker = _name(self.tables.get("dcim.manufacturer").get(ref(kind, "manufacturer") or -1))
        model = kind.get("model") if isinstance(kind.get("model"), str) else None
        role = _name(self.tables.get("dcim.devicerole").get(ref(record, "role") or ref(record, "device_role")
                                                           or -1)) or _name(_nested(record, "role"))
        remarks: dict[str, str] = {}
        name = _name(record) if record.get("name") else None
        if name is None:
            name = self._fallback_name(number, record, maker, model)
            remarks["name"] = "NetBox has no name: named as NetBox shows it"
        guess = guess_category(role, model, maker)
        category = guess[0] if guess else "other"
        remarks["category"] = (f"from role {role!r}" if guess and role and guess_category(role)
                               else f"guessed from {guess[1]!r}" if guess else "default: no role matched")
        if not inside:
            remarks["requires"] = "outside the sites imported: its own requirements were not read"
        tags = {f"netbox:device:{number}"}
        serial = record.get("serial")
        if isinstance(serial, str) and serial.strip():
            tags.add(f"serial:{serial.strip()}")
        self.builder.component(
            key, name, category, site=self.site_of(key), room=self._room(record), manufacturer=maker,
            model=model, ip=self._ip(record), tags=tags, remarks=remarks,
        ).tags.add(f"netbox-role:{role}" if role else "netbox-role:none")
        return key

    def _fallback_name(self, number: int, record: dict[str, Any], maker: str | None,
                       model: str | None) -> str:
        chassis = _name(self.tables.get("dcim.virtualchassis").get(ref(record, "virtual_chassis") or -1))
        position = record.get("vc_position")
        if chassis and isinstance(position, int):
            return f"{chassis}:{position}"
        return f"{' '.join(p for p in (maker, model) if p) or 'Device'} ({number})"

    def _room(self, record: dict[str, Any]) -> str | None:
        location = _name(self.tables.get("dcim.location").get(ref(record, "location") or -1))
        rack = _name(self.tables.get("dcim.rack").get(ref(record, "rack") or -1))
        return " / ".join(p for p in (location, rack) if p) or None

    def _ip(self, record: dict[str, Any]) -> str | None:
        for key in ("primary_ip4", "primary_ip", "primary_ip6"):
            value = record.get(key)
            address = value.get("address") if isinstance(value, dict) else None
            if address is None and isinstance(ref(record, key), int):
                address = self.tables.get("ipam.ipaddress").get(ref(record, key) or -1, {}).get("address")
            if isinstance(address, str):
                return address.split("/")[0]
        return None

    def node(self, key: str) -> str | None:
        """Make sure a node of a link exists (pulling in devices outside ``--site``); its key."""
        kind, _, text = key.partition(":")
        number = int(text)
        if kind == "device":
            return self._device(number, inside=number in self.chosen) if number in self.devices else None
        if kind == "circuit":
            return self._circuit(number)
        if kind == "feed":
            return self._feed(number)
        return key if key in self.builder.nodes else None

    def _circuit(self, number: int) -> str | None:
        key = f"circuit:{number}"
        circuit = self.tables.get("circuits.circuit").get(number)
        if key in self.builder.nodes or circuit is None:
            return key if circuit is not None else None
        provider_number = ref(circuit, "provider")
        provider = _name(self.tables.get("circuits.provider").get(provider_number or -1))
        cid = circuit.get("cid") if isinstance(circuit.get("cid"), str) else str(number)
        kind = _name(self.tables.get("circuits.circuittype").get(ref(circuit, "type") or -1))
        name = " ".join(p for p in (provider, kind, cid) if p)
        ends = self.circuit_ends.get(number, {})
        terminations = self.tables.get("circuits.circuittermination")
        sites = [self.site_slug(_circuit_end(terminations.get(n, {}))[0]) for n in sorted(ends.values())]
        draft = self.builder.component(key, name, "network", site=next((s for s in sites if s), None),
                                       tags={f"netbox:circuit:{number}"},
                                       remarks={"category": "a circuit"})
        if provider_number is not None:
            draft.vendor = f"provider:{provider_number}"
            self.builder.vendor(draft.vendor, provider or f"Provider {provider_number}", trade="carrier",
                                billing="included",
                                remarks={"billing": "circuit provider: assumed included; check the contract",
                                         "trade": "a circuit provider"})
        for end in ends.values():
            network = _circuit_end(terminations.get(end, {}))[1]
            if network is not None:
                self.builder.require(key, [self._provider_network(network, draft.vendor)])
        return key

    def _provider_network(self, number: int, vendor: str | None) -> str:
        key = f"network:{number}"
        record = self.tables.get("circuits.providernetwork").get(number)
        self.builder.component(key, _name(record) or f"Provider network {number}", "network",
                               vendor=vendor, tags={f"netbox:providernetwork:{number}"},
                               remarks={"category": "a provider network"})
        return key

    def _feed(self, number: int) -> str | None:
        key = f"feed:{number}"
        feed = self.tables.get("dcim.powerfeed").get(number)
        if feed is None:
            return None
        panel_number = ref(feed, "power_panel")
        panel = self.tables.get("dcim.powerpanel").get(panel_number or -1)
        site = self.site_slug(ref(panel, "site")) if panel else None
        self.builder.component(key, _name(feed) or f"Power feed {number}", "power", site=site,
                               tags={f"netbox:powerfeed:{number}"}, remarks={"category": "a power feed"})
        if panel is not None:
            panel_key = f"panel:{panel_number}"
            self.builder.component(panel_key, _name(panel) or f"Power panel {panel_number}", "power",
                                   site=site, tags={f"netbox:powerpanel:{panel_number}"},
                                   remarks={"category": "a power panel"})
            self.builder.require(key, [panel_key])
        return key

    # ---- requirements -----------------------------------------------------------------------

    def rank(self, key: str) -> float:
        """How far from the core a node sits by its role: circuits 0, routers 1, ... others 6."""
        if not key.startswith("device:"):
            return 0
        node = self.builder.nodes.get(key)
        role = next((t.removeprefix("netbox-role:") for t in (node.tags if node else ())
                     if t.startswith("netbox-role:")), "").lower()
        return next((tier + 1 for word, tier in _TIERS if word in role), 6)

    def _network(self, links: list[Link]) -> None:
        links = [k for k in links if int(k.origin.partition(":")[2]) in self.chosen]
        for link in links:
            for key in (link.origin, link.far, *link.via):
                self.node(key)
        root = self._root_key()
        # a circuit that ends at the far end of a cable leads out of the site: always upstream
        inside = [(k.origin, k.far) for k in links if not k.far.startswith("circuit:")]
        upstream, _peers = orient(inside, root=root, rank=self.rank)
        paths: dict[str, dict[str, set[tuple[str, ...]]]] = defaultdict(lambda: defaultdict(set))
        for link in links:
            if link.far.startswith("circuit:") or link.far in upstream.get(link.origin, ()):
                paths[link.origin][link.far].add(tuple(sorted(set(link.via))))
        for origin in sorted(paths):
            self._require_paths(origin, paths[origin])
            if any(far.startswith("circuit:") for far in paths[origin]):
                self.edges.add(origin)
        cabled = {k.origin for k in links} | {v for k in links for v in k.via}
        self._note("devices with no cable to another device", sorted(
            self.builder.nodes[f"device:{n}"].name for n in self.chosen if f"device:{n}" not in cabled))
        self._note("links between devices of the same tier, left without a direction (use --root)",
                   [f"{self.builder.nodes[a].name} - {self.builder.nodes[b].name}" for a, b in _peers])

    def _passive(self, key: str) -> bool:
        """Power gear and patch panels: they need no power cable and have no uplink of their own."""
        node = self.builder.nodes[key]
        return node.category == "power" or any("patch" in t.lower() for t in node.tags)

    def _note(self, what: str, items: list[str]) -> None:
        if items:
            self.builder.notes.append(f"{what}: {len(items)} ({listing(items, shown=8)})")

    def _require_paths(self, origin: str, by_far: dict[str, set[tuple[str, ...]]]) -> None:
        """``origin`` requires its upstreams; what every path passes through is required plainly."""
        routes = sorted((far, via) for far, vias in by_far.items() for via in vias)
        shared = set(routes[0][1]).intersection(*(set(v) for _, v in routes))
        members = []
        for far, via in routes:
            rest = tuple(v for v in via if v not in shared)
            members.append(self._path(origin, far, rest) if rest else far)
        for item in sorted(shared):
            self.builder.require(origin, [item])
        self.builder.require(origin, members)

    def _path(self, origin: str, far: str, via: tuple[str, ...]) -> str:
        """A cable path of its own where upstreams differ in what they pass through."""
        key = f"path:{origin}>{far}>{','.join(via)}"
        names = {k: self.builder.nodes[k].name for k in (origin, far)}
        self.builder.component(
            key, f"{names[origin]} uplink to {names[far]}", "network", site=self.site_of(origin),
            failures_per_year=0.0,
            remarks={"category": "a cable path", "failures_per_year": "fails only through what it requires"},
        )
        self.builder.require(key, [far])
        for item in via:
            self.builder.require(key, [item])
        return key

    def _root_key(self) -> str | None:
        if self.options.root is None:
            return None
        names = {d.name: k for k, d in self.builder.nodes.items()}
        names.update({d.id or k: k for k, d in self.builder.nodes.items()})
        check_choice("device", self.options.root, names)
        return names[self.options.root]

    def _power(self, links: list[Link]) -> None:
        by_origin: dict[str, set[str]] = defaultdict(set)
        fars: dict[str, list[str]] = defaultdict(list)
        for link in links:
            fars[link.origin].append(link.far)
            origin_number = int(link.origin.partition(":")[2])
            if origin_number in self.chosen or link.origin in self.builder.nodes:
                upstream = self.node(link.far)
                if upstream is not None:
                    by_origin[link.origin].add(upstream)
        pulled = sorted(set().union(*by_origin.values()) - set(by_origin)) if by_origin else []
        for pdu in pulled:  # a PDU's own inlet: follow it once more, toward the feed
            for far in fars.get(pdu, ()):
                upstream = self.node(far)
                if upstream is not None:
                    by_origin[pdu].add(upstream)
        for origin in sorted(by_origin):
            self.builder.require(origin, by_origin[origin])
        self._note("devices with no power cable (their power is not modelled)", sorted(
            self.builder.nodes[f"device:{n}"].name for n in self.chosen
            if f"device:{n}" not in by_origin and not self._passive(f"device:{n}")))
        self._note("PDUs whose own inlet has no cable (what feeds them is unknown)", sorted(
            self.builder.nodes[k].name for k in self.builder.nodes
            if k.startswith("device:") and self.builder.nodes[k].category == "power" and k not in by_origin))


def _circuit_end(record: dict[str, Any]) -> tuple[int | None, int | None]:
    """The site and provider network a circuit termination is at (NetBox 3.x, or 4.2's generic form)."""
    site, network = ref(record, "site"), ref(record, "provider_network")
    kind = termination_kind(record.get("termination_type"))
    number = ref(record, "termination_id")
    if number is None:
        number = ref(record, "termination")
    if kind == "site":
        site = number
    elif kind == "providernetwork":
        network = number
    return site, network


def _nested(record: dict[str, Any], key: str) -> dict[str, Any] | None:
    value = record.get(key)
    return value if isinstance(value, dict) else None
