"""The report as a client meets it: page one against the CLI's JSON, print, a phone, the header.

Every bundled site is reported and compared through the command line with the
same years and seed; the page's figures are read back from Chromium (Debian's,
through playwright) and checked against ``compare --json`` and
``incidents --json``. Printed page counts come from the PDF the browser prints.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from html import escape as html_escape
from html import unescape as html_unescape
from pathlib import Path
from statistics import median
from typing import Any

import pytest
from chromium import browser_only
from printed import smallest_text
from pypdf import PageObject, PdfReader
from sites import BUNDLED, REPORT_OFFICE

from depgraph.cli.main import main
from depgraph.costs.incidents import incident
from depgraph.engine.blast import blast_radius
from depgraph.generate import generate_site
from depgraph.inventory.models import BREAK_FIX
from depgraph.loading import load_inventory
from depgraph.report import DEFAULT_SEED, DEFAULT_YEARS, build_report, render_report
from depgraph.report.builder import CHIP_LIMIT
from depgraph.report.slower import slower_note
from depgraph.text import hours, money

YEARS = 400  # the same for the report and for compare: the figures must agree

RECOMMENDED = {
    # the office, with its costs per business hour and trades working 8 to 5 (issue 11): the
    # complete plan pays off
    "small-office.yaml": ("Cascade Complete", "Cascade Complete is expected to save"),
    # the restaurant, costs per open hour: the complete plan saves more than the cheaper one
    "mixed-use-restaurant.yaml": ("Harborline Complete",
                                  "Harborline Complete is expected to save"),
    "smart-home.yaml": ("Summit Total Care", "Summit Total Care is expected to save"),
}

OVERLAPS = """() => {
  const bad = [];
  for (const cell of document.querySelectorAll('td, th')) {
    const own = cell.getBoundingClientRect();
    if (!own.width) { continue; }
    const boxes = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      if (!node.textContent.trim()) { continue; }
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && r.height > 0) { boxes.push([r, node]); }
      }
    }
    for (const [r] of boxes) {
      if (r.left < own.left - 1 || r.right > own.right + 1) {
        bad.push('outside its cell: ' + cell.textContent.trim().slice(0, 60));
      }
    }
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) {
        const [a, na] = boxes[i], [b, nb] = boxes[j];
        if (na === nb) { continue; }
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) { bad.push('overlap: ' + cell.textContent.trim().slice(0, 60)); }
      }
    }
  }
  return bad;
}"""


SCROLL_HINTS = """() => Array.from(document.querySelectorAll('.table-scroll')).map(box => {
  const hint = box.previousElementSibling;
  const shown = hint !== null && hint.classList.contains('scroll-hint') &&
    hint.getBoundingClientRect().height > 0 && /sideways/.test(hint.innerText);
  const table = box.querySelector('table');
  return [table ? table.className.split(' ').pop() : '', box.scrollWidth > box.clientWidth + 1,
          shown];
})"""
"""Each scrolling box of the page: its table's class, whether it is wider than the box, and
whether the line above it that says so is visible."""

PHONE = 390
PAGE_FITS_PHONE = f"document.documentElement.scrollWidth <= {PHONE} && window.innerWidth <= {PHONE}"
"""The page is no wider than a 390 px phone. A mobile viewport widens to fit what overflows,
so ``innerWidth`` alone would follow the page; the phone's own width is the measure."""

BROKEN_NUMBERS = """() => Array.from(document.querySelectorAll('table.fixes td.n')).filter(cell => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
  return tops.size > 1;
}).map(cell => cell.innerText)"""
"""The numbers of the findings table (rank, yearly cost) that break over two lines."""


def cli_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    capsys.readouterr()
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def write(tmp_path: Path, path: Path, *extra: str) -> Path:
    out = tmp_path / f"{path.stem}.html"
    args = ["report", str(path), "-o", str(out), "--years", str(YEARS), "--seed", "0", *extra]
    assert main(args) == 0
    return out


def open_page(browser: Any, path: Path, width: int = 1280, **options: Any) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900}, **options)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.resolve().as_uri(), wait_until="load")
    page.errors = errors
    return page


def pages(pdf: bytes) -> int:
    """The number of pages of a PDF as Chromium writes it (uncompressed page objects)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_the_report_and_compare_share_their_defaults() -> None:
    import argparse

    from depgraph.cli.commands import compare

    parser = argparse.ArgumentParser()
    compare.register(parser.add_subparsers())
    defaults = parser.parse_args(["compare", "x.yaml"])
    assert (DEFAULT_YEARS, DEFAULT_SEED) == (defaults.years, defaults.seed) == (10_000, 0)


@browser_only
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_page_one_recommends_and_every_figure_is_the_clis(
    browser: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    compared = cli_json(capsys, "compare", str(path), "--years", str(YEARS), "--seed", "0")
    page = open_page(browser, write(tmp_path, path))
    name, sentence = RECOMMENDED[path.name]
    assert page.inner_text(".option.recommended .option-name") == name
    assert page.locator(".option.recommended").count() == 1
    assert page.inner_text("#decision p.verdict").startswith(sentence)
    # the rule: the recommended option has the lowest expected annual cost of the JSON
    cheapest = min(compared["plans"], key=lambda p: p["expected"]["annual_cost"])
    assert page.get_attribute(".option.recommended", "data-plan") == cheapest["id"]
    # every column, in the JSON's order, with its figures
    plans = compared["plans"]
    assert page.locator(".option").evaluate_all("e => e.map(o => o.dataset.plan)") == [
        p["id"] for p in plans]
    costliest = costliest_roots(capsys, path)
    allowed = set()
    for plan in plans:
        column = f'.option[data-plan="{plan["id"]}"]'
        expected, fee = plan["expected"]["annual_cost"], plan["expected"]["fee"]
        bad_year = plan["simulation"]["p90"]
        assert page.inner_text(f'{column} [data-figure="expected"]') == money(expected)
        assert page.inner_text(f'{column} [data-figure="bad-year"]') == money(bad_year)
        assert page.inner_text(f'{column} [data-figure="fee"]') == money(fee)
        events = {i["root"]: i for i in cli_json(
            capsys, "incidents", str(path), "--plan", plan["id"])["incidents"]}
        restore = median(events[root]["hours"] for root in costliest)
        assert page.inner_text(f'{column} [data-figure="restore"]') == hours(restore)
        allowed |= {money(expected), money(bad_year), money(fee)}
        allowed |= {money(abs(expected - other["expected"]["annual_cost"])) for other in plans}
    shown = set(re.findall(r"\$[\d,]+", page.inner_text("#decision")))
    assert shown and shown <= allowed, shown - allowed
    assert page.errors == []
    page.close()


def costliest_roots(capsys: pytest.CaptureFixture[str], path: Path) -> list[str]:
    """The three components whose break-fix failures cost most a year, from the JSON."""
    events = cli_json(capsys, "incidents", str(path))["incidents"]
    ranked = sorted((i for i in events if i["total"] * i["rate"] > 0),
                    key=lambda i: (-i["total"] * i["rate"], i["root"]))
    return [i["root"] for i in ranked[:3]]


@browser_only
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_printed_the_decision_is_page_one_and_the_body_fits_eight_pages(
    browser: Any, tmp_path: Path, path: Path
) -> None:
    page = open_page(browser, write(tmp_path, path))
    page.emulate_media(media="print")
    printed = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    whole = len(printed.pages)
    # every page is numbered, "Page 3 of 16", in its bottom margin
    for number, sheet in enumerate(printed.pages, start=1):
        assert f"Page {number} of {whole}" in sheet.extract_text()
    hide = ("(selector) => document.querySelectorAll(selector)"
            ".forEach(node => { node.style.display = 'none'; })")
    page.evaluate(hide, "#assumptions, footer")
    body_pdf = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    body = len(body_pdf.pages)
    texts = [flat(sheet.extract_text()) for sheet in body_pdf.pages]
    # a section's heading, its intro and its key share a page with what they introduce
    for heading, follows in page.evaluate(HEADINGS):
        on = [n for n, text in enumerate(texts) if flat(heading) in text]
        assert len(on) == 1, heading
        assert flat(follows) in texts[on[0]], (heading, follows)
    # no page of the body is left mostly blank before the next one starts
    assert [n for n, sheet in enumerate(body_pdf.pages[:-1], start=1) if filled(sheet) < 0.5] == []
    page.evaluate(hide, "main > section:not(#decision)")
    first = pages(page.pdf(format="Letter"))
    assert first == 1  # the header and the decision, alone on page one
    assert 1 < body <= 8 < whole
    # table headers repeat on every page; no table or chart is split from its caption
    style = "(s) => { const e = document.querySelector(s); const c = getComputedStyle(e);" \
            " return [c.display, c.breakInside, c.breakAfter]; }"
    assert page.evaluate(style, "#plans thead")[0] == "table-header-group"
    assert page.evaluate(style, "#plans .chart")[1] == "avoid"
    assert page.evaluate(style, "#plans h3.caption")[2] == "avoid"
    page.close()


HEADINGS = """() => Array.from(document.querySelectorAll('main > section h2'))
    .filter(h => h.getClientRects().length).map(h => {
  const skip = e => e.matches('.lede, .legend') || !e.getClientRects().length || !e.innerText.trim();
  let next = h.nextElementSibling;
  while (next && skip(next)) { next = next.nextElementSibling; }
  if (!next) {
    next = h.parentElement.nextElementSibling;
    while (next && skip(next)) { next = next.nextElementSibling; }
  }
  const first = next.innerText.trim().split(/[\\n\\t]/)[0];
  return [h.lastChild.textContent, first.slice(0, 24)];
})"""
"""Each section's heading (without its number) and the first words of the first block after it
that is not its intro or its key: a heading printed at the foot of a page, apart from what it
introduces, puts them on different pages."""


def flat(text: str) -> str:
    """Text as a PDF and the page both give it: ligatures undone, runs of white space one space."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def filled(sheet: PageObject) -> float:
    """How far down a PDF page its text reaches, as a share of the page (the page number in the
    bottom margin left out)."""
    heights: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        y = tm[5] * cm[3] + cm[5]
        if text.strip() and y > 40:  # above the 12 mm bottom margin
            heights.append(y)

    sheet.extract_text(visitor_text=visit)
    height = float(sheet.mediabox.height)
    return (height - min(heights)) / height





@browser_only
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_printed_the_diagram_has_a_landscape_letter_page_with_no_text_under_7_points(
    browser: Any, tmp_path: Path, path: Path
) -> None:
    page = open_page(browser, write(tmp_path, path), width=1008)  # the sheet's 756 pt
    page.emulate_media(media="print")
    # the heading's band (counted in the fit, report/printed.py) holds all its text
    assert page.evaluate("(h => h.scrollHeight <= h.clientHeight)"
                         "(document.querySelector('#diagram .sheet-head'))")
    assert page.locator(".diagram-sheet svg [id]").count() == 0  # the screen's ids stay unique
    pdf = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    wide = [(n, p) for n, p in enumerate(pdf.pages)
            if (float(p.mediabox.width), float(p.mediabox.height)) == (792.0, 612.0)]
    assert len(wide) == 1  # the diagram alone, heading included, on one landscape sheet
    number, sheet = wide[0]
    text = sheet.extract_text()
    assert "What depends on what" in text and "POWER" in text  # the heading and the drawing
    assert smallest_text(sheet) >= 7.0
    # the pages around it are portrait Letter
    assert {(float(p.mediabox.width), float(p.mediabox.height))
            for n, p in enumerate(pdf.pages) if n != number} == {(612.0, 792.0)}
    page.close()


@browser_only
@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_on_a_phone_nothing_overlaps_and_the_what_if_works_by_tap(
    browser: Any, tmp_path: Path, path: Path
) -> None:
    inventory = load_inventory(path)
    page = open_page(browser, write(tmp_path, path), width=PHONE, has_touch=True, is_mobile=True)
    assert page.evaluate(PAGE_FITS_PHONE)
    assert page.evaluate(OVERLAPS) == []
    # a table wider than the screen scrolls in its box, and a visible line above it says so
    boxes = [tuple(box) for box in page.evaluate(SCROLL_HINTS)]
    assert boxes and all(wide == hinted for _, wide, hinted in boxes)
    assert ("remedies", True, True) in boxes  # the priced changes do not fit 390 px
    assert page.evaluate(BROKEN_NUMBERS) == []  # "10" is never "1" over "0"
    top = blast_radius(inventory, [inventory.components[0].id])
    page.tap(f'.chip[data-component="{top.failed[0]}"]')
    shown = page.locator("#whatif-services li span:first-child").all_inner_texts()
    assert sorted(shown) == sorted(inventory.service(s).name for s in top.down_services)
    assert page.evaluate(PAGE_FITS_PHONE)
    assert page.evaluate(OVERLAPS) == []
    page.set_viewport_size({"width": 1280, "height": 900})  # wide enough: no hint is left
    assert not any(hinted for _, _, hinted in page.evaluate(SCROLL_HINTS))
    assert page.errors == []
    page.close()


@browser_only
def test_on_a_phone_a_large_site_s_component_picker_fits_the_screen(
    browser: Any, tmp_path: Path
) -> None:
    """Past the chip list's limit the what-if picks from a list, whose longest name is wider
    than a phone: the list wraps to the screen instead of widening the page."""
    site = tmp_path / "campus.yaml"
    site.write_text(generate_site(CHIP_LIMIT + 50, seed=4), encoding="utf-8")
    page = open_page(browser, write(tmp_path, site), width=PHONE, has_touch=True, is_mobile=True)
    assert page.locator("#whatif-select").count() == 1
    assert page.evaluate(PAGE_FITS_PHONE)
    inventory = load_inventory(site)
    top = blast_radius(inventory, [inventory.components[0].id])
    page.select_option("#whatif-select", top.failed[0])
    shown = page.locator("#whatif-services li span:first-child").all_inner_texts()
    assert sorted(shown) == sorted(inventory.service(s).name for s in top.down_services)
    assert page.evaluate(PAGE_FITS_PHONE)
    assert page.errors == []
    page.close()


RESTAURANT = next(p for p in BUNDLED if p.name == "mixed-use-restaurant.yaml")
CAPPED = ["pos-bar-1", "pos-dining-1"]
"""A bar and a dining-room POS terminal of the restaurant: the bar POS (4 floor staff) and the
floor POS (8 floor staff) go down; both serve the 8 floor staff on a shift (their audience), so
8 people, where a plain sum per service would say 12."""


def _several(path: Path) -> list[str]:
    ids = [c.id for c in load_inventory(path).components]
    return [ids[len(ids) // 3], ids[len(ids) // 2], ids[-1]]


@browser_only
@pytest.mark.parametrize(
    ("path", "picks"),
    [*((p, _several(p)) for p in BUNDLED), (RESTAURANT, CAPPED)],
    ids=[*(p.name for p in BUNDLED), "restaurant-audience-cap"],
)
def test_the_what_if_lists_exactly_what_blast_gives_for_several_parts(
    browser: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], path: Path,
    picks: list[str],
) -> None:
    inventory = load_inventory(path)
    page = open_page(browser, write(tmp_path, path))
    page.check("#whatif-multi")
    for component_id in picks:
        page.click(f'.chip[data-component="{component_id}"]')
    blast = cli_json(capsys, "blast", str(path), *(a for c in picks for a in ("--fail", c)))
    shown = page.locator("#whatif-services li span:first-child").all_inner_texts()
    assert sorted(shown) == sorted(inventory.service(s).name for s in blast["down_services"])
    assert len(shown) == len(blast["down_services"])  # every one, none left out
    figures = page.inner_text("#whatif-figures")
    if blast["down_services"]:
        assert f'{money(blast["cost_per_hour"])}/h' in figures
        # people as blast counts them: each audience at most its size
        noun = "person" if blast["people"] == 1 else "people"
        assert figures.endswith(f' · {blast["people"]:,} {noun}')
    if picks == CAPPED:  # the case where the audience's cap matters
        plain = sum(inventory.service(s).people for s in blast["down_services"])
        assert (blast["people"], plain) == (8, 12)
    # who is called, the time to restore and the cost, per option, for each part
    rows = page.locator("#whatif-options tbody tr:not(.slower-note)").count()
    assert rows == len(picks) * (1 + 1 + len(inventory.plans))
    for component_id in picks:  # a second pick takes a part out again
        page.click(f'.chip[data-component="{component_id}"]')
    assert page.locator("#whatif-result").is_hidden()
    page.uncheck("#whatif-multi")
    page.click(f'.chip[data-component="{picks[0]}"]')
    one = page.locator("#whatif-options tbody tr").all_inner_texts()
    events = cli_json(capsys, "incidents", str(path))["incidents"]
    event = next(i for i in events if i["root"] == picks[0])
    assert one[0].split("\t")[2:] == [hours(event["hours"]), money(event["total"])]
    assert page.errors == []
    page.close()


SMART_HOME = next(p for p in BUNDLED if p.name == "smart-home.yaml")


@browser_only
def test_the_what_if_marks_an_option_slower_than_break_fix_and_says_why(
    browser: Any, tmp_path: Path
) -> None:
    """Utility power in the smart home: 4.8 h under break-fix, 18 h under Summit Total Care,
    whose partner is called before the utility and keeps its own hours."""
    inventory = load_inventory(SMART_HOME)
    page = open_page(browser, write(tmp_path, SMART_HOME))
    page.click('.chip[data-component="utility-power"]')
    rows = page.locator("#whatif-options tbody tr")
    texts = [t.split("\t") for t in rows.all_inner_texts()]
    base = incident(inventory, BREAK_FIX, "utility-power")
    plans = [p.id for p in inventory.plans]
    expected = [slower_note(inventory, incident(inventory, p, "utility-power"), base) for p in plans]
    assert expected[0].startswith("Slower than break-fix here: Summit Home Technology is called first")
    assert page.locator("#whatif-options tr.slower-note").all_inner_texts() == [e for e in expected if e]
    marked = page.locator("#whatif-options td.slower")
    assert marked.count() == sum(bool(e) for e in expected)
    assert marked.first.get_attribute("title") == expected[0]
    # the note follows the row of the option it is about
    assert texts[1][0] == "Summit Total Care" and texts[2] == [expected[0]]
    assert page.errors == []
    page.close()


LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'


def test_the_header_tells_the_client_who_and_when_but_never_the_notes(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(LOGO, encoding="utf-8")
    site = REPORT_OFFICE.replace(
        "site: {name: Hand-worked office, kind: office}",
        "site: {name: Hand-worked office, kind: office, notes: 'key under the mat',\n"
        "       description: 'Two floors, twelve staff.'}\n"
        "report: {prepared_for: Ms Client, prepared_by: Integrator Ltd, logo: logo.svg}")
    path = tmp_path / "site.yaml"
    path.write_text(site, encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", str(path), "-o", str(out), "--years", "20"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Two floors, twelve staff." in html and "key under the mat" not in html
    assert "Prepared for <strong>Ms Client</strong>" in html
    assert "Prepared by <strong>Integrator Ltd</strong>" in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert "2026" not in html  # no date unless given: the same input, the same bytes
    # options win over the inventory's report: section
    assert main(["report", str(path), "-o", str(out), "--years", "20", "--prepared-for",
                 "Mr Other", "--date", "1 December 2026"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Prepared for <strong>Mr Other</strong>" in html and "1 December 2026" in html


def test_modelling_words_stay_in_the_appendix() -> None:
    html = render_report(build_report(load_inventory(REPORT_OFFICE), years=20, seed=0))
    body, appendix = html.split('<section id="assumptions">')
    visible = re.sub(r"<script.*?</script>|<style>.*?</style>|<[^>]+>", " ", body, flags=re.S)
    for word in ("cost_per_hour", "coefficient of variation", "seed", "percentile", "simulat"
                 "ion seed", "blame"):
        assert word not in visible, word
    assert "seed" in appendix


def test_a_logo_that_cannot_be_read_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "site.yaml"
    path.write_text(REPORT_OFFICE, encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", str(path), "-o", str(out), "--logo", str(tmp_path / "no.png")]) == 2
    assert "cannot read the logo" in capsys.readouterr().err and not out.exists()


@pytest.mark.parametrize(("logo", "message"), [
    ("nope.png", "the logo 'nope.png' is not there (looked for {folder}/nope.png)"),
    ("letterhead.pdf", "the logo must be an SVG, PNG, JPEG, GIF or WebP image, not 'letterhead.pdf'"),
])
def test_a_logo_the_inventory_names_badly_is_placed_by_validate_and_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], logo: str, message: str
) -> None:
    """validate warns at the logo's place; report refuses it there, unless --logo replaces it."""
    header = "site: {name: Hand-worked office, kind: office}"
    site = REPORT_OFFICE.replace(header, f"{header}\nreport: {{logo: {logo}}}")
    path = tmp_path / "site.yaml"
    path.write_text(site, encoding="utf-8")
    line = site.splitlines().index(f"report: {{logo: {logo}}}") + 1
    place = f"{path}:{line}:16: " + message.format(folder=tmp_path)
    assert main(["validate", str(path)]) == 0
    assert f"{place.replace(': the', ': warning: the', 1)}; `report` refuses it" in capsys.readouterr().err
    out = tmp_path / "r.html"
    assert main(["report", str(path), "-o", str(out)]) == 2
    assert capsys.readouterr().err.splitlines() == [place] and not out.exists()
    (tmp_path / "logo.svg").write_text(LOGO, encoding="utf-8")
    assert main(["report", str(path), "-o", str(out), "--years", "50",
                 "--logo", str(tmp_path / "logo.svg")]) == 0


def json_cause(finding: dict[str, Any]) -> tuple[str, ...]:
    """The parts a finding's money comes from, read from ``audit --json`` alone."""
    if finding["code"] == "DG102":
        return tuple(sorted(finding["defeated_by"]))
    if finding["code"] == "DG109":
        return tuple(sorted(finding["members"]))
    if finding["code"] in ("DG101", "DG103", "DG104", "DG106"):
        return (finding["subject"],)
    return (finding["code"], finding["subject"])  # a cause of its own


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_what_to_fix_first_shows_the_remedies_as_the_cli_values_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: Path
) -> None:
    # the option page one recommends: the lowest expected annual cost of compare's JSON
    compared = cli_json(capsys, "compare", str(path), "--years", str(YEARS), "--seed", "0")
    recommended = min(compared["plans"], key=lambda p: p["expected"]["annual_cost"])
    plan = recommended["id"]
    option = "break-fix" if plan == "break-fix" else recommended["name"]
    valued = cli_json(capsys, "remedies", str(path), "--plan", plan)["remedies"]
    findings = cli_json(capsys, "audit", str(path))["findings"]
    html = write(tmp_path, path).read_text(encoding="utf-8")
    section = html.split('<section id="fix-first">')[1].split("</section>")[0]
    assert f"the best value first under {html_escape(option)}, the option recommended" in section
    assert f'colspan="2">Under {html_escape(option)}</th>' in section
    assert ('colspan="2">Under break-fix</th>' in section) == (plan != "break-fix")
    rows = re.findall(r"<tr><td>(.*?)</td><td class=\"n\">(.*?)</td><td class=\"n\">.*?</td>"
                      r"<td class=\"n strong\">(.*?)</td>", section)
    assert valued and len(rows) == len(valued)
    note = f'<span class="sub">Costs more than it saves under {html_escape(option)}'
    for (cell, once, net), remedy in zip(rows, valued, strict=True):  # as `remedies --plan`
        assert (once, net) == (money(remedy["one_time_cost"]), money(remedy["net"][plan]))
        name = cell.partition("<span")[0]
        assert html_unescape(name) == remedy["name"]
        assert (note in cell) == (remedy["net"][plan] < 0)  # told, and last (the CLI's order)
    # the causes: findings whose money comes from the same parts, told once, the costliest
    # ten by the audit's own risk_per_year, then a count of the rest
    causes: dict[tuple[str, ...], float] = {}
    for finding in findings:
        causes[json_cause(finding)] = finding.get("risk_per_year", 0.0)
    risks = sorted(causes.values(), reverse=True)
    shown = re.findall(r'<td class="n strong">(\$[\d,]+|–)</td></tr>',
                       section.split('class="fixes"')[1])
    assert shown == [money(r) if r > 0 else "–" for r in risks[:10]]
    assert len(set(shown)) == len(shown)  # the bundled sites' causes differ in money
    assert risks[9] > risks[10]  # so the ten shown are the ten costliest, without a tie
    told = sum(1 for f in findings if causes[json_cause(f)] > risks[10])
    assert f"And {len(findings) - told} more findings ({len(causes) - 10} causes)" in section
