"""Guessing a component's category from the words an export uses for it.

Exports have no depgraph category: NetBox has roles and device types, UniFi
device types, Home Assistant manufacturers, models and integrations. The
first word list that matches decides; the caller marks the result as a guess
with the word that matched, so the user can see why.

>>> guess_category("Core Switch", "Juniper")
('network', 'switch')
>>> guess_category("Lenovo", "Flex system")
>>> guess_category("Sonos", "Play:1")
('audio', 'sonos')
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["guess_category"]

_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("power", ("pdu", "ups", "power", "battery", "smartpower", "inverter", "usppdup", "eaton", "apc")),
    ("surveillance", ("camera", "nvr", "doorbell", "reolink", "axis", "hikvision", "protect",
                      "surveillance", "unvr", "cctv")),
    ("access", ("access control", "door lock", "lock", "badge", "reader", "intercom", "chime")),
    ("security", ("alarm", "motion", "smoke", "siren", "security")),
    ("network", ("router", "switch", "firewall", "gateway", "access point", "wireless", "wifi",
                 "wi-fi", "patch panel", "patch", "tor", "leaf", "spine", "core", "distribution",
                 "modem", "ont", "mesh", "unifi", "ubiquiti", "udm", "usg", "usw", "uap", "ugw",
                 "cisco", "juniper", "arista", "meraki", "aruba", "mikrotik", "netgear", "tp-link",
                 "fritz", "bridge", "hub", "zigbee", "z-wave", "thread", "ubb")),
    ("compute", ("server", "database", "nas", "synology", "qnap", "storage", "disk", "volume",
                 "raspberry", "pi", "esp32", "espressif", "esphome", "compute", "hypervisor",
                 "application", "cluster", "unraid", "computer", "laptop", "desktop", "phone",
                 "tablet", "samsung", "iphone", "ipad", "hdd", "ssd", "seagate", "kingston")),
    ("lighting", ("light", "lamp", "bulb", "lifx", "hue", "dimmer", "lutron", "led")),
    ("shades", ("shade", "blind", "curtain", "somfy")),
    ("climate", ("thermostat", "climate", "heating", "verwarming", "hvac", "heat", "air",
                 "nest", "ecobee", "tado", "radiator", "fan")),
    ("audio", ("sonos", "speaker", "audio", "amplifier", "receiver", "denon", "yamaha")),
    ("video", ("tv", "television", "display", "projector", "chromecast", "apple tv", "roku",
               "shield", "video", "media player")),
    ("conferencing", ("conference", "zoom", "teams", "codec", "poly", "webex")),
    ("voip", ("voip", "sip", "phone system", "pbx")),
    ("control", ("control", "controller", "processor", "crestron", "savant", "control4",
                 "home assistant", "automation", "homey")),
)

_PATTERNS = tuple(
    (category, word, re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z])"))
    for category, words in _WORDS for word in words
)


@lru_cache(maxsize=4096)
def guess_category(*texts: str | None) -> tuple[str, str] | None:
    """The category the first matching word suggests, and that word; ``None`` if nothing matches.

    Remembered: a big site asks the same few roles, models and makers thousands of times.
    """
    for text in texts:
        if not text:
            continue
        lowered = text.lower()
        for category, word, pattern in _PATTERNS:
            if pattern.search(lowered):
                return category, word
    return None
