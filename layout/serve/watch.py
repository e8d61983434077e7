"""The file watcher: a burst of saves (an editor writes, renames, touches) becomes one rebuild."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from layout.serve.inputs import PageInputs

QUIET_MS = 25  # a burst ends after this long without another change (an editor's save takes a few ms)
LONGEST_BURST_MS = 400  # a longer stream of changes still rebuilds at least this often
LOOK_MS = 1000  # with no change for this long, an empty set: time to look for a change the watcher missed


def input_changes(inputs: Callable[[], tuple[PageInputs, ...]], stop: threading.Event,
                  quiet_ms: int = QUIET_MS) -> Iterator[set[Path]]:
    """The changed input files, one set per burst of saves, until `stop` is set; an empty set
    after a quiet second.

    `inputs` is asked again after each burst: a saved page spec may name other files,
    and then the folders watched change too. Changes made while the caller rebuilds are
    collected by the watcher and come as the next burst.
    """
    import watchfiles  # imported here: only the live proof needs it

    while not stop.is_set():
        watched = inputs()
        roots = frozenset().union(*(page.watch_roots() for page in watched))
        if not roots:
            stop.wait(quiet_ms / 1000)  # nothing to watch yet (a folder not made): look again
            continue

        def relevant(_change, name: str) -> bool:
            return any(page.matches(Path(name)) for page in watched)

        for batch in watchfiles.watch(*roots, watch_filter=relevant, step=quiet_ms, debounce=LONGEST_BURST_MS,
                                      stop_event=stop, recursive=False, rust_timeout=LOOK_MS,
                                      yield_on_timeout=True):
            yield {Path(name) for _change, name in batch}
            if inputs() != watched:
                break
