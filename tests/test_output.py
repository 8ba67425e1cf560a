"""Writing results (depgraph.files): whole or not at all, with the usual mode, never over an input.

Each failing write is tried twice: with the unnamed temporary file Linux
offers (``O_TMPFILE``) and with the named one used elsewhere, so that the
clean-up of both is exercised.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from depgraph import OutputError, load_inventory, scratch
from depgraph.files import (
    OutputGuard,
    check_output,
    guarding_outputs,
    note_input,
    rewrite_in_place,
    write_atomic,
    write_output,
)


@pytest.fixture(params=["unnamed", "named"])
def temporary_kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with each kind of temporary file."""
    if request.param == "unnamed" and not scratch.UNNAMED:
        pytest.skip("this system has no unnamed temporary files (O_TMPFILE)")
    monkeypatch.setattr(scratch, "UNNAMED", request.param == "unnamed")
    return str(request.param)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path, temporary_kind: str) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert listing(tmp_path) == ["out.txt"]


def test_mode_follows_the_umask(tmp_path: Path, temporary_kind: str) -> None:
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "report.html", b"<html></html>")
        os.umask(0o077)
        write_atomic(tmp_path / "private.html", b"<html></html>")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "report.html").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "private.html").stat().st_mode) == 0o600


def test_a_folder_or_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        write_atomic(tmp_path, "x")
    with pytest.raises(OutputError, match="does not exist"):
        write_atomic(tmp_path / "nope" / "out.txt", "x")


def test_chunks_are_written_in_order(tmp_path: Path) -> None:
    chunks: list[str | bytes] = ["a", b"b", "c" * 3_000_000]
    write_atomic(tmp_path / "out.txt", iter(chunks))
    assert (tmp_path / "out.txt").read_text() == "ab" + "c" * 3_000_000


def test_the_temporary_file_has_no_name_while_it_is_written(tmp_path: Path) -> None:
    if not scratch.UNNAMED:
        pytest.skip("this system has no unnamed temporary files (O_TMPFILE)")
    seen: list[list[str]] = []

    def content() -> Iterator[bytes]:
        yield b"x" * 100_000
        seen.append(listing(tmp_path))
        yield b"y"

    write_atomic(tmp_path / "out.bin", content())
    assert seen == [[]]  # so even kill -9 at that moment leaves nothing behind
    assert listing(tmp_path) == ["out.bin"]


@pytest.mark.parametrize(
    "code", [errno.ENOSPC, errno.EACCES, errno.EROFS, errno.EDQUOT, errno.EIO],
    ids=errno.errorcode.get,
)
@pytest.mark.parametrize("failing", ["open", "write", "fsync", "replace"])
def test_a_failed_write_leaves_the_folder_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, temporary_kind: str, code: int, failing: str
) -> None:
    target = tmp_path / "r.html"
    target.write_bytes(b"previous report")
    real = getattr(os, failing)

    def fail(*args: object, **kwargs: object) -> object:
        if failing == "open" and args and Path(str(args[0])).parent != tmp_path \
                and Path(str(args[0])) != tmp_path:
            return real(*args, **kwargs)
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(OutputError) as raised:
        write_atomic(target, "x" * 100_000)
    monkeypatch.undo()
    assert str(raised.value) == f"{target}: cannot write: {os.strerror(code)}"
    assert target.read_bytes() == b"previous report"
    assert listing(tmp_path) == ["r.html"]


@pytest.mark.parametrize("interruption", [RuntimeError, KeyboardInterrupt, SystemExit])
def test_an_exception_while_the_content_is_produced_leaves_nothing(
    tmp_path: Path, temporary_kind: str, interruption: type[BaseException]
) -> None:
    target = tmp_path / "r.html"
    target.write_bytes(b"previous report")
    written: list[list[str]] = []

    def content() -> Iterator[str]:
        yield "<html>" * 50_000
        written.append(listing(tmp_path))
        raise interruption("template failed half-way")

    with pytest.raises(interruption):
        write_atomic(target, content())
    if temporary_kind == "named":
        assert len(written[0]) == 2  # the temporary file did exist: the clean-up removed it
    assert target.read_bytes() == b"previous report"
    assert listing(tmp_path) == ["r.html"]


def test_a_symbolic_link_is_written_through(tmp_path: Path) -> None:
    (tmp_path / "www").mkdir()
    real = tmp_path / "www" / "report.html"
    real.write_text("old")
    link = tmp_path / "report.html"
    link.symlink_to(real)
    assert write_atomic(link, "new") == link
    assert link.is_symlink() and real.read_text() == "new"
    assert listing(tmp_path / "www") == ["report.html"]


# -- no output over an input ----------------------------------------------------------


@pytest.fixture
def inventory(tmp_path: Path) -> Path:
    path = tmp_path / "site.yaml"
    path.write_text("version: 1\n")
    return path


def test_the_input_itself_is_refused(inventory: Path) -> None:
    with pytest.raises(OutputError) as raised:
        write_atomic(inventory, "<xml/>", inputs=[(inventory, "inventory")])
    assert str(raised.value) == (
        f"refusing to write {inventory}: it is the inventory being read; choose another name"
    )
    assert inventory.read_text() == "version: 1\n"


def test_a_hard_link_a_symbolic_link_and_another_spelling_are_refused(
    inventory: Path, tmp_path: Path
) -> None:
    hard = tmp_path / "hard.xml"
    os.link(inventory, hard)
    soft = tmp_path / "soft.xml"
    soft.symlink_to(inventory.name)
    (tmp_path / "sub").mkdir()
    other = tmp_path / "sub" / ".." / "site.yaml"
    guard = OutputGuard([(inventory, "inventory")])
    expected = {
        hard: "through a hard link", soft: "through a symbolic link", other: f"({inventory})",
    }
    for destination, how in expected.items():
        with pytest.raises(OutputError, match="it is the inventory being read") as raised:
            guard.check(destination)
        assert how in str(raised.value)
    assert inventory.read_text() == "version: 1\n"
    guard.check(tmp_path / "site.xml")  # any other name is fine


def test_an_input_replaced_by_a_new_file_is_still_recognised_by_its_path(inventory: Path) -> None:
    guard = OutputGuard([inventory])
    inventory.unlink()
    inventory.write_text("edited in an editor that writes a new file\n")
    with pytest.raises(OutputError, match="it is the input file being read"):
        guard.check(inventory)


def test_noted_inputs_are_protected_only_inside_the_guarded_block(inventory: Path) -> None:
    note_input(inventory, "inventory")  # outside any block: remembered nowhere
    check_output(inventory)
    with guarding_outputs():
        note_input(inventory, "remedies file")
        with pytest.raises(OutputError, match="it is the remedies file being read"):
            write_output(inventory, "x")
    check_output(inventory)


def test_standard_input_redirected_from_the_output_is_refused(
    inventory: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with inventory.open() as stream:
        monkeypatch.setattr("sys.stdin", stream)
        guard = OutputGuard([("-", "inventory")])
    with pytest.raises(OutputError, match=r"inventory being read \(on standard input\)"):
        guard.check(inventory)


def test_standard_output_is_never_refused(inventory: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert write_output("-", "<xml/>\n", inputs=[inventory]) is None
    assert capsys.readouterr().out == "<xml/>\n"


# -- editing an inventory in place ------------------------------------------------------


def test_rewrite_in_place_keeps_the_previous_version_and_the_mode(inventory: Path, tmp_path: Path) -> None:
    inventory.chmod(0o640)
    with guarding_outputs():
        note_input(inventory, "inventory")
        rewrite_in_place(inventory, "version: 1\nsite: {name: new}\n")
    assert inventory.read_text() == "version: 1\nsite: {name: new}\n"
    assert (tmp_path / "site.yaml.bak").read_text() == "version: 1\n"
    assert stat.S_IMODE(inventory.stat().st_mode) == 0o640
    rewrite_in_place(inventory, "third\n")
    assert (tmp_path / "site.yaml.bak").read_text() == "version: 1\nsite: {name: new}\n"
    assert listing(tmp_path) == ["site.yaml", "site.yaml.bak"]


def test_rewrite_in_place_without_backup_and_through_a_link(inventory: Path, tmp_path: Path) -> None:
    link = tmp_path / "current.yaml"
    link.symlink_to(inventory.name)
    rewrite_in_place(link, "new\n", backup=False)
    assert link.is_symlink() and inventory.read_text() == "new\n"
    assert listing(tmp_path) == ["current.yaml", "site.yaml"]


def test_rewrite_in_place_creates_a_missing_file_without_backup(tmp_path: Path) -> None:
    rewrite_in_place(tmp_path / "new.yaml", "version: 1\n")
    assert listing(tmp_path) == ["new.yaml"]


def test_a_failed_rewrite_leaves_the_file_and_its_backup(
    inventory: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, temporary_kind: str
) -> None:
    (tmp_path / "site.yaml.bak").write_text("older\n")

    def full(*args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OutputError, match="No space left on device"):
        rewrite_in_place(inventory, "new\n")
    monkeypatch.undo()
    assert inventory.read_text() == "version: 1\n"
    assert (tmp_path / "site.yaml.bak").read_text() == "older\n"
    assert listing(tmp_path) == ["site.yaml", "site.yaml.bak"]


def test_rewrite_in_place_protects_the_other_inputs(inventory: Path, tmp_path: Path) -> None:
    export = tmp_path / "site.yaml.bak"
    export.write_text("{}")
    with pytest.raises(OutputError, match="it is the import input being read"):
        rewrite_in_place(inventory, "new\n", inputs=[(export, "import input")])
    assert inventory.read_text() == "version: 1\n" and export.read_text() == "{}"


def test_the_loader_notes_the_inventory_it_reads(inventory: Path) -> None:
    inventory.write_text("version: 1\nsite: {name: Demo}\ncomponents: [{id: a, category: other}]\n")
    with guarding_outputs():
        load_inventory(inventory)
        with pytest.raises(OutputError, match="it is the inventory being read"):
            write_atomic(inventory, "<xml/>")


def test_a_device_or_a_pipe_is_written_straight_into(tmp_path: Path) -> None:
    write_atomic("/dev/null", "nothing to replace")
    assert Path("/dev/null").is_char_device()
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    write_atomic(pipe, "through the pipe")
    reader.join()
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(pipe.stat().st_mode) and listing(tmp_path) == ["pipe"]
