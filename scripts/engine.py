"""Where the work runs: local processes (the default) or a Dask cluster; results come in submission order.

Workers are started once per `running` block and serve every map in it, so a step that maps twice (a
build, then the scoring of its sample) does not start them again, and local workers are forked while
the main process is still small. Only a bounded window of items is in flight, so results never pile
up in memory, and taking them in order keeps every output the same whatever the number of workers. A
Dask worker must see the same paths as the client (the same machine or a shared file system): items
carry paths, not data.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

Item = TypeVar("Item")
ENGINES = ("local", "dask")
Submit = Callable[[Callable[[Any], Any], Any], Callable[[], Any]]  # starts func(item), returns how to wait


@dataclass(frozen=True)
class Engine:
    name: str = "local"
    workers: int | None = None  # local: processes (default: one per core); dask: workers of a local cluster
    scheduler: str | None = None  # dask: address of a running scheduler (default: a local cluster)

    @property
    def size(self) -> int:
        return self.workers or os.cpu_count() or 1

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Engine:
        """The engine chosen by the options of `add_engine_arguments`."""
        return cls(args.engine, args.workers, args.scheduler)


def add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    """--engine, --workers and --scheduler, for a command that runs on an engine."""
    parser.add_argument("--engine", choices=ENGINES, default="local",
                        help="local processes (default) or Dask (a local cluster, or --scheduler)")
    parser.add_argument("--workers", type=int, help="worker processes (default: one per core)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="a running Dask scheduler, e.g. tcp://host:8786 (workers must see the same paths)")


class Workers:
    """Started workers: `map` gives func(item) for every item, in the order of the items."""

    def __init__(self, submit: Submit | None, window: int) -> None:
        self._submit, self._window = submit, window

    def map(self, func: Callable[[Item], Any], items: Iterable[Item]) -> Iterator[Any]:
        if self._submit is None:
            yield from map(func, items)
            return
        flight: deque[Callable[[], Any]] = deque()
        for item in items:
            flight.append(self._submit(func, item))
            if len(flight) >= self._window:
                yield flight.popleft()()
        while flight:
            yield flight.popleft()()


@contextmanager
def running(engine: Engine = Engine()) -> Iterator[Workers]:
    """The engine's workers for the duration of the block (none for one local worker: it runs here)."""
    if engine.name == "dask":
        with _dask(engine) as workers:
            yield workers
    elif engine.size == 1:
        yield Workers(None, 1)
    else:
        with multiprocessing.get_context("fork").Pool(engine.size) as pool:
            yield Workers(lambda func, item: pool.apply_async(func, (item,)).get, 2 * engine.size)


@contextmanager
def _dask(engine: Engine) -> Iterator[Workers]:
    from distributed import Client, LocalCluster

    if engine.scheduler:
        client, cluster = Client(engine.scheduler), None
    else:
        cluster = LocalCluster(n_workers=engine.size, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        window = 2 * max(1, len(client.scheduler_info()["workers"]))
        yield Workers(lambda func, item: client.submit(func, item, pure=False).result, window)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
