"""Any engine on Ray workers: for corpora bigger than one machine (``--executor ray``).

Ray is an optional extra (``pip install 'polyglot[ray]'``), imported only here,
only when a run asks for it.  The driver (the ``polyglot`` process) keeps
everything that is state — the translation memory, the glossary, the outputs —
and sends the workers nothing but batches of sentences; each batch comes back
as translations, in order.  So the glossary never travels: it is enforced on
the driver around the workers' plain translations, exactly as in a local run.

Each worker is a Ray actor holding one engine whose CTranslate2 translators are
made in the actor's constructor, with ``intra_threads`` set to the CPUs Ray gave
the actor (Ray sets ``OMP_NUM_THREADS=1`` in workers, which would otherwise leave
CTranslate2 one thread).  A batch is cut into one shard per worker.  A worker that
dies is restarted by Ray (its constructor loads the models again) and its shard
retried, ``max_retries`` times.

How the models reach the workers (README, "Ray"):

* **shared folder** (default): every node reads the packages at the same path
  as the driver (``--models-dir`` on a network file system, or the same packages
  installed on each node);
* **shipped** (``ship_models``): the driver puts the packages it uses into
  Ray's object store once; each worker unpacks them into a temporary folder.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import weakref
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from polyglot.engines import ENGINES, load_engine
from polyglot.engines.base import AlignedText, Engine, EngineInfo, EngineOptions
from polyglot.errors import PolyglotError, UsageError


@dataclass(frozen=True)
class RaySettings:
    """Where and how wide to run."""

    address: str | None = None  # a cluster ("ray://host:10001", "auto"); None: a local Ray
    workers: int = 1
    threads_per_worker: int = 1
    #: Language pairs the workers load in their constructor (more are loaded on demand).
    pairs: tuple[tuple[str, str], ...] = ()
    #: Send the packages through Ray's object store instead of reading a shared folder.
    ship_models: bool = False
    max_retries: int = 2  # per shard, when its worker dies
    #: Extra options for the actors (tests use it to inject a crashing worker class).
    worker_class: Any = field(default=None, compare=False)


class TranslationWorker:
    """A Ray actor: one engine, its models loaded in the constructor."""

    def __init__(
        self,
        engine: str,
        options: EngineOptions,
        pairs: Sequence[tuple[str, str]],
        shipped: dict[str, Any] | None = None,
    ) -> None:
        import ray

        cpus = ray.get_runtime_context().get_assigned_resources().get("CPU")
        threads = int(cpus) if cpus else options.threads
        if shipped:
            unpacked = tempfile.mkdtemp(prefix="polyglot-models-")
            weakref.finalize(self, shutil.rmtree, unpacked, True)
            for name, ref in shipped.items():
                data = ray.get(ref) if isinstance(ref, ray.ObjectRef) else ref
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    archive.extractall(Path(unpacked) / name)
            options = replace(options, models_dir=Path(unpacked))
        self.options = replace(options, threads=threads)
        self.engine = load_engine(engine, self.options)
        for source, target in pairs:  # the translators are made here, once per actor
            self.engine.prepare(source, target)

    def threads(self) -> int:
        """The intra-op threads this worker's translators use."""
        return self.options.threads

    def models_dir(self) -> str | None:
        return str(self.options.models_dir) if self.options.models_dir else None

    def prepare(self, source: str, target: str) -> EngineInfo:
        return self.engine.prepare(source, target)

    def warnings(self) -> list[str]:
        """What loading changed here (a GPU that could not be used: the CPU instead)."""
        return self.engine.warnings

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return self.engine.translate_batch(texts, source, target)

    def align(self, texts: Sequence[str], source: str, target: str) -> list[AlignedText] | None:
        return self.engine.align_batch(texts, source, target)


class RayEngine(Engine):
    """An engine registered in :data:`~polyglot.engines.ENGINES`, run on Ray actors.

    Reports name the inner engine (``argos``) and model, so outputs and provenance are
    the same as a local run's.  Ray starts on the first batch, not before: a run with
    nothing to translate never starts it.
    """

    def __init__(self, engine: str, options: EngineOptions, settings: RaySettings) -> None:
        super().__init__(options)
        if engine not in ENGINES:
            load_engine(engine, options)  # the usual "unknown engine" error
        if settings.workers < 1 or settings.threads_per_worker < 1:
            raise UsageError("--workers and --threads-per-worker must be at least 1")
        self._local = load_engine(engine, options)  # reads metadata only, never translates
        self.name = self._local.name  # type: ignore[misc]
        self.origin = self._local.origin  # type: ignore[misc]
        self.settings = settings
        self._actors: list[Any] = []
        self._started_ray = False

    def identify(self, source: str, target: str) -> EngineInfo:
        return self._local.identify(source, target)

    def prepare(self, source: str, target: str) -> EngineInfo:
        """Every worker loads the pair (a missing model fails here, on the workers)."""
        import ray

        actors = self._workers()
        infos = self._gather([a.prepare.remote(source, target) for a in actors], ray)
        for said in self._gather([a.warnings.remote() for a in actors], ray):
            self.warnings.extend(w for w in said if w not in self.warnings)
        return infos[0]

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        import ray

        if not texts:
            return []
        actors = self._workers()
        shards = _shards(list(texts), len(actors))
        refs = [
            actor.translate.remote(shard, source, target)
            for actor, shard in zip(actors, shards, strict=False)
            if shard
        ]
        outputs: list[str] = []
        for part in self._gather(refs, ray):
            outputs.extend(part)
        return outputs

    def align_batch(
        self, texts: Sequence[str], source: str, target: str
    ) -> list[AlignedText] | None:
        import ray

        (actor, *_) = self._workers()
        result = self._gather([actor.align.remote(list(texts), source, target)], ray)[0]
        return result

    def worker_threads(self) -> list[int]:
        """Each worker's intra-op threads (what Ray gave it)."""
        import ray

        return self._gather([a.threads.remote() for a in self._workers()], ray)

    def worker_models_dirs(self) -> list[str | None]:
        import ray

        return self._gather([a.models_dir.remote() for a in self._workers()], ray)

    def close(self) -> None:
        """Stop the workers (and the local Ray this engine started)."""
        if not self._actors:
            return
        import ray

        for actor in self._actors:
            ray.kill(actor)
        self._actors = []
        if self._started_ray:
            ray.shutdown()
            self._started_ray = False

    # -- internals ---------------------------------------------------------------------

    def _workers(self) -> list[Any]:
        if self._actors:
            return self._actors
        ray = _import_ray()
        settings = self.settings
        if not ray.is_initialized():
            kwargs: dict[str, Any] = {
                "include_dashboard": False,
                "log_to_driver": False,
                "configure_logging": False,
            }
            if settings.address is None:
                # a local Ray with exactly the CPUs asked for, so every actor is placed
                kwargs["num_cpus"] = settings.workers * settings.threads_per_worker
            try:
                ray.init(address=settings.address, **kwargs)
            except (ConnectionError, RuntimeError, ValueError) as exc:
                raise UsageError(
                    f"cannot start or reach Ray at {settings.address or 'a local Ray'} ({exc})",
                    "check --ray-address (e.g. ray://head:10001 or auto), or leave it out "
                    "for a local Ray",
                ) from None
            self._started_ray = True
        gpus = 1 if self.options.device == "cuda" else 0
        if gpus and ray.cluster_resources().get("GPU", 0) < settings.workers:
            raise UsageError(
                f"--device cuda asks one GPU per worker, but the Ray cluster has "
                f"{int(ray.cluster_resources().get('GPU', 0))} for {settings.workers} worker(s)",
                "use fewer --workers, --device auto or cpu, or add GPU nodes",
            )
        cls = settings.worker_class or TranslationWorker
        options = self.options
        shipped = _ship(self, ray) if settings.ship_models else None
        if shipped is not None:
            options = replace(options, models_dir=None)
        remote = ray.remote(cls).options(
            num_cpus=settings.threads_per_worker,
            num_gpus=gpus,
            max_restarts=settings.max_retries,
            max_task_retries=settings.max_retries,
        )
        self._actors = [
            remote.remote(self._local.name, options, list(settings.pairs), shipped)
            for _ in range(settings.workers)
        ]
        return self._actors

    def _gather(self, refs: list[Any], ray: Any) -> list[Any]:
        """Results in the order of ``refs``; a polyglot error on a worker is raised here
        as itself (a missing model says so), not as Ray's wrapper."""
        try:
            return list(ray.get(refs))
        except ray.exceptions.RayTaskError as exc:
            cause = getattr(exc, "cause", None)
            if isinstance(cause, PolyglotError):
                raise cause from None
            raise
        except ray.exceptions.RayActorError as exc:
            raise RuntimeError(
                f"a Ray worker died {self.settings.max_retries + 1} times on one batch ({exc})"
            ) from None


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise UsageError(
            "--executor ray needs Ray, which is not installed",
            "pip install 'polyglot[ray]' (or pip install ray)",
        ) from None
    return ray


def _shards(texts: list[str], count: int) -> list[list[str]]:
    """``texts`` cut into ``count`` contiguous parts of nearly equal size, in order."""
    size, extra = divmod(len(texts), count)
    shards, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        shards.append(texts[start:end])
        start = end
    return shards


def _ship(engine: RayEngine, ray: Any) -> dict[str, Any]:
    """The packages of the engine's pairs, zipped once into Ray's object store."""
    from polyglot.models.installed import find_package

    shipped: dict[str, Any] = {}
    for source, target in engine.settings.pairs:
        package = find_package(source, target, engine.options.models_dir)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
            for path in sorted(package.path.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(package.path).as_posix())
        shipped[package.path.name] = ray.put(buffer.getvalue())
    return shipped
