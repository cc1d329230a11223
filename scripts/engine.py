"""Where the work runs: local processes (the default) or a Dask cluster; results come in submission order.

Only a bounded window of items is in flight, so results never pile up in memory, and taking them in
order keeps every output the same whatever the number of workers. A Dask worker must see the same
paths as the client (the same machine or a shared file system): items carry paths, not data.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

Item = TypeVar("Item")
ENGINES = ("local", "dask")


@dataclass(frozen=True)
class Engine:
    name: str = "local"
    workers: int | None = None  # local: processes (default: one per core); dask: workers of a local cluster
    scheduler: str | None = None  # dask: address of a running scheduler (default: a local cluster)

    @property
    def size(self) -> int:
        return self.workers or os.cpu_count() or 1


def ordered_map(func: Callable[[Item], Any], items: Iterable[Item], engine: Engine = Engine()) -> Iterator[Any]:
    """func(item) for every item, in the order of the items, computed in parallel by the engine."""
    items = list(items)
    if engine.name == "dask":
        yield from _dask(func, items, engine)
    elif engine.size == 1 or len(items) <= 1:
        yield from map(func, items)
    else:
        with multiprocessing.get_context("fork").Pool(min(engine.size, len(items))) as pool:
            yield from _windowed(lambda item: pool.apply_async(func, (item,)).get, items, 2 * engine.size)


def _windowed(submit: Callable[[Any], Callable[[], Any]], items: list, window: int) -> Iterator[Any]:
    """Keep `window` items in flight; `submit` starts one and returns how to wait for its result."""
    flight: deque[Callable[[], Any]] = deque()
    for item in items:
        flight.append(submit(item))
        if len(flight) >= window:
            yield flight.popleft()()
    while flight:
        yield flight.popleft()()


def _dask(func: Callable[[Item], Any], items: list[Item], engine: Engine) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if engine.scheduler:
        client, cluster = Client(engine.scheduler), None
    else:
        cluster = LocalCluster(n_workers=engine.size, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        window = 2 * max(1, len(client.scheduler_info()["workers"]))
        yield from _windowed(lambda item: client.submit(func, item, pure=False).result, items, window)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
