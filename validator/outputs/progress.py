"""A progress display on stderr for batches (rich), silent when stderr is not a terminal.
rich is imported only when a bar is shown: validating one file never pays for it. The bar is
redrawn as each file is done, not by a refresh thread, so `validate --workers` can still fork its
workers from a single-threaded process (see `deadline.can_fork`)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def progress_bar(total: int, *, enabled: bool = True) -> Iterator[Callable[[Path], None] | None]:
    if not enabled or total < 2 or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (TextColumn("审核中"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.description}"))
    with Progress(*columns, console=console, transient=True, auto_refresh=False) as progress:
        task = progress.add_task("", total=total)

        def advance(path: Path) -> None:
            progress.update(task, advance=1, description=path.name, refresh=True)

        yield advance
