"""Overview, focus and failure views: what a client reads on one printed page.

Box counts of each bundled overview; the smallest text after fitting to a
letter or A4 page, measured from the SVG's size and its text sizes; vendor
fills; redundancy brackets; the failure's states and the way its arrows
point; page fitting of real PDF and PNG files and the notes that say when a
drawing cannot fit.
"""

from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from printed import png_pixels, smallest_text
from pypdf import PdfReader
from sites import BUNDLED, REDUNDANT_OFFICE

from depgraph.cli.main import main
from depgraph.engine.blast import blast_radius, rank
from depgraph.generate import generate_site
from depgraph.inventory.container import Inventory
from depgraph.loading import load_inventory
from depgraph.render import (
    build_scene,
    render_dot,
    render_svg,
    write_diagram,
)
from depgraph.render import formats as formats_module
from depgraph.render.boxes import colour_slots
from depgraph.render.dot import to_dot
from depgraph.render.formats import LEGIBLE, fit_scale, natural_size
from depgraph.render.pages import page_split
from depgraph.render.style import FAILED, OTHERS, PALETTE, SMALLEST, UNOWNED
from depgraph.render.tiers import TIERS

SVG = "{http://www.w3.org/2000/svg}"


@cache
def bundled(name: str) -> Inventory:
    return load_inventory(next(path for path in BUNDLED if path.name == name))


NAMES = [path.name for path in BUNDLED]


def smallest_text_on_page(svg: str, page: str) -> float:
    """The smallest text in points once the drawing is fitted to ``page``."""
    root = ET.fromstring(svg)
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    sizes = [float(t.get("font-size", "14")) for t in root.iter(f"{SVG}text") if t.text]
    return min(sizes) * fit_scale((width, height), page)


def views(name: str) -> Iterator[tuple[str, dict[str, object]]]:
    """The overview, a failure of the costliest part, and focus on it and on a service."""
    inventory = bundled(name)
    top = rank(inventory)[0].id
    service = max(inventory.services, key=lambda s: s.cost_per_hour).id
    yield "overview", {}
    yield f"--fail {top}", {"failed": [top]}
    yield f"--focus {top}", {"focus": [top]}
    yield f"--focus {service}", {"focus": [service]}


# ---------------------------------------------------------------- overview


@pytest.mark.parametrize("name", NAMES)
def test_each_bundled_overview_has_at_most_40_boxes(name: str) -> None:
    scene = build_scene(bundled(name))
    boxes = [box for box in scene.boxes if box.kind != "junction"]
    assert len(boxes) <= 40
    drawn = sorted(m for box in boxes for m in box.members)
    inventory = bundled(name)
    assert drawn == sorted(n.id for n in (*inventory.components, *inventory.services))


def test_a_2000_component_site_overview_has_at_most_60_boxes() -> None:
    inventory = load_inventory(generate_site(2000, seed=1))
    scene = build_scene(inventory)
    assert len([box for box in scene.boxes if box.kind != "junction"]) <= 60
    assert sum(len(box.members) for box in scene.boxes) == 2000 + len(inventory.services)


@pytest.mark.parametrize("name", NAMES)
def test_every_box_of_several_parts_says_how_many_and_what(name: str) -> None:
    for box in build_scene(bundled(name)).boxes:
        if box.kind == "group":
            count, what = box.lines[0].split(" × ", 1)
            assert int(count) == len(box.members) and len(what) >= 2, box.lines
        if box.kind != "junction":
            assert box.vendor, box.lines  # every box names its vendor (or "no vendor")


def test_a_group_names_where_its_parts_are() -> None:
    inventory = load_inventory("""
version: 1
site: {name: Two floors}
components:
  - {id: sw, name: Core switch, category: network}
""" + "".join(
        f"  - {{id: ap-{i}, name: Wi-Fi AP {i}, category: network, room: 2nd floor {room},"
        " requires: [sw]}\n" for i, room in enumerate(
            ["hall", "office", "den", "bath", "bed 1", "bed 2"] * 2)) + """
services:
  - {id: wifi, requires: [{at_least: 3, of: [ap-0, ap-1, ap-2, ap-3, ap-4, ap-5]}]}
  - {id: more, requires: [ap-6, ap-7, ap-8, ap-9, ap-10, ap-11]}
""")
    scene = build_scene(inventory, view="overview")
    assert len(scene.boxes) == 15  # 15 nodes fit the budget part by part
    from depgraph.engine.graph import graph_of
    from depgraph.render.parts import overview_parts
    from depgraph.render.tiers import tiers_of

    graph = graph_of(inventory)
    parts = overview_parts(graph, tiers_of(graph), ["up"] * len(graph), budget=5)
    assert (1, 2, 3, 4, 5, 6) in parts and (7, 8, 9, 10, 11, 12) in parts
    from depgraph.render.boxes import group_text

    text = group_text(inventory, [inventory.components[n] for n in (1, 2, 3, 4, 5, 6)])
    assert text.lines == ("6 × Wi-Fi AP", "2nd floor")


@pytest.mark.parametrize("name", NAMES)
def test_the_overview_reads_tier_by_tier_with_the_spine_on_one_row(name: str) -> None:
    inventory = bundled(name)
    scene = build_scene(inventory)
    tiers = [tier for tier, _ in scene.rows]
    assert tiers == sorted(tiers) and TIERS[tiers[0]] == "power" and TIERS[tiers[-1]] == "service"
    spine_rows = [keys for tier, keys in scene.rows if TIERS[tier] == "internet"]
    assert len(spine_rows) == 1
    names = {box.key: box.lines[0] for box in scene.boxes}
    spine = [names[key] for key in spine_rows[0]]
    assert any("irewall" in n or "router" in n.lower() for n in spine), spine


# ---------------------------------------------------------------- legible on paper


@pytest.mark.parametrize("page", ["letter", "a4"])
@pytest.mark.parametrize("name", NAMES)
def test_no_text_under_7_points_after_fitting_to_the_page(
    name: str, page: str, tmp_path: Path
) -> None:
    for label, options in views(name):
        (written,), notes = write_diagram(bundled(name), tmp_path / "site.svg", page=page,
                                          **options)  # type: ignore[arg-type]
        smallest = smallest_text_on_page(written.read_text(encoding="utf-8"), page)
        assert smallest >= LEGIBLE, f"{name} {label}: {smallest:.2f} pt on {page}"
        assert notes == ()


SHEETS = {"letter": ((792.0, 612.0), (1650, 1275)), "a4": ((842.0, 595.0), (1754, 1240))}
"""Each page's sheet in points (PDF) and in pixels at 150 dpi (PNG)."""





@pytest.mark.parametrize("page", list(SHEETS))
def test_pdf_and_png_are_a_whole_landscape_sheet(tmp_path: Path, page: str) -> None:
    (points, pixels) = SHEETS[page]
    for name in NAMES:
        (pdf,), notes = write_diagram(bundled(name), tmp_path / f"{page}.pdf", page=page)
        assert notes == ()
        (sheet,) = PdfReader(pdf).pages
        assert tuple(float(v) for v in sheet.mediabox) == (0.0, 0.0, *points), name
        smallest = smallest_text(sheet)
        assert smallest >= LEGIBLE, f"{name}: {smallest:.2f} pt on a {page} sheet"
        (png,), notes = write_diagram(bundled(name), tmp_path / f"{page}.png", page=page)
        assert notes == () and png_pixels(png.read_bytes()) == pixels, name


def test_a_small_drawing_is_centred_on_the_sheet_at_full_size(tmp_path: Path) -> None:
    office = load_inventory(REDUNDANT_OFFICE)
    natural = natural_size(render_svg(office).encode("utf-8"))
    (pdf,), _ = write_diagram(office, tmp_path / "small.pdf")
    (sheet,) = PdfReader(pdf).pages
    assert tuple(float(v) for v in sheet.mediabox) == (0.0, 0.0, 792.0, 612.0)
    assert natural[0] < 700 and smallest_text(sheet) == pytest.approx(SMALLEST, abs=0.01)
    (png,), _ = write_diagram(office, tmp_path / "small.png")
    image = png.read_bytes()
    assert png_pixels(image) == (1650, 1275)


def test_the_same_diagram_gives_the_same_pdf(tmp_path: Path) -> None:
    office = load_inventory(REDUNDANT_OFFICE)
    (first,), _ = write_diagram(office, tmp_path / "first.pdf")
    (second,), _ = write_diagram(office, tmp_path / "second.pdf")
    assert first.read_bytes() == second.read_bytes()
    assert b"CreationDate" not in first.read_bytes()


def test_a_detail_diagram_that_cannot_fit_is_one_pdf_of_one_page_per_area(
    tmp_path: Path,
) -> None:
    inventory = bundled("small-office.yaml")
    (written,), notes = write_diagram(inventory, tmp_path / "detail.pdf", view="detail")
    assert written == tmp_path / "detail.pdf" and sorted(tmp_path.iterdir()) == [written]
    pages = PdfReader(written).pages
    assert len(notes) == 1 and "does not fit one letter page legibly" in notes[0]
    assert f"split into {len(pages)} pages, one per area, in one PDF" in notes[0]
    assert len(pages) > 1
    for number, sheet in enumerate(pages, start=1):
        assert tuple(float(v) for v in sheet.mediabox) == (0.0, 0.0, 792.0, 612.0)
        assert smallest_text(sheet) >= LEGIBLE, number
        text = sheet.extract_text()
        assert f"Page {number} of {len(pages)}" in text and "Detail of" in text
    # every component is on some page
    split = page_split(inventory)
    assert {m for page in split for m in page.members} >= {c.id for c in inventory.components}


def test_a_split_detail_pdf_can_go_to_standard_output(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    site = next(path for path in BUNDLED if path.name == "small-office.yaml")
    assert main(["render", str(site), "--detail", "-o", "-", "--format", "pdf"]) == 0
    out = capsysbinary.readouterr()
    assert len(PdfReader(io.BytesIO(out.out)).pages) > 1
    assert b"in one PDF" in out.err


def test_a_split_detail_png_is_one_file_per_page_and_says_why(tmp_path: Path) -> None:
    inventory = bundled("small-office.yaml")
    pdf_pages = len(PdfReader(write_diagram(inventory, tmp_path / "d.pdf", view="detail")[0][0])
                    .pages)
    written, notes = write_diagram(inventory, tmp_path / "detail.png", view="detail")
    assert [p.name for p in written] == [f"detail-{n}.png" for n in range(1, pdf_pages + 1)]
    assert not (tmp_path / "detail.png").exists()
    assert "one file per page because PNG has no pages (write a .pdf" in notes[0]
    assert all(png_pixels(p.read_bytes()) == (1650, 1275) for p in written)


def test_a_detail_svg_too_large_for_a_page_is_one_file_with_a_note(tmp_path: Path) -> None:
    (written,), notes = write_diagram(bundled("small-office.yaml"), tmp_path / "detail.svg",
                                      view="detail")
    assert sorted(tmp_path.iterdir()) == [written]
    assert len(notes) == 1 and "an SVG is one drawing, not split (zoom in)" in notes[0]


def test_a_png_over_graphvizs_pixel_cap_is_drawn_smaller_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(formats_module, "MAX_PIXELS", 400)
    (written,), notes = write_diagram(load_inventory(REDUNDANT_OFFICE), tmp_path / "big.png",
                                      view="detail", page="none")
    data = written.read_bytes()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert max(width, height) <= 400
    assert len(notes) == 1 and "dpi to stay within Graphviz's 400-pixel limit" in notes[0]


# ---------------------------------------------------------------- vendors, redundancy


@pytest.mark.parametrize("name", NAMES)
def test_no_two_vendors_share_a_fill(name: str) -> None:
    inventory = bundled(name)
    slots = colour_slots(inventory)
    assert len(slots) == min(10, len({c.vendor for c in inventory.components if c.vendor}))
    fills = [PALETTE[slot] for slot in slots.values()]
    assert len(set(fills)) == len(fills) and not {OTHERS, UNOWNED} & set(fills)
    # the colours go to the vendors that own the most parts
    counts = {v: sum(c.vendor == v for c in inventory.components) for v in slots}
    others = [sum(c.vendor == v.id for c in inventory.components) for v in inventory.vendors
              if v.id not in slots]
    assert min(counts.values()) >= max(others, default=0)
    dot = render_dot(inventory, view="detail")
    for component in inventory.components:
        fill = PALETTE[slots[component.vendor]] if component.vendor in slots else (
            OTHERS if component.vendor else UNOWNED)
        assert f'fillcolor="{fill}" id="dg-n-{component.id}"' in dot


def test_a_redundancy_pair_shares_one_bracket_labelled_in_words() -> None:
    office = load_inventory(REDUNDANT_OFFICE)
    scene = build_scene(office, view="focus", focus=["core-switch"])
    key = {box.members[0]: box.key for box in scene.boxes if box.members}
    (bracket,) = [b for b in scene.brackets if key["fiber"] in b.keys]
    assert set(bracket.keys) == {key["fiber"], key["lte"]}
    assert bracket.label == "1 of 2: fiber or lte"
    dot = render_dot(office, focus=["core-switch"])
    frame = dot.split(f"subgraph {bracket.name} {{")[1].split("}")[0]
    assert f"\t\t{key['fiber']} [" in frame and f"\t\t{key['lte']} [" in frame
    assert "1 of 2: fiber or lte" in frame
    link = next(link for link in scene.links if link.bracket == bracket.name)
    assert link.tail == key["core-switch"]


def test_redundancy_inside_one_box_is_a_labelled_arrow() -> None:
    office = load_inventory(REDUNDANT_OFFICE)
    scene = build_scene(office, budget=12)  # the three access points share a box
    key = {m: box.key for box in scene.boxes for m in box.members}
    assert key["ap-1"] == key["ap-2"] == key["ap-3"]
    (link,) = [link for link in scene.links if link.head == key["ap-1"] and link.label]
    assert link.label == "2 of 3" and link.tail == key["wifi"]
    edge = next(line for line in to_dot(scene).splitlines()
                if line.startswith(f"\t{link.head} -> {link.tail} "))
    assert 'headlabel="2 of 3"' in edge and "xlabel" not in edge


@pytest.mark.parametrize("name", NAMES)
def test_k_of_n_labels_sit_at_the_end_of_their_own_arrow(name: str) -> None:
    root = ET.fromstring(render_svg(bundled(name)))
    labelled = 0
    for edge in root.iter(f"{SVG}g"):
        texts = [t for t in edge.iter(f"{SVG}text") if t.text and " of " in t.text]
        if "edge" not in edge.get("class", "").split() or not texts:
            continue
        heads = list(edge.iter(f"{SVG}polygon"))  # the last is the arrowhead, at the needer
        corners = [tuple(float(v) for v in pair.split(","))
                   for pair in heads[-1].get("points", "").split()]
        tip_x = sum(x for x, _ in corners) / len(corners)
        tip_y = sum(y for _, y in corners) / len(corners)
        (text,) = texts
        distance = math.hypot(float(text.get("x", "0")) - tip_x,
                              float(text.get("y", "0")) - tip_y)
        assert distance < 40, f"{text.text} is {distance:.0f} pt from its arrow's end"
        labelled += 1
    assert labelled > 0


def test_hand_offs_are_marked_where_the_vendor_changes_not_thick() -> None:
    dot = render_dot(load_inventory(REDUNDANT_OFFICE), view="detail")
    edges = [line for line in dot.splitlines() if " -> " in line]
    handoffs = [e for e in edges if "hand-off" in e]
    assert handoffs and all("arrowtail=odot" in e and "dir=both" in e for e in handoffs)
    assert not any("penwidth" in e for e in edges)  # no thick lines without a failure


# ---------------------------------------------------------------- failure view


def test_the_failure_view_keeps_the_headline_and_draws_the_states_apart() -> None:
    inventory = bundled("smart-home.yaml")
    scene = build_scene(inventory, failed=["sw-core"])
    # the household of four and the home office of two, each counted once (issue 11)
    assert scene.title[1] == ("Core PoE switch fails: 25 services down, $756/h, "
                              "6 people (up to 2 home office and up to 4 household)")
    states = {box.state for box in scene.boxes}
    assert {"failed", "down", "up"} <= states
    dot = render_dot(inventory, failed=["sw-core"])
    assert f'fillcolor="{FAILED}"' in dot and 'fillcolor="#fde0e0"' in dot
    assert 'fillcolor="#f6f6f6"' in dot  # unaffected parts faded


def test_failure_arrows_point_the_way_the_failure_travels() -> None:
    office = load_inventory(REDUNDANT_OFFICE)
    scene = build_scene(office, failed=["fiber", "ap-1"], view="detail")
    key = {box.members[0]: box.key for box in scene.boxes if box.members}
    held = {box.key for box in scene.boxes if box.state == "held"}
    assert {key["core-switch"], key["wifi"]} <= held
    dot = render_dot(office, failed=["core-switch"])
    keys = {box.members[0]: box.key for box in build_scene(office, failed=["core-switch"]).boxes}
    # core-switch -> internet: from the failed part to what it takes down, in red
    line = next(line for line in dot.splitlines()
                if line.strip().startswith(f"{keys['core-switch']} -> {keys['internet']} "))
    assert f'color="{FAILED}"' in line
    radius = blast_radius(office, ["core-switch"])
    assert "internet" in radius.down_services


# ---------------------------------------------------------------- focus and command line


def test_focus_draws_what_it_needs_and_what_needs_it() -> None:
    office = load_inventory(REDUNDANT_OFFICE)
    scene = build_scene(office, focus=["codec"])
    drawn = {m for box in scene.boxes for m in box.members}
    assert drawn == {"codec", "core-switch", "fiber", "lte", "ups", "calls"}
    assert scene.view == "focus" and [b.focused for b in scene.boxes if b.members] .count(True) == 1
    assert scene.title[1] == "codec: what it needs and what needs it"


def test_cli_views_and_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(REDUNDANT_OFFICE, encoding="utf-8")
    office = load_inventory(REDUNDANT_OFFICE)
    for args, expected in (
        ([], render_dot(office)),
        (["--detail"], render_dot(office, view="detail")),
        (["--focus", "codec", "--focus", "ups"], render_dot(office, focus=["codec", "ups"])),
        (["--fail", "ups", "--detail"], render_dot(office, failed=["ups"], view="detail")),
    ):
        out = tmp_path / "site.dot"
        assert main(["render", str(site), "-o", str(out), *args]) == 0
        assert out.read_text(encoding="utf-8") == expected, args
    out = tmp_path / "site.pdf"
    assert main(["render", str(site), "-o", str(out), "--page", "a4"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    capsys.readouterr()
    assert main(["render", str(site), "-o", str(out), "--focus", "codex"]) == 2
    assert "did you mean 'codec'" in capsys.readouterr().err
    assert main(["render", str(site), "-o", str(out), "--page", "legal"]) == 2


def test_a_failure_stops_at_a_redundancy_that_holds() -> None:
    office = load_inventory(REDUNDANT_OFFICE)
    for failed, expected in ((["fiber"], "held"), (["fiber", "lte"], "failed")):
        scene = build_scene(office, failed=failed, view="detail")
        key = {box.members[0]: box.key for box in scene.boxes if box.members}
        (link,) = [link for link in scene.links if link.head == key["fiber"]]
        assert link.state == expected, failed


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_drill_down_diagrams_are_the_same_every_time(path: Path) -> None:
    """The report embeds them, and the same site must give the same report, byte for byte.

    (Laid out together in one run of dot, their clusters came out in a different
    order from run to run.)
    """
    from depgraph.render.drill import drill_downs

    inventory = load_inventory(path)
    runs = {tuple(view.svg for view in drill_downs(inventory)) for _ in range(4)}
    assert len(runs) == 1
