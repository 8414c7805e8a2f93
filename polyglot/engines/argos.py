"""The Argos engine: Argos Translate packages, run through CTranslate2 directly.

Argos' own ``translate`` module imports stanza and torch and feeds the model
~32 tokens at a time; here the whole article goes to
``ctranslate2.Translator.translate_batch`` in one call per language, sorted by
length and batched by examples, with the package's own tokenizer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from polyglot.engines import longtext
from polyglot.engines.base import DEFAULT_BATCH_TOKENS, AlignedText, Engine, EngineInfo
from polyglot.errors import ModelError, UsageError
from polyglot.models.installed import InstalledPackage, find_package

#: Generous cap on output length relative to input, so a broken model cannot loop forever.
_MAX_LENGTH_RATIO = 3
_MIN_MAX_LENGTH = 32
#: OPUS-MT's target-language labels, such as >>kaz_Cyrl<< or >>rus<<.
_LABEL = re.compile(r">>[a-z]{2,3}(?:_[A-Z][a-z]{3})?<<")


@dataclass
class _Loaded:
    package: InstalledPackage
    translator: Any  # ctranslate2.Translator
    source_tokenizer: Any
    target_tokenizer: Any
    device: str = "cpu"  # where the translator runs: cpu or cuda


class ArgosEngine(Engine):
    """Translate with an installed Argos package (CTranslate2 + SentencePiece or BPE)."""

    name: ClassVar[str] = "argos"

    def __init__(self, options: Any) -> None:
        super().__init__(options)
        self._loaded: dict[tuple[str, str], _Loaded] = {}

    def prepare(self, source: str, target: str) -> EngineInfo:
        loaded = self._load(source, target)
        return EngineInfo(self.name, loaded.package.label, self.origin)

    def identify(self, source: str, target: str) -> EngineInfo:
        """The package's label from its metadata; the model is not loaded."""
        if (source, target) in self._loaded:
            return self.prepare(source, target)
        package = find_package(source, target, self.options.models_dir)
        return EngineInfo(self.name, package.label, self.origin)

    def translate_batch(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Texts longer than the model takes are translated in parts (never cut)."""
        loaded = self._load(source, target)
        split = self._split(loaded, texts)
        parts = [longtext.strip_piece(p)[1] for pieces in split for p in pieces]
        done = iter(self._translate(loaded, [p for p in parts if p]))
        translated = [next(done) if p else "" for p in parts]
        outputs, start = [], 0
        for pieces in split:
            chunk, start = translated[start : start + len(pieces)], start + len(pieces)
            outputs.append(chunk[0] if len(pieces) == 1 else longtext.join_pieces(pieces, chunk))
        return outputs

    def split_inputs(self, texts: Sequence[str], source: str, target: str) -> dict[str, int]:
        loaded = self._load(source, target)
        return {
            text: len(pieces)
            for text, pieces in zip(texts, self._split(loaded, texts), strict=True)
            if len(pieces) > 1
        }

    def _split(self, loaded: _Loaded, texts: Sequence[str]) -> list[list[str]]:
        """Each text as the pieces the model takes (one piece for all but very long ones)."""
        ours = loaded.package.metadata.get("polyglot")
        limit = ours.get("max_input_tokens") if isinstance(ours, dict) else None
        if not isinstance(limit, int) or limit < 1:
            limit = longtext.DEFAULT_MAX_TOKENS
        tokenizer = loaded.source_tokenizer
        return [
            longtext.split_text(text, limit, lambda t: len(tokenizer.encode(t))) if text else [text]
            for text in texts
        ]

    def _translate(self, loaded: _Loaded, texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        pkg = loaded.package
        prefix = [pkg.source_prefix] if pkg.source_prefix else []
        tokens = [prefix + loaded.source_tokenizer.encode(text) for text in texts]
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        batch = [tokens[i] for i in order]
        target_prefix = [[pkg.target_prefix] for _ in batch] if pkg.target_prefix else None
        longest = max(len(t) for t in batch)
        results = self._run(
            loaded,
            batch,
            target_prefix=target_prefix,
            beam_size=self.options.beam_size,
            **self._batching(loaded),
            max_decoding_length=max(_MIN_MAX_LENGTH, _MAX_LENGTH_RATIO * longest),
        )
        outputs = [""] * len(texts)
        for index, result in zip(order, results, strict=True):
            hypothesis = list(result.hypotheses[0])
            keep = _content_positions(hypothesis, pkg)
            outputs[index] = loaded.target_tokenizer.decode([hypothesis[i] for i in keep])
        return outputs

    def align_batch(
        self, texts: Sequence[str], source: str, target: str
    ) -> list[AlignedText] | None:
        """Translate with ``return_attention`` and link each target token to the source
        token it attends to most (SentencePiece packages only)."""
        loaded = self._load(source, target)
        pkg = loaded.package
        if not isinstance(loaded.source_tokenizer, _SentencePieceTokenizer):
            return None
        if any(len(pieces) > 1 for pieces in self._split(loaded, texts)):
            return None  # a text in parts has no single alignment: say we cannot align
        prefix = [pkg.source_prefix] if pkg.source_prefix else []
        encoded = [loaded.source_tokenizer.encode_with_spans(text) for text in texts]
        batch = [prefix + pieces for pieces, _ in encoded]
        results = self._run(
            loaded,
            batch,
            target_prefix=[[pkg.target_prefix] for _ in batch] if pkg.target_prefix else None,
            beam_size=self.options.beam_size,
            **self._batching(loaded),
            max_decoding_length=max(
                [_MIN_MAX_LENGTH] + [_MAX_LENGTH_RATIO * len(b) for b in batch]
            ),
            return_attention=True,
        )
        aligned = []
        for (_, spans), result in zip(encoded, results, strict=True):
            hypothesis = list(result.hypotheses[0])
            attention = list(result.attention[0]) if result.attention else []
            keep = _content_positions(hypothesis, pkg)
            hypothesis = [hypothesis[i] for i in keep]
            attention = [attention[i] for i in keep if i < len(attention)]
            text, target_spans = loaded.target_tokenizer.decode_with_spans(hypothesis)
            source_spans = [(0, 0)] * len(prefix) + spans
            links = []
            for target_span, weights in zip(target_spans, attention, strict=False):
                best = max(range(len(weights)), key=lambda j: weights[j], default=-1)
                if 0 <= best < len(source_spans):
                    links.append((target_span, source_spans[best]))
            aligned.append(AlignedText(text, links))
        return aligned

    def _run(self, loaded: _Loaded, batch: list[list[str]], **kwargs: Any) -> Any:
        """``translate_batch``; a GPU out of memory (a batch too big for a smaller card
        than the default was measured on) is a clear error, not an unexpected one."""
        try:
            return loaded.translator.translate_batch(batch, **kwargs)
        except RuntimeError as exc:
            if loaded.device != "cuda" or "out of memory" not in str(exc):
                raise
            if kwargs.get("batch_type") == "examples":
                size = f"{kwargs['max_batch_size']} sentences"
            else:
                size = f"{kwargs['max_batch_size']} source tokens"
            raise UsageError(
                f"the GPU ran out of memory translating a batch of {size} ({exc})",
                "lower --batch-tokens (e.g. 4096) or --batch-size, or use --device cpu",
            ) from None

    def _batching(self, loaded: _Loaded) -> dict[str, Any]:
        """CTranslate2's batching: by sentences when ``max_batch_size`` is set, else by
        tokens (CTranslate2 sorts by length and cuts batches of at most that many): as many
        as ``max_batch_tokens`` says, or as suit the device the model runs on."""
        if self.options.max_batch_size > 0:
            return {"max_batch_size": self.options.max_batch_size, "batch_type": "examples"}
        tokens = self.options.max_batch_tokens or DEFAULT_BATCH_TOKENS[loaded.device]
        return {"max_batch_size": tokens, "batch_type": "tokens"}

    def _load(self, source: str, target: str) -> _Loaded:
        key = (source, target)
        if key not in self._loaded:
            package = find_package(source, target, self.options.models_dir)
            loaded, warning = _load_package(package, self.options)
            self._loaded[key] = loaded
            if warning is not None and warning not in self.warnings:
                self.warnings.append(warning)
        return self._loaded[key]


def _content_positions(hypothesis: list[str], package: InstalledPackage) -> list[int]:
    """Positions of the tokens that are text: not the package's target prefix at the
    start, and no language label (``>>kaz_Cyrl<<``, the source prefix) anywhere —
    multilingual OPUS-MT models sometimes emit one mid-sentence."""
    start = 1 if package.target_prefix and hypothesis[:1] == [package.target_prefix] else 0
    return [
        i
        for i in range(start, len(hypothesis))
        if hypothesis[i] != package.source_prefix and not _LABEL.fullmatch(hypothesis[i])
    ]


_COMPUTE_TYPES = frozenset(
    {"int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16"}
    | {"float16", "bfloat16", "float32"}
)


def check_compute_type(compute_type: str, device: str) -> None:
    """A clear usage error for a compute type CTranslate2 does not know or this device lacks."""
    import ctranslate2

    if compute_type in ("default", "auto"):
        return
    supported = sorted(ctranslate2.get_supported_compute_types(device))
    if compute_type not in _COMPUTE_TYPES:
        raise UsageError(
            f"unknown compute type {compute_type!r}",
            f"choose one of: default, auto, {', '.join(supported)}",
        )
    if compute_type not in supported:
        raise UsageError(
            f"compute type {compute_type!r} is not available on this {device}",
            f"choose one of: default, auto, {', '.join(supported)}"
            + (" (float16 needs a GPU)" if "float16" in compute_type and device == "cpu" else ""),
        )


_DEVICES = ("auto", "cpu", "cuda")


def check_device(device: str) -> None:
    """A clear usage error for a device CTranslate2 cannot run on."""
    if device not in _DEVICES:
        raise UsageError(f"unknown device {device!r}", f"choose one of: {', '.join(_DEVICES)}")


def resolve_device(device: str) -> str:
    """``auto``: ``cuda`` when CTranslate2 sees a GPU, else ``cpu``; ``cuda`` without a GPU
    is a usage error."""
    import ctranslate2

    check_device(device)
    gpus = ctranslate2.get_cuda_device_count()
    if device == "auto":
        return "cuda" if gpus > 0 else "cpu"
    if device == "cuda" and gpus == 0:
        raise UsageError(
            "--device cuda, but CTranslate2 sees no GPU here",
            "use --device cpu (or auto), or check the NVIDIA driver and CUDA libraries",
        )
    return device


#: CTranslate2's words when a GPU library it was built against cannot be loaded
#: (``Library libcublas.so.12 is not found or cannot be loaded``): it says so only at
#: the first translation, so :func:`_usable_on_gpu` translates one token at load.
_MISSING_LIBRARY = re.compile(r"Library (\S+) is not found or cannot be loaded")


def _usable_on_gpu(translator: Any) -> str | None:
    """None if the translator runs on its GPU, else why not (CTranslate2's message).

    CTranslate2 loads cuBLAS (and cuDNN) lazily: a machine whose CUDA libraries are of
    another major version than the wheel was built for (CTranslate2 4.x: CUDA 12) sees
    the GPU and loads the model, then fails at the first batch.  One token, one step,
    finds that out before any work is done.
    """
    try:
        translator.translate_batch([["a"]], beam_size=1, max_decoding_length=1)
    except RuntimeError as exc:
        return str(exc)
    return None


def _new_translator(
    model_dir: Any, device: str, options: Any, compute_type: str | None = None
) -> Any:
    """A ``ctranslate2.Translator``; CTranslate2's own error if it cannot be made."""
    import ctranslate2

    return ctranslate2.Translator(
        str(model_dir),
        device=device,
        compute_type=compute_type or options.compute_type,
        intra_threads=options.threads,
        inter_threads=max(1, options.inter_threads),
    )


_LOAD_ERRORS = (RuntimeError, ValueError, OSError)


def _broken_model(model_dir: Any, package: InstalledPackage, exc: Exception) -> ModelError:
    return ModelError(
        f"{model_dir}: CTranslate2 cannot load this model ({exc})",
        f"reinstall it: polyglot models remove {package.pair}, then install it again",
    )


def _on_cpu(model_dir: Any, options: Any, package: InstalledPackage, **kwargs: Any) -> Any:
    try:
        return _new_translator(model_dir, "cpu", options, **kwargs)
    except _LOAD_ERRORS as exc:
        raise _broken_model(model_dir, package, exc) from None


def _on_gpu(model_dir: Any, options: Any, package: InstalledPackage) -> tuple[Any, str | None]:
    """The translator on ``cuda``, or None and why the GPU cannot run it (CTranslate2's
    message).  A load that fails on the GPU may be the GPU's fault (out of memory, a
    driver too old) or the model's: the CPU tells them apart — a model it loads is sound,
    one it cannot is broken (:class:`ModelError`, as on the CPU)."""
    try:
        translator = _new_translator(model_dir, "cuda", options)
    except _LOAD_ERRORS as exc:
        _on_cpu(model_dir, options, package, compute_type="default")  # ModelError if broken
        return None, str(exc)
    problem = _usable_on_gpu(translator)
    return (translator, None) if problem is None else (None, problem)


def _gpu_hint(problem: str) -> str:
    import ctranslate2

    missing = _MISSING_LIBRARY.search(problem)
    if missing is None and "out of memory" in problem:
        return (
            "free GPU memory (nvidia-smi shows which processes hold it) or translate on the "
            "CPU with --device cpu"
        )
    needs = f" ({missing.group(1)})" if missing else ""
    return (
        f"CTranslate2 {ctranslate2.__version__} needs the CUDA libraries it was built "
        f"for{needs} where the loader finds them (e.g. pip install nvidia-cublas-cu12 and "
        "add its lib folder to LD_LIBRARY_PATH), and an NVIDIA driver that supports them; "
        "or translate on the CPU with --device cpu"
    )


def _load_package(package: InstalledPackage, options: Any) -> tuple[_Loaded, str | None]:
    """The package loaded, and a warning when ``--device auto`` had to fall back to the
    CPU because the GPU it found cannot run CTranslate2 here."""
    device = resolve_device(options.device)
    check_compute_type(options.compute_type, device)
    model_dir = package.path / "model"
    warning = None
    if device == "cpu":
        translator = _on_cpu(model_dir, options, package)
    else:
        translator, problem = _on_gpu(model_dir, options, package)
        if problem is not None:
            if options.device == "cuda":
                raise UsageError(
                    f"--device cuda: the GPU cannot be used: {problem}", _gpu_hint(problem)
                )
            _check_cpu_compute_type(options.compute_type, problem)
            translator = _on_cpu(model_dir, options, package)
            device = "cpu"
            warning = (
                f"--device auto: a GPU was found but cannot be used ({problem}); translated "
                f"on the CPU instead. {_gpu_hint(problem)}"
            )
    if package.tokenizer == "bpe":
        source_tok: Any = _BpeTokenizer(package)
        target_tok: Any = source_tok
    else:
        source_tok = _SentencePieceTokenizer(package.path / "sentencepiece.model")
        target_tok = source_tok
        if package.target_sentencepiece:
            target_tok = _SentencePieceTokenizer(package.path / package.target_sentencepiece)
    return _Loaded(package, translator, source_tok, target_tok, device), warning


def _check_cpu_compute_type(compute_type: str, problem: str) -> None:
    """``--device auto`` falling back to the CPU with a compute type only a GPU has: the
    error says the GPU could not be used, and why, not just that the CPU lacks the type."""
    try:
        check_compute_type(compute_type, "cpu")
    except UsageError:
        raise UsageError(
            f"--device auto: a GPU was found but cannot be used ({problem}), and compute "
            f"type {compute_type!r} needs a GPU",
            f"{_gpu_hint(problem)}; or --compute-type auto (or int8) to run on the CPU",
        ) from None


class _SentencePieceTokenizer:
    """SentencePiece, decoded faithfully (Argos' decoder turns ``_`` into spaces)."""

    def __init__(self, path: Any) -> None:
        import sentencepiece

        try:
            self.processor = sentencepiece.SentencePieceProcessor(model_file=str(path))
        except (OSError, RuntimeError) as exc:
            raise ModelError(
                f"{path}: cannot load the SentencePiece model ({exc})",
                "reinstall the package",
            ) from None

    def encode(self, text: str) -> list[str]:
        pieces: list[str] = self.processor.encode(text, out_type=str)
        return pieces

    def decode(self, tokens: list[str]) -> str:
        text: str = self.processor.decode_pieces(tokens)
        return text

    def encode_with_spans(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        """Pieces and the character span of the text each one covers."""
        processor: Any = self.processor
        try:
            proto = processor.encode(text, out_type="proto")
        except (ValueError, TypeError):  # sentencepiece < 0.2.1
            proto = processor.encode(text, out_type="immutable_proto")
        # offsets are in bytes of the UTF-8 text: turn them into character offsets
        to_char = [i for i, ch in enumerate(text) for _ in ch.encode("utf-8")] + [len(text)]
        pieces = [p.piece for p in proto.pieces]
        spans = [(to_char[p.begin], to_char[p.end]) for p in proto.pieces]
        return pieces, spans

    def decode_with_spans(self, tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
        """The decoded text and, per token, the characters it added to it."""
        spans = []
        previous = ""
        for index in range(len(tokens)):
            current = self.decode(tokens[: index + 1])
            start = len(previous) if current.startswith(previous) else len(current)
            spans.append((start, len(current)))
            previous = current
        return self.decode(tokens), spans


class _BpeTokenizer:
    """Older Argos packages: Moses tokenisation + subword-nmt BPE, via Argos' own class."""

    def __init__(self, package: InstalledPackage) -> None:
        from argostranslate.tokenizer import BPETokenizer

        self._impl = BPETokenizer(package.path / "bpe.model", package.from_code, package.to_code)

    def encode(self, text: str) -> list[str]:
        tokens: list[str] = self._impl.encode(text)
        return tokens

    def decode(self, tokens: list[str]) -> str:
        text: str = self._impl.decode(tokens)
        return text
