"""Random valid sites for property tests, each named by what it exercises.

* :func:`priced_acyclic_sites`: no loops, vendors of every billing and three
  plans, for the cost model's invariants;
* :func:`sites_with_loops`: supported loops and groups tolerating several
  failures, as an :class:`Inventory`, for cut sets and fault trees;
* :func:`loop_site_data`: the same shapes as raw data, for the engine's
  equivalences (file order, ``any`` against ``at_least: 1``);
* :func:`busy_sites`: small sites that fail often, with latent parts and
  partial plans, for the simulation against its event-by-event reference;
* :func:`redundant_sites`: redundant parts that fail often and go unseen, for
  combined failures (with and without calendars).
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import strategies as st

from depgraph import Inventory, load_inventory

__all__ = ["busy_sites", "loop_site_data", "priced_acyclic_sites", "redundant_sites", "sites_with_loops"]


@st.composite
def priced_acyclic_sites(draw: st.DrawFn) -> str:
    """A random acyclic site as inventory text: components each requiring earlier ones."""
    n = draw(st.integers(1, 8))
    owners = st.sampled_from([None, "v1", "v2", "isp"])
    components = []
    for i in range(n):
        component: dict[str, object] = {
            "id": f"c{i}", "category": "other",
            "failures_per_year": draw(st.sampled_from([0, 0.1, 0.5, 2])),
            "monitored": draw(st.booleans()),
        }
        if (vendor := draw(owners)) is not None:
            component["vendor"] = vendor
        if i and draw(st.booleans()):
            members = draw(st.lists(st.sampled_from([f"c{j}" for j in range(i)]), min_size=1,
                                    max_size=3, unique=True))
            k = draw(st.integers(1, len(members)))
            component["requires"] = [members[0]] if k == 1 == len(members) else [
                {"at_least": k, "of": members}
            ]
        components.append(component)
    services = [
        {"id": f"s{j}", "requires": draw(st.lists(st.sampled_from([c["id"] for c in components]),
                                                  min_size=1, max_size=2, unique=True)),
         "cost_per_hour": draw(st.sampled_from([0, 10, 50])), "people": draw(st.integers(0, 3))}
        for j in range(draw(st.integers(0, 3)))
    ]
    site = {
        "version": 1, "site": {"name": "generated"},
        "vendors": [{"id": "v1"}, {"id": "v2", "hourly_rate": 90},
                    {"id": "isp", "billing": "included"}],
        "components": components, "services": services,
        "plans": [{"id": "nothing", "monthly_fee": 0, "covers": []},
                  {"id": "all", "monthly_fee": 300}, {"id": "v1-only", "monthly_fee": 50,
                                                       "covers": ["v1", "isp"]}],
    }
    return json.dumps(site) + "\n"  # a newline makes it text, not a path


@st.composite
def sites_with_loops(draw: st.DrawFn, max_components: int = 8) -> Inventory:
    """A random valid site. Each clause has at least k members from earlier nodes, so that
    everything is up with nothing failed, plus members from anywhere: supported loops, groups
    tolerating several failures, services required by components."""
    n_components = draw(st.integers(2, max_components))
    n_services = draw(st.integers(1, 3))
    ids = [f"c{i}" for i in range(n_components)] + [f"s{i}" for i in range(n_services)]

    def clause(node: int) -> Any:
        earlier = ids[:node] if node < n_components else ids[:n_components]
        support = draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=3, unique=True))
        extra = draw(st.lists(st.sampled_from(ids), max_size=3, unique=True))
        members = support + [m for m in extra if m not in support and m != ids[node]]
        k = draw(st.integers(1, len(support)))
        if len(members) == 1:
            return members[0]
        return {"any": members} if k == 1 and draw(st.booleans()) else {"at_least": k, "of": members}

    components: list[dict[str, Any]] = [{"id": ids[0], "category": "network"}]
    for i in range(1, n_components):
        count = draw(st.integers(0, 2))
        node: dict[str, Any] = {"id": ids[i], "category": "network"}
        if count:
            node["requires"] = [clause(i) for _ in range(count)]
        components.append(node)
    services = [
        {"id": ids[i], "requires": [clause(i) for _ in range(draw(st.integers(1, 2)))]}
        for i in range(n_components, n_components + n_services)
    ]
    data = {"version": 1, "site": {"name": "random"}, "components": components,
            "services": services}
    return load_inventory(yaml.safe_dump(data))


@st.composite
def loop_site_data(draw: st.DrawFn, max_nodes: int = 12) -> dict[str, Any]:
    """A random valid inventory as data: clauses lean on earlier nodes (so everything is up
    with nothing failed) and may add later nodes as extra members, which makes supported loops.
    """
    n_components = draw(st.integers(2, max_nodes))
    n_services = draw(st.integers(1, 4))
    ids = [f"c{i}" for i in range(n_components)] + [f"s{i}" for i in range(n_services)]

    def clause(i: int, service: bool) -> Any:
        earlier = ids[:i] if not service else ids[: n_components + i - n_components]
        pool = ids[:n_components] if service else ids
        support = draw(st.lists(st.sampled_from(earlier), min_size=1, max_size=3, unique=True))
        extra = draw(st.lists(st.sampled_from(pool), max_size=2, unique=True))
        members = support + [m for m in extra if m not in support and m != ids[i]]
        kind = draw(st.sampled_from(["id", "any", "at_least"]))
        if kind == "id" or len(members) == 1:
            return support[0]
        if kind == "any":
            return {"any": members}
        return {"at_least": draw(st.integers(1, len(support))), "of": members}

    components = []
    for i in range(n_components):
        node: dict[str, Any] = {"id": ids[i], "category": "network"}
        if i > 0 and draw(st.booleans()):
            node["requires"] = [clause(i, False) for _ in range(draw(st.integers(1, 2)))]
        components.append(node)
    services = []
    for j in range(n_services):
        i = n_components + j
        services.append({"id": ids[i], "cost_per_hour": j + 1, "people": 1,
                         "requires": [clause(i, True) for _ in range(draw(st.integers(1, 2)))]})
    return {"version": 1, "site": {"name": "generated"}, "components": components,
            "services": services}


@st.composite
def busy_sites(draw: st.DrawFn) -> Inventory:
    """A small site that fails often: loops, k-of-n groups, latent parts, partial plans."""
    n_components = draw(st.integers(3, 9))
    n_services = draw(st.integers(1, 3))
    ids = [f"c{i}" for i in range(n_components)] + [f"s{i}" for i in range(n_services)]

    def clause(i: int) -> Any:
        support = draw(st.lists(st.sampled_from(ids[:i]), min_size=1, max_size=3, unique=True))
        extra = draw(st.lists(st.sampled_from(ids[:n_components]), max_size=2, unique=True))
        members = support + [m for m in extra if m not in support and m != ids[i]]
        kind = draw(st.sampled_from(["id", "any", "at_least"]))
        if kind == "id" or len(members) == 1:
            return support[0]
        if kind == "any":
            return {"any": members}
        return {"at_least": draw(st.integers(1, len(support))), "of": members}

    components = []
    for i in range(n_components):
        node: dict[str, Any] = {
            "id": ids[i], "category": "network",
            "vendor": draw(st.sampled_from([None, "isp", "netco", "avco"])),
            "failures_per_year": draw(st.sampled_from([0.0, 1.0, 3.0, 8.0])),
            "repair_hours": draw(st.sampled_from([0.5, 4.0])),
            "monitored": draw(st.booleans()),
        }
        if i > 0 and draw(st.booleans()):
            node["requires"] = [clause(i) for _ in range(draw(st.integers(1, 2)))]
        components.append({k: v for k, v in node.items() if v is not None})
    services = [
        {"id": ids[i], "cost_per_hour": draw(st.sampled_from([0, 10, 100])), "people": i,
         "notice_hours": draw(st.sampled_from([0.5, 6.0])),
         "requires": [clause(i) for _ in range(draw(st.integers(1, 2)))]}
        for i in range(n_components, n_components + n_services)
    ]
    plans = [
        {"id": f"p{j}", "monthly_fee": 10,
         "covers": draw(st.sampled_from(["all", ["netco"], ["netco", "isp"], []])),
         "failure_reduction": draw(st.sampled_from([0.0, 0.5, 0.9]))}
        for j in range(draw(st.integers(0, 2)))
    ]
    site = {
        "version": 1, "site": {"name": "busy"},
        "model": {"blame_probability": draw(st.sampled_from([0.0, 0.5, 1.0])),
                  "latent_discovery_days": draw(st.sampled_from([2, 20])),
                  "unowned_search_hours": 3,
                  "duration_spread": draw(st.sampled_from([0.0, 0.8]))},
        "vendors": [{"id": "isp", "billing": "included", "response_hours": 4},
                    {"id": "netco", "response_hours": 24}, {"id": "avco", "response_hours": 48}],
        "components": components, "services": services, "plans": plans,
    }
    return load_inventory(json.dumps(site, indent=1))


@st.composite
def redundant_sites(draw: st.DrawFn) -> Inventory:
    """A small site of redundant parts that fail often and go unseen: combined failures.

    Services need k of n members with slack, components may need any of two
    earlier ones, services may need each other, and parts, services and
    plans are spread over vendors billed hourly or included, or none.
    """
    n = draw(st.integers(3, 7))
    ids = [f"c{i}" for i in range(n)]
    vendors = st.sampled_from([None, "isp", "netco", "avco"])
    components = []
    for i in range(n):
        node: dict[str, Any] = {
            "id": ids[i], "category": "network", "vendor": draw(vendors),
            "failures_per_year": draw(st.sampled_from([2.0, 5.0, 10.0])),
            "repair_hours": draw(st.sampled_from([0.5, 4.0])), "monitored": draw(st.booleans()),
        }
        if i >= 2 and draw(st.booleans()):
            node["requires"] = [{"any": draw(st.lists(st.sampled_from(ids[:i]), min_size=2,
                                                        max_size=2, unique=True))}]
        components.append({k: v for k, v in node.items() if v is not None})
    services: list[dict[str, Any]] = []
    for j in range(draw(st.integers(1, 3))):
        members = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=4, unique=True))
        requires: list[Any] = [{"at_least": draw(st.integers(1, len(members) - 1)), "of": members}]
        chained = draw(st.booleans())
        if services and chained:
            requires.append(services[-1]["id"])
        service = {"id": f"s{j}", "requires": requires, "people": j,
                   "cost_per_hour": draw(st.sampled_from([0, 10, 100])),
                   "notice_hours": draw(st.sampled_from([0.5, 6.0])), "owner": draw(vendors)}
        services.append({k: v for k, v in service.items() if v is not None})
    plans = [
        {"id": f"p{j}", "monthly_fee": 10,
         "covers": draw(st.sampled_from(["all", ["netco"], ["avco", "isp"]])),
         "failure_reduction": draw(st.sampled_from([0.0, 0.5]))}
        for j in range(draw(st.integers(0, 2)))
    ]
    site = {
        "version": 1, "site": {"name": "redundant"},
        "model": {"blame_probability": draw(st.sampled_from([0.5, 1.0])),
                  "latent_discovery_days": 30, "unowned_search_hours": 3,
                  "duration_spread": draw(st.sampled_from([0.0, 0.8]))},
        "vendors": [{"id": "isp", "billing": "included", "response_hours": 4},
                    {"id": "netco", "response_hours": 24}, {"id": "avco", "response_hours": 48}],
        "components": components, "services": services, "plans": plans,
    }
    return load_inventory(json.dumps(site, indent=1))
