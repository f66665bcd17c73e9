"""One run at a time on a store: an OS lock (``flock`` through the ``filelock`` package)
on ``<store>.lock``, taken before anything is decided and held until everything is
recorded.

The operating system releases the lock when the process ends, however it ends (a kill,
a power cut): there is no stale lock to clean and no PID to check. The lock file itself
stays; its presence means nothing.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from ..errors import RelanceError

__all__ = ["RunLocked", "lock_path", "run_lock"]


class RunLocked(RelanceError):
    """Another run holds the store."""

    message = "Another run is in progress on this store."


def lock_path(db: Path) -> Path:
    """The lock of a store: beside it, the same for every path that names it."""
    return Path(f"{Path(db).resolve()}.lock")


class run_lock:  # noqa: N801 - used as a context manager, like open()
    """The store's run lock; a second run is refused in one line (``wait``: seconds to
    wait for it first)."""

    def __init__(self, db: Path, *, wait: float = 0) -> None:
        self.path = lock_path(db)
        self.wait = wait
        self._lock = FileLock(self.path, timeout=wait, thread_local=False)

    def __enter__(self) -> run_lock:
        try:
            self._lock.acquire()
        except Timeout:
            raise RunLocked(
                f"another run is in progress on {self.path.with_suffix('')} "
                f"(lock {self.path}); wait for it to finish"
            ) from None
        return self

    def __exit__(self, *exc) -> None:
        self._lock.release()
