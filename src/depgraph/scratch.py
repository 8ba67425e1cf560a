"""A file being written beside its destination, nameless until it is complete.

On Linux the file is opened with ``O_TMPFILE``: it has no name in the folder
while it is written, so that nothing can be left behind, not even by
``kill -9`` or a power cut; once complete and flushed to disk it is linked
under a hidden temporary name (``.report.html.<random>.tmp``) and the caller
moves it onto the destination in one rename. Elsewhere (or on a file system
without ``O_TMPFILE``) it is created under that temporary name from the start
and :meth:`Scratch.discard` removes it on failure.

>>> import tempfile, pathlib, os
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> scratch = Scratch(folder, "out.txt")
>>> scratch.open(0o644)
>>> scratch.write([b"hello"])
>>> scratch.finish(0o644, owner=None)
>>> os.replace(scratch.name, folder / "out.txt")
>>> sorted(p.name for p in folder.iterdir()), (folder / "out.txt").read_text()
(['out.txt'], 'hello')
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

__all__ = ["Scratch", "UNNAMED", "remove_quietly", "spare_name"]

UNNAMED = hasattr(os, "O_TMPFILE") and os.path.isdir("/proc/self/fd")
"""Whether unnamed temporary files are used (tests turn it off to try the named ones)."""

_CHUNK = 1 << 20


class Scratch:
    """A file being written in ``folder`` for the destination ``stem``, nameless where the
    system allows until it is complete.

    :meth:`open`, :meth:`write`, :meth:`finish` (which gives it a name,
    :attr:`name`, ready to be moved onto the destination); :meth:`discard`
    on any failure removes whatever exists of it.
    """

    def __init__(self, folder: Path, stem: str) -> None:
        self.folder = folder
        self.stem = stem
        self.fd: int | None = None
        self.name: Path | None = None

    def open(self, mode: int) -> None:
        """Create the file with ``mode``: unnamed if :data:`UNNAMED` and the folder allows."""
        if UNNAMED:
            try:
                self.fd = os.open(self.folder, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, mode)
                return
            except OSError as exc:
                if exc.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
                    raise
        while self.fd is None:
            self.name = spare_name(self.folder, self.stem)
            try:
                self.fd = os.open(self.name, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_CLOEXEC,
                                  0o600)
            except FileExistsError:
                self.name = None

    def write(self, chunks: Iterable[bytes]) -> None:
        """Append every chunk (``os.write`` may take part of one at a time)."""
        assert self.fd is not None
        for chunk in chunks:
            view = memoryview(chunk)
            while view:
                view = view[os.write(self.fd, view[:_CHUNK]):]

    def finish(self, mode: int, owner: tuple[int, int] | None) -> None:
        """Set the mode, flush to disk, give the file a name, close it."""
        assert self.fd is not None
        if owner is not None:
            with contextlib.suppress(OSError):
                os.fchown(self.fd, *owner)
        os.fchmod(self.fd, mode)
        os.fsync(self.fd)
        while self.name is None:
            # The name is kept before the link is made, so that an interrupt arriving just
            # after it still lets discard() remove the file.
            self.name = spare_name(self.folder, self.stem)
            try:
                _link_open_file(self.fd, self.name)
            except FileExistsError:
                self.name = None
        self._close()

    def discard(self) -> None:
        """Close and remove whatever exists of the temporary file."""
        self._close()
        if self.name is not None:
            remove_quietly(self.name)

    def _close(self) -> None:
        fd, self.fd = self.fd, None
        if fd is not None:
            os.close(fd)


def _link_open_file(fd: int, name: Path) -> None:
    """Name the unnamed file open on ``fd``: ``linkat(AT_SYMLINK_FOLLOW)`` of ``/proc/self/fd/N``
    (``os.link`` calls plain ``link``, which does not follow it, unless given a folder fd)."""
    procfd = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.link(str(fd), name, src_dir_fd=procfd, follow_symlinks=True)
    finally:
        os.close(procfd)


def spare_name(folder: Path, stem: str) -> Path:
    """A hidden, random name in ``folder`` for a file on its way to ``stem``."""
    return folder / f".{stem}.{secrets.token_hex(8)}.tmp"


def remove_quietly(path: Path) -> None:
    """Remove ``path`` if it exists; a failure to remove is no further error."""
    with contextlib.suppress(OSError):
        os.unlink(path)
