"""Structural mutants of valid sites, and the contract every command keeps on them.

Shared by ``tests/test_fuzz_commands.py`` (a bounded number of examples, driven by
hypothesis) and ``bench/fuzz_campaign.py`` (a long campaign that prints counts).

A mutant starts from a valid site (the bundled inventories and small
generated campuses), read as plain data, and gets one to three mutations:
a deleted key, a value of another type, an extreme number, an explicit YAML
tag, unicode and control characters, a dependency loop, a renamed or
duplicated id, deep nesting, a very long name; the text written from it may
also be cut short or have a line removed or repeated.

:func:`run_command` runs one command in-process through
:func:`depgraph.cli.main` and lists every way it broke the contract of
``cli.md`` and issue 9: an exit code other than 0, 1 or 2, an exception
(a traceback for the user), a Python warning, JSON that is not strict, XML
that is not well-formed, an exit 2 with no message or a message without its
``FILE:LINE:COLUMN``, a control character or an over-long line on stderr, or
a run longer than :data:`TIME_LIMIT` seconds of CPU time.
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import re
import signal
import time
import traceback
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from depgraph.cli.main import main
from depgraph.generate import generate_site
from depgraph.inventory import fields

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = sorted((ROOT / "inventories").glob("*.yaml"))
TIME_LIMIT = 20.0
"""CPU seconds one command may take on one mutant (the issue's bound; a hang detector)."""
LINE_LIMIT = 400
"""Characters one stderr line may have besides the file name."""
YEARS = "10"
"""Simulated years for ``compare`` and ``report``: enough to run every code path."""

COMMANDS = ("validate", "blast", "rank", "incidents", "compare", "audit", "export", "render", "report")

EXTREMES: tuple[Any, ...] = (
    0, -0.0, -1, -1e-9, 1e-308, 5e-324, 1e308, -1e308, 1e9, 1e9 + 1, 1000, 1000.5, 100_000,
    100_001, 2**31, 2**63, 10**30, 10**400, float("inf"), float("-inf"), float("nan"), 0.5, 1, 2,
)
OTHER_TYPES: tuple[Any, ...] = (
    None, True, False, 0, 3.5, "text", "", "yes", "2020-01-01", [], {}, ["a"], {"a": 1},
    [[]], [{"any": []}], {"at_least": 0, "of": []}, "all",
)
INJECTIONS = (
    "\x00", "\x1b[31mred\x1b[0m", "\n", "\r\n", "\t", "\u202e", "😀", "\ufeff", "\u2028", "\x7f",
    "'\"<>&]]>", "\\N\\l", "é", "\u0301", "${x}", "%s%n", "-", ":", " # not a comment",
)
TAGS = (
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary", "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value", "!custom",
    "tag:yaml.org,2002:python/object:os.system",
)
TAG_TEXTS = ("", "0x", "0.3", "yes", "aGVsbG8=", "2020-13-45", "2020-01-01", "1e999", "lighting", "_", "~")


@dataclass(frozen=True)
class Tagged:
    """A scalar written with an explicit tag."""

    tag: str
    text: str


class _Dumper(yaml.SafeDumper):
    """Writes :class:`Tagged` scalars and collections with their tag."""


def _represent_tagged(dumper: yaml.SafeDumper, value: Tagged) -> yaml.Node:
    return dumper.represent_scalar(value.tag, value.text)


_Dumper.add_representer(Tagged, _represent_tagged)


@dataclass
class Mutant:
    """One mutated site: its text and the mutations that made it."""

    text: str
    mutations: list[str]
    component: str
    """An id to give ``blast --fail`` (a component of the base site, perhaps gone now)."""


def base_sites() -> list[tuple[str, str]]:
    """(name, YAML text) of the valid sites mutants start from."""
    sites = [(p.stem, p.read_text(encoding="utf-8")) for p in BUNDLED]
    sites += [(f"campus-{n}-{seed}", generate_site(n, seed=seed)) for n, seed in ((60, 1), (90, 2))]
    return sites


def _slots(data: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) pair holding a value, breadth first."""
    found = []
    queue: list[Any] = [data]
    while queue:
        current = queue.pop(0)
        pairs = current.items() if isinstance(current, dict) else enumerate(current)
        for key, value in list(pairs):
            found.append((current, key))
            if isinstance(value, (dict, list)):
                queue.append(value)
    return found


def _pick(rng: random.Random, data: Any, want: Callable[[Any, Any], bool]) -> tuple[Any, Any] | None:
    slots = [(c, k) for c, k in _slots(data) if want(c, k)]
    return rng.choice(slots) if slots else None


def _is_number(container: Any, key: Any) -> bool:
    value = container[key]
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_text(container: Any, key: Any) -> bool:
    return isinstance(container[key], str)


def _anything(container: Any, key: Any) -> bool:
    return True


def _nodes(data: Any) -> list[dict[str, Any]]:
    items = []
    for section in ("components", "services"):
        if isinstance(data, dict) and isinstance(data.get(section), list):
            items += [i for i in data[section] if isinstance(i, dict)]
    return items


TEXT_FIELDS = ("name", "room", "manufacturer", "model", "ip", "partner", "trade", "notes")
BOUNDS = {
    "failures_per_year": fields.MAX_FAILURES_PER_YEAR, "repair_hours": fields.MAX_HOURS,
    "response_hours": fields.MAX_HOURS, "diagnosis_hours": fields.MAX_HOURS,
    "detection_hours": fields.MAX_HOURS, "notice_hours": fields.MAX_HOURS,
    "minimum_hours": fields.MAX_HOURS, "unowned_search_hours": fields.MAX_HOURS,
    "latent_discovery_days": fields.MAX_DAYS, "hourly_rate": fields.MAX_MONEY,
    "trip_fee": fields.MAX_MONEY, "cost_per_hour": fields.MAX_MONEY,
    "monthly_fee": fields.MAX_MONEY, "people": fields.MAX_PEOPLE,
    "duration_spread": fields.MAX_SPREAD, "blame_probability": 1, "remote_fix_rate": 1,
    "failure_reduction": 0.999999,
}
"""The largest value each number field accepts (extreme, yet valid)."""


def _at_bound(rng: random.Random, data: Any) -> str:
    """Set one to three number fields to the largest (or smallest) value they accept."""
    slots = [(c, k) for c, k in _slots(data) if k in BOUNDS]
    if not slots:
        return "bound: nothing"
    changed = []
    for container, key in rng.sample(slots, min(len(slots), rng.randint(1, 3))):
        container[key] = rng.choice((BOUNDS[key], BOUNDS[key], 0, 5e-324))
        changed.append(f"{key}={container[key]!r}")
    return f"bound {', '.join(changed)}"


def _text_injection(rng: random.Random, data: Any) -> str:
    """Control characters, unicode or a very long text in a free-text field (still valid)."""
    slot = _pick(rng, data, lambda c, k: k in TEXT_FIELDS and isinstance(c[k], str))
    if slot is None:
        return "text: nothing"
    container, key = slot
    extra = rng.choice((*INJECTIONS, "x" * 20_000, "é&" * 9000, "\x1b" * 3000))
    at = rng.randint(0, len(container[key]))
    container[key] = container[key][:at] + extra + container[key][at:]
    return f"text {key!r} + {extra[:12]!r} ({len(container[key]):,} characters)"


def _fitting_tag(rng: random.Random, data: Any) -> str:
    """A tag that means what the field needs: ``!!float`` on a number, ``!!str`` on text."""
    slot = _pick(rng, data, lambda c, k: isinstance(c[k], (str, int, float)))
    if slot is None:
        return "fitting tag: nothing"
    container, key = slot
    value = container[key]
    if isinstance(value, bool):
        tag = "tag:yaml.org,2002:bool"
    elif isinstance(value, str):
        tag = "tag:yaml.org,2002:str"
    else:
        tag = rng.choice(("tag:yaml.org,2002:float", "tag:yaml.org,2002:int"))
    container[key] = Tagged(tag, str(value).lower() if isinstance(value, bool) else str(value))
    return f"fitting tag {key!r} -> {container[key]}"


def _delete_key(rng: random.Random, data: Any) -> str:
    slot = _pick(rng, data, lambda c, k: isinstance(c, dict))
    if slot is None:
        return "delete: nothing"
    container, key = slot
    del container[key]
    return f"delete {key!r}"


def _change_type(rng: random.Random, data: Any) -> str:
    slot = _pick(rng, data, _anything)
    if slot is None:
        return "type: nothing"
    container, key = slot
    container[key] = rng.choice(OTHER_TYPES)
    return f"type {key!r} -> {container[key]!r}"


def _extreme_number(rng: random.Random, data: Any) -> str:
    slot = _pick(rng, data, _is_number) or _pick(rng, data, _anything)
    if slot is None:
        return "number: nothing"
    container, key = slot
    container[key] = rng.choice(EXTREMES)
    return f"number {key!r} -> {container[key]!r:.40}"


def _tag(rng: random.Random, data: Any) -> str:
    slot = _pick(rng, data, lambda c, k: not isinstance(c[k], (dict, list)))
    if slot is None:
        return "tag: nothing"
    container, key = slot
    value = container[key]
    text = str(value) if rng.random() < 0.5 and not isinstance(value, bool) else rng.choice(TAG_TEXTS)
    container[key] = Tagged(rng.choice(TAGS), text)
    return f"tag {key!r} -> {container[key]}"


def _unicode(rng: random.Random, data: Any) -> str:
    slot = _pick(rng, data, _is_text)
    if slot is None:
        return "unicode: nothing"
    container, key = slot
    injection = rng.choice(INJECTIONS)
    value = container[key]
    at = rng.randint(0, len(value))
    if rng.random() < 0.2 and isinstance(container, dict):  # the key itself
        container[f"{key}{injection}"] = container.pop(key)
        return f"unicode key {key!r} + {injection!r}"
    container[key] = value[:at] + injection + value[at:]
    return f"unicode {key!r} + {injection!r}"


def _long_text(rng: random.Random, data: Any) -> str:
    slot = _pick(rng, data, lambda c, k: k in ("name", "room", "manufacturer", "partner", "id"))
    if slot is None:
        return "long: nothing"
    container, key = slot
    words = rng.choice(("x" * 20_000, "word " * 5000, "é" * 17_000, "a-" * 9000))
    container[key] = str(container[key]) + words
    return f"long {key!r} ({len(container[key]):,} characters)"


def _loop(rng: random.Random, data: Any) -> str:
    nodes = [n for n in _nodes(data) if isinstance(n.get("id"), str)]
    if len(nodes) < 2:
        return "loop: nothing"
    a, b = rng.sample(nodes, 2)
    if rng.random() < 0.2:
        b = a  # a node that requires itself
    requires = a.get("requires")
    if not isinstance(requires, list):
        requires = a["requires"] = []
    form = rng.choice(("id", "any", "at_least"))
    if form == "id":
        requires.append(b["id"])
    elif form == "any":
        requires.append({"any": [b["id"], rng.choice(nodes)["id"]]})
    else:
        requires.append({"at_least": rng.randint(1, 2), "of": [b["id"], rng.choice(nodes)["id"]]})
    # and the other way, so that a loop may form
    back = b.get("requires")
    if isinstance(back, list) and rng.random() < 0.7:
        back.append({"any": [a["id"], rng.choice(nodes)["id"]]})
    return f"loop {a['id']} -> {b['id']} ({form})"


def _rename_or_duplicate(rng: random.Random, data: Any) -> str:
    nodes = [n for n in _nodes(data) if isinstance(n.get("id"), str)]
    if not nodes:
        return "id: nothing"
    node = rng.choice(nodes)
    if rng.random() < 0.5:
        old = node["id"]
        node["id"] = rng.choice((old + "x", old.upper(), old[:-1] or "z", "break-fix", "-bad", "ok"))
        return f"rename {old!r} -> {node['id']!r}"
    for section in ("components", "services"):
        items = data.get(section) if isinstance(data, dict) else None
        if isinstance(items, list) and node in items:
            items.append(dict(node))
    return f"duplicate {node['id']!r}"


def _nest(rng: random.Random, data: Any) -> str:
    slot = _pick(rng, data, _anything)
    if slot is None:
        return "nest: nothing"
    container, key = slot
    value: Any = container[key]
    for _ in range(70):
        value = [value]
    container[key] = value
    return f"nest {key!r}"


def _many(rng: random.Random, data: Any) -> str:
    nodes = [n for n in _nodes(data) if isinstance(n.get("requires"), list)]
    ids = [n["id"] for n in _nodes(data) if isinstance(n.get("id"), str)]
    if not nodes or not ids:
        return "many: nothing"
    node = rng.choice(nodes)
    members = [rng.choice(ids) for _ in range(rng.choice((30, 400)))]
    node["requires"].append({"at_least": rng.randint(1, len(members)), "of": members})
    return f"many members in {node.get('id')!r}"


DATA_MUTATIONS: tuple[Callable[[random.Random, Any], str], ...] = (
    _delete_key, _change_type, _extreme_number, _extreme_number, _tag, _tag, _unicode, _unicode,
    _long_text, _loop, _rename_or_duplicate, _nest, _many,
)
"""Mutations that mostly make the site invalid (the loader must say why, and where)."""
GENTLE_MUTATIONS: tuple[Callable[[random.Random, Any], str], ...] = (
    _at_bound, _at_bound, _text_injection, _text_injection, _fitting_tag, _loop, _many, _long_text,
)
"""Mutations that mostly keep it valid (every command must then cope with it)."""


def _dump(rng: random.Random, data: Any) -> str:
    flow = rng.choice((False, None, True))
    return yaml.dump(
        data, Dumper=_Dumper, allow_unicode=rng.random() < 0.7, default_flow_style=flow,
        sort_keys=False, width=rng.choice((80, 10_000)),
    )


def _text_mutation(rng: random.Random, text: str) -> tuple[str, str]:
    kind = rng.choice(("cut", "drop line", "repeat line", "insert", "deep"))
    if kind == "deep":  # past libyaml's own limit (1,000 levels)
        at = text.find("\n", rng.randint(0, len(text)))
        depth = rng.choice((65, 1001, 50_000))
        at = len(text) if at < 0 else at
        return text[:at] + " " + "[" * depth + "]" * depth + text[at:], f"deep {depth} at {at}"
    if kind == "cut":
        at = rng.randint(0, len(text))
        return text[:at], f"cut at {at}"
    lines = text.splitlines(keepends=True)
    i = rng.randrange(len(lines)) if lines else 0
    if kind == "drop line" and lines:
        del lines[i]
    elif kind == "repeat line" and lines:
        lines.insert(i, lines[i])
    else:
        at = rng.randint(0, len(text))
        inserted = rng.choice(("\t", "&a ", "*a ", "? ", "- ", "{", "]", "---\n", "%"))
        return text[:at] + inserted + text[at:], f"insert {inserted!r} at {at}"
    return "".join(lines), f"{kind} {i + 1}"


def mutate(rng: random.Random, sites: list[tuple[str, str]]) -> Mutant:
    """One mutant of one of ``sites``, every choice drawn from ``rng``."""
    name, text = rng.choice(sites)
    data = yaml.safe_load(text)
    component = rng.choice([c["id"] for c in data["components"]])
    mutations = [name]
    pool = GENTLE_MUTATIONS if rng.random() < 0.6 else DATA_MUTATIONS
    for _ in range(rng.randint(1, 3)):
        mutations.append(rng.choice(pool)(rng, data))
    try:
        out = _dump(rng, data)
    except (yaml.YAMLError, RecursionError, ValueError) as exc:  # e.g. 3,000 levels for the emitter
        out = text
        mutations.append(f"(not written: {type(exc).__name__}; base text kept)")
    if pool is DATA_MUTATIONS and rng.random() < 0.4:
        out, what = _text_mutation(rng, out)
        mutations.append(what)
    return Mutant(out, mutations, component)


# -- the contract ------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What one command did with one mutant."""

    command: str
    exit: int | None
    seconds: float
    """CPU seconds."""
    violations: list[str] = field(default_factory=list)
    stderr: str = ""


class _Timeout(Exception):
    """The command ran past :data:`TIME_LIMIT`."""


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_Timeout` after ``seconds`` of this process's CPU time.

    CPU time, not wall-clock time, so that a busy machine (CI, other jobs)
    does not make a command look hung.
    """

    def expire(signum: int, frame: Any) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def argv(command: str, site: Path, folder: Path, component: str) -> list[str]:
    """The command line of ``command`` on ``site``; outputs go to ``folder``."""
    file = str(site)
    return {
        "validate": ["validate", file],
        "blast": ["blast", file, "--fail", component, "--json"],
        "rank": ["rank", file, "--json"],
        "incidents": ["incidents", file, "--json"],
        "compare": ["compare", file, "--years", YEARS, "--json"],
        "audit": ["audit", file, "--json", "--fail-on", "error"],
        "export": ["export", file, "-o", "-"],
        "render": ["render", file, "-o", str(folder / "diagram.dot")],
        "report": ["report", file, "-o", str(folder / "report.html"), "--years", YEARS],
    }[command]


def _not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


def run_command(command: str, site: Path, folder: Path, component: str) -> Outcome:
    """Run ``command`` on the inventory at ``site`` in-process and check the contract."""
    out, err = io.StringIO(), io.StringIO()
    started = time.process_time()
    code: int | None = None
    problems: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            with _time_limit(TIME_LIMIT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(argv(command, site, folder, component))
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else 2
        except _Timeout:
            problems.append(f"timeout: over {TIME_LIMIT:.0f} s")
        except BaseException as exc:  # noqa: BLE001 - any exception is a traceback for the user
            where = traceback.extract_tb(exc.__traceback__)[-1]
            problems.append(f"exception: {type(exc).__name__} at {Path(where.filename).name}:"
                            f"{where.lineno}: {str(exc)[:200]}")
    seconds = time.process_time() - started
    problems += [f"warning: {w.category.__name__}: {str(w.message)[:200]}" for w in caught]
    outcome = Outcome(command, code, seconds, problems, err.getvalue())
    if code is not None:
        _check_exit(outcome, code, out.getvalue(), err.getvalue(), str(site), folder)
    return outcome


_PLACE = re.compile(r"(\d+):(\d+): \S")


def _check_exit(outcome: Outcome, code: int, stdout: str, stderr: str, file: str, folder: Path) -> None:
    problems = outcome.violations
    if code not in (0, 1, 2):
        problems.append(f"exit {code}")
    for line in stderr.splitlines():
        if any(ord(c) < 32 and c != "\t" or c in "\x7f\u2028\u2029\u202e" for c in line):
            problems.append(f"stderr: a control character in {line[:80]!r}")
        if len(line) - len(file) > LINE_LIMIT:
            problems.append(f"stderr: a line of {len(line):,} characters")
    if code == 2:
        lines = stderr.splitlines()
        if not lines:
            problems.append("exit 2 without a message")
        for line in lines:
            if line.startswith(file + ":"):
                if not _PLACE.match(line[len(file) + 1:]):
                    problems.append(f"exit 2: no LINE:COLUMN in {line[:120]!r}")
            elif not line.startswith(("depgraph: error: ", "usage: ", "depgraph ", "  ")):
                problems.append(f"exit 2: unexpected line {line[:120]!r}")
    if code == 1 and outcome.command == "audit":  # findings at --fail-on: still a full report
        code = 0
    if code != 0:
        return
    if outcome.command in ("blast", "rank", "incidents", "compare", "audit"):
        try:
            json.loads(stdout, parse_constant=_not_json)
        except ValueError as exc:
            problems.append(f"json: {str(exc)[:120]}")
    elif outcome.command == "export":
        try:
            ET.fromstring(stdout.encode("utf-8"))
        except ET.ParseError as exc:
            problems.append(f"xml: {exc}")
    elif outcome.command == "render" and not (folder / "diagram.dot").is_file():
        problems.append("render: exit 0 but no file")
    elif outcome.command == "report":
        page = folder / "report.html"
        if not page.is_file():
            problems.append("report: exit 0 but no file")
        else:
            _check_page(page.read_text(encoding="utf-8"), problems)


_DATA = re.compile(r'<script type="application/json" id="what-if-data">(.*?)</script>', re.S)
_NOT_A_NUMBER = re.compile(r"(?<![A-Za-z])(nan|inf)(?![A-Za-z])")


def _check_page(page: str, problems: list[str]) -> None:
    """The report's data is strict JSON and no figure reads ``nan`` or ``inf``."""
    data = _DATA.search(page)
    if data is None:
        problems.append("report: no what-if data")
    else:
        try:
            json.loads(data[1], parse_constant=_not_json)
        except ValueError as exc:
            problems.append(f"report: what-if data: {str(exc)[:120]}")
    found = _NOT_A_NUMBER.search(page)
    if found:
        problems.append(f"report: {found[0]!r} in the page")


def check_mutant(mutant: Mutant, folder: Path, commands: tuple[str, ...] = COMMANDS) -> list[Outcome]:
    """Every command on ``mutant`` (written to ``folder``), with what each broke."""
    site = folder / "site.yaml"
    site.write_text(mutant.text, encoding="utf-8", errors="surrogatepass")
    outcomes = []
    for command in commands:
        for stale in ("diagram.dot", "report.html"):
            (folder / stale).unlink(missing_ok=True)
        outcomes.append(run_command(command, site, folder, mutant.component))
    return outcomes
