"""``pcache audit --engine ray``: the audit stages on Ray Data, on this machine (Ray local mode) or a
cluster (``--address``), for logs that outgrow one machine.  A ``LogEngine`` (``interface.py``): it
reads the logs on the cluster too.

    files --read (Ray Data ``read_binary_files`` over the location's pyarrow filesystem: local paths,
            s3://, gs://; a large local JSONL in spans of lines that each task reads itself)
          --parse+tokenize+hash (map_batches: pcache's own readers, one tokenizer per worker process:
            ray_read.py)--> tokenized requests
          --time order (driver: three numbers per request)--> replay order of every request
          --sort by (scope, order), fold each scope in order, block by block (ray_replay.py)--> ledgers
          --merge (driver)--> engine.report_of, the local engine's report code

Records are parsed by the same registered readers as the local engine (every log shape, gzip, Parquet,
line numbers and bad-line counts the same).  Ray's ``read_json`` would parse through Arrow's schema
inference, which rejects chat bodies whose ``content`` is a string in one request and a list in the next
and loses the line numbers the report cites (``ray_read.py`` says more).  Objects in storage are checked
on the driver before Ray starts (a missing key or denied credentials: one line, exit 2).  A file read by
``read_binary_files`` is one task; a big uncompressed JSONL object is cut into spans of lines by ranged
reads instead (``ray_read.object_spans``), as a big local one is (a gzip stream cannot be cut: a big
compressed log should be many files, one per hour or day, as object-storage logs usually are).

Ray is an optional extra: it is imported here only, when this engine runs.
"""

from __future__ import annotations

import logging
import pickle
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from ...errors import PcacheError
from ..readers.interface import ReaderOptions

EXTRA = "pip install 'prompt-cache-analyzer[ray]'"
# Ray local mode on a shared machine: a small object store (Ray's own default is 30% of RAM).
OBJECT_STORE_BYTES = 300 * 1024 * 1024
BLOCK_BYTES = 8 * 1024 * 1024
TOKENIZE_BATCH = 256  # records per tokenize call and output block (the local engine's batch)


def require_ray():
    """``ray`` and ``ray.data``, or one line saying how to install them."""
    try:
        import ray
        import ray.data
    except ModuleNotFoundError as exc:
        root = (exc.name or "").split(".")[0]
        if root not in ("ray", "pyarrow", "pandas", "numpy"):
            raise
        raise PcacheError(f"--engine ray needs Ray Data, the ray extra, which is not installed (no module "
                          f"{exc.name}): {EXTRA}") from None
    return ray


_CONNECT_TIMEOUT = 5.0  # seconds to reach a cluster's address before saying so (Ray itself retries for minutes)


def check_reachable(address: str) -> None:
    """One line and exit 2 for a cluster address nothing answers at, instead of Ray's minutes of retries.
    ``auto`` (the cluster this machine belongs to) is Ray's to find."""
    import socket
    from urllib.parse import urlsplit

    if address == "auto" or address.startswith("local"):
        return
    hostport = urlsplit(address if "://" in address else f"gcs://{address}")
    try:
        host, port = hostport.hostname, hostport.port
    except ValueError:
        host = port = None
    if not host or not port:
        raise PcacheError(f"--address {address}: expected HOST:PORT, ray://HOST:PORT or auto")
    try:
        socket.create_connection((host, port), timeout=_CONNECT_TIMEOUT).close()
    except OSError as exc:
        raise PcacheError(f"cannot reach the Ray cluster at {address}: {exc.strerror or exc}",
                          "start it with `ray start --head` there, or leave out --address for Ray local mode") from None


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
                check_reachable(address)
                ray.init(address=address, **quiet)
            else:
                # "local": a new instance, never a cluster that `ray start` left on this machine
                ray.init(address="local", num_cpus=num_cpus, object_store_memory=OBJECT_STORE_BYTES, **quiet)
        except (ConnectionError, TimeoutError, RuntimeError, ValueError) as exc:
            what = f"join the Ray cluster at {address}" if address else "start Ray in local mode"
            why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            hint = ("a cluster with token authentication needs RAY_AUTH_MODE=token and its token (RAY_AUTH_TOKEN or "
                    "~/.ray/auth_token); leave out --address for Ray local mode") if address else None
            raise PcacheError(f"cannot {what}: {why}", hint) from None
        started = True
    from ray.data import DataContext

    ctx = DataContext.get_current()
    ctx.enable_progress_bars = progress_bars
    ctx.enable_operator_progress_bars = progress_bars
    ctx.print_on_execution_start = False
    # Blocks are the unit of parallelism: Ray's default (128 MB) would hand a 100 MB log's records to one
    # tokenize task; 8 MB is ~650 requests of 12 KB, many blocks per worker on any log worth a cluster.
    ctx.target_max_block_size = BLOCK_BYTES
    if not address:
        # One machine: Ray's default hash shuffle starts aggregator actors (seconds each on a busy machine,
        # measured 15 s of 25 on the crewAI corpus); the task-based sort shuffle needs none.  A cluster
        # keeps Ray's default, which is the one built for large shuffles.
        from ray.data.context import ShuffleStrategy

        ctx.shuffle_strategy = ShuffleStrategy.SORT_SHUFFLE_PULL_BASED
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


# --- tokenize+hash, order, then the replay of ray_replay.py -----------------------------------------

META = "\x00meta"  # rows of a batch's money ledger and skipped records (sorts before every scope)
FILES = "\x00files"  # rows of the files' FileRead
_FILE_SHIFT = 40  # seq = file index << 40 | the record's line (spans) or place (whole files): read order


@dataclass(frozen=True)
class Setup:
    """What every worker needs, pickled once: the stage options (None: --no-replay), the ledger's and
    the readers'."""

    stage: object
    batch_multiplier: object
    model_map: tuple
    reader: str | None = None
    reader_options: ReaderOptions = ReaderOptions()
    max_input_bytes: int | None = None  # --max-input-mb of the driver (inputs.LIMITS), for the workers' reads

    @property
    def model_dict(self) -> dict:
        return dict(self.model_map)


_SETUPS: dict[bytes, Setup] = {}  # per worker process: the unpickled setup (its tokenizer state is cached too)


def read_and_tokenize(batch: dict, setup: bytes) -> Iterator[dict]:
    """Ray Data task (``map_batches``, one unit a call): a file or a span of one (``ray_read.py``) ->
    rows {part, seq, time, legacy, item}: one per tokenized request (part: its cache scope, the sort key;
    seq: file index << 40 | the record's place in the file), one META row per batch of
    ``TOKENIZE_BATCH`` records with their money ledger and the records the replay skips, and one FILES row
    with the unit's ``FileRead``.  Read and tokenized in one task: records never go through the object
    store, and a worker process keeps its tokenizer (``stages.tokenize`` caches it per process)."""
    from .ray_read import read_location, read_span

    got = _setup(setup)
    for i, loc, start, end, line, unit, reader in zip(batch["file"], batch["location"], batch["start"],
                                                       batch["end"], batch["line"], batch["unit"], batch["reader"]):
        base = int(i) << _FILE_SHIFT
        if int(start) < 0:
            items = read_location(str(loc), got.reader, got.reader_options, got.model_dict)
        else:
            items = read_span(str(loc), int(start), int(end), int(line), str(reader) or got.reader,
                              got.reader_options, got.model_dict)
        yield from _tokenized_items(items, base, int(start) >= 0, int(unit), got)


def _setup(setup: bytes) -> Setup:
    from ...inputs import LIMITS

    got = _SETUPS.get(setup)
    if got is None:
        got = _SETUPS[setup] = pickle.loads(setup)
    if got.max_input_bytes:
        LIMITS.max_bytes = got.max_input_bytes
    return got


def _tokenized_items(items, base: int, by_line: bool, unit: int, got: Setup) -> Iterator[dict]:
    """Output rows of one unit's records (batches of ``TOKENIZE_BATCH``), then its FILES row.  A record's
    seq: ``base`` | its line (a span) or its place in the file."""
    from .ray_read import FileRead

    records = []
    for n, item in enumerate(items):
        if isinstance(item, FileRead):
            out = _tokenized(records, got)
            _row(out, FILES, base | unit, None, False, _dump(item))
            yield out
            return
        records.append((base | (item.line if by_line else n), item))
        if len(records) >= TOKENIZE_BATCH:
            yield _tokenized(records, got)
            records = []


def _tokenized(records: list, got: Setup) -> dict:
    """The output rows of a batch of (seq, Record)."""
    from ..ledger import Ledger

    out: dict[str, list] = {"part": [], "seq": [], "time": [], "legacy": [], "item": []}
    if not records:
        return out
    ledger = Ledger(got.batch_multiplier, got.model_dict)
    for _seq, rec in records:
        ledger.add(rec)
    skips = []
    if got.stage is not None:
        from ..stages.interface import Skip, tokenize_batch

        for p in tokenize_batch(records, got.stage):
            if isinstance(p, Skip):
                skips.append(p)
            else:
                _row(out, p.scope, p.seq, p.time, p.kind == "legacy", _dump(p))
    _row(out, META, records[0][0], None, False, _dump((ledger, skips)))
    return out


def plan_reads(locations: list[str], reader_name: str | None) -> tuple[list[dict], dict]:
    """How every location is read: (units that ``read_and_tokenize`` reads itself, whole files that Ray
    Data reads: ``stored_files``).  Units: the spans of a large local line-based log, a location named a second time,
    and a local path that is not a regular file (its reader says what is wrong with it, as the local
    engine's does).  Whole files: {(filesystem type, its pickle): (pyarrow filesystem, [(file index,
    path in the filesystem, location)])}, local regular files and objects in storage, each checked
    first: an object that does not exist or cannot be read is the storage's one-line error, raised
    before any work is scheduled."""
    import os

    from ..storage import check_object, is_url, resolve
    from .ray_read import line_spans, object_spans

    units: list[dict] = []
    objects: dict[tuple, tuple] = {}
    seen: set[str] = set()
    for i, loc in enumerate(locations):
        spans = None
        fs = None
        if loc not in seen and is_url(loc):
            check_object(loc)
            cut = object_spans(loc, reader_name)
            if cut is not None:  # a big object: spans of lines, their first lines counted by tasks (line -1)
                seen.add(loc)
                units.extend({"file": i, "location": loc, "start": start, "end": end, "line": -1, "unit": k,
                              "reader": cut[1]} for k, (start, end) in enumerate(cut[0]))
                continue
            fs, path = resolve(loc)
        elif loc not in seen and os.path.isfile(loc):
            spans = line_spans(loc, reader_name)
            if spans is None:
                import pyarrow.fs as pafs

                fs, path = pafs.LocalFileSystem(), os.path.abspath(loc)
        if fs is not None:
            seen.add(loc)
            key = (fs.type_name, pickle.dumps(fs))
            objects.setdefault(key, (fs, []))[1].append((i, path, loc))
            continue
        for k, (start, end, line) in enumerate(spans or [(-1, -1, 0)]):
            units.append({"file": i, "location": loc, "start": start, "end": end, "line": line, "unit": k,
                          "reader": ""})
    return units, objects


def number_spans(ray, units: list[dict]) -> None:
    """The first line of every span of an object (``line`` -1): its spans' line ends counted by Ray tasks
    (ranged reads, in parallel), then added up in span order."""
    from .ray_read import count_lines

    todo = [u for u in units if u["line"] < 0]
    if not todo:
        return
    rows = [{"k": k, "location": u["location"], "start": u["start"], "end": u["end"]} for k, u in enumerate(todo)]
    counts = {r["k"]: r["lines"] for r in
              ray.data.from_items(rows, override_num_blocks=len(rows)).map(count_lines).take_all()}
    first: dict[int, int] = {}
    for k, u in enumerate(todo):
        u["line"] = first.get(u["file"], 1)
        first[u["file"]] = u["line"] + counts[k]


def tokenized_dataset(ray, plan: tuple[list[dict], dict], setup: bytes):
    """The Ray Dataset of ``read_and_tokenize``'s rows for every location (``plan``: ``plan_reads``)."""
    units, objects = plan
    number_spans(ray, units)
    parts = []
    if units:
        ds = ray.data.from_items(units, override_num_blocks=len(units))
        parts.append(ds.map_batches(read_and_tokenize, fn_args=(setup,), batch_size=1, batch_format="numpy",
                                    num_cpus=1))
    for fs, files in objects.values():
        index = {path: (i, loc) for i, path, loc in files}
        ds = ray.data.read_datasource(stored_files([path for _i, path, _loc in files], fs),
                                      override_num_blocks=len(files))
        parts.append(ds.map_batches(tokenize_objects, fn_args=(setup, index), batch_size=1, batch_format="numpy",
                                    num_cpus=1))
    return parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]


def stored_files(paths: list[str], fs):
    """Ray Data's ``read_binary_files`` datasource (a ``FileBasedDatasource``: one row {bytes, path} per
    file), except that a file's bytes are given as stored: Ray would gunzip a ``.gz`` by its name, and
    pcache's readers detect gzip themselves (so a truncated or mislabelled file is that file's error
    line, as on the local engine, not a failed task)."""
    import pyarrow as pa
    from ray.data.datasource import FileBasedDatasource

    class StoredFiles(FileBasedDatasource):
        def _open_input_source(self, filesystem, path: str, **open_args):
            open_args.pop("compression", None)
            return filesystem.open_input_stream(path, compression=None, **open_args)

        def _read_stream(self, f, path: str):
            yield pa.table({"bytes": pa.array([f.readall()], pa.large_binary())})

        def _rows_per_file(self):
            return 1

    return StoredFiles(paths, filesystem=fs, include_paths=True)


def tokenize_objects(batch: dict, setup: bytes, index: dict) -> Iterator[dict]:
    """Ray Data task (``map_batches`` after ``read_binary_files``, one file a call): the rows of
    ``read_and_tokenize`` for a file's bytes (``index``: path in its filesystem -> (file index,
    location))."""
    from .ray_read import read_object

    got = _setup(setup)
    for data, path in zip(batch["bytes"], batch["path"]):
        i, loc = index[str(path)]
        items = read_object(loc, bytes(data), got.reader, got.reader_options, got.model_dict)
        yield from _tokenized_items(items, int(i) << _FILE_SHIFT, False, 0, got)
def _dump(obj) -> bytes:
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


def _row(out: dict, part: str, seq: int, time: float | None, legacy: bool, item: bytes) -> None:
    out["part"].append(part)
    out["seq"].append(seq)
    out["time"].append(float("nan") if time is None else time)
    out["legacy"].append(legacy)
    out["item"].append(item)


def _light(batch: dict) -> dict:
    """Every row without the pickled requests (the driver needs their seq, time and kind only)."""
    import numpy as np

    special = np.array([str(p).startswith("\x00") for p in batch["part"]], dtype=bool)
    item = np.array([b if keep else b"" for b, keep in zip(batch["item"], special)], dtype=object)
    return {"part": batch["part"], "seq": batch["seq"], "time": batch["time"], "legacy": batch["legacy"],
            "special": special, "item": item}


class _Light:
    """What ``stages.order.Ordering`` reads and sets on a request: its time and read order (``i``: its
    row in the driver's arrays)."""

    __slots__ = ("i", "seq", "time", "kind", "order", "at")

    def __init__(self, i: int, seq: int, time: float | None, legacy: bool):
        self.i, self.seq, self.time, self.kind = i, seq, time, "legacy" if legacy else "regime"
        self.order, self.at = -1, 0.0


def replay_order(seqs, times, legacy, window: int):
    """The time order of the requests, exactly as the local engine's ``Ordering`` gives it: the one
    sequential step, on the driver, over three numbers per request (no tokens), with the heap of
    ``window`` requests as the only objects alive.  (seqs sorted, order, at, the ordering's ledger)."""
    import numpy as np

    from ..stages.interface import Ordering

    idx = np.argsort(seqs, kind="stable")
    seqs, times, legacy = seqs[idx], times[idx], legacy[idx]
    orders = np.empty(len(seqs), dtype=np.int64)
    ats = np.empty(len(seqs), dtype=np.float64)
    ordering = Ordering(window)

    def done(q: _Light) -> None:
        orders[q.i], ats[q.i] = q.order, q.at

    nan = np.isnan(times)
    for i, (seq, t, leg, missing) in enumerate(zip(seqs.tolist(), times.tolist(), legacy.tolist(), nan.tolist())):
        for q in ordering.push(_Light(i, seq, None if missing else t, leg)):
            done(q)
    for q in ordering.finish():
        done(q)
    return seqs, orders, ats, ordering.ledger()


def _attach_order(batch: dict, seqs, orders, ats) -> dict:
    """The requests (not the META and FILES rows) with their place in the time order."""
    import numpy as np

    keep = np.array([not str(p).startswith("\x00") for p in batch["part"]], dtype=bool)
    pos = np.searchsorted(seqs, batch["seq"][keep].astype(np.int64))
    return {"part": batch["part"][keep], "order": orders[pos], "at": ats[pos], "item": batch["item"][keep]}


def replay_on_ray(ray, tokenized, setup: bytes, stage, jobs: int, stats=None):
    """The stages on Ray: ``tokenized`` is the Dataset of ``tokenized_dataset``.  (FileReads in file order, the money
    ledger, skipped records, PartialLedgers.)"""
    import numpy as np

    from .ray_replay import fold_sorted, sort_blocks

    from .ray_read import join_reads

    import time

    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        if stats is not None:
            now = time.perf_counter()
            stats.seconds[name] = round(now - clock, 3)
            clock = now

    ds = tokenized.materialize()  # read and tokenized once: the driver orders, then the sort replays
    lap("read_tokenize")
    reads, ledger, skips = [], None, []
    cols: dict[str, list] = {"seq": [], "time": [], "legacy": []}
    # one pass on the driver: the META and FILES rows whole, three numbers of every request
    for batch in ds.map_batches(_light, batch_format="numpy").iter_batches(batch_format="numpy", batch_size=None):
        special = batch["special"]
        for part, seq, item in zip(batch["part"][special], batch["seq"][special], batch["item"][special]):
            obj = pickle.loads(item)
            if part == FILES:
                reads.append((int(seq), obj))
            else:
                got, skipped = obj
                if ledger is None:
                    ledger = got
                else:
                    ledger.merge(got)
                skips.extend(skipped)
        for k in cols:
            cols[k].append(batch[k][~special])
    reads = join_reads([(seq >> _FILE_SHIFT, fr) for seq, fr in sorted(reads, key=lambda x: x[0])])
    partials = []
    if stage is None or not sum(len(c) for c in cols["seq"]):
        return reads, ledger, skips, partials
    lap("driver_pass")
    seqs, orders, ats, ordered = replay_order(*(np.concatenate(cols[k]) for k in cols), stage.reorder_window)
    del cols
    lap("order")
    if stats is not None:
        stats.requests = len(seqs)
    partials.append(ordered)
    timed = ds.map_batches(_attach_order, fn_args=(seqs, orders, ats), batch_format="numpy")
    del ds  # once sorted, the tokenized blocks are dropped: only the sorted ones stay in the object store
    blocks = sort_blocks(ray, timed, len(seqs), stats)
    del timed
    lap("sort")
    partials.extend(fold_sorted(ray, blocks, setup, stats))
    lap("fold")
    return reads, ledger, skips, partials


@contextmanager
def quiet_warnings():
    """Ray Data's advice on block counts and actor pools is not for the user of pcache."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


class RayEngine:
    """``--engine ray`` (``registry.py``): a ``LogEngine`` that reads, tokenizes and replays on Ray."""

    name = "ray"
    reads_logs = True

    def __init__(self):
        self.stats = None  # ray_replay.ChainStats of the last run (tests read it)

    def audit(self, job):
        import os

        from ..ledger import Ledger
        from ..stages.interface import merge, skip_ledger
        from .interface import Audited
        from .ray_read import expand_locations, merge_errors
        from .ray_replay import ChainStats

        require_ray()
        model_map = dict(job.model_map)
        from ...inputs import LIMITS

        setup = _dump(Setup(job.stage, job.batch_multiplier, job.model_map, job.reader, job.reader_options,
                            LIMITS.max_bytes))
        locations = expand_locations(job.paths)
        plan = plan_reads(locations, job.reader)  # storage errors here, before Ray starts
        jobs = job.jobs or os.cpu_count() or 1
        self.stats = ChainStats()
        import time

        t0 = time.perf_counter()
        with ray_session(job.address, jobs, job.progress_bars) as ray, quiet_warnings(), \
                user_errors_of_workers(ray):
            self.stats.seconds["start"] = round(time.perf_counter() - t0, 3)
            tokenized = tokenized_dataset(ray, plan, setup)
            reads, ledger, skips, partials = replay_on_ray(ray, tokenized, setup, job.stage, jobs, self.stats)
        if ledger is None:  # no record had usage
            ledger = Ledger(job.batch_multiplier, model_map)
        replay = merge([*partials, skip_ledger(skips)]) if job.stage is not None else None
        return Audited(ledger, merge_errors(reads), [(fr.location, fr.reader) for fr in reads
                                                     if fr.reader is not None], replay)
