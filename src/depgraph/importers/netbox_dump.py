"""Reading a NetBox ``dumpdata`` file fast, by decoding only the records the importer keeps.

A grown NetBox dump is mostly records the importer never reads: the models it
does not use (permissions, templates, VM interfaces) and the interfaces and
ports that have no cable. Parsing them all into Python objects with
:func:`json.loads` took most of the time of a 10,000-device import. Here
msgspec decodes the list of entries with each entry's ``fields`` left as raw
JSON text (still checked to be valid JSON); then only the entries of a used
model are decoded, and a port is first asked only for its ``cable``, being
decoded in full only when it has one. Kept records are the same dicts
:func:`json.loads` gives, and they go through
:meth:`~depgraph.importers.netbox_records.Tables.add_dump_record`, the same
checks as the plain path.

Anything else (REST pages, malformed entries, JSON that is not valid, values
msgspec reads differently from :mod:`json` such as ``NaN`` or ``1e400``) makes
:func:`add_dumpdata_fast` return ``False`` with nothing added, and the caller
reads the file the plain way, which gives every message the file deserves.

>>> from depgraph.importers.jsondata import Problems
>>> text = ('[{"model": "dcim.device", "pk": 1, "fields": {"name": "sw1"}},'
...         ' {"model": "dcim.interface", "pk": 5, "fields": {"device": 1, "cable": null}},'
...         ' {"model": "auth.permission", "pk": 2, "fields": {"name": "x"}}]')
>>> tables = Tables()
>>> add_dumpdata_fast(text, "dump.json", tables, Problems())
True
>>> dict(tables.records)
{'dcim.device': {1: {'name': 'sw1'}}}
>>> add_dumpdata_fast('{"results": []}', "page.json", tables, Problems())
False
"""

from __future__ import annotations

from typing import Any

import msgspec

from depgraph.importers.jsondata import Problems
from depgraph.importers.netbox_records import PORTS, USED_MODELS, Tables

__all__ = ["add_dumpdata_fast"]


class _Entry(msgspec.Struct):
    """One ``{"model", "pk", "fields"}`` entry, its fields not yet decoded."""

    model: Any
    fields: msgspec.Raw
    pk: Any = None


class _Cable(msgspec.Struct):
    """Only the ``cable`` of a port's fields (the other keys are skipped, not built)."""

    cable: Any = None


_ENTRIES = msgspec.json.Decoder(list[_Entry])
_CABLE = msgspec.json.Decoder(_Cable)
_ANY = msgspec.json.Decoder()


def _uncabled_port(model: str, number: Any, raw: msgspec.Raw) -> bool:
    """Whether :class:`Tables` would drop this entry as a port without a cable, with no message."""
    if model not in PORTS or isinstance(number, bool) or not isinstance(number, int):
        return False
    try:
        return _CABLE.decode(raw).cable is None
    except msgspec.ValidationError:  # fields not an object (or an odd cable): decoded in full below
        return False


def add_dumpdata_fast(text: str, file: str, tables: Tables, problems: Problems) -> bool:
    """Add the records of a ``dumpdata`` text; ``False`` (nothing added) when the plain path must read it."""
    try:
        entries = _ENTRIES.decode(text)
        if not entries:
            return False
        kept: list[tuple[str, Any, Any, int]] = []
        for index, entry in enumerate(entries):
            model = entry.model
            if not isinstance(model, str) or model not in USED_MODELS:
                continue
            if not _uncabled_port(model, entry.pk, entry.fields):
                kept.append((model, entry.pk, _ANY.decode(entry.fields), index))
    except (msgspec.DecodeError, RecursionError):
        return False
    for model, number, fields, index in kept:
        tables.add_dump_record(model, number, fields, file, index, problems)
    return True
