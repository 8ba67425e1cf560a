"""Nothing the user owns is lost: every writing command, pointed at its own input, at a full,
a read-only or a forbidden folder, or stopped mid-write, leaves the input and any previous
output byte-identical and no temporary file behind. Also: ``-o -`` and warning summaries.

Tests that start other processes are marked ``subprocess``; the mounts need root and are
skipped, with the reason, where the system does not allow them.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from depgraph import scratch
from depgraph.cli.main import main
from depgraph.files import write_atomic
from depgraph.generate import generate_site

SITE = """\
version: 1
site: {name: Safe writes}
vendors: [{id: netco}]
components:
  - {id: router, category: network, vendor: netco}
  - {id: switch, category: network, vendor: netco, requires: [router]}
services:
  - {id: internet, requires: [switch], cost_per_hour: 20, people: 4}
plans:
  - {id: care, monthly_fee: 100}
"""

# Each writing command, with the suffix its output takes.
WRITERS = {
    "render": (".dot", []),
    "report": (".html", ["--years", "20"]),
    "export": (".xml", []),
}


def listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.is_dir()}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# -- an output never replaces an input ------------------------------------------------


@pytest.mark.parametrize("how", ["itself", "symbolic link", "hard link"])
@pytest.mark.parametrize("command", sorted(WRITERS))
def test_every_writer_refuses_to_write_over_its_inventory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, how: str
) -> None:
    suffix, options = WRITERS[command]
    inventory = tmp_path / f"site{suffix}"  # an inventory can have any suffix
    inventory.write_text(SITE)
    out = inventory
    if how != "itself":
        out = tmp_path / f"out{suffix}"
        if how == "symbolic link":
            out.symlink_to(inventory.name)
        else:
            os.link(inventory, out)
    before = listing(tmp_path)
    code, stdout, err = run(capsys, command, str(inventory), "-o", str(out), *options)
    assert code == 2
    assert err.startswith(f"depgraph: error: refusing to write {out}: it is the inventory being read")
    assert err.rstrip().endswith("choose another name") and "Traceback" not in err
    assert stdout == ""
    assert listing(tmp_path) == before


def test_an_inventory_on_standard_input_is_protected_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    inventory = tmp_path / "site.xml"
    inventory.write_text(SITE)
    with inventory.open() as stream:
        monkeypatch.setattr("sys.stdin", stream)
        code, _, err = run(capsys, "export", "-", "-o", str(inventory))
    assert code == 2 and "(on standard input)" in err
    assert inventory.read_text() == SITE


def test_a_refusal_comes_before_the_long_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    inventory = tmp_path / "site.html"
    inventory.write_text(SITE)

    def never(*args: object, **kwargs: object) -> str:
        raise AssertionError("the report was computed before the refusal")

    monkeypatch.setattr("depgraph.cli.commands.report.report_html", never)
    assert run(capsys, "report", str(inventory), "-o", str(inventory))[0] == 2


# -- a failed write leaves nothing behind -----------------------------------------------


@contextlib.contextmanager
def mounted_tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {result.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inventory = tmp_path / "site.yaml"
    inventory.write_text(SITE)
    with mounted_tmpfs(tmp_path / "small", "64k") as small:
        (small / "r.html").write_text("<html>previous report" + "." * 32_000 + "</html>\n")
        before = listing(small)
        code, _, err = run(capsys, "report", str(inventory), "-o", str(small / "r.html"),
                           "--years", "20")
        assert code == 2
        assert err == f"depgraph: error: {small / 'r.html'}: cannot write: No space left on device\n"
        assert listing(small) == before


def test_a_read_only_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inventory = tmp_path / "site.yaml"
    inventory.write_text(SITE)
    with mounted_tmpfs(tmp_path / "ro", "1m") as folder:
        (folder / "d.dot").write_text("digraph previous {}\n")
        subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        before = listing(folder)
        for command, (suffix, options) in sorted(WRITERS.items()):
            code, _, err = run(capsys, command, str(inventory), "-o", str(folder / f"d{suffix}"),
                               *options)
            assert code == 2 and err.endswith("cannot write: Read-only file system\n")
        assert listing(folder) == before


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_folder_the_user_may_not_write(tmp_path: Path) -> None:
    """Run as an ordinary user (root may write anywhere), in a forked child."""
    if os.geteuid() != 0:
        folder, drop = tmp_path, False
    else:
        folder, drop = Path(os.path.realpath("/tmp")) / f"depgraph-eacces-{os.getpid()}", True
        folder.mkdir()
    try:
        inventory = folder / "site.yaml"
        inventory.write_text(SITE)
        (folder / "site.xml").write_text("<previous/>\n")
        folder.chmod(0o555)
        before = listing(folder)
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - the child reports through its exit code and the pipe
            os.close(read)
            if drop:
                os.setgid(65534)
                os.setuid(65534)
            sys.stderr = os.fdopen(write, "w")
            code = main(["export", str(inventory), "-o", str(folder / "site.xml")])
            sys.stderr.flush()
            os._exit(code)
        os.close(write)
        with os.fdopen(read) as stream:
            err = stream.read()
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 2
        assert err.endswith("site.xml: cannot write: Permission denied\n")
        assert listing(folder) == before
    finally:
        folder.chmod(0o755)
        if drop:
            for path in folder.iterdir():
                path.unlink()
            folder.rmdir()


def test_an_exception_while_rendering_leaves_the_previous_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    inventory = tmp_path / "site.yaml"
    inventory.write_text(SITE)
    (tmp_path / "r.html").write_text("<html>previous</html>\n")
    before = listing(tmp_path)

    def half_a_report(*args: object, **kwargs: object) -> Iterator[str]:
        yield "<!DOCTYPE html>" * 10_000
        raise KeyboardInterrupt  # Ctrl-C half-way through the page

    monkeypatch.setattr("depgraph.cli.commands.report.report_html", half_a_report)
    code, _, _ = run(capsys, "report", str(inventory), "-o", str(tmp_path / "r.html"))
    assert code == 130
    assert listing(tmp_path) == before


def test_sigterm_becomes_an_exception_only_while_a_command_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = signal.getsignal(signal.SIGTERM)
    inventory = tmp_path / "site.yaml"
    inventory.write_text(SITE)
    assert run(capsys, "validate", str(inventory))[0] == 0
    assert signal.getsignal(signal.SIGTERM) == before
    codes: list[int] = []  # outside the main thread no handler can be installed; the command runs
    worker = threading.Thread(target=lambda: codes.append(main(["validate", str(inventory)])))
    worker.start()
    worker.join()
    assert codes == [0]


# -- stopped mid-write, in another process ----------------------------------------------

_PAUSING_REPORT = """
import sys, time
import depgraph.scratch
from depgraph.cli.main import main
from depgraph.report.builder import report_html

depgraph.scratch.UNNAMED = sys.argv[3] == "unnamed"

def pausing_report(*args, **kwargs):
    html = report_html(*args, **kwargs)
    yield html[: len(html) // 2]
    print("writing", len(html), file=sys.stderr, flush=True)
    time.sleep(60)
    yield html[len(html) // 2 :]

import depgraph.cli.commands.report as command
command.report_html = pausing_report
sys.exit(main(["report", sys.argv[1], "-o", sys.argv[2], "--years", "20"]))
"""


def stop_mid_write(
    tmp_path: Path, sig: int, temporary: str, ignore: int | None = None
) -> tuple[int, dict[str, bytes]]:
    """Start a report of a 300-component site, stop it with ``sig`` half-way through writing
    it; its exit code and the folder as it was while the report was being written. With
    ``ignore``, that signal is ignored by the child (``nohup``) and sent first."""
    inventory = tmp_path / "in" / "site.yaml"
    inventory.parent.mkdir()
    inventory.write_text(generate_site(300, 0))
    out = tmp_path / "out"
    out.mkdir()
    (out / "r.html").write_text("<html>the previous report, whole</html>\n")
    child = subprocess.Popen(
        [sys.executable, "-c", _PAUSING_REPORT, str(inventory), str(out / "r.html"), temporary],
        stderr=subprocess.PIPE, text=True,
        preexec_fn=None if ignore is None else lambda: signal.signal(ignore, signal.SIG_IGN),
    )
    assert child.stderr is not None
    announced, size = child.stderr.readline().split()
    assert announced == "writing" and int(size) > 500_000
    during = listing(out)
    if ignore is not None:
        child.send_signal(ignore)
        time.sleep(0.5)
        assert child.poll() is None, "an ignored signal stopped the command"
    child.send_signal(sig)
    child.wait(timeout=30)
    child.stderr.close()
    return child.returncode, during


@pytest.mark.subprocess
def test_sigkill_mid_write_leaves_the_previous_report_whole(tmp_path: Path) -> None:
    if not scratch.UNNAMED:
        pytest.skip("without unnamed temporary files (O_TMPFILE) kill -9 leaves the temporary file")
    code, during = stop_mid_write(tmp_path, signal.SIGKILL, "unnamed")
    assert code == -signal.SIGKILL
    assert list(during) == ["r.html"]  # the half-written report never had a name
    assert listing(tmp_path / "out") == {"r.html": b"<html>the previous report, whole</html>\n"}


@pytest.mark.subprocess
@pytest.mark.parametrize("temporary", ["unnamed", "named"])
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_mid_write_removes_the_temporary_file(tmp_path: Path, temporary: str, sig: int) -> None:
    code, during = stop_mid_write(tmp_path, sig, temporary)
    assert code == 128 + sig
    assert len(during) == (1 if temporary == "unnamed" else 2)
    assert listing(tmp_path / "out") == {"r.html": b"<html>the previous report, whole</html>\n"}


@pytest.mark.subprocess
def test_a_hangup_ignored_by_nohup_stays_ignored(tmp_path: Path) -> None:
    code, _ = stop_mid_write(tmp_path, signal.SIGTERM, "named", ignore=signal.SIGHUP)
    assert code == 128 + signal.SIGTERM
    assert listing(tmp_path / "out") == {"r.html": b"<html>the previous report, whole</html>\n"}


def _write_many(target: str, mark: int, times: int) -> None:
    for _ in range(times):
        write_atomic(target, bytes([mark]) * 2_000_000)


@pytest.mark.subprocess
def test_eight_concurrent_writers_always_leave_one_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    target.write_bytes(b"-" * 2_000_000)
    context = multiprocessing.get_context("fork")
    writers = [
        context.Process(target=_write_many, args=(str(target), ord("A") + i, 8)) for i in range(8)
    ]
    for writer in writers:
        writer.start()
    seen = set()
    while any(w.is_alive() for w in writers):
        content = target.read_bytes()
        assert len(content) == 2_000_000 and len(set(content)) == 1
        seen.add(content[0])
    for writer in writers:
        writer.join()
        assert writer.exitcode == 0
    content = target.read_bytes()
    assert len(content) == 2_000_000 and content[0] in range(ord("A"), ord("A") + 8)
    assert len(set(content)) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["out.bin"]


def _run_command(argv: list[str]) -> None:
    sys.exit(main(argv))


@pytest.mark.subprocess
def test_eight_concurrent_commands_write_one_of_their_outputs(tmp_path: Path) -> None:
    out = tmp_path / "site.yaml"
    context = multiprocessing.get_context("fork")
    commands = [
        context.Process(target=_run_command, args=(
            ["generate", "--components", "2000", "--seed", str(seed), "-o", str(out)],))
        for seed in range(8)
    ]
    for command in commands:
        command.start()
    for command in commands:
        command.join()
    assert [c.exitcode for c in commands] == [0] * 8
    assert out.read_text() in {generate_site(2000, seed) for seed in range(8)}
    assert [p.name for p in tmp_path.iterdir()] == ["site.yaml"]


@pytest.mark.subprocess
def test_sigterm_at_any_moment_of_a_real_report(tmp_path: Path) -> None:
    """Whenever it comes, SIGTERM leaves either the previous report or a whole new one."""
    depgraph = [sys.executable, "-m", "depgraph"]
    inventory = tmp_path / "site.yaml"
    inventory.write_text(SITE)
    out = tmp_path / "r.html"
    previous = b"<html>previous</html>\n"
    for delay in (0.3, 0.8, 1.5, 3.0):
        out.write_bytes(previous)
        child = subprocess.Popen([*depgraph, "report", str(inventory), "-o", str(out),
                                  "--years", "300"], stdout=subprocess.DEVNULL)
        time.sleep(delay)
        child.send_signal(signal.SIGTERM)
        # -SIGTERM: it came before the command started (while Python was importing)
        assert child.wait(timeout=60) in (0, 128 + signal.SIGTERM, -signal.SIGTERM)
        content = out.read_bytes()
        assert content == previous or content.rstrip().endswith(b"</html>")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html", "site.yaml"]


# -- standard output --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "start"),
    [
        (["render", "{site}", "-o", "-"], "digraph depgraph {"),
        (["render", "{site}", "-o", "-", "--format", "svg"], "<?xml"),
        (["report", "{site}", "-o", "-", "--years", "20"], "<!DOCTYPE html>"),
        (["export", "{site}", "-o", "-"], "<?xml"),
        (["generate", "--components", "40", "-o", "-"], "version: 1"),
    ],
    ids=["dot", "svg", "html", "xml", "yaml"],
)
def test_dash_writes_every_text_format_to_standard_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], start: str
) -> None:
    inventory = tmp_path / "site.yaml"
    inventory.write_text(SITE)
    code, out, err = run(capsys, *(a.format(site=inventory) for a in argv))
    assert code == 0 and err == ""
    assert out.startswith(start) and "wrote" not in out
    assert [p.name for p in tmp_path.iterdir()] == ["site.yaml"]


@pytest.mark.subprocess
@pytest.mark.parametrize(("file_format", "magic"), [("png", b"\x89PNG"), ("pdf", b"%PDF")])
def test_images_go_to_standard_output_when_it_is_not_a_terminal(
    tmp_path: Path, file_format: str, magic: bytes
) -> None:
    inventory = tmp_path / "site.yaml"
    inventory.write_text(SITE)
    depgraph = [sys.executable, "-m", "depgraph"]
    result = subprocess.run([*depgraph, "render", str(inventory), "-o", "-", "--format",
                             file_format], capture_output=True, check=True)
    assert result.stdout.startswith(magic)


def test_an_image_is_not_printed_on_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    inventory = tmp_path / "site.yaml"
    inventory.write_text(SITE)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    code, out, err = run(capsys, "render", str(inventory), "-o", "-", "--format", "png")
    assert code == 2 and out == ""
    assert "refusing to print a PNG image on the terminal" in err


# -- warnings readable at any size ------------------------------------------------------


def orphan_site(count: int) -> str:
    lines = ["version: 1", "site: {name: Orphans}", "components:"]  # c0001 is on line 5
    lines += [f"  - {{id: c{i:04d}, category: other}}" for i in range(count)]
    lines += ["services:", "  - {id: s, requires: [c0000]}"]
    return "\n".join(lines) + "\n"


def test_a_thousand_orphans_are_counted_not_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inventory = tmp_path / "site.yaml"
    inventory.write_text(orphan_site(1_201))  # c0000 is required; 1,200 orphans; s has no owner
    code, out, err = run(capsys, "validate", str(inventory))
    assert code == 0
    assert out == f"{inventory}: valid: 1201 components, 1 service, 0 vendors, 0 plans, 1201 warnings\n"
    lines = err.splitlines()
    assert len(lines) == 20 + 1 + 1
    assert lines[0] == (
        f"{inventory}:5:10: warning: component 'c0001' is not required by any component or service"
    )
    assert sum("is not required" in line for line in lines) == 20
    assert sum("has no owner" in line for line in lines) == 1
    assert lines[-1] == (
        "and 1,180 more components that nothing requires; `validate --all-warnings` lists them"
    )
    code, out_all, err_all = run(capsys, "validate", str(inventory), "--all-warnings")
    assert code == 0 and out_all == out
    assert len(err_all.splitlines()) == 1_201
    assert "more" not in err_all


def test_twenty_warnings_of_a_kind_are_all_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inventory = tmp_path / "site.yaml"
    inventory.write_text(orphan_site(21))
    _, _, err = run(capsys, "validate", str(inventory))
    assert len(err.splitlines()) == 21 and "more" not in err
    inventory.write_text(orphan_site(22))
    _, _, err = run(capsys, "validate", str(inventory))
    assert err.splitlines()[-1].startswith("and 1 more component that nothing requires;")
