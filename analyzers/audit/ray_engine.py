"""``pcache audit --engine ray``: the audit stages on Ray Data, on this machine (Ray local mode) or a
cluster (``--address``), for logs that outgrow one machine.

    files --read (one task per file, pcache's own readers)--> records
          --tokenize+hash (map_batches, one tokenizer per worker actor)--> tokenized requests
          --groupby(cache scope).map_groups (replay in time order)--> partition ledgers
          --merge (driver, in scope order)--> the local engine's report code

Records are read by the same registered readers as the local engine (so every log shape, gzip, line
numbers and bad-line counts are the same); Ray's ``read_json`` would parse through Arrow's schema
inference, which rejects chat bodies whose ``content`` is a string in one request and a list in the next
and loses the line numbers the report cites.  Files are the unit of read parallelism: a big log should
be many files (one per hour or day), as object-storage logs usually are.

Ray is an optional extra: it is imported here only, when this engine runs.
"""

from __future__ import annotations

import logging
import pickle
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from ..errors import PcacheError
from .readers.interface import ReadErrors, ReaderOptions

INSTALL_HINT = "pip install 'prompt-cache-analyzer[ray]'"
# Ray local mode on a shared machine: a small object store (Ray's own default is 30% of RAM).
OBJECT_STORE_BYTES = 300 * 1024 * 1024
_RECORDS_PER_BLOCK = 256  # records per output block of a read task (bounded memory per task)
TOKENIZE_BATCH = 256  # records per tokenize call (the local engine's batch)
READ_CPUS = 0.5  # a read task parses JSON; a CPU apart from the tokenize actors keeps the reads going


def require_ray():
    """``ray`` and ``ray.data``, or one line saying how to install them."""
    try:
        import ray
        import ray.data
    except ModuleNotFoundError as exc:
        root = (exc.name or "").split(".")[0]
        if root not in ("ray", "pyarrow", "pandas", "numpy"):
            raise
        raise PcacheError(f"--engine ray needs Ray Data, an optional extra that is not installed ({exc.name})",
                          INSTALL_HINT) from None
    return ray


@contextmanager
def ray_session(address: str | None, num_cpus: int | None, progress_bars: bool = False):
    """Join the cluster at ``address`` or start Ray in local mode; a session already started by the
    caller (a test, a notebook) is used as it is and left running.  Nothing is printed on stdout."""
    ray = require_ray()
    started = False
    if not ray.is_initialized():
        quiet = {"include_dashboard": False, "logging_level": logging.ERROR, "log_to_driver": False,
                 "configure_logging": True}
        try:
            if address:
                ray.init(address=address, **quiet)
            else:
                ray.init(num_cpus=num_cpus, object_store_memory=OBJECT_STORE_BYTES, **quiet)
        except (ConnectionError, TimeoutError, RuntimeError, ValueError) as exc:
            where = f"the Ray cluster at {address}" if address else "Ray in local mode"
            raise PcacheError(f"cannot start {where}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}",
                              "--address auto joins the cluster this machine belongs to (ray start)") from None
        started = True
    from ray.data import DataContext

    ctx = DataContext.get_current()
    ctx.enable_progress_bars = progress_bars
    ctx.enable_operator_progress_bars = progress_bars
    ctx.print_on_execution_start = False
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        yield ray
    finally:
        if started:
            ray.shutdown()


@contextmanager
def user_errors_of_workers(ray):
    """A ``PcacheError`` raised in a worker reaches the CLI as itself (one line, exit 2)."""
    try:
        yield
    except ray.exceptions.RayTaskError as exc:
        cause = getattr(exc, "cause", None)
        if isinstance(cause, PcacheError):
            raise cause from None
        raise


# --- read ---------------------------------------------------------------------------------------

class _RawErrors(ReadErrors):
    """A file's bad lines as (path, line, message), at most ``max_examples`` per file plus every
    whole-file error: enough to rebuild, in file order, exactly the examples the local engine lists."""

    def __init__(self, rename: dict[str, str]):
        super().__init__()
        self.rename = rename
        self.raw: list[tuple[str, int | None, str]] = []

    def add(self, path: str, line: int | None, message: str) -> None:
        self.lines += 1
        if len(self.raw) < self.max_examples or not line:
            self.raw.append((self.rename.get(path, path), line, message))


@dataclass
class FileRead:
    """What reading one file gave besides its records: its reader and its bad lines."""

    location: str
    reader: str | None = None
    error_lines: int = 0
    errors: list = field(default_factory=list)  # (path, line, message)


def read_location(location: str, reader_name: str | None, reader_options: ReaderOptions,
                  model_map: dict) -> Iterator[object]:
    """The records of one log (local path or URL) with usage, as the local engine takes them (the
    model map applied), then one ``FileRead``.  Records of a URL are named by the URL."""
    import os

    from ..inputs import InputError
    from .readers.registry import pick_reader
    from .storage import is_url, local_copy

    info = FileRead(location)
    errors = _RawErrors({})
    if not is_url(location) and not os.path.exists(location):
        errors.add(location, None, "no such file")
    else:
        try:
            with local_copy(location) as path:
                errors.rename[path] = location
                try:
                    rd = pick_reader(path, reader_name)
                    if rd is None:
                        errors.add(path, None, "not a log format pcache audit reads (JSONL, Batch output, Usage "
                                               "API JSON/CSV)")
                    else:
                        info.reader = rd.name
                        for rec in rd.read(path, reader_options, errors, None):
                            if rec.usage is None:
                                continue
                            if path != location:
                                rec.path = location
                            if model_map and rec.model in model_map:
                                rec.model = model_map[rec.model]
                            yield rec
                except InputError as exc:
                    errors.add(path, None, f"{exc.message}" + (f" (line {exc.line})" if exc.line else ""))
                except OSError as exc:
                    errors.add(path, None, exc.strerror or str(exc))
        except PcacheError as exc:  # the object could not be fetched: this file only
            errors.add(location, None, exc.message)
    info.error_lines, info.errors = errors.lines, errors.raw
    yield info


def merge_errors(reads: Iterable[FileRead]) -> ReadErrors:
    """The files' bad lines in file order, capped as the local engine caps them."""
    out = ReadErrors()
    for fr in reads:
        for path, line, message in fr.errors:
            out.add(path, line, message)
        out.lines += fr.error_lines - len(fr.errors)
    return out


def _read_batch(batch: dict) -> Iterator[dict]:
    """Ray Data UDF: rows {file index, location, options} -> rows {file, seq, item} (pickled records,
    then the file's ``FileRead``), in blocks of ``_RECORDS_PER_BLOCK``."""
    for index, location, opts in zip(batch["file"], batch["location"], batch["options"]):
        reader_name, reader_options, model_map = pickle.loads(opts)
        files, seqs, items = [], [], []
        for seq, item in enumerate(read_location(str(location), reader_name, reader_options, model_map)):
            files.append(int(index))
            seqs.append(seq)
            items.append(pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
            if len(items) >= _RECORDS_PER_BLOCK:
                yield {"file": files, "seq": seqs, "item": items}
                files, seqs, items = [], [], []
        if items:
            yield {"file": files, "seq": seqs, "item": items}


def read_dataset(ray, locations: list[str], reader_name: str | None, reader_options: ReaderOptions,
                 model_map: dict):
    """A Ray Dataset of the pickled records of every log, one read task per file."""
    opts = pickle.dumps((reader_name, reader_options, model_map))
    files = ray.data.from_items([{"file": i, "location": loc, "options": opts} for i, loc in enumerate(locations)],
                                override_num_blocks=max(1, len(locations)))
    return files.map_batches(_read_batch, batch_size=1, batch_format="numpy", num_cpus=READ_CPUS)


def expand_locations(paths: Iterable[str]) -> list[str]:
    from .storage import expand

    return [loc for p in paths for loc in expand(p)]


# --- tokenize+hash, partition, replay, merge -----------------------------------------------------

META = "\x00meta"  # the group of the per-batch money ledgers and notes (sorts before every scope)
FILES = "\x00files"  # the group of the files' FileRead


class TokenizeWorker:
    """Ray Data callable class: one per actor, so the tokenizer (vocabularies, rendering caches) is built
    once per worker.  Rows {file, seq, item: pickled Record | FileRead} -> rows {part, file, seq, item}:
    one row per tokenized request (part = its cache scope), the FileReads as they are, and one META row
    per batch with the money ledger of its records (and what the tokenize stage noted)."""

    def __init__(self, setup: bytes):
        self.ctx = pickle.loads(setup)
        self.state = stage_tokenizer(self.ctx)

    def __call__(self, batch: dict) -> dict:
        out: dict[str, list] = {"part": [], "file": [], "seq": [], "item": []}
        records, where = [], []
        for f, s, b in zip(batch["file"], batch["seq"], batch["item"]):
            obj = pickle.loads(b)
            if isinstance(obj, FileRead):
                _row(out, FILES, f, s, b)
                continue
            records.append(obj)
            where.append((int(f), int(s)))
        if not records:
            return out
        meta, tokenized = stage_tokenize(self.ctx, self.state, records)
        for (f, s), (scope, item) in zip_tokenized(where, tokenized):
            _row(out, scope, f, s, pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL))
        _row(out, META, where[0][0], where[0][1], pickle.dumps(meta, protocol=pickle.HIGHEST_PROTOCOL))
        return out


def _row(out: dict, part: str, file: int, seq: int, item: bytes) -> None:
    out["part"].append(part)
    out["file"].append(int(file))
    out["seq"].append(int(seq))
    out["item"].append(item)


def replay_group(batch: dict, setup: bytes) -> dict:
    """Ray Data ``map_groups`` UDF: every row of one group, replayed (or merged) in read order (file,
    line), which is the order the local engine gives each partition."""
    ctx = pickle.loads(setup)
    part = str(batch["part"][0])
    order = sorted(range(len(batch["part"])), key=lambda i: (int(batch["file"][i]), int(batch["seq"][i])))
    items = [pickle.loads(batch["item"][i]) for i in order]
    if part == META:
        result = stage_merge_meta(ctx, items)
    elif part == FILES:
        result = items
    else:
        result = stage_replay(ctx, part, items)
    return {"part": [part], "result": [pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)]}


def run_audit_ray(paths: Iterable[str], reader_options: ReaderOptions | None = None, options=None,
                  progress: Callable[[int, int], None] | None = None, reader: str | None = None, *,
                  address: str | None = None, jobs: int | None = None, progress_bars: bool = False):
    """The audit of ``paths`` on Ray Data: the same ``AuditReport`` as the local engine's."""
    import os
    import warnings

    require_ray()
    reader_options = reader_options or ReaderOptions()
    ctx = stage_context(options)
    setup = pickle.dumps(ctx)
    locations = expand_locations(paths)
    jobs = jobs or os.cpu_count() or 1
    with ray_session(address, jobs, progress_bars) as ray, warnings.catch_warnings(), user_errors_of_workers(ray):
        warnings.simplefilter("ignore")  # Ray Data's advice on block counts and actor pools: not the user's
        cpus = max(1, int(ray.cluster_resources().get("CPU", jobs)))
        ds = read_dataset(ray, locations, reader, reader_options, ctx_model_map(ctx))
        ds = ds.map_batches(TokenizeWorker, fn_constructor_args=(setup,), batch_size=TOKENIZE_BATCH,
                            batch_format="numpy", concurrency=(1, cpus), num_cpus=1, max_restarts=0)
        ds = ds.groupby("part", num_partitions=max(2, cpus)).map_groups(replay_group, fn_args=(setup,),
                                                                         batch_format="numpy")
        results: dict[str, object] = {}
        for row in ds.iter_rows():
            results[str(row["part"])] = pickle.loads(row["result"])
    reads = results.pop(FILES, [])  # in file order (the group is sorted by file)
    meta = results.pop(META, None)
    return stage_report(ctx, meta, [results[k] for k in sorted(results)], reads, merge_errors(reads))
