"""Writing results safely: never over an input, never half a file, nothing left behind.

Three promises, kept here for every command that writes (``render``,
``report``, ``export``, ``generate``, and any later one):

* **No output replaces an input.** Before a byte is written, the destination
  is compared with every file the run has read — by resolved path (through
  symbolic links) and by device and inode (a hard link is the same file) —
  and the write is refused with an :class:`~depgraph.errors.OutputError`
  naming the input: ``refusing to write site.yaml: it is the inventory being
  read; choose another name``. The inputs are what the caller passes as
  ``inputs`` plus, inside :func:`guarding_outputs`, every file noted with
  :func:`note_input` (the inventory loader notes each file it reads, and the
  command line every file named on its command line).
* **A write is all or nothing.** The content goes to a temporary file in the
  destination's folder (:class:`~depgraph.scratch.Scratch`: on Linux an
  *unnamed* one, so that even ``kill -9`` leaves nothing behind), which is
  given its name only when complete and flushed to disk. On any failure (no space, permission denied,
  a read-only folder, an exception while the content is produced, Ctrl-C, a
  SIGTERM turned into an exception by the command line) the temporary file is
  removed and the previous output, if any, is untouched. Concurrent writers
  of one output each publish a whole file; the last one wins.

A new output gets mode ``0o666`` less the umask, as a shell redirection gives;
a symbolic link is written through (the file it points to is replaced, the
link stays); ``-`` (:func:`write_output`) is standard output.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> inventory = folder / "site.yaml"
>>> _ = inventory.write_text("version: 1\\n")
>>> write_atomic(folder / "site.yaml", "<xml/>", inputs=[(inventory, "inventory")])
... # doctest: +ELLIPSIS
Traceback (most recent call last):
...
depgraph.errors.OutputError: refusing to write ...site.yaml: it is the inventory being read; ...
>>> write_atomic(folder / "site.xml", "<xml/>").read_text()
'<xml/>'
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from depgraph.errors import OutputError
from depgraph.scratch import Scratch, remove_quietly, spare_name

__all__ = [
    "Content",
    "InputFile",
    "OutputGuard",
    "STDOUT",
    "check_output",
    "guarding_outputs",
    "note_input",
    "rewrite_in_place",
    "write_atomic",
    "write_output",
]

Content = str | bytes | Iterable[str | bytes]
"""What can be written: text (UTF-8), bytes, or an iterable of chunks of either.

Chunks are written as they come, so an exception raised while producing them
(a template failing half-way) still leaves nothing behind."""

InputFile = str | Path | tuple[str | Path, str]
"""A file the run reads: a path, or ``(path, role)`` where the role names it in
messages (``"inventory"``, ``"remedies file"``, ``"import input"``)."""

STDOUT = "-"
"""The destination that means standard output."""


@dataclass(frozen=True)
class _Read:
    """One file a run reads, identified so that any other name for it is recognised."""

    name: str
    role: str
    real: str | None
    device: int
    inode: int


class OutputGuard:
    """The files a run reads; :meth:`check` refuses a destination that is one of them."""

    def __init__(self, inputs: Iterable[InputFile] = ()) -> None:
        self._reads: list[_Read] = []
        for item in inputs:
            path, role = item if isinstance(item, tuple) else (item, "input file")
            self.note(path, role)

    def note(self, path: str | Path, role: str = "input file") -> None:
        """Remember ``path``, read as the ``role``; ``-`` is standard input when it is a
        regular file (``< site.yaml``). A path that cannot be read is skipped."""
        try:
            status = os.fstat(sys.stdin.fileno()) if str(path) == STDOUT else os.stat(path)
        except (OSError, ValueError, AttributeError):
            return
        if str(path) != STDOUT:
            self._reads.append(
                _Read(str(path), role, os.path.realpath(path), status.st_dev, status.st_ino))
        elif stat.S_ISREG(status.st_mode):
            self._reads.append(_Read("standard input", role, None, status.st_dev, status.st_ino))

    def check(self, destination: str | Path) -> None:
        """Raise :class:`OutputError` when writing ``destination`` would replace an input."""
        if str(destination) == STDOUT or not self._reads:
            return
        real = os.path.realpath(destination)
        try:
            status: os.stat_result | None = os.stat(destination)
        except (OSError, ValueError):
            status = None
        for read in self._reads:
            same_inode = status is not None and (status.st_dev, status.st_ino) == (
                read.device, read.inode)
            if same_inode or real == read.real:
                raise OutputError(
                    f"refusing to write {destination}: it is the {read.role} being read"
                    f"{_alias(destination, read, same_path=real == read.real)}; "
                    "choose another name"
                )

def _alias(destination: str | Path, read: _Read, *, same_path: bool) -> str:
    """How the destination reaches the input, when it is not by the same name."""
    if read.real is None:
        return " (on standard input)"
    if str(destination) == read.name:
        return ""
    if os.path.islink(destination):
        return f" ({read.name}, through a symbolic link)"
    return f" ({read.name})" if same_path else f" ({read.name}, through a hard link)"


_ACTIVE: ContextVar[OutputGuard | None] = ContextVar("depgraph_output_guard", default=None)


@contextlib.contextmanager
def guarding_outputs(inputs: Iterable[InputFile] = ()) -> Iterator[OutputGuard]:
    """Within this block, files noted with :func:`note_input` are protected from every write.

    The command line runs each command inside one, so that a command protects
    what it reads without having to list it.
    """
    guard = OutputGuard(inputs)
    token = _ACTIVE.set(guard)
    try:
        yield guard
    finally:
        _ACTIVE.reset(token)


def note_input(path: str | Path, role: str = "input file") -> None:
    """Record that ``path`` is read as the ``role``; outside :func:`guarding_outputs`, nothing.

    Whatever reads a user's file calls this before the run writes anything:
    the inventory loader does (role ``"inventory"``; ``-`` for standard
    input); an importer should for each export it reads (``note_input(path,
    "import input")``).
    """
    guard = _ACTIVE.get()
    if guard is not None:
        guard.note(path, role)


def check_output(destination: str | Path, inputs: Iterable[InputFile] = ()) -> None:
    """Refuse early, before long work, a destination that is an input (see :class:`OutputGuard`)."""
    _guard(inputs).check(destination)


def _guard(inputs: Iterable[InputFile]) -> OutputGuard:
    """A guard of ``inputs`` and of the files noted in the current block."""
    guard = OutputGuard(inputs)
    active = _ACTIVE.get()
    if active is not None:
        guard._reads[:0] = active._reads
    return guard


def write_atomic(
    destination: str | Path, content: Content, *, inputs: Iterable[InputFile] = ()
) -> Path:
    """Write ``content`` to ``destination`` whole or not at all; never over an input.

    ``inputs`` are files the caller read (paths or ``(path, role)`` pairs),
    protected along with those noted by :func:`note_input`. Raises
    :class:`OutputError` for a refused or failed write; an interrupt
    (``KeyboardInterrupt`` or any other exception) propagates unchanged, in
    both cases after the temporary file is removed. A destination that is a
    device or a pipe (``/dev/null``, ``/dev/stdout``) is written straight
    into: there is no file to replace. Returns ``destination``.
    """
    given = Path(destination)
    _guard(inputs).check(given)
    if _is_stream(given):
        try:
            with open(given, "wb") as stream:
                for chunk in _chunks(content):
                    stream.write(chunk)
        except BrokenPipeError:
            raise  # the reader went away, as with standard output: not a failure to report
        except OSError as exc:
            raise OutputError(f"{given}: cannot write: {exc.strerror or exc}") from None
        return given
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    _write_new(given, target, _chunks(content), 0o666 & ~_umask())
    return given


def _is_stream(path: Path) -> bool:
    """Whether ``path`` is a character device or a pipe (following links)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def write_output(
    destination: str | Path, content: Content, *, inputs: Iterable[InputFile] = ()
) -> Path | None:
    """:func:`write_atomic`, or standard output when ``destination`` is ``-`` (then ``None``)."""
    if str(destination) != STDOUT:
        return write_atomic(destination, content, inputs=inputs)
    for chunk in (content,) if isinstance(content, str | bytes) else content:
        if isinstance(chunk, str):
            sys.stdout.write(chunk)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(chunk)
    sys.stdout.flush()
    return None


def rewrite_in_place(
    path: str | Path,
    content: Content,
    *,
    backup: bool = True,
    inputs: Iterable[InputFile] = (),
) -> Path:
    """Replace the file at ``path`` — an inventory being edited — atomically, keeping a backup.

    This is the one way depgraph writes over a file it has read (``import
    --into site.yaml``). The new content is written whole beside the file and
    then moved over it, so a failure leaves the file as it was; the file keeps
    its mode (and its owner, where allowed); a symbolic link is written
    through. With ``backup`` (the default) the previous version is kept as
    ``<name>.bak`` beside it (``site.yaml.bak``, replacing an older one);
    ``backup=False`` keeps none. ``path`` itself may be among the files read;
    any other input in ``inputs`` or noted with :func:`note_input` is still
    protected, and so is the backup's name. A ``path`` that does not exist yet
    is created as by :func:`write_atomic`, with no backup. Raises
    :class:`OutputError`.

    An importer merging into an inventory notes what it reads and then calls
    this (the command line already runs it inside :func:`guarding_outputs`):

    >>> import tempfile, pathlib
    >>> site = pathlib.Path(tempfile.mkdtemp()) / "site.yaml"
    >>> _ = site.write_text("version: 1\\n")
    >>> with guarding_outputs():
    ...     note_input(site, "inventory")  # the loader does this when it reads the file
    ...     edited = rewrite_in_place(site, "version: 1\\nsite: {name: merged}\\n")
    >>> sorted(p.name for p in site.parent.iterdir()), (site.parent / "site.yaml.bak").read_text()
    (['site.yaml', 'site.yaml.bak'], 'version: 1\\n')
    """
    given = Path(path)
    target = Path(os.path.realpath(given))
    if not target.exists():
        return write_atomic(given, content, inputs=inputs)
    spare = target.with_name(target.name + ".bak")
    if backup:
        _guard(inputs).check(spare)
    try:
        status = os.stat(target)
    except OSError as exc:
        raise OutputError(f"{given}: cannot edit: {exc.strerror}") from None
    _write_new(given, target, _chunks(content), stat.S_IMODE(status.st_mode),
               owner=(status.st_uid, status.st_gid),
               before_publish=(lambda: _replace_backup(target, spare)) if backup else None)
    return given


def _replace_backup(target: Path, spare: Path) -> None:
    """Move a copy of ``target`` (a hard link where possible) to ``spare`` in one step."""
    temporary = spare_name(target.parent, spare.name)
    try:
        try:
            os.link(target, temporary, follow_symlinks=False)
        except OSError:
            shutil.copy2(target, temporary)
        os.replace(temporary, spare)
    except BaseException:
        remove_quietly(temporary)
        raise


def _write_new(
    given: Path,
    target: Path,
    chunks: Iterable[bytes],
    mode: int,
    *,
    owner: tuple[int, int] | None = None,
    before_publish: Callable[[], None] | None = None,
) -> None:
    """Write the chunks to a temporary file in ``target``'s folder, then move it onto ``target``."""
    if target.is_dir():
        raise OutputError(f"{given}: is a directory; give a file name")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{given}: the folder {folder} does not exist")
    temporary = Scratch(folder, target.name)
    try:
        temporary.open(mode)
        temporary.write(chunks)
        temporary.finish(mode, owner)
        if before_publish is not None:
            before_publish()
        os.replace(temporary.name or "", target)
    except OSError as exc:
        temporary.discard()
        raise OutputError(f"{given}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        temporary.discard()
        raise


def _chunks(content: Content) -> Iterator[bytes]:
    if isinstance(content, str | bytes):
        content = (content,)
    for chunk in content:
        yield chunk.encode("utf-8") if isinstance(chunk, str) else chunk


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
