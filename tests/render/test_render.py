"""Diagrams: what they show, byte-exact DOT, real SVG/PNG/PDF, escaping, collapsing, errors.

Golden files: ``tests/golden/render-*.dot`` hold the exact DOT of small sites
(``tests/golden.py`` says how to regenerate them).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from golden import assert_golden
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sites import REDUNDANT_OFFICE

from depgraph.cli.main import main
from depgraph.engine.blast import blast_radius
from depgraph.errors import DotNotFoundError, UnknownIdError, UsageError
from depgraph.inventory.container import Inventory
from depgraph.loading import load_inventory
from depgraph.render import (
    COLLAPSE_THRESHOLD,
    Scene,
    build_scene,
    element_id,
    render_dot,
    render_file,
    render_svg,
)
from depgraph.render.style import PALETTE, UNOWNED

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


# A home where every step crosses to another party: ISP modem -> network
# contractor's router -> AV integrator's streamer, plus an unowned power strip.
HOME = """
version: 1
site: {name: Lake house, kind: home}
vendors:
  - {id: isp, name: Lake ISP, billing: included}
  - {id: netpro, name: NetPro}
  - {id: av, name: AV Studio}
components:
  - {id: modem, category: network, vendor: isp, room: Garage}
  - {id: strip, name: Power strip, category: power, room: Garage}
  - {id: router, category: network, vendor: netpro, room: Garage, requires: [modem, strip]}
  - {id: streamer, category: audio, vendor: av, room: Living room, requires: [router]}
  - {id: amp, category: audio, vendor: av, room: Living room, requires: [strip]}
services:
  - {id: music, name: Music everywhere, requires: [streamer, amp], cost_per_hour: 5, people: 4}
  - {id: internet, requires: [router], cost_per_hour: 30, people: 4}
"""

# Every user string that could break DOT, SVG or HTML.
NASTY = r"""
version: 1
site: {name: "Tom's <b>\"Lab\"</b> & Co: C:\\net\\"}
vendors:
  - {id: evil, name: "<script>alert('x')</script>"}
components:
  - {id: sw, name: "<b>Switch</b> & \"Core\"", category: network, vendor: evil,
     room: "Room <1> & \"A\"", manufacturer: "A\\B", model: "x:y"}
  - {id: ru, name: "Маршрутизатор", category: network, room: "机房", requires: [sw]}
  - {id: zh, name: "路由器 \\N \\l end\\", category: network, requires: [sw]}
  - {id: ent, name: "&amp; &lt;tag&gt; &#60;", category: other}
services:
  - {id: svc, name: "<script>alert(1)</script>", requires: [ru, zh, ent]}
"""
NASTY_NAMES = [
    "<script>alert('x')</script>",
    '<b>Switch</b> & "Core"',
    'Room <1> & "A"',
    "Маршрутизатор",
    "机房",
    "路由器 \\N \\l end\\",
    "&amp; &lt;tag&gt; &#60;",
    "<script>alert(1)</script>",
    "A\\B x:y",
]


def detail_scene(inventory: Inventory, *args: Any, **options: Any) -> Scene:
    """The detail view: every part, framed by room (the behaviour these tests pin down)."""
    return build_scene(inventory, *args, view="detail", **options)


@pytest.fixture(scope="module")
def office() -> Inventory:
    return load_inventory(REDUNDANT_OFFICE)


def campus(cameras: int) -> str:
    """A site with ``cameras`` identical cameras on one recorder, for collapsing."""
    lines = [
        "version: 1", "site: {name: Campus}", "vendors: [{id: secco, name: Secure Co}]",
        "components:", "  - {id: nvr, name: NVR-1, category: surveillance, vendor: secco}",
        "  - {id: door, category: access, vendor: secco}",
    ]
    lines += [
        f"  - {{id: cam-{i}, name: Camera {i}, category: surveillance, vendor: secco,"
        " requires: [nvr]}" for i in range(1, cameras + 1)
    ]
    members = ", ".join(f"cam-{i}" for i in range(1, cameras + 1))
    lines += [
        "services:",
        f"  - {{id: cctv, requires: [{{at_least: {cameras - 2}, of: [{members}]}}]}}",
        "  - {id: entry, requires: [door]}",
    ]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- what the scene says


def test_failure_title_states_what_was_lost(office: Inventory) -> None:
    scene = detail_scene(office, failed=["core-switch"])
    assert scene.title == ("Corner office", "core-switch fails: 4 services down, $510/h, 32 people")


def test_title_without_failure_counts_the_site(office: Inventory) -> None:
    assert detail_scene(office).title == ("Corner office", "10 components, 5 services, 3 vendors")


def test_states_under_failure_distinguish_failed_down_held_up(office: Inventory) -> None:
    # fiber fails: the any-junction of core-switch loses one of two and holds, so
    # the junction and core-switch are held; ap-1 fails: wifi's 2-of-3 holds.
    scene = detail_scene(office, failed=["fiber", "ap-1"])
    state = {box.members[0]: box.state for box in scene.boxes if box.members}
    assert state["fiber"] == state["ap-1"] == "failed"
    assert state["core-switch"] == state["wifi"] == "held"
    assert state["lte"] == state["internet"] == state["ap-2"] == "up"
    junctions = {box.lines: box.state for box in scene.boxes if box.kind == "junction"}
    assert junctions == {("1 of 2",): "held", ("2 of 3",): "held"}
    assert scene.title[1] == "ap-1 and fiber fail: no service down (redundancy holds)"


def test_states_agree_with_the_blast_radius(office: Inventory) -> None:
    for failed in (["core-switch"], ["fiber", "lte"], ["display"], ["ap-1", "ap-2"]):
        radius = blast_radius(office, failed)
        scene = detail_scene(office, failed=failed)
        down = {m for box in scene.boxes if box.state in ("failed", "down") for m in box.members}
        assert down == {*radius.down_components, *radius.down_services}


def test_redundant_clauses_become_junctions_and_plain_ones_direct_links(
    office: Inventory,
) -> None:
    scene = detail_scene(office)
    keys = {box.members[0]: box.key for box in scene.boxes if box.members}
    junction = {box.lines[0]: box.key for box in scene.boxes if box.kind == "junction"}
    pairs = {(link.tail, link.head) for link in scene.links}
    assert (keys["core-switch"], junction["1 of 2"]) in pairs
    assert {(junction["1 of 2"], keys["fiber"]), (junction["1 of 2"], keys["lte"])} <= pairs
    assert (keys["wifi"], junction["2 of 3"]) in pairs
    assert (keys["core-switch"], keys["ups"]) in pairs
    assert (keys["internet"], keys["core-switch"]) in pairs


def test_handoffs_are_links_between_different_parties(office: Inventory) -> None:
    # node keys: n<i> in file order, components first (n2 ups, n3 core-switch,
    # n4 ap-1, n7 codec), then services (n12 Video calls)
    handoff = {(link.tail, link.head): link.handoff for link in detail_scene(office).links}
    assert handoff[("n3", "n2")] is True  # core-switch (netco) -> ups (unowned)
    assert handoff[("n7", "n3")] is True  # codec (avco) -> core-switch (netco)
    assert handoff[("n4", "n3")] is False  # ap-1 (netco) -> core-switch (netco)
    assert handoff[("n12", "n7")] is False  # Video calls (owner avco) -> codec (avco)


def test_services_with_one_party_share_one_junction() -> None:
    inventory = load_inventory("""
version: 1
site: {name: s}
components:
  - {id: a, category: network}
  - {id: b, category: network}
services:
  - {id: s1, requires: [{any: [a, b]}]}
  - {id: s2, requires: [{any: [a, b]}]}
""")
    junctions = [box for box in detail_scene(inventory).boxes if box.kind == "junction"]
    assert [box.tooltip for box in junctions] == [("needs 1 of 2: a, b", "for s1, s2")]


def test_colours_go_to_the_vendors_with_most_parts_and_unowned_is_white(
    office: Inventory,
) -> None:
    # NetCo owns 6 parts, Metro ISP and AV Co 2 each (file order breaks the tie).
    scene = detail_scene(office)
    swatch = {box.members[0]: box.swatch for box in scene.boxes if box.members}
    assert (swatch["core-switch"], swatch["fiber"], swatch["codec"], swatch["ups"]) == (
        0, 1, 2, None)
    dot = render_dot(office, view="detail")
    assert f'fillcolor="{PALETTE[0]}" id="dg-n-core-switch"' in dot
    assert f'fillcolor="{UNOWNED}" id="dg-n-ups"' in dot


def test_legend_lists_only_what_appears(office: Inventory) -> None:
    scene = detail_scene(office)
    assert scene.vendors == ((0, "NetCo"), (1, "Metro ISP"), (2, "AV Co"))
    assert scene.unowned and not scene.others
    legend = render_dot(office).split("label=<<TABLE")[1].split("</TABLE>>")[0]
    assert "AV Co" in legend and "other vendors" not in legend
    assert "failed" not in legend and "hand-off" in legend


def test_clusters_follow_group_by(office: Inventory) -> None:
    rooms = {c.label: len(c.keys) for c in detail_scene(office).clusters}
    assert rooms == {"Closet": 2, "Open office": 3, "Boardroom": 2}
    vendors = [c.label for c in detail_scene(office, group_by="vendor").clusters]
    assert vendors == ["Metro ISP", "Unowned", "NetCo", "AV Co"]
    categories = [c.label for c in detail_scene(office, group_by="category").clusters]
    assert categories == ["network", "power", "conferencing", "video", "voip"]
    assert detail_scene(office, group_by=None).clusters == ()
    with pytest.raises(UsageError):
        detail_scene(office, group_by="floor")


def test_unknown_failed_id_suggests_the_closest(office: Inventory) -> None:
    with pytest.raises(UnknownIdError, match="did you mean 'core-switch'"):
        render_dot(office, failed=["core-swich"])
    with pytest.raises(UsageError, match="is a service, not a component"):
        render_dot(office, failed=["internet"])


# ---------------------------------------------------------------- collapsing


def test_large_sites_collapse_identical_siblings() -> None:
    inventory = load_inventory(campus(COLLAPSE_THRESHOLD))
    scene = detail_scene(inventory)
    groups = [box for box in scene.boxes if box.kind == "group"]
    assert [box.lines for box in groups] == [(f"{COLLAPSE_THRESHOLD} × Camera",)]
    assert groups[0].element_id == "dg-g-cam-1"
    assert len(scene.elements["dg-g-cam-1"]) == COLLAPSE_THRESHOLD
    into_group = [link for link in scene.links if link.head == groups[0].key]
    assert [link.label for link in into_group] == [
        f"{COLLAPSE_THRESHOLD - 2} of {COLLAPSE_THRESHOLD}"]


def test_no_collapse_and_small_sites_draw_every_component() -> None:
    large = load_inventory(campus(COLLAPSE_THRESHOLD))
    assert all(box.kind != "group" for box in detail_scene(large, collapse=False).boxes)
    small = load_inventory(campus(COLLAPSE_THRESHOLD - 4))  # 300 nodes: not above
    assert all(box.kind != "group" for box in detail_scene(small).boxes)


def test_a_failed_sibling_leaves_its_group() -> None:
    inventory = load_inventory(campus(COLLAPSE_THRESHOLD))
    scene = detail_scene(inventory, failed=["cam-7"])
    by_member = {m: box for box in scene.boxes for m in box.members}
    assert by_member["cam-7"].kind == "component" and by_member["cam-7"].state == "failed"
    assert by_member["cam-8"].kind == "group" and by_member["cam-8"].lines == (
        f"{COLLAPSE_THRESHOLD - 1} × Camera",)


@pytest.mark.parametrize("seed", [1, 2])
def test_every_node_is_drawn_exactly_once_on_generated_sites(seed: int) -> None:
    from depgraph.generate import generate_site

    inventory = load_inventory(generate_site(400, seed=seed))
    failed = [inventory.components[seed * 37].id]
    scene = detail_scene(inventory, failed=failed)
    members = [m for box in scene.boxes for m in box.members]
    assert sorted(members) == sorted(n.id for n in (*inventory.components, *inventory.services))
    assert any(box.kind == "group" for box in scene.boxes)
    radius = blast_radius(inventory, failed)
    down = {m for box in scene.boxes if box.state in ("failed", "down") for m in box.members}
    assert down == {*radius.down_components, *radius.down_services}


# ---------------------------------------------------------------- DOT: exact and safe


GOLDEN_CASES = {
    "render-redundancy": (REDUNDANT_OFFICE, {"view": "detail"}),
    "render-fail-switch": (REDUNDANT_OFFICE, {"failed": ["core-switch"], "view": "detail"}),
    "render-fail-held": (REDUNDANT_OFFICE, {"failed": ["fiber", "ap-1"], "view": "detail"}),
    "render-handoff-by-vendor": (HOME, {"group_by": "vendor", "view": "detail"}),
    "render-escaping": (NASTY, {"view": "detail"}),
    "render-overview": (REDUNDANT_OFFICE, {}),
    "render-overview-fail": (REDUNDANT_OFFICE, {"failed": ["core-switch"]}),
    "render-focus": (REDUNDANT_OFFICE, {"focus": ["codec"]}),
    "render-overview-escaping": (NASTY, {}),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_dot_matches_golden_file(name: str) -> None:
    text, options = GOLDEN_CASES[name]
    dot = render_dot(load_inventory(text), **options)  # type: ignore[arg-type]
    assert_golden(f"{name}.dot", dot)


def test_dot_is_deterministic(office: Inventory) -> None:
    first = render_dot(office, failed=["fiber", "ap-1"])
    assert first == render_dot(load_inventory(REDUNDANT_OFFICE), failed=["ap-1", "fiber"])


@pytest.mark.parametrize("view", ["overview", "detail"])
def test_node_names_are_generated_and_user_text_is_escaped(view: str) -> None:
    dot = render_dot(load_inventory(NASTY), view=view)
    statements = re.findall(r"^\s*(\S+) \[", dot, flags=re.M)
    assert statements and all(re.fullmatch(r"[ngjT]\d+|graph|node|edge", s) for s in statements)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dot  # labels: markup only as entities
    assert "<B>&lt;b&gt;Switch&lt;/b&gt; &amp;</B>" in dot and "<B>&quot;Core&quot;</B>" in dot
    assert r"路由器 \\N \\l end\\" in dot  # doubled: Graphviz would read \N in a label
    assert 'tooltip="<script>alert(1)</script>' in dot  # tooltips: plain quoted strings


# ---------------------------------------------------------------- real Graphviz output


def svg_texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter(f"{SVG}text")]


def test_svg_shows_every_nasty_name_as_text() -> None:
    svg = render_svg(load_inventory(NASTY), view="detail")
    assert svg.startswith("<svg")
    texts = svg_texts(svg)
    for name in NASTY_NAMES:  # long names wrap at spaces, words whole
        assert name in texts or name in " ".join(texts), name
    assert "Tom's <b>\"Lab\"</b> & Co: C:\\net\\" in texts
    root = ET.fromstring(svg)
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
    assert not list(root.iter("b"))


def test_svg_maps_elements_back_to_the_inventory(office: Inventory) -> None:
    root = ET.fromstring(render_svg(office, failed=["core-switch"], view="detail"))
    groups = {g.get("id"): g.get("class", "") for g in root.iter(f"{SVG}g")}
    scene = detail_scene(office, failed=["core-switch"])
    assert set(scene.elements) <= set(groups)
    assert element_id("core-switch") in groups
    assert groups["dg-n-core-switch"] == "node dg-component dg-failed"
    assert groups["dg-n-internet"] == "node dg-service dg-down"
    assert groups["dg-n-signage"] == "node dg-service dg-up"
    assert "dg-services" in groups
    assert "core-switch fails: 4 services down, $510/h, 32 people" in svg_texts(
        render_svg(office, failed=["core-switch"]))
    # No internal shape names to show on hover; the tooltips speak the user's language.
    assert not list(root.iter(f"{SVG}title"))
    assert any("hand-off" in (a.get(f"{XLINK}title") or "") for a in root.iter(f"{SVG}a"))


def _written(path: Path | None) -> Path:
    """The file ``render_file`` says it wrote (it says ``None`` only for standard output)."""
    assert path is not None
    return path


def test_files_by_suffix(office: Inventory, tmp_path: Path) -> None:
    png = _written(render_file(office, tmp_path / "site.png")).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
    assert _written(render_file(office, tmp_path / "site.pdf")).read_bytes().startswith(b"%PDF")
    svg = _written(render_file(office, tmp_path / "site.SVG")).read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and ET.fromstring(svg).tag == f"{SVG}svg"
    dot = _written(render_file(office, tmp_path / "site.dot")).read_text(encoding="utf-8")
    assert dot == render_dot(office)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "site.SVG", "site.dot", "site.pdf", "site.png"]


def test_svg_is_deterministic(office: Inventory) -> None:
    assert render_svg(office, failed=["fiber"]) == render_svg(office, failed=["fiber"])


def test_unknown_suffix_is_a_usage_error(office: Inventory, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"'\.jpg' is not a diagram format"):
        render_file(office, tmp_path / "site.jpg")
    assert not list(tmp_path.iterdir())


# ---------------------------------------------------------------- without Graphviz


@pytest.fixture
def no_dot(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.mark.usefixtures("no_dot")
def test_missing_dot_says_how_to_install_it(office: Inventory, tmp_path: Path) -> None:
    with pytest.raises(DotNotFoundError, match="apt-get install graphviz"):
        render_file(office, tmp_path / "site.svg")
    assert _written(render_file(office, tmp_path / "site.dot")).read_text(encoding="utf-8") == (
        render_dot(office))


@pytest.mark.usefixtures("no_dot")
def test_cli_without_dot_exits_2_with_the_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(REDUNDANT_OFFICE, encoding="utf-8")
    assert main(["render", str(site), "-o", str(tmp_path / "site.png")]) == 2
    err = capsys.readouterr().err
    assert "apt-get install graphviz" in err and "Traceback" not in err
    assert not (tmp_path / "site.png").exists()


# ---------------------------------------------------------------- command line


def test_cli_renders_with_fail_and_group_by(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(REDUNDANT_OFFICE, encoding="utf-8")
    out = tmp_path / "blast.svg"
    code = main(["render", str(site), "-o", str(out), "--fail", "core-switch",
                 "--group-by", "vendor", "--no-collapse"])
    assert code == 0 and capsys.readouterr().out == f"wrote {out}\n"
    assert "core-switch fails: 4 services down, $510/h, 32 people" in svg_texts(
        out.read_text(encoding="utf-8"))
    dot = tmp_path / "plain.dot"
    assert main(["render", str(site), "-o", str(dot), "--group-by", "none"]) == 0
    assert dot.read_text(encoding="utf-8") == render_dot(load_inventory(REDUNDANT_OFFICE), group_by=None)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fail", "core-swich"], "did you mean 'core-switch'"),
        (["--fail", "internet"], "'internet' is a service, not a component"),
    ],
)
def test_cli_bad_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(REDUNDANT_OFFICE, encoding="utf-8")
    assert main(["render", str(site), "-o", str(tmp_path / "x.svg"), *args]) == 2
    assert message in capsys.readouterr().err


def test_cli_bad_suffix_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(REDUNDANT_OFFICE, encoding="utf-8")
    assert main(["render", str(site), "-o", str(tmp_path / "x.gif")]) == 2
    assert "use .svg, .png, .pdf, .dot" in capsys.readouterr().err


@settings(max_examples=20)
@example(name="]")  # dot 2.43 refused a label that is a lone "]"
@given(name=st.text(
    alphabet=st.characters(whitelist_categories=("L", "N", "P", "S"), whitelist_characters=" "),
    min_size=1, max_size=28,
).filter(lambda s: s == s.strip() and "  " not in s))
def test_any_name_renders_literally_in_svg(name: str) -> None:
    inventory = load_inventory(
        "version: 1\nsite: {name: s}\ncomponents:\n"
        f"  - {{id: x, name: {json.dumps(name, ensure_ascii=False)}, category: other}}\n"
    )
    for view in ("overview", "detail"):
        root = ET.fromstring(render_svg(inventory, view=view))
        box = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "dg-n-x")
        bold = [t.text for t in box.iter(f"{SVG}text") if t.get("font-weight") == "bold"]
        assert " ".join(str(text) for text in bold) == name
