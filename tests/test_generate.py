"""The synthetic campus generator: valid, exact in size, deterministic, realistic.

The benchmark and the property tests of the graph engine stand on these sites,
so each must load cleanly, have every node up with nothing failed, and carry
the structures that make propagation hard: supported loops and k-of-n groups.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from depgraph.cli.main import main
from depgraph.engine.blast import blast_radius
from depgraph.engine.graph import graph_of
from depgraph.errors import UsageError
from depgraph.generate import CORE, generate_site, smallest_site
from depgraph.loading import check_inventory, load_inventory

SIZES = [smallest_site(), 150, 700, 2500]


@pytest.mark.parametrize("size", SIZES)
def test_generated_sites_load_with_the_requested_count_and_everything_up(size: int) -> None:
    checked = check_inventory(generate_site(size, seed=size))
    inventory = checked.inventory
    graph = graph_of(inventory)
    assert len(inventory.components) == size
    assert graph.down_from_scratch(()) == set()
    assert graph.down(()) == set()
    # The only warnings are the redundancy loops: no orphan component, no unowned service.
    assert checked.warnings
    assert all("supported loop" in w.message for w in checked.warnings)


@pytest.mark.parametrize("size", SIZES)
def test_generated_sites_have_supported_loops_and_k_of_n_groups(size: int) -> None:
    inventory = load_inventory(generate_site(size, seed=1))
    loops = [[graph_of(inventory).ids[n] for n in group] for group in graph_of(inventory).loop_groups]
    assert sorted(CORE) in loops
    assert ["dist-b01-a", "dist-b01-b"] in loops
    kinds = {c.kind for node in (*inventory.components, *inventory.services) for c in node.clauses}
    assert kinds == {"id", "any", "at_least"}
    assert any(c.kind == "at_least" and c.k < len(c.members)
               for s in inventory.services for c in s.clauses)


def test_every_trade_is_represented_with_its_billing() -> None:
    inventory = load_inventory(generate_site(400, seed=2))
    billing = {v.trade: v.billing for v in inventory.vendors}
    assert billing == {"isp": "included", "cloud": "included", "network": "hourly",
                       "electrical": "hourly", "av": "hourly", "security": "hourly"}
    assert {v.id for v in inventory.vendors} == {c.vendor for c in inventory.components}
    assert len(inventory.plans) == 2
    prefixes = {s.id.split("-")[0] for s in inventory.services}
    assert prefixes == {"calls", "wifi", "badge", "signage", "cctv", "internet"}
    assert all(s.cost_per_hour > 0 for s in inventory.services)
    assert all(s.people > 0 for s in inventory.services if not s.id.startswith("signage"))


def test_same_seed_same_text_and_different_seed_different_text() -> None:
    assert generate_site(900, seed=7) == generate_site(900, seed=7)
    assert generate_site(900, seed=7) != generate_site(900, seed=8)


@pytest.mark.subprocess
def test_text_does_not_depend_on_hash_randomization(tmp_path: Path) -> None:
    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"site-{hash_seed}.yaml"
        subprocess.run(
            [sys.executable, "-m", "depgraph", "generate", "--components", "300", "--seed", "5",
             "-o", str(out)],
            check=True, env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1] == generate_site(300, seed=5)


@settings(max_examples=15)
@given(size=st.integers(min_value=smallest_site(), max_value=600),
       seed=st.integers(min_value=0, max_value=10_000))
def test_any_size_and_seed_gives_a_valid_site_of_that_size(size: int, seed: int) -> None:
    inventory = load_inventory(generate_site(size, seed))
    assert len(inventory.components) == size
    assert graph_of(inventory).down_from_scratch(()) == set()


def test_smallest_site_blast_radii_by_hand() -> None:
    # The smallest campus: 12 campus components, building 1 (UPS, distribution
    # pair, NVR, access controller), one floor with one closet (UPS, one PoE
    # switch), 4 APs (Wi-Fi needs 3 of them), 1 camera, 1 badge reader, 1
    # signage display and one 8-person room (codec, camera, mic, display,
    # panel): 12 + 5 + 14 = 31.
    # Services: calls 60 x 8 = 480/h, 8 people; wifi 25 x 20 = 500/h, 20;
    # badge 80 + 2 x 20 = 120/h, 20; signage 10 x 1 = 10/h, 0; cctv 150/h, 2;
    # internet 2000/h, 20.
    inventory = load_inventory(generate_site(smallest_site()))
    assert len(inventory.components) == 31

    # One router: its core switch stays up through the other core.
    one = blast_radius(inventory, ["router-1"])
    assert one.down_components == ("router-1",) and one.down_services == ()

    # One AP: 3 of 4 still cover the floor.
    assert blast_radius(inventory, ["ap-b01-f01-01"]).down_services == ()

    # The floor switch: its 11 devices (4 APs, camera, reader, display, codec,
    # room camera through the codec, mic, panel) and every floor, room and
    # building service except internet: 480 + 500 + 120 + 10 + 150 = 1260/h,
    # 8 + 20 + 20 + 0 + 2 = 50 people.
    switch = blast_radius(inventory, ["sw-b01-f01-c1-1"])
    assert len(switch.down_components) == 12
    assert switch.cost_per_hour == 1260 and switch.people == 50
    assert "internet" not in switch.down_services and len(switch.down_services) == 5

    # Both routers: the core pair has no support left (least fixpoint), so the
    # whole network goes; up stay the 2 WAN lines, 4 UPSes, 2 cloud services
    # and the room display (it requires nothing): 31 - 9 = 22 down, every
    # service down: 1260 + 2000 = 3260/h, 50 + 20 = 70 people.
    both = blast_radius(inventory, ["router-1", "router-2"])
    assert set(CORE) <= set(both.down_components) and len(both.down_components) == 22
    assert both.cost_per_hour == 3260 and both.people == 70
    assert both.vendors == ("avco", "netco", "secco")


def test_too_small_a_site_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=f"at least {smallest_site()} components"):
        generate_site(smallest_site() - 1)


def test_command_writes_the_file_or_prints_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "campus.yaml"
    assert main(["generate", "--components", "120", "--seed", "3", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == generate_site(120, seed=3)
    assert capsys.readouterr().out == f"wrote {out}: 120 components (seed 3)\n"
    assert main(["generate", "--components", "120", "--seed", "3"]) == 0
    assert capsys.readouterr().out == generate_site(120, seed=3)
    assert main(["generate", "--components", "120", "-o", "-"]) == 0
    assert capsys.readouterr().out == generate_site(120)


def test_command_rejects_a_too_small_site_with_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--components", "5"]) == 2
    assert "at least" in capsys.readouterr().err
