"""Tracing NetBox cables end to end: through patch panels, circuits and the power chain.

A cable joins terminations; a path continues through a patch panel (front
port to its rear port and, on the far panel, rear port position back to a
front port) and through a circuit (its A end to its Z end) until it reaches
an interface of another device. :func:`network_links` gives, for every cabled
interface, the device at the far end and the panels and circuits passed on
the way; a circuit whose far end has no cable (an internet circuit, a circuit
into a provider network) is itself the far end. :func:`power_links` follows
power ports to the outlets of a PDU (or straight to a power feed), and power
feeds to their panels.

Node keys: ``device:N``, ``circuit:N``, ``network:N`` (provider network),
``feed:N`` and ``panel:N``.

>>> tables = Tables()
>>> tables.records["dcim.interface"] = {1: {"device": 10}, 2: {"device": {"id": 20}}}
>>> tables.add_termination(7, "A", "interface", 1)
>>> tables.add_termination(7, "B", "interface", 2)
>>> network_links(tables)
[Link(origin='device:10', far='device:20', via=()), Link(origin='device:20', far='device:10', via=())]
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from depgraph.importers.netbox_records import Tables

__all__ = ["Link", "circuit_ends", "network_links", "power_links", "ref"]

_MAX_HOPS = 64


@dataclass(frozen=True)
class Link:
    """``origin`` reaches ``far`` through ``via`` (patch panels and circuits, in order)."""

    origin: str
    far: str
    via: tuple[str, ...] = ()


def ref(record: dict[str, Any], key: str) -> int | None:
    """A reference as a record number (``5`` or REST's ``{"id": 5}``), ``None`` if absent or odd."""
    value = record.get(key)
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def circuit_ends(tables: Tables) -> dict[int, dict[str, int]]:
    """For each circuit, its termination numbers by side (``{"A": 48, "Z": 1}``)."""
    ends: dict[int, dict[str, int]] = defaultdict(dict)
    for number, record in tables.get("circuits.circuittermination").items():
        circuit, side = ref(record, "circuit"), record.get("term_side")
        if circuit is not None and side in ("A", "Z"):
            ends[circuit][side] = number
    return ends


class _Tracer:
    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.interfaces = tables.get("dcim.interface")
        self.front = tables.get("dcim.frontport")
        self.rear = tables.get("dcim.rearport")
        self.terminations = tables.get("circuits.circuittermination")
        self.circuits = circuit_ends(tables)
        self.front_of: dict[tuple[int, int], int] = {}
        for number, port in self.front.items():
            rear = ref(port, "rear_port")
            position = port.get("rear_port_position")
            if rear is not None:
                self.front_of[(rear, position if isinstance(position, int) else 1)] = number

    def far_ends(self, kind: str, number: int) -> list[tuple[str, int]]:
        where = self.tables.end_of.get((kind, number))
        if where is None:
            return []
        cable, end = where
        return [(k, n) for e, k, n in self.tables.cable_ends[cable] if e != end]

    def device(self, table: dict[int, dict[str, Any]], number: int) -> str | None:
        record = table.get(number)
        owner = ref(record, "device") if record is not None else None
        return f"device:{owner}" if owner is not None else None

    def trace(self, kind: str, number: int) -> list[tuple[str, tuple[str, ...]]]:
        """Every far end reached from one termination, with what was passed."""
        found: list[tuple[str, tuple[str, ...]]] = []
        stack: list[tuple[str, int, tuple[str, ...], tuple[int, ...], int]] = [(kind, number, (), (), 0)]
        while stack:
            kind, number, via, positions, hops = stack.pop()
            if hops > _MAX_HOPS:
                continue
            for far_kind, far in self.far_ends(kind, number):
                step = self._step(far_kind, far, via, positions)
                if isinstance(step, str):
                    found.append((step, via))
                elif step is not None:
                    stack.append((*step, hops + 1))
        return found

    def _step(self, kind: str, number: int, via: tuple[str, ...], positions: tuple[int, ...]
              ) -> str | tuple[str, int, tuple[str, ...], tuple[int, ...]] | None:
        """The far end reached (a node key), or where the path continues, or ``None``."""
        if kind == "interface":
            return self.device(self.interfaces, number)
        if kind == "frontport" and number in self.front:
            port = self.front[number]
            rear, position = ref(port, "rear_port"), port.get("rear_port_position")
            panel = self.device(self.front, number)
            if rear is None or panel is None:
                return None
            return "rearport", rear, (*via, panel), (*positions, position if isinstance(position, int) else 1)
        if kind == "rearport" and number in self.rear:
            position = positions[-1] if positions else 1
            front = self.front_of.get((number, position))
            panel = self.device(self.rear, number)
            if front is None or panel is None:
                return None
            return "frontport", front, (*via, panel), positions[:-1]
        if kind == "circuittermination" and number in self.terminations:
            return self._through_circuit(number, via, positions)
        return None

    def _through_circuit(self, number: int, via: tuple[str, ...], positions: tuple[int, ...]
                         ) -> str | tuple[str, int, tuple[str, ...], tuple[int, ...]] | None:
        circuit = ref(self.terminations[number], "circuit")
        if circuit is None:
            return None
        side = self.terminations[number].get("term_side")
        other = self.circuits[circuit].get("Z" if side == "A" else "A")
        if other is None or ("circuittermination", other) not in self.tables.end_of:
            return f"circuit:{circuit}"
        return "circuittermination", other, (*via, f"circuit:{circuit}"), positions


def network_links(tables: Tables) -> list[Link]:
    """The far end of every cabled interface, sorted; one link per (origin, far, via)."""
    tracer = _Tracer(tables)
    links: set[Link] = set()
    for number in tracer.interfaces:
        if ("interface", number) not in tables.end_of:
            continue
        origin = tracer.device(tracer.interfaces, number)
        if origin is None:
            continue
        for far, via in tracer.trace("interface", number):
            if far != origin:
                links.add(Link(origin, far, via))
    return sorted(links, key=lambda link: (link.origin, link.far, link.via))


def power_links(tables: Tables) -> list[Link]:
    """Who each device draws power from: ``device → PDU device`` or ``device → feed``."""
    ports = tables.get("dcim.powerport")
    outlets = tables.get("dcim.poweroutlet")
    links: set[Link] = set()
    tracer = _Tracer(tables)
    for number in ports:
        origin = tracer.device(ports, number)
        if origin is None:
            continue
        for kind, far in tracer.far_ends("powerport", number):
            upstream = tracer.device(outlets, far) if kind == "poweroutlet" else (
                f"feed:{far}" if kind == "powerfeed" else None
            )
            if upstream is not None and upstream != origin:
                links.add(Link(origin, upstream))
    return sorted(links, key=lambda link: (link.origin, link.far))
