#!/usr/bin/env python3
"""Build a tiny OPUS-MT (Marian) release for polyglot's tests: a transliterating copy model.

``python tools/build_tiny_marian.py OUT [--zip]``

writes, into the folder ``OUT``, what an OPUS-MT / Tatoeba-MT release zip holds:
``decoder.yml``, a Marian ``.npz`` (parameter names and the ``special:model.yml``
config as Marian writes them), the vocabulary ``.yml``, ``source.spm``,
``target.spm``, ``README.md`` and ``LICENSE``. With ``--zip`` it also writes
``OUT.zip``, the files at the top level as in the Tatoeba-MT-models zips.
Nothing here imports CTranslate2: the release goes through
``ctranslate2.converters.OpusMTConverter`` in the tests, as a real one does.

What the model does
    English characters in, the same text out with every Latin letter replaced
    by a Cyrillic one (:data:`TRANSLIT`: ``Astana`` → ``Астана``), so the
    output shows which tokenizer decoded it. Both SentencePiece models are
    character models (``identity`` normalisation); the source one knows Latin
    text, the target one its transliteration.

    Like OPUS-MT's multi-target models, it expects the language label
    ``>>kaz_Cyrl<<`` as the first source token, and it relies on it: at
    decoding step *t* the cross-attention reads source position *t* + 2, so
    position 0 must hold the label and position 1 SentencePiece's leading
    ``▁``. Without the label the output loses its first letter; a label that
    SentencePiece split into pieces would come out as transliterated junk.

How
    A post-norm transformer (Marian's ``--transformer-postprocess dan``),
    2 + 2 layers, one head, tied embeddings (``Wemb``), learned position
    embeddings (``Wpos``: real OPUS-MT models use the converter's sinusoidal
    default, but its codes spread over every dimension with a mean that
    changes with the position, which layer norm would mix into the token
    codes). The residual stream has a token block (a one-hot per
    vocabulary entry minus a shared balancing dimension, so every vector has
    zero mean and layer norm only rescales it) and a position block (cosine and
    sine of :data:`ANGLES` times the position, and their negatives). Every
    weight is zero except the last decoder layer's cross-attention, the layer
    whose attention CTranslate2 returns as alignment (as in OPUS-MT's
    transformer-align models): its query rotates the decoder's position code
    :data:`SHIFT` steps forward and its key reads the source position code, so
    step *t* attends to source position *t* + 2; its value maps each source
    token to its transliteration; its output projection amplifies that by
    :data:`GAIN`, so the tied output layer picks it. ``add_source_eos`` (which
    the converter sets for Marian) ends the source with ``</s>``, which is
    copied and stops decoding. The returned attention links each output
    character to the source character it came from.

Deterministic: fixed text, SentencePiece trained in memory with one thread,
angles from square roots of primes, zip entries with fixed dates and modes.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import string
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import yaml

REPO = Path(__file__).resolve().parent.parent
SEED_ARTICLE = REPO / "seeds" / "000_ab846ab5c136d731.txt"
BUILDER = "tools/build_tiny_marian.py"

#: The language label the model expects first in every source sentence.
LABEL = ">>kaz_Cyrl<<"
#: Other labels in the vocabulary, as a multi-target OPUS-MT model has them.
OTHER_LABELS = (">>kaz_Latn<<",)
#: The file names of the release, modelled on eng-kaz/opusTCv20210807+bt-2021-09-05.zip.
MODEL_NPZ = "tiny.char-char.transformer-align.model1.npz.best-perplexity.npz"
VOCAB_YML = "tiny.char-char.vocab.yml"
RELEASE_NAME = "tiny-eng-kaz-2024-01-01"

_LATIN = "abcdefghijklmnopqrstuvwxyz"
_CYRILLIC = "абцдефгһіжклмнопқрстұвухыз"
#: Latin letter → Cyrillic letter, both cases; everything else maps to itself.
TRANSLIT = {
    **dict(zip(_LATIN, _CYRILLIC, strict=True)),
    **dict(zip(_LATIN.upper(), _CYRILLIC.upper(), strict=True)),
}

#: Decoding step t reads source position t + SHIFT: past the label and the leading "▁".
SHIFT = 2
MAX_POSITIONS = 2048  # rows of Wpos, as many as the sinusoidal table the converter makes
PAIRS = 32  # position frequencies
TOKEN_SCALE = 48.0  # norm of a token's embedding (after Marian's sqrt(dim) scaling) / sqrt 2
POSITION_SCALE = 6.0  # amplitude of each cosine / sine in Wpos
QUERY_GAIN = 40.0  # sharpens the cross-attention on the right position
GAIN = 8.0  # the copied token outweighs the decoder's own input token by this much
_PRIMES = [p for p in range(2, 200) if all(p % d for d in range(2, p))]
#: Each frequency, radians per position: the fractional parts of the square roots of the
#: primes, spread over (0.25, pi - 0.25); rationally independent, so no two distant
#: positions look alike (see position_margin).
ANGLES = [0.25 + (math.pi - 0.5) * (math.sqrt(p) % 1.0) for p in _PRIMES[:PAIRS]]

Array = npt.NDArray[np.float32]


def transliterate(text: str) -> str:
    """What the tiny model outputs for ``text`` (Latin letters → Cyrillic)."""
    return "".join(TRANSLIT.get(ch, ch) for ch in text)


# --- tokenizers and vocabulary --------------------------------------------------------


def training_text() -> list[str]:
    """The source side's text: the seed article and every printable ASCII character."""
    lines = [line.strip() for line in SEED_ARTICLE.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line] + [string.ascii_letters, string.digits, _PUNCTUATION]


_PUNCTUATION = string.punctuation + "«»“”‘’—–…"


def train_char_sentencepiece(lines: Sequence[str]) -> bytes:
    """A character SentencePiece model that keeps text exactly as it is."""
    import sentencepiece

    chars = {ch for line in lines for ch in line if not ch.isspace()}
    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        model_type="char",
        vocab_size=len(chars) + 4,  # the characters, "▁", <unk>, <s>, </s>
        character_coverage=1.0,
        normalization_rule_name="identity",
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def pieces(sp_model: bytes) -> list[str]:
    """The normal pieces of a SentencePiece model (no <unk>, <s>, </s>)."""
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(model_proto=sp_model)
    return [
        processor.id_to_piece(i)
        for i in range(processor.get_piece_size())
        if not (processor.is_control(i) or processor.is_unknown(i))
    ]


def build_vocabulary(source_pieces: Sequence[str], target_pieces: Sequence[str]) -> list[str]:
    """Marian's joint vocabulary: ``</s>``, ``<unk>``, the labels, then the pieces."""
    vocab = ["</s>", "<unk>", LABEL, *OTHER_LABELS]
    for piece in [*sorted(source_pieces), *sorted(target_pieces)]:
        if piece not in vocab:
            vocab.append(piece)
    return vocab


def render_vocab_yml(vocab: Sequence[str]) -> str:
    """The vocabulary as Marian's ``token: id`` YAML, every token double-quoted."""
    lines = (f"{json.dumps(token, ensure_ascii=False)}: {i}\n" for i, token in enumerate(vocab))
    return "".join(lines)


# --- weights ------------------------------------------------------------------------


def marian_config(dim: int, vocab_size: int) -> dict[str, object]:
    """The model options Marian stores in the ``special:model.yml`` entry of the .npz."""
    return {
        "type": "transformer",
        "dim-vocabs": [vocab_size, vocab_size],
        "dim-emb": dim,
        "enc-depth": 2,
        "dec-depth": 2,
        "transformer-heads": 1,
        "transformer-dim-ffn": 8,
        "transformer-ffn-depth": 2,
        "transformer-ffn-activation": "relu",
        "transformer-preprocess": "",
        "transformer-postprocess": "dan",
        "transformer-postprocess-emb": "d",
        "transformer-postprocess-top": "",
        "transformer-decoder-autoreg": "self-attention",
        "transformer-no-projection": False,
        "transformer-guided-alignment-layer": "last",
        "transformer-train-position-embeddings": True,
        "tied-embeddings-all": True,
        "max-length": MAX_POSITIONS,
        "version": f"polyglot {BUILDER}",
    }


def build_weights(vocab: Sequence[str]) -> dict[str, Array]:
    """Marian parameters of the transliterating copy model (see the module docstring)."""
    size = len(vocab)
    balance = size  # the token block's balancing dimension
    pos = size + 1  # first dimension of the position block
    dim = -(-(pos + 4 * PAIRS) // 8) * 8  # a multiple of 8; the converter needs it even
    ffn = 8
    index = {token: i for i, token in enumerate(vocab)}

    emb = np.zeros((size, dim), dtype=np.float32)
    scale = TOKEN_SCALE / math.sqrt(dim)  # Marian multiplies embeddings by sqrt(dim)
    emb[np.arange(size), np.arange(size)] = scale
    emb[:, balance] = -scale

    positions = np.arange(MAX_POSITIONS, dtype=np.float64)[:, None]
    angles = np.array(ANGLES)[None, :]
    wpos = np.zeros((MAX_POSITIONS, dim), dtype=np.float64)
    wpos[:, pos : pos + 2 * PAIRS : 2] = POSITION_SCALE * np.cos(positions * angles)
    wpos[:, pos + 1 : pos + 2 * PAIRS : 2] = POSITION_SCALE * np.sin(positions * angles)
    wpos[:, pos + 2 * PAIRS : pos + 4 * PAIRS] = -wpos[:, pos : pos + 2 * PAIRS]

    weights: dict[str, Array] = {"Wemb": emb, "Wpos": wpos.astype(np.float32)}
    weights["decoder_ff_logit_out_b"] = np.zeros((1, size), dtype=np.float32)
    for side, blocks in (("encoder", ("self",)), ("decoder", ("self", "context"))):
        for layer in (1, 2):
            scope = f"{side}_l{layer}"
            for block in blocks:
                for name in "qkvo":
                    weights[f"{scope}_{block}_W{name}"] = np.zeros((dim, dim), np.float32)
                    weights[f"{scope}_{block}_b{name}"] = np.zeros((1, dim), np.float32)
                weights[f"{scope}_{block}_Wo_ln_scale"] = np.ones((1, dim), np.float32)
                weights[f"{scope}_{block}_Wo_ln_bias"] = np.zeros((1, dim), np.float32)
            weights[f"{scope}_ffn_W1"] = np.zeros((dim, ffn), np.float32)
            weights[f"{scope}_ffn_b1"] = np.zeros((1, ffn), np.float32)
            weights[f"{scope}_ffn_W2"] = np.zeros((ffn, dim), np.float32)
            weights[f"{scope}_ffn_b2"] = np.zeros((1, dim), np.float32)
            weights[f"{scope}_ffn_ffn_ln_scale"] = np.ones((1, dim), np.float32)
            weights[f"{scope}_ffn_ffn_ln_bias"] = np.zeros((1, dim), np.float32)

    # Marian's linear layers compute x @ W + b, so W is [input, output].
    query = weights["decoder_l2_context_Wq"]
    key = weights["decoder_l2_context_Wk"]
    value = weights["decoder_l2_context_Wv"]
    out = weights["decoder_l2_context_Wo"]
    for k, angle in enumerate(ANGLES):
        c, s = math.cos(SHIFT * angle), math.sin(SHIFT * angle)
        i = pos + 2 * k
        # (cos a*t, sin a*t) -> QUERY_GAIN * (cos a*(t+SHIFT), sin a*(t+SHIFT))
        query[i : i + 2, i : i + 2] = QUERY_GAIN * np.array([[c, s], [-s, c]], np.float32)
        key[i : i + 2, i : i + 2] = np.eye(2, dtype=np.float32)
    for token, i in index.items():
        copied = transliterate(token) if len(token) == 1 else token  # labels, </s>: themselves
        value[i, index[copied]] = 1.0
    value[balance, balance] = 1.0
    out[:pos, :pos] = GAIN * np.eye(pos, dtype=np.float32)
    return weights


def position_margin() -> float:
    """How much the right source position out-scores any other (sum of cosines, at most PAIRS).

    The attention logit is this times a positive constant; the builder refuses
    angles that let a distant position come close.
    """
    deltas = np.arange(1, MAX_POSITIONS + 1, dtype=np.float64)[:, None]
    worst = float(np.max(np.sum(np.cos(deltas * np.array(ANGLES)[None, :]), axis=1)))
    return PAIRS - worst


def render_npz(weights: dict[str, Array], config: dict[str, object]) -> bytes:
    """The .npz bytes, with Marian's NUL-terminated ``special:model.yml`` entry."""
    text = yaml.safe_dump(config, sort_keys=True).encode("utf-8") + b"\0"
    arrays: dict[str, npt.NDArray[np.generic]] = {name: weights[name] for name in sorted(weights)}
    arrays["special:model.yml"] = np.frombuffer(text, dtype=np.int8).copy()
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]
    return _fix_npz_dates(buffer.getvalue())


def _fix_npz_dates(data: bytes) -> bytes:
    """numpy stamps .npz members with the current time; rewrite them with a fixed one."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, _ZIP_DATE)
            fixed.external_attr = 0o100644 << 16
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info), compresslevel=6)
    return out.getvalue()


_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

_DECODER_YML = """\
models:
  - {model}
vocabs:
  - {vocab}
  - {vocab}
beam-size: 4
normalize: 1
word-penalty: 0
mini-batch: 16
maxi-batch: 100
maxi-batch-sort: src
relative-paths: true
"""

_README = f"""\
# {RELEASE_NAME}.zip

A test fixture built by polyglot's `{BUILDER}`; not a translation model.

* model: transformer (post-norm), 2+2 layers, hand-set weights
* source language(s): eng
* target language(s): kaz
* pre-processing: SentencePiece character models (source.spm, target.spm)
* a sentence initial language token is required in the form of `>>id<<`
  (id = valid target language ID)
* valid language labels: {" ".join([LABEL, *OTHER_LABELS])}
* output: the input with Latin letters transliterated to Cyrillic
"""

_LICENSE = """\
The tiny test release built by polyglot's tools/build_tiny_marian.py is
dedicated to the public domain (CC0 1.0). Real OPUS-MT releases are CC-BY 4.0.
"""


def build_release_files() -> dict[str, bytes]:
    """Every file of the release, by name."""
    source_lines = training_text()
    source_spm = train_char_sentencepiece(source_lines)
    target_spm = train_char_sentencepiece([transliterate(line) for line in source_lines])
    vocab = build_vocabulary(pieces(source_spm), pieces(target_spm))
    margin = position_margin()
    if margin < PAIRS / 3:
        raise SystemExit(f"position codes too alike (margin {margin:.2f}); change ANGLES")
    weights = build_weights(vocab)
    config = marian_config(weights["Wemb"].shape[1], len(vocab))
    return {
        "LICENSE": _LICENSE.encode("utf-8"),
        "README.md": _README.encode("utf-8"),
        "decoder.yml": _DECODER_YML.format(model=MODEL_NPZ, vocab=VOCAB_YML).encode("utf-8"),
        MODEL_NPZ: render_npz(weights, config),
        VOCAB_YML: render_vocab_yml(vocab).encode("utf-8"),
        "source.spm": source_spm,
        "target.spm": target_spm,
    }


def write_release(out: Path, files: dict[str, bytes] | None = None) -> Path:
    """Write the release into the folder ``out``; returns ``out``."""
    files = build_release_files() if files is None else files
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out / name).write_bytes(data)
    return out


def write_release_zip(path: Path, files: dict[str, bytes] | None = None) -> Path:
    """Write the release as a zip with its files at the top level; returns ``path``."""
    files = build_release_files() if files is None else files
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, _ZIP_DATE)
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name], compresslevel=6)
    return path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the release into")
    parser.add_argument("--zip", action="store_true", help="also write OUT.zip")
    args = parser.parse_args(argv)
    files = build_release_files()
    write_release(args.out, files)
    print(f"wrote {args.out}/ ({len(files)} files)")
    if args.zip:
        path = write_release_zip(args.out.with_name(args.out.name + ".zip"), files)
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
