"""NetBox exports as tables of records, whether ``dumpdata`` JSON or REST API pages.

A Django ``dumpdata`` file is a list of ``{"model", "pk", "fields"}`` entries.
The REST API gives pages ``{"count", "next", "results": [...]}`` per endpoint
(``/api/dcim/devices/``); one file per page, a list of pages, or one object
mapping endpoint names to pages are all accepted. Either way the result is
:class:`Tables`: ``tables["dcim.device"][12]`` is the record of device 12 with
references as record numbers or nested ``{"id": n}`` objects, and the cable
ends of every termination.

>>> from depgraph.importers.jsondata import Problems
>>> page = {"results": [{"id": 3, "url": "http://nb/api/dcim/devices/3/", "name": "sw1",
...          "role": {"id": 2, "url": "http://nb/api/dcim/device-roles/2/", "name": "Core"}}]}
>>> tables = Tables()
>>> tables.add_document(page, "devices.json", Problems())
>>> tables.get("dcim.device")[3]["name"], tables.get("dcim.devicerole")[2]["name"]
('sw1', 'Core')
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from depgraph.importers.jsondata import JsonPath, Problems

__all__ = ["PORTS", "Tables", "USED_MODELS", "termination_kind"]

_ENDPOINTS = {
    "dcim/devices": "dcim.device", "dcim/device-roles": "dcim.devicerole",
    "dcim/device-types": "dcim.devicetype", "dcim/manufacturers": "dcim.manufacturer",
    "dcim/sites": "dcim.site", "dcim/locations": "dcim.location", "dcim/racks": "dcim.rack",
    "dcim/cables": "dcim.cable", "dcim/interfaces": "dcim.interface",
    "dcim/front-ports": "dcim.frontport", "dcim/rear-ports": "dcim.rearport",
    "dcim/power-ports": "dcim.powerport", "dcim/power-outlets": "dcim.poweroutlet",
    "dcim/power-feeds": "dcim.powerfeed", "dcim/power-panels": "dcim.powerpanel",
    "dcim/virtual-chassis": "dcim.virtualchassis", "dcim/platforms": "dcim.platform",
    "circuits/circuits": "circuits.circuit", "circuits/circuit-terminations": "circuits.circuittermination",
    "circuits/providers": "circuits.provider", "circuits/provider-networks": "circuits.providernetwork",
    "circuits/circuit-types": "circuits.circuittype", "tenancy/tenants": "tenancy.tenant",
    "tenancy/contacts": "tenancy.contact", "tenancy/contact-assignments": "tenancy.contactassignment",
    "tenancy/contact-roles": "tenancy.contactrole",
}
USED_MODELS = frozenset(_ENDPOINTS.values()) | {"dcim.cabletermination"}
PORTS = frozenset(
    {"dcim.interface", "dcim.frontport", "dcim.rearport", "dcim.powerport", "dcim.poweroutlet"}
)
"""Models whose records are kept only when they have a cable (a port on no cable is on no path)."""
_BY_NAME = {key.split("/")[1]: model for key, model in _ENDPOINTS.items()}
_URL = re.compile(r"/api/([a-z-]+/[a-z-]+)/\d+/?$")


def _model_of_url(url: Any) -> str | None:
    if not isinstance(url, str):
        return None
    match = _URL.search(url)
    return _ENDPOINTS.get(match.group(1)) if match else None


def _model_of_name(name: str) -> str | None:
    """``devices``, ``dcim/devices``, ``dcim.device`` or ``/api/dcim/devices/`` as a model."""
    text = name.strip("/").removeprefix("api/")
    if text in _ENDPOINTS:
        return _ENDPOINTS[text]
    if text in USED_MODELS:
        return text
    return _BY_NAME.get(text.rsplit("/", 1)[-1].replace("_", "-"))


def termination_kind(value: Any) -> str | None:
    """``["dcim", "interface"]`` or ``"dcim.interface"`` as ``"interface"``."""
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return str(value[1])
    if isinstance(value, str) and "." in value:
        return value.rsplit(".", 1)[1]
    return None


class Tables:
    """Records by model and number, and the cable ends of every termination."""

    def __init__(self) -> None:
        self.records: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
        self.cable_ends: dict[int, list[tuple[str, str, int]]] = defaultdict(list)
        self.end_of: dict[tuple[str, int], tuple[int, str]] = {}

    def get(self, model: str) -> dict[int, dict[str, Any]]:
        """The records of one model (empty when the export had none)."""
        return self.records.get(model, {})

    def add_termination(self, cable: int, end: str, kind: str, number: int) -> None:
        """Record that ``kind`` number ``number`` sits on end ``end`` of ``cable``."""
        self.cable_ends[cable].append((end, kind, number))
        self.end_of[(kind, number)] = (cable, end)

    def add_document(self, document: Any, file: str, problems: Problems) -> None:
        """Add every record of one export file (``dumpdata`` or REST pages)."""
        if isinstance(document, list) and any(
            isinstance(e, dict) and "model" in e and "fields" in e for e in document[:5]
        ):
            self._add_dumpdata(document, file, problems)
        elif isinstance(document, dict) and "results" in document:
            self._add_page(document, file, (), None, problems)
        elif isinstance(document, list):
            for index, page in enumerate(document):
                self._add_page(page, file, (index,), None, problems)
        elif isinstance(document, dict):
            for name in sorted(document):
                self._add_page(document[name], file, (name,), _model_of_name(name), problems)
        else:
            problems.add(file, (), "expected NetBox dumpdata (a list of records) or REST API pages")

    def _add_dumpdata(self, entries: list[Any], file: str, problems: Problems) -> None:
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict):
                problems.add(file, (index,), "expected an object")
                continue
            model = entry.get("model")
            if isinstance(model, str) and model in USED_MODELS:
                self.add_dump_record(model, entry.get("pk"), entry.get("fields"), file, index, problems)

    def add_dump_record(self, model: str, number: Any, fields: Any, file: str, index: int,
                        problems: Problems) -> None:
        """Add entry ``index`` of a ``dumpdata`` file, a record of a used ``model``, or say what is wrong."""
        if not isinstance(fields, dict):
            problems.add(file, (index, "fields"), "expected an object")
        elif isinstance(number, bool) or not isinstance(number, int):
            problems.add(file, (index, "pk"), "expected a record number")
        elif model in PORTS and fields.get("cable") is None:
            return  # a port without a cable is on no path: not kept (big dumps are mostly these)
        elif model == "dcim.cabletermination":
            self._dump_termination(fields, file, (index, "fields"), problems)
        else:
            self.records[model][number] = fields

    def _dump_termination(self, fields: dict[str, Any], file: str, path: JsonPath,
                          problems: Problems) -> None:
        cable = problems.ref(fields, "cable", file, path)
        number = problems.ref(fields, "termination_id", file, path)
        kind = termination_kind(fields.get("termination_type"))
        end = fields.get("cable_end")
        if kind is None:
            problems.add(file, (*path, "termination_type"), "expected [app, model]")
        elif end not in ("A", "B"):
            problems.add(file, (*path, "cable_end"), "expected \"A\" or \"B\"")
        elif cable is not None and number is not None:
            self.add_termination(cable, end, kind, number)

    def _add_page(self, page: Any, file: str, path: JsonPath, model: str | None,
                  problems: Problems) -> None:
        if isinstance(page, dict) and "results" in page:
            results, path = page["results"], (*path, "results")
        else:
            results = page
        for index, record in enumerate(problems.object_list(results, file, path)):
            self._add_rest(record, file, (*path, index), model, problems)

    def _add_rest(self, record: dict[str, Any], file: str, path: JsonPath, model: str | None,
                  problems: Problems) -> None:
        model = _model_of_url(record.get("url")) or model
        number = record.get("id")
        if model is None:
            problems.add(file, path, "cannot tell which NetBox endpoint this record is from "
                         "(no \"url\"); name the page after its endpoint, e.g. {\"devices\": {...}}")
            return
        if isinstance(number, bool) or not isinstance(number, int):
            problems.add(file, (*path, "id"), "expected a record number")
            return
        self.records[model][number] = record  # a full record replaces a nested summary
        self._harvest(record)
        if model == "dcim.cable":
            self._rest_cable(number, record, file, path, problems)

    def _harvest(self, record: dict[str, Any]) -> None:
        """Keep the nested objects of a REST record (a device's role, site, type) as records too."""
        for value in record.values():
            number = value.get("id") if isinstance(value, dict) else None
            if isinstance(number, int) and not isinstance(number, bool):
                nested = _model_of_url(value.get("url"))
                if nested is not None and value["id"] not in self.records[nested]:
                    self.records[nested][value["id"]] = value
                    self._harvest(value)

    def _rest_cable(self, cable: int, record: dict[str, Any], file: str, path: JsonPath,
                    problems: Problems) -> None:
        for end in ("A", "B"):
            key = f"{end.lower()}_terminations"
            if key not in record:  # NetBox before 3.3: one termination per end
                kind = termination_kind(record.get(f"termination_{end.lower()}_type"))
                number = problems.ref(record, f"termination_{end.lower()}_id", file, path)
                if kind is not None and number is not None:
                    self.add_termination(cable, end, kind, number)
                continue
            for index, item in enumerate(problems.objects(record, key, file, path)):
                kind = termination_kind(item.get("object_type"))
                number = problems.ref(item, "object_id", file, (*path, key, index))
                if kind is None:
                    problems.add(file, (*path, key, index, "object_type"), "expected \"app.model\"")
                elif number is not None:
                    self.add_termination(cable, end, kind, number)
