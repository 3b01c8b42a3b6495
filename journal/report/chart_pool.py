"""Report charts drawn in a helper process while the main process writes the report's text.

The charts cost more than all the rest of a report: matplotlib lays each one out, writes it as
SVG, and fpdf2 parses that SVG back before placing it. None of it needs the PDF being written,
so one helper process (started ahead of time, warmed up, Qt-free) draws and parses the charts
while the main process reads the journal and writes the tables; the report reserves each chart's
box and fills it in before saving (``pdf.py``). On two cores that takes the charts off the
report's critical path.

The helper is an optimisation, never a dependency. The main process draws a chart itself whenever
the helper has not started on it (taking jobs from the back of the queue while the helper works
from the front), when the helper is not running, still warming up, busy with another report,
crashed or hung. The helper and the main process draw with the same code and settings, so the
bytes are the same whoever draws them (a test checks this). The helper gets only the numbers to
draw, never the journal file: it opens nothing, writes nothing and talks to nothing but its
parent, through two pipes (no sockets), and exits when its parent goes away.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import logging
import os
import pickle
import struct
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Final

from journal import i18n

log = logging.getLogger(__name__)

#: How long the main process waits for a chart the helper has started before drawing it itself
#: (a chart takes well under a second; this only guards against a helper that hangs).
STARTED_CHART_TIMEOUT_S: Final = 10.0


@dataclass(frozen=True)
class ChartJob:
    """One chart to draw: which one, the numbers it shows, and its size on the page."""

    chart_id: str
    data: Any
    width_mm: float
    height_mm: float
    #: The words' language: the report's, taken when the job is made (the helper process has
    #: no other way to know it).
    language: str = field(default_factory=i18n.current_language)

    @property
    def key(self) -> tuple[str, float, float, str]:
        return (self.chart_id, round(self.width_mm, 3), round(self.height_mm, 3), self.language)


@dataclass
class DrawnChart:
    """A chart as SVG bytes, plus fpdf2's parse of them when it was made off the main thread."""

    svg: bytes
    parsed: Any | None = None  # fpdf.svg.SVGObject, or None: parse when placing


def draw(job: ChartJob, parse: bool = False) -> DrawnChart:
    """Draw ``job`` (in whichever process runs this)."""
    from journal.report import figures

    with i18n.language(job.language):
        svg = figures.figure_svg(figures.drawer(job.chart_id, job.data), job.width_mm,
                                 job.height_mm)
    return DrawnChart(svg, figures.parse_svg(svg) if parse else None)


# --- the helper process --------------------------------------------------------------------------

_HEADER: Final = struct.Struct("!I")


def send_message(stream: BinaryIO, message: tuple[str, int, Any]) -> None:
    """One message on a pipe: its length, then the pickle (parent and helper trust each other:
    the helper is this program, started by it, on pipes no one else holds)."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def receive_message(stream: BinaryIO) -> tuple[str, int, Any]:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("the other end closed the pipe")
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the other end closed the pipe")
    message: tuple[str, int, Any] = pickle.loads(data)  # our own child, on our own pipe
    return message


def serve(inbox: BinaryIO, outbox: BinaryIO) -> None:  # pragma: no cover - the helper's loop
    """The helper's main loop: draw jobs in the order they come, skipping cancelled ones."""
    jobs: deque[tuple[int, ChartJob]] = deque()
    cancelled: set[int] = set()
    ready = threading.Condition()
    stop = threading.Event()

    def read() -> None:
        # Reads the pipe all the time, so the parent never blocks sending and a cancel is seen
        # before the job it cancels is started. End of file: the parent has gone.
        try:
            while not stop.is_set():
                kind, seq, payload = receive_message(inbox)
                with ready:
                    if kind == "job":
                        jobs.append((seq, payload))
                    elif kind == "cancel":
                        cancelled.add(seq)
                    else:
                        stop.set()
                    ready.notify()
                if stop.is_set():
                    return
        except (EOFError, OSError, pickle.UnpicklingError):
            # The parent has gone (or closed the pipe): nothing here is worth finishing, and
            # the helper must not outlive it, even mid-import.
            os._exit(0)

    threading.Thread(target=read, name="chart-inbox", daemon=True).start()
    _warm_up()
    # The garbage collector runs between reports, not during them: a collection in the middle
    # of a chart rescans every object matplotlib and fpdf2 left alive (about 10% of the time).
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        send_message(outbox, ("ready", 0, None))
        while True:
            with ready:
                if not jobs and not stop.is_set():
                    ready.release()
                    try:
                        gc.collect()  # idle: the last report's figures go now
                    finally:
                        ready.acquire()
                while not jobs and not stop.is_set():
                    ready.wait()
                if stop.is_set():
                    return
                seq, job = jobs.popleft()
                if seq in cancelled:
                    cancelled.discard(seq)
                    continue
            send_message(outbox, ("started", seq, None))
            try:
                result: Any = draw(job, parse=True)
                kind = "done"
            except Exception as exc:  # the parent draws it itself and logs the same error
                result, kind = f"{type(exc).__name__}: {exc}", "failed"
            send_message(outbox, (kind, seq, result))
    except (BrokenPipeError, OSError):
        return


def _warm_up() -> None:  # pragma: no cover - runs in the helper process
    """Import matplotlib and fpdf2 and draw once, so the first real chart is not the slow one."""
    try:
        from journal.report import figures

        def tiny(fig: Any) -> None:
            ax = fig.add_subplot()
            ax.plot([0, 1], [0, 1], label="warm-up")
            ax.set_title("warm-up")
            ax.legend()

        figures.parse_svg(figures.figure_svg(tiny, 60, 30))
    except Exception:
        log.debug("chart helper warm-up failed", exc_info=True)


# --- the main process's side ---------------------------------------------------------------------


class ChartPool:
    """One helper process drawing report charts; safe to use from any one thread at a time."""

    def __init__(self) -> None:
        self._use = threading.Lock()  # one report at a time hands work to the helper
        self._sending = threading.Lock()
        self._state = threading.Condition()
        self._process: Any = None
        self._send: Any = None
        self._results: dict[int, tuple[str, Any]] = {}
        self._started: set[int] = set()
        self._cancelled: set[int] = set()  # results for these are dropped on arrival
        self._ready = False
        self._seq = itertools.count(1)

    # lifecycle

    @staticmethod
    def worthwhile() -> bool:
        """A helper only helps with a second core to run on."""
        return (os.name == "posix" and (os.cpu_count() or 1) >= 2
                and os.environ.get("SYMPTOM_JOURNAL_CHART_HELPER", "1") != "0")

    def start(self) -> bool:
        """Start the helper if it is not running (returns at once; it warms up on its own)."""
        with self._state:
            if self.alive():
                return True
            if not self.worthwhile():
                return False
            try:
                self._spawn()
            except Exception:
                log.warning("the chart helper could not be started; charts are drawn in-process",
                            exc_info=True)
                self._process = None
                return False
            return True

    def _spawn(self) -> None:
        # A fresh interpreter running this module (not a fork: the parent may run Qt and SQLite
        # threads, which a fork would copy mid-flight), talking over two plain OS pipes.
        child_in, to_child = os.pipe()
        from_child, child_out = os.pipe()
        root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "journal.report.chart_pool", str(child_in),
                 str(child_out)],
                pass_fds=(child_in, child_out), stdin=subprocess.DEVNULL, env=env,
                close_fds=True)
        except BaseException:
            for fd in (child_in, to_child, from_child, child_out):
                os.close(fd)
            raise
        os.close(child_in)
        os.close(child_out)
        if self._send is not None:  # a previous helper's pipe
            with contextlib.suppress(OSError):
                self._send.close()
        self._drop_locked()  # anything a previous helper left
        self._process = process
        self._send = os.fdopen(to_child, "wb")
        threading.Thread(target=self._read, args=(os.fdopen(from_child, "rb"), process),
                         name="chart-results", daemon=True).start()

    def _read(self, stream: BinaryIO, process: Any) -> None:
        try:
            while True:
                kind, seq, payload = receive_message(stream)
                with self._state:
                    if process is not self._process:
                        return
                    if kind == "ready":
                        self._ready = True
                    elif kind == "started":
                        self._started.add(seq)
                    elif seq in self._cancelled:  # drawn by the parent meanwhile
                        self._cancelled.discard(seq)
                        self._started.discard(seq)
                    else:
                        self._results[seq] = (kind, payload)
                    self._state.notify_all()
        except (EOFError, OSError):
            pass
        except Exception:
            log.warning("a chart from the helper could not be read", exc_info=True)
        finally:
            stream.close()
            with self._state:
                if process is self._process:
                    self._drop_locked()
                self._state.notify_all()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)  # reaped, not left a zombie

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def ready(self) -> bool:
        with self._state:
            return self._ready and self.alive()

    def close(self) -> None:
        """Stop the helper (it also stops by itself when this process ends)."""
        with self._state:
            process, send = self._process, self._send
            self._drop_locked()
        if process is None:
            return
        try:
            with self._sending:
                send_message(send, ("stop", 0, None))
                send.close()
        except (OSError, ValueError):
            pass
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.terminate()
            process.wait(timeout=2)

    def _drop_locked(self) -> None:
        self._process = None
        self._ready = False
        self._results.clear()
        self._started.clear()
        self._cancelled.clear()

    def _kill(self) -> None:
        """A helper that hangs is stopped; the next report starts a fresh one."""
        with self._state:
            process = self._process
            self._drop_locked()
        if process is not None:
            process.kill()
            process.wait(timeout=5)

    # one report's charts

    def batch(self) -> ChartBatch:
        """The charts of one report; the helper is used only if no other report holds it."""
        if self.alive() and self._use.acquire(blocking=False):
            with self._state:
                # Whatever is still here belongs to reports that are over.
                self._results.clear()
                self._cancelled.clear()
            return ChartBatch(self)
        return ChartBatch(None)

    def _submit(self, job: ChartJob) -> int | None:
        seq = next(self._seq)
        try:
            with self._sending:
                send_message(self._send, ("job", seq, job))
        except (OSError, ValueError, AttributeError, pickle.PicklingError):
            return None
        return seq

    def _cancel(self, seq: int) -> None:
        with self._state:
            self._cancelled.add(seq)
        try:
            with self._sending:
                send_message(self._send, ("cancel", seq, None))
        except (OSError, ValueError, AttributeError):
            pass


class ChartBatch:
    """Charts requested while a report is written, collected (or drawn here) before it is saved."""

    def __init__(self, pool: ChartPool | None) -> None:
        self._pool = pool
        self._jobs: dict[Hashable, ChartJob] = {}
        self._seqs: dict[Hashable, int] = {}
        self._done: dict[Hashable, DrawnChart | BaseException] = {}

    def request(self, job: ChartJob) -> Hashable:
        """Ask for a chart (the helper starts on it when free). The same chart once only."""
        key = job.key
        if key in self._jobs:
            return key
        self._jobs[key] = job
        if self._pool is not None:
            seq = self._pool._submit(job)
            if seq is not None:
                self._seqs[key] = seq
        return key

    def in_order(self, keys: Sequence[Hashable],
                 draw_here: Callable[[ChartJob], DrawnChart] | None = None
                 ) -> Iterator[tuple[Hashable, DrawnChart | BaseException]]:
        """Every requested chart in ``keys``, yielded in that order as soon as it is there.

        The helper's where it has them or is drawing them; the rest are drawn here, taking the
        one furthest back in the helper's queue first (the helper works from the front), so the
        two meet in the middle. While the next chart in order is still with the helper, this
        process draws a later one rather than wait. A chart that fails comes back as its
        exception, so one bad chart never costs the report.
        """
        draw_here = draw_here or draw
        position = 0
        while position < len(keys):
            pool = self._pool if self._pool is not None and self._pool.alive() else None
            started: set[int] = set()
            if pool is not None:
                with pool._state:
                    self._take_finished_locked(keys[position:])
                    started = set(pool._started)
            while position < len(keys) and keys[position] in self._done:
                yield keys[position], self._done[keys[position]]
                position += 1
            pending = [k for k in keys[position:] if k not in self._done]
            if not pending:
                continue
            ours = [k for k in pending if self._seqs.get(k) not in started or pool is None]
            if ours:
                # The one the helper would reach last (never sent to it: first of all).
                key = max(ours, key=lambda k: self._seqs.get(k, sys.maxsize))
                seq = self._seqs.pop(key, None)
                if pool is not None and seq is not None:
                    pool._cancel(seq)
                self._done[key] = _attempt(draw_here, self._jobs[key])
                continue
            assert pool is not None  # everything left is being drawn by the helper
            with pool._state:
                if (self._take_finished_locked(pending) or not pool.alive()
                        or pool._started != started):
                    continue
                if not pool._state.wait(timeout=STARTED_CHART_TIMEOUT_S):
                    log.warning("the chart helper stopped answering; drawing here")
                    pool._kill()

    def _take_finished_locked(self, keys: Sequence[Hashable]) -> bool:
        """Move the helper's finished charts among ``keys`` into ``_done``; True if any."""
        assert self._pool is not None
        results = self._pool._results
        took = False
        for key in keys:
            seq = self._seqs.get(key)
            if seq is None or seq not in results:
                continue
            kind, payload = results.pop(seq)
            self._pool._started.discard(seq)
            del self._seqs[key]
            took = True
            if kind == "done":
                self._done[key] = payload
            # else the helper failed: the key is ours now, drawn here where the error is logged
        return took

    def close(self) -> None:
        """Cancel what the helper has not started and hand the helper back."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        with pool._state:
            for seq in self._seqs.values():
                pool._results.pop(seq, None)
        for seq in self._seqs.values():
            pool._cancel(seq)
        self._seqs.clear()
        pool._use.release()

    def __enter__(self) -> ChartBatch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _attempt(fn: Callable[[ChartJob], DrawnChart], job: ChartJob) -> DrawnChart | BaseException:
    try:
        return fn(job)
    except Exception as exc:
        log.exception("chart %s could not be drawn", job.chart_id)
        return exc


_shared: ChartPool | None = None
_shared_lock = threading.Lock()


def shared_pool() -> ChartPool:
    """The process's one chart helper (not started until :meth:`ChartPool.start`)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = ChartPool()
        return _shared


def warm_up() -> bool:
    """Start the chart helper ahead of the first report (the app calls this when idle)."""
    return shared_pool().start()


def wait_until_ready(timeout: float) -> bool:
    """For benchmarks and tests: wait for the helper to finish warming up."""
    pool = shared_pool()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pool.ready:
            return True
        if not pool.alive():
            return False
        time.sleep(0.02)
    return pool.ready


_gc_lock = threading.Lock()
_gc_holders = 0
_gc_was_enabled = False


@contextlib.contextmanager
def garbage_collection_paused() -> Iterator[None]:
    """No automatic garbage collection while a report is built (it resumes after).

    A report allocates hundreds of thousands of short-lived objects; each automatic collection
    also rescans everything the app holds, which costs about a tenth of the report's time.
    Nothing is lost: the cycles left behind are collected as usual afterwards. Reentrant and
    shared between threads (collection resumes when the last report ends).
    """
    global _gc_holders, _gc_was_enabled
    with _gc_lock:
        if _gc_holders == 0:
            _gc_was_enabled = gc.isenabled()
            gc.disable()
        _gc_holders += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_holders -= 1
            if _gc_holders == 0 and _gc_was_enabled:
                gc.enable()


def main(argv: Sequence[str] | None = None) -> None:  # pragma: no cover - the helper process
    """``python -m journal.report.chart_pool IN_FD OUT_FD``: run as the chart helper."""
    args = list(sys.argv[1:] if argv is None else argv)
    with os.fdopen(int(args[0]), "rb") as inbox, os.fdopen(int(args[1]), "wb") as outbox:
        serve(inbox, outbox)


if __name__ == "__main__":  # pragma: no cover
    # Run the imported module's main, not this __main__ copy's: what the helper sends back must
    # be pickled as journal.report.chart_pool.DrawnChart, a class the parent knows.
    from journal.report import chart_pool as _module

    _module.main()

