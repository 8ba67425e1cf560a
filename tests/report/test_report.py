"""The proposal report: its figures, its safety, and the page in a real browser.

The hand-worked site (``REPORT_OFFICE``): an ISP line (billed ``included``) feeds
NetCo's router, which feeds two access points (Wi-Fi needs one of them) and
Bright AV's codec. Video calls (owner Bright AV, $100/h, 3 people) need the
codec and the Wi-Fi; Wi-Fi (owner NetCo, $10/h, 5 people) needs an access
point. Blame probability 0.5; default vendor terms as documented (response
24 h, diagnosis 1.5 h, $150/h, $75 trip, 1 h minimum), so one misdirected
call is 24 + 1.5 = 25.5 h and 75 + 150 x 1.5 = $300, expected 12.75 h and $150.

Engagements (hours; labor):
  Bright AV, not last: 48 + 2 = 50 h; 100 + 200 x max(1, 2) = $500
  Bright AV, last (codec repair 1): 48 + 2 + 1 = 51 h; 100 + 200 x 3 = $700
  NetCo, not last: 24 + 1 = 25 h; 50 + 100 x max(1, 1) = $150
  NetCo, last (router repair 1): 24 + 1 + 1 = 26 h; 50 + 100 x 2 = $250
  FiberCo (included), last (line repair 2): 4 + 1 + 2 = 7 h; $0

The browser tests (marker ``browser``) drive Debian's Chromium through
playwright; they are skipped, with the reason, when playwright or
``/usr/bin/chromium`` is absent (see ``conftest.py``).
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from chromium import browser_only
from hypothesis import given, settings
from hypothesis import strategies as st
from printed import png_pixels
from sites import BUNDLED, REPORT_OFFICE

from depgraph.cli.main import main
from depgraph.engine.blast import blast_radius, rank
from depgraph.generate import generate_site
from depgraph.inventory.container import Inventory
from depgraph.loading import load_inventory
from depgraph.render import build_scene
from depgraph.report import Report, build_report, render_report
from depgraph.report.chart import distribution_chart
from depgraph.report.what_if import what_if_json
from depgraph.text import money

YEARS = 200  # enough for a chart; the default (10,000, as compare) is for clients, not tests


HOSTILE = "<script>alert(1)</script>"
NASTY = f"""\
version: 1
site: {{name: "{HOSTILE}", notes: "</script><img src=x onerror=alert(2)>"}}
vendors:
  - {{id: v, name: "</script>", trade: "<b>bold</b>"}}
components:
  - {{id: box, name: "{HOSTILE}", category: network, vendor: v, room: "</script>"}}
  - {{id: leaf, name: "</script><script>alert(3)</script>", category: other, requires: [box]}}
services:
  - {{id: svc, name: "</script>", requires: [leaf], cost_per_hour: 5, people: 2}}
plans:
  - {{id: p, name: "{HOSTILE}", partner: "& <i>co</i>", monthly_fee: 10}}
"""


@pytest.fixture(scope="module")
def office() -> Inventory:
    return load_inventory(REPORT_OFFICE)


@pytest.fixture(scope="module")
def office_report(office: Inventory) -> Report:
    return build_report(office, years=YEARS, seed=3)


@pytest.fixture(scope="module")
def office_html(office_report: Report) -> str:
    return render_report(office_report)


def embedded_data(html: str) -> dict[str, Any]:
    """The "what if" JSON document of a report page."""
    found = re.search(r'<script type="application/json" id="what-if-data">(.*?)</script>', html,
                      flags=re.S)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


# -- figures ----------------------------------------------------------------------------


def test_top_risks_are_the_single_points_of_failure_with_hand_worked_costs(
    office_report: Report,
) -> None:
    report = office_report
    # line and router both take everything down ($110/h, 8 people); line takes one more
    # component down (itself), so it ranks first. codec takes the calls down ($100/h).
    # An access point alone is no single point of failure (the other keeps the Wi-Fi up).
    assert [r.id for r in report.risks] == ["line", "router", "codec"]
    line, router, codec = report.risks
    # line, break-fix: calls noticed after 0.5 h; Bright AV -> NetCo -> FiberCo (2 hand-offs,
    # both misdirectable): 0.5 + 50 + 25 + 7 + 2 x 12.75 = 108 h;
    # labor 500 + 150 + 0 + 2 x 150 = $950; downtime 108 x 110 = $11,880; total $12,830.
    assert (line.cost_per_hour, line.people, line.restore, line.per_failure) == (
        "$110/h", 8, "108 h", "$12,830")
    # router: Bright AV -> NetCo: 0.5 + 50 + 26 + 12.75 = 89.25 h; labor 500 + 250 + 150 =
    # $900; downtime 89.25 x 110 = $9,817.50; total $10,717.50.
    assert (router.restore, router.per_failure, router.vendor) == ("89 h", "$10,718", "NetCo")
    # codec: Bright AV alone: 0.5 + 51 = 51.5 h; labor $700; downtime $5,150; total $5,850.
    assert (codec.cost_per_hour, codec.restore, codec.per_failure) == ("$100/h", "52 h", "$5,850")
    assert line.services == ("Video calls", "Wi-Fi") and line.more_services == 0
    assert report.spof_count == 3


def test_the_costliest_incidents_are_told_under_every_plan(office_report: Report) -> None:
    first = office_report.stories[0]
    assert first.root == "line"
    assert [h.plan for h in first.handlings] == ["Break-fix", "Office Care"]
    baseline, care = first.handlings
    assert baseline.chain == ("Bright AV", "NetCo", "FiberCo") and baseline.handoffs == 2
    assert baseline.total == "$12,830" and baseline.detection == "someone notices"
    # Office Care covers all and watches the ISP line: its monitoring calls FiberCo.
    assert care.chain == ("NetCo Managed", "FiberCo") and care.detection == "monitoring alert"
    assert [s.root for s in office_report.stories] == ["line", "Router", "codec", "ap-1"]


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_page_one_the_timelines_and_the_top_risks_share_one_order(path: Path) -> None:
    from depgraph.costs.incidents import incident

    inventory = load_inventory(path)
    report = build_report(inventory, years=20, seed=0)
    # page one names the first three failures the timelines tell, in the same order
    stories = [s.root for s in report.stories]
    assert len(stories) == 4 and list(report.decision.costliest) == stories[:3]

    def yearly(component_id: str) -> float:
        event = incident(inventory, "break-fix", component_id)
        return event.total * event.rate

    # the top risks are ranked by the same yearly cost
    costs = [yearly(r.id) for r in report.risks]
    assert costs == sorted(costs, reverse=True) and costs[0] > 0
    # the timelines tell the costliest failures a year: none left out costs more
    told = [c.id for c in inventory.components if c.name in stories]
    assert len(told) == len(stories)
    least = min(yearly(c) for c in told)
    assert all(yearly(c.id) <= least for c in inventory.components if c.id not in told)


def test_the_decision_is_worked_by_hand(office_report: Report) -> None:
    decision = office_report.decision
    breakfix, care = decision.options
    # expected years: break-fix $19,458.75 (labor $1,640 + downtime $17,818.75); Office
    # Care $2,599.375 ($1,200 fees + downtime $1,399.375): the plan is cheaper.
    assert (breakfix.expected, care.expected) == ("$19,459", "$2,599")
    assert decision.options[decision.recommended].name == "Office Care"
    assert decision.lines[0] == (
        "Office Care is expected to save $16,859 a year against break-fix, its fee included.")
    # the costliest failures a year under break-fix: line (1 x $12,830), router
    # (0.5 x $10,717.50), codec (0.2 x $5,850); their middle time to restore: the router's
    # 89.25 h under break-fix; under Office Care 4.55 h (router and codec), line 10.55 h.
    assert decision.costliest == ("line", "Router", "codec")
    assert breakfix.restore_hours == 89.25 and care.restore_hours == pytest.approx(4.55)
    assert breakfix.calls == "one of 3 vendors, whichever owns what stopped working"
    assert care.calls == "NetCo Managed, for everything"
    assert care.fee == "$1,200" and care.bad_year == money(care.bad_year_cost)
    assert office_report.comparison[1].break_even == "$1,505"  # (19,458.75 - 1,399.375) / 12


def test_a_dearer_option_that_caps_the_bad_year_is_said_in_words() -> None:
    from depgraph.report.decision import Option, _insurance

    def option(name: str, expected: float, bad: float) -> Option:
        return Option(name.lower(), name, expected, bad, 1.0, "", "", "", "", "")

    options = [option("Break-fix", 100.0, 900.0), option("Care", 150.0, 300.0),
               option("Lite", 120.0, 880.0)]
    # Care adds $50 and cuts the bad year by $600: said; Lite adds $20, cuts $20: not said.
    assert _insurance(options, 0, "USD") == [
        "Care costs $50 more in a typical year, and caps a bad year at $300 instead of $900."]


NO_PLAN = """\
version: 1
site: {name: Flat}
vendors: [{id: netco, name: NetCo}]
components: [{id: router, name: Router, category: network, vendor: netco}]
services: [{id: internet, name: Internet, requires: [router], cost_per_hour: 20, people: 2}]
"""


def test_a_site_with_no_plan_recommends_nothing_and_names_no_plan_fee() -> None:
    report = build_report(load_inventory(NO_PLAN), years=20, seed=0)
    decision = report.decision
    assert [o.name for o in decision.options] == ["Break-fix"]
    assert not decision.badge and decision.rule == ""
    assert decision.lines[0] == (
        "No managed plan is on file, so break-fix is the only option priced here.")
    assert decision.includes == (
        "Every figure includes the vendors' bills and the cost of the time services are down")
    page_one = render_report(report).split('<section id="decision">')[1].split("</section>")[0]
    assert "Recommended" not in page_one and "recommended" not in page_one
    words = unescape(re.sub(r"<[^>]+>", " ", page_one))  # what the client reads
    assert "plan" not in words.replace("No managed plan is on file", "").lower()
    assert "Every figure includes the vendors' bills" in words


def test_with_plans_the_badge_and_the_rule_are_shown(office_report: Report) -> None:
    decision = office_report.decision
    assert decision.badge
    assert decision.rule.startswith("Recommended: the option with the lowest expected annual cost")
    assert decision.includes.startswith("Every figure includes the plan's fees, ")  # one plan
    page_one = render_report(office_report).split('<section id="decision">')[1].split("</section>")[0]
    assert page_one.count('<p class="badge">Recommended</p>') == 1
    assert page_one.count(" recommended\"") == 1


def test_the_timeline_accounts_for_every_hour(office: Inventory, office_report: Report) -> None:
    baseline, care = office_report.stories[0].handlings
    # line, break-fix: 0.5 h noticed; Bright AV 48 + 2; a wrong call 0.5 x 25.5 = 12.75;
    # NetCo 24 + 1; another 12.75; FiberCo 4 + 1 + 2 (repair).
    assert [(g.kind, g.party, g.hours) for g in baseline.timeline] == [
        ("notice", "", 0.5), ("wait", "Bright AV", 48.0), ("work", "Bright AV", 2.0),
        ("wrong", "", 12.75), ("wait", "NetCo", 24.0), ("work", "NetCo", 1.0),
        ("wrong", "", 12.75), ("wait", "FiberCo", 4.0), ("work", "FiberCo", 3.0)]
    assert baseline.timeline[-1].start + baseline.timeline[-1].width == pytest.approx(100)
    # Office Care: alert after 0.25 h; the partner (70% on site) 0.7 x 4 = 2.8 h + 0.5 h;
    # FiberCo 4 + 3: 10.55 h on the same scale as break-fix's 108 h.
    assert [g.kind for g in care.timeline] == ["notice", "wait", "work", "wait", "work"]
    assert [g.hours for g in care.timeline] == pytest.approx([0.25, 2.8, 0.5, 4.0, 3.0])
    end = care.timeline[-1].start + care.timeline[-1].width
    assert end == pytest.approx(100 * 10.55 / 108, abs=0.02)


@settings(max_examples=10, deadline=None)
@given(st.integers(min_value=31, max_value=90), st.integers(min_value=0, max_value=10_000))
def test_timeline_segments_add_up_to_the_incident_hours(components: int, seed: int) -> None:
    from depgraph.costs.incidents import incidents
    from depgraph.costs.plans import plan_ids
    from depgraph.report.timeline import segments

    inventory = load_inventory(generate_site(components, seed))
    for plan_id in plan_ids(inventory):
        for event in incidents(inventory, plan_id):
            parts = segments(inventory, event)
            assert all(p.hours > 0 for p in parts)
            assert sum(p.hours for p in parts) == pytest.approx(event.hours)


def test_the_what_if_data_is_every_single_failure_blast_radius(
    office: Inventory, office_html: str
) -> None:
    data = embedded_data(office_html)
    assert set(data["components"]) == {c.id for c in office.components}
    for component in office.components:
        radius = blast_radius(office, [component.id])
        entry = data["components"][component.id]
        assert entry["down"] == list(radius.down_components)
        assert sorted(entry["services"]) == list(radius.down_services)
        assert entry["cost"] == f"{money(radius.cost_per_hour)}/h"
        assert entry["people"] == radius.people
    # the calls ($100/h) are listed before the Wi-Fi ($10/h)
    assert data["components"]["router"]["services"] == ["calls", "wifi"]
    # one access point down: the Wi-Fi stays up thanks to the other one
    assert data["components"]["ap-1"]["held"] == ["wifi"]
    assert data["components"]["router"]["held"] == []
    assert data["elements"]["dg-n-router"] == ["router"]


@settings(max_examples=8)
@given(st.integers(min_value=31, max_value=120), st.integers(min_value=0, max_value=10_000))
def test_what_if_data_matches_blast_radius_on_generated_sites(components: int, seed: int) -> None:
    inventory = load_inventory(generate_site(components, seed))
    data = json.loads(what_if_json(inventory))
    drawn = {member for members in data["elements"].values() for member in members}
    assert drawn == {n.id for n in (*inventory.components, *inventory.services)}
    for component in inventory.components:
        radius = blast_radius(inventory, [component.id])
        entry = data["components"][component.id]
        assert (entry["down"], sorted(entry["services"]), entry["people"]) == (
            list(radius.down_components), list(radius.down_services), radius.people)
        assert not set(entry["held"]) & {*radius.down_components, *radius.down_services}


def test_what_if_json_cannot_close_its_script_element() -> None:
    text = what_if_json(load_inventory(NASTY))
    assert "</" not in text and "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert data["components"]["box"]["name"] == HOSTILE
    assert data["services"]["svc"]["name"] == "</script>"


def test_names_are_text_in_the_html() -> None:
    html = render_report(build_report(load_inventory(NASTY), years=20, seed=0))
    assert HOSTILE not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html and "<b>bold</b>" not in html and "<i>co</i>" not in html
    # exactly the two script elements of the page: the data and the code
    assert len(re.findall(r"<script\b", html)) == 2
    assert len(re.findall(r"</script>", html)) == 2


def test_the_page_asks_for_nothing_outside_itself(office_html: str) -> None:
    # SVG namespace names are identifiers, not fetches; nothing else may name a URL.
    without_namespaces = re.sub(r'xmlns(:\w+)?="[^"]*"', "", office_html)
    assert not re.search(r"https?:|//[a-z]|@import|url\(|\bsrc=|<link\b", without_namespaces)
    assert "<style>" in office_html and "@media print" in office_html


def test_same_seed_same_bytes_and_the_seed_matters(office: Inventory) -> None:
    first = render_report(build_report(office, years=YEARS, seed=7))
    again = render_report(build_report(office, years=YEARS, seed=7))
    other = render_report(build_report(office, years=YEARS, seed=8))
    assert first == again
    assert first != other


def test_figures_use_the_site_currency() -> None:
    inventory = load_inventory(REPORT_OFFICE.replace("kind: office}", "kind: office, currency: EUR}"))
    html = render_report(build_report(inventory, years=20, seed=0))
    assert "€12,830" in html and "$" not in html


def test_a_site_without_plans_or_services_still_reports() -> None:
    inventory = load_inventory(
        "version: 1\nsite: {name: Bare}\ncomponents: [{id: a, category: other}]\n"
    )
    report = build_report(inventory, years=10, seed=0)
    assert report.risks == () and len(report.comparison) == 1
    html = render_report(report)
    assert "No single component can take a service down on its own" in html
    assert "No managed plan is on file, so break-fix is the only option priced here." in html


@settings(max_examples=30)
@given(st.lists(
    st.tuples(
        st.lists(st.floats(min_value=0, max_value=1e7, allow_nan=False), min_size=1, max_size=60),
        st.floats(min_value=0, max_value=1e7), st.floats(min_value=0, max_value=1e7)),
    min_size=1, max_size=4,
))
def test_the_chart_keeps_every_mark_on_its_axis(
    samples: list[tuple[list[float], float, float]],
) -> None:
    chart = distribution_chart(
        [(f"plan {i}", s, fee, expected) for i, (s, fee, expected) in enumerate(samples)], "USD")
    positions = [t[0] for t in chart.ticks]
    assert positions == sorted(positions) and positions[0] == chart.left
    assert positions[-1] == pytest.approx(chart.right, abs=0.1)
    assert chart.title == "Cost of a year, fees included (USD)"
    for row, (values, fee, expected) in zip(chart.rows, samples, strict=True):
        marks = (row.p10, row.p50, row.p90)
        assert list(marks) == sorted(marks)
        # the axis reaches the 90th percentile, the fee and the expected year: nothing clipped
        assert all(chart.left <= m <= chart.right for m in (*marks, row.fee, row.expected))
        assert row.fee == pytest.approx(chart.left + fee / chart.limit * (chart.right - chart.left),
                                        abs=0.06)
        assert row.tail == money(float(np.percentile(values, 90)))
        assert row.expected == pytest.approx(
            chart.left + expected / chart.limit * (chart.right - chart.left), abs=0.06)


# -- the command ------------------------------------------------------------------------


def test_the_command_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(REPORT_OFFICE, encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(site), "-o", str(out), "--years", "50", "--seed", "2"]) == 0
    assert out.read_text(encoding="utf-8") == render_report(
        build_report(load_inventory(REPORT_OFFICE), years=50, seed=2))
    assert str(out) in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["-o", "{tmp}/report.pdf"], "give a file name ending in .html"),
    (["-o", "{tmp}/report.html", "--years", "0"], "--years: must be at least 1"),
    (["-o", "{tmp}/missing/report.html"], "does not exist"),
])
def test_bad_requests_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    site = tmp_path / "site.yaml"
    site.write_text(REPORT_OFFICE, encoding="utf-8")
    argv = ["report", str(site), *(a.format(tmp=tmp_path) for a in args)]
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "report.html").exists()


# -- in a real browser ------------------------------------------------------------------

class Visit:
    """One report opened in the browser, recording every request and dialog."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url, wait_until="load")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def classes(self) -> dict[str, set[str]]:
        """The classes of every box of the diagram, by element id."""
        found: dict[str, str] = self.page.evaluate(
            "() => Object.fromEntries([...document.querySelectorAll('#diagram-frame g.node')]"
            ".map(node => [node.id, node.getAttribute('class')]))"
        )
        return {key: set(value.split()) for key, value in found.items()}

    def close(self) -> None:
        self.page.close()


def write_report(tmp_path: Path, inventory: Inventory, name: str) -> Path:
    path = tmp_path / name
    path.write_text(render_report(build_report(inventory, years=YEARS, seed=0)),
                    encoding="utf-8")
    return path


def box_of(inventory: Inventory, node_id: str) -> str:
    """The element id of the overview box that draws ``node_id``."""
    return next(element for element, members in build_scene(inventory).elements.items()
                if node_id in members)


def like_parts(inventory: Inventory, element: str) -> int:
    """How many components the overview box ``element`` draws (several for like parts)."""
    components = {c.id for c in inventory.components}
    return sum(m in components for m in build_scene(inventory).elements[element])


def check_highlight(visit: Visit, inventory: Inventory, component_id: str, like: int = 1) -> None:
    """The diagram and the panel show exactly the blast radius of ``component_id``, picked
    through a box of ``like`` like parts (its title then says it is one of them)."""
    radius = blast_radius(inventory, [component_id])
    down = {*radius.down_components, *radius.down_services}
    boxes = visit.classes()
    for element, members in build_scene(inventory).elements.items():  # a box may draw several
        classes = boxes[element]
        if component_id in members:
            assert "wi-failed" in classes
        else:
            assert ("wi-down" in classes) == bool(down & set(members)), element
    page = visit.page
    name = inventory.component(component_id).name
    one_of = f" (one of {like} like parts; the close-up shows each)" if like > 1 else ""
    assert page.inner_text("#whatif-title") == f"{name} fails{one_of}"
    figures = page.inner_text("#whatif-figures")
    if radius.down_services:
        lost = len(radius.down_services)
        assert figures.startswith(f"{lost} service{'s' if lost > 1 else ''} down")
        assert f"{money(radius.cost_per_hour)}/h" in figures
        assert f"{radius.people} {'person' if radius.people == 1 else 'people'}" in figures
    else:
        assert figures.startswith("No service goes down")
    shown = page.locator("#whatif-services li span:first-child").all_inner_texts()
    assert sorted(shown) == sorted(inventory.service(s).name for s in radius.down_services)


@browser_only
def test_a_click_in_the_diagram_shows_the_blast_radius(
    browser: Any, tmp_path: Path, office: Inventory
) -> None:
    visit = Visit(browser, write_report(tmp_path, office, "office.html"))
    for component_id in ("router", "ap-1", "codec"):
        visit.page.click(f'[id="dg-n-{component_id}"]')
        check_highlight(visit, office, component_id)
    # one access point: the Wi-Fi is held up by the other
    visit.page.click('[id="dg-n-ap-2"]')
    assert "wi-held" in visit.classes()["dg-n-wifi"]
    assert visit.page.inner_text("#whatif-figures") == "No service goes down: redundancy holds."
    visit.page.click("#whatif-clear")
    assert visit.page.locator(".wi-down, .wi-failed, .wi-held").count() == 0
    assert visit.errors == [] and visit.requests == [visit.url]
    visit.close()


@browser_only
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_a_bundled_report_in_the_browser(browser: Any, tmp_path: Path, path: Path) -> None:
    inventory = load_inventory(path)
    visit = Visit(browser, write_report(tmp_path, inventory, "bundled.html"))
    page = visit.page
    top = rank(inventory)[0].id
    page.click(f'[id="{box_of(inventory, top)}"]')
    check_highlight(visit, inventory, top, like_parts(inventory, box_of(inventory, top)))
    # the same from the list of components, and from the top-risks table
    leaf = inventory.components[-1].id
    page.click(f'.chip[data-component="{leaf}"]')
    check_highlight(visit, inventory, leaf)
    assert page.get_attribute(f'.chip[data-component="{leaf}"]', "aria-pressed") == "true"
    page.click(f'#risks tr[data-component="{top}"]')
    check_highlight(visit, inventory, top)
    shot = tmp_path / "report.png"
    page.locator("#diagram").screenshot(path=str(shot))
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = png_pixels(data)
    assert width > 1000 and height > 800 and len(data) > 50_000
    assert visit.errors == [] and visit.requests == [visit.url]
    visit.close()


@browser_only
def test_hostile_names_render_as_text(browser: Any, tmp_path: Path) -> None:
    inventory = load_inventory(NASTY)
    visit = Visit(browser, write_report(tmp_path, inventory, "nasty.html"))
    page = visit.page
    assert page.inner_text("h1") == HOSTILE
    assert page.get_by_text(HOSTILE, exact=True).first.is_visible()
    assert page.locator("img").count() == 0
    page.click('[id="dg-n-leaf"]')
    assert page.inner_text("#whatif-title") == "</script><script>alert(3)</script> fails"
    assert page.locator("#whatif-services li span:first-child").all_inner_texts() == ["</script>"]
    assert visit.dialogs == [] and visit.errors == [] and visit.requests == [visit.url]
    visit.close()


@browser_only
def test_print_hides_the_controls_and_keeps_the_content(
    browser: Any, tmp_path: Path, office: Inventory
) -> None:
    visit = Visit(browser, write_report(tmp_path, office, "office.html"))
    page = visit.page
    page.click('[id="dg-n-router"]')
    page.emulate_media(media="print")
    opacity = "selector => getComputedStyle(document.querySelector(selector)).opacity"
    assert page.evaluate(opacity, '[id="dg-n-line"]') == "1"  # no "what if" dimming on paper
    display = "selector => getComputedStyle(document.querySelector(selector)).display"
    for hidden in ("#whatif", "#chips", ".diagram-tools", ".toc"):
        assert page.evaluate(display, hidden) == "none", hidden
    for shown in ("#diagram-frame svg", "#risks table", ".chart svg", "#assumptions table"):
        assert page.evaluate(display, shown) != "none", shown
    pdf = page.pdf(format="Letter")
    assert pdf[:5] == b"%PDF-" and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= 3
    visit.close()


@browser_only
def test_a_click_on_an_overview_box_drills_down_to_its_focus_diagram(
    browser: Any, tmp_path: Path
) -> None:
    inventory = load_inventory(BUNDLED[0])
    visit = Visit(browser, write_report(tmp_path, inventory, "drill.html"))
    page = visit.page
    assert page.locator("#focus-view").is_hidden()
    group = next(box for box in build_scene(inventory).boxes if box.kind == "group")
    page.click(f'[id="{group.element_id}"]')
    assert page.locator("#focus-view").is_visible()
    assert page.inner_text("#focus-title") == group.lines[0]
    shown = set(page.evaluate(
        "() => [...document.querySelectorAll('#focus-frame g.node')].map(node => node.id)"))
    # the focus diagram draws the box's parts one by one, with ids of their own
    assert {f"f-dg-n-{member}" for member in group.members} <= shown
    # the what-if shows the box's first part, and says it is one of several
    parts = [m for m in group.members if m in {c.id for c in inventory.components}]
    first = inventory.component(parts[0]).name
    assert page.inner_text("#whatif-title") == (
        f"{first} fails (one of {len(parts)} like parts; the close-up shows each)")
    page.click("#focus-close")
    assert page.locator("#focus-view").is_hidden()
    assert visit.errors == [] and visit.requests == [visit.url]
    visit.close()
