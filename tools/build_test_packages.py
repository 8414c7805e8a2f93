#!/usr/bin/env python3
"""Build small, real Argos Translate packages for polyglot's tests and benchmarks.

There is no network in CI, so the repository makes its own ``.argosmodel``
packages: a real SentencePiece tokenizer and a real CTranslate2 transformer,
whose weights are set by hand so that the model **copies** its input.

``python tools/build_test_packages.py [--out DIR] [--pairs en-kk,en-ru,en-fr] [--install]``

The copy model
    A 1+1-layer pre-norm transformer (d_model 128, two heads). The residual
    stream has a token half (a balanced ±1 code per vocabulary entry) and a
    position half (a balanced ±1 code per position, as learned position
    encodings). Self-attention and feed-forward weights are zero, so the
    encoder passes ``[token code, position code]`` through. In the decoder,
    whose input embeddings are zero, head 0 of the cross-attention queries
    with the position code of decoding step *t* and keys with the source
    position codes, so it attends to source position *t*; its values carry
    the token code; the output projection scores every vocabulary entry
    against it. Source and target positions are both 0-based (the decoder
    starts from ``<s>``) and ``add_source_eos`` puts ``</s>`` where the source
    stops, so the output is the input, then ``</s>``. The codes are chosen so
    that both the attention and the output logits win by at least
    ``_MARGIN`` nats. Checked on CPU with beam sizes 1 and 4 and compute types
    default, auto, int8, int8_float32 and float32 (float16 needs a GPU and is
    untested; int16 is not offered by this CPU backend). Weights are stored as
    int8: every weight is a multiple of one per-row scale, so int8 storage is
    lossless. The decoder has position codes for 1025 steps: forcing more
    (``min_decoding_length``) makes CTranslate2 raise "No position encodings".

What round-trips, ``sp.decode(translate(sp.encode(s, out_type=str))) == s``
    * every string without U+2581 (``▁``, SentencePiece's space mark): leading,
      trailing and doubled spaces, tabs, newlines, ``_``, digits, Cyrillic,
      accented Latin, emoji and placeholders such as ``⟦T1⟧`` all come back
      exactly. The tokenizer is trained with ``normalization_rule_name="identity"``
      and ``remove_extra_whitespaces=False``, and characters it has no piece for
      go through UTF-8 byte pieces (``byte_fallback``).
    * not ``▁`` itself: SentencePiece decodes it as a space.
    * up to 1023 tokens: CTranslate2 truncates the source to
      ``max_input_length`` (1024, ``</s>`` included), and the output is cut at
      ``max_decoding_length`` (256 unless the caller raises it).

The random benchmark model
    :func:`build_random_package` builds a transformer-base-sized package
    (6+6 layers, d_model 512, 8 heads, FFN 2048, 32k vocabulary) whose weights
    are random, with the same copy circuit in decoder layer 0, head 0. Every
    random sublayer writes into the residual stream with a small gain
    (``noise``), so decoding costs what a real model costs while the copy
    circuit still decides the output. Its decoder position codes repeat every
    ``length_ratio``-th source position, so the output is about
    ``length_ratio`` (1.2) times as long as the input, as real en→kk output is.
    The SentencePiece model is the copy package's (~1500 pieces: little text
    cannot train 32k); the CTranslate2 vocabulary is padded with
    ``<polyglot-pad-NNNNN>`` tokens that the tokenizer never produces.

Everything is deterministic: the corpus is fixed text, SentencePiece trains
with one thread, the codes come from SHAKE-256 and the random weights from
``numpy.random.default_rng(seed)``; the zip entries have fixed dates and
modes. Two builds give byte-identical packages.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import math
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from polyglot.languages import language_name
from polyglot.models.archives import write_package_zip

REPO = Path(__file__).resolve().parent.parent
SEED_ARTICLE = REPO / "seeds" / "000_ab846ab5c136d731.txt"
BUILDER = "tools/build_test_packages.py"
DEFAULT_PAIRS = ("en-kk", "en-ru", "en-fr")
DEFAULT_OUT = Path("build/test-packages")
ARGOS_VERSION = "1.9"

#: Pieces in the trained SentencePiece model (3 specials and 256 bytes included).
VOCAB_SIZE = 1500
#: Source positions the model has codes for; CTranslate2's default max_input_length.
MAX_POSITIONS = 1024

_MARGIN = 40.0  # nats by which the right source position and the right token win

Array = npt.NDArray[np.float32]

# --- the training corpus ------------------------------------------------------

_RUSSIAN = """\
АСТАНА. КАЗИНФОРМ Министр оборонной и аэрокосмической промышленности Казахстана Бейбут Атамкулов \
встретился в Астане с государственным секретарём при министерстве Европы и иностранных дел \
Франции Жан-Батистом Лемуаном.
Стороны обсудили расширение и углубление сотрудничества в космической сфере.
Казахстан и Франция являются стратегическими партнёрами в этой области.
С 2009 года в Казахстане работает система дистанционного зондирования Земли из двух спутников \
высокого и среднего разрешения.
В Астане строится сборочно-испытательный комплекс космических аппаратов.
Министр выразил надежду на дальнейшее плодотворное сотрудничество и пригласил французские \
компании принять участие в выставке KADEX-2018.
Об этом сообщает корреспондент МИА «Казинформ».
Съезд, объём, щётка, фильм, эхо, юг, яблоко, цех, чай, шум, жёлтый, Ёлка, подъезд."""

_KAZAKH = """\
АСТАНА. ҚазАқпарат Қазақстан Республикасының Қорғаныс және аэроғарыш өнеркәсібі министрі Бейбіт \
Атамқұлов Астанада Франция Еуропа және сыртқы істер министрлігінің Мемлекеттік хатшысы \
Жан-Батист Лемуанмен кездесті.
Тараптар ғарыш саласындағы ынтымақтастықты кеңейту және тереңдету мәселелерін талқылады.
Қазақстан мен Франция осы салада стратегиялық әріптестер болып табылады.
Бұл туралы Казинформ тілшісі хабарлайды.
Кездесуге Франциядағы Қазақстан елшісі Нұрлан Даненов те қатысты.
Министр ғарыш және қорғаныс өнеркәсібіндегі ынтымақтастықтың одан әрі жемісті болатынына сенім \
білдірді.
Өскемен, Үкімет, Һ әрпі, Ұлттық ғарыш орталығы, Ақтөбе, Шымкент, Қарағанды, Семей, Түркістан."""

_FRENCH = """\
ASTANA. KAZINFORM Le ministre kazakh de la Défense et de l'Industrie aérospatiale, Beïboute \
Atamkoulov, a rencontré à Astana Jean-Baptiste Lemoyne, secrétaire d'État auprès du ministre de \
l'Europe et des Affaires étrangères.
Les deux parties ont évoqué l'élargissement et l'approfondissement de la coopération spatiale.
Le Kazakhstan et la France sont des partenaires stratégiques dans ce domaine.
Depuis 2009, le système kazakh de télédétection spatiale, composé de deux satellites à haute et \
moyenne résolution, fonctionne avec succès.
Un complexe d'assemblage et d'essais d'engins spatiaux est en construction à Astana.
Le ministre a invité les entreprises françaises à participer au salon KADEX-2018, qui se tiendra \
en mai 2018.
Noël, été, garçon, naïf, cœur, Œuvre, façade, hôtel, où, ça, déjà, très, âgé, Ève, île, août."""

# Every character of the three scripts, so each is a piece of its own, not bytes.
_ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789",
    "! \" # $ % & ' ( ) * + , - . / : ; < = > ? @ [ \\ ] ^ _ ` { | } ~ « » “ ” ‘ ’ — – … № € °",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ",
    "әғқңөұүһі ӘҒҚҢӨҰҮҺІ",
    "àâæçéèêëîïôœùûüÿ ÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ",
]

_SUBJECTS = [
    "The minister",
    "The ambassador",
    "The delegation",
    "The government",
    "Kazakhstan",
    "France",
    "The press service",
    "The agency",
    "The national company",
    "The committee",
    "Our correspondent",
    "The president",
    "The French side",
    "The Kazakh side",
    "The partners",
    "The space center",
    "The defense ministry",
    "Experts",
    "The forum",
    "Engineers",
]
_VERBS = [
    "met",
    "discussed",
    "signed",
    "announced",
    "visited",
    "reported on",
    "expressed hope for",
    "highlighted",
    "invited partners to",
    "supported",
    "presented",
    "reviewed",
    "planned",
    "completed",
    "launched",
    "welcomed",
    "approved",
    "tested",
]
_OBJECTS = [
    "the agreement",
    "space cooperation",
    "a new satellite",
    "the trade forum",
    "defense projects",
    "cyber security",
    "the exhibition",
    "joint research",
    "the assembly complex",
    "remote sensing data",
    "military equipment",
    "investment plans",
    "the weapons systems",
    "technology transfer",
    "the satellite launch",
    "industrial partnerships",
]
_PLACES = [
    "in Astana",
    "in Paris",
    "in Almaty",
    "in Moscow",
    "in Shymkent",
    "at the forum",
    "in Karaganda",
    "at the embassy",
    "in Baikonur",
    "in Toulouse",
    "in Aktobe",
    "abroad",
]
_TIMES = [
    "on Monday",
    "on Tuesday",
    "on Wednesday",
    "on Thursday",
    "on Friday",
    "last week",
    "yesterday",
    "in May 2018",
    "on 11 September 2017",
    "this year",
    "in 2009",
    "in December",
]


def build_corpus(seed_text: str) -> list[str]:
    """The tokenizer's training text: the seed article, generated English, kk/ru/fr text."""
    lines = [line.strip() for line in seed_text.splitlines() if line.strip()]
    for i in range(3000):
        subject = _SUBJECTS[i % len(_SUBJECTS)]
        verb = _VERBS[(i * 7) % len(_VERBS)]
        obj = _OBJECTS[(i * 5 + i // 16) % len(_OBJECTS)]
        place = _PLACES[(i * 11 + i // 7) % len(_PLACES)]
        when = _TIMES[(i * 13 + i // 3) % len(_TIMES)]
        number = (i * 7919) % 10000
        lines.append(f"{subject} {verb} {obj} {place} {when}, with {number} participants.")
        if i % 10 == 0:
            lines.append(f"KazEOSat-{i % 9 + 1} sent {number / 100:.2f} GB (${i % 97} million).")
    for text in (_RUSSIAN, _KAZAKH, _FRENCH):
        lines.extend(text.splitlines() * 5)
    lines.extend(_ALPHABETS * 3)
    return lines


def train_sentencepiece(corpus: Sequence[str], vocab_size: int = VOCAB_SIZE) -> bytes:
    """Train a unigram SentencePiece model in memory; returns the serialized model."""
    import sentencepiece

    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus),
        model_writer=model,
        model_type="unigram",
        vocab_size=vocab_size,
        character_coverage=1.0,
        byte_fallback=True,
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,  # keep double spaces, leading and trailing ones
        num_threads=1,  # one thread: the same model every time
        minloglevel=2,
    )
    return model.getvalue()


def probe_texts(seed_text: str) -> list[str]:
    """Texts every copy package must return exactly: seed paragraphs plus awkward strings."""
    paragraphs = [p for p in re.split(r"\n\s*\n", seed_text) if p.strip()]
    return [
        *paragraphs,
        "Бейбіт Атамқұлов, Казинформ, Қазақстан.",
        "Министр обороны встретился с послом Франции.",
        "Le ministre a rencontré l'ambassadeur à Astana, où il a été reçu.",
        "KADEX-2018 opens on 22.05.2018 at 10:00; tickets cost $1,500 (≈ €1 280).",
        "Two  spaces,   three, a\ttab and a\nnewline.",
        " leading and trailing spaces ",
        "snake_case_name __dunder__ _",
        "⟦T1⟧ met ⟦T2⟧ in [[1]], XT1X and ZZT1ZZ said.",
        "emoji 🚀 and CJK 宇宙 via bytes",
        "",
    ]


# --- weights -----------------------------------------------------------------


def _balanced_codes(count: int, dims: int, salt: str) -> Array:
    """``count`` rows of ±1, half of each row +1, from SHAKE-256 (stable across numpy versions)."""
    codes = -np.ones((count, dims), dtype=np.float32)
    for i in range(count):
        keys = np.frombuffer(hashlib.shake_256(f"{salt}:{i}".encode()).digest(4 * dims), "<u4")
        codes[i, np.argsort(keys, kind="stable")[: dims // 2]] = 1.0
    return codes


def _max_cosine(codes: Array) -> float:
    """The largest cosine between two different rows (in blocks: 32k rows make a 4 GB Gram)."""
    best = -1.0
    for start in range(0, len(codes), 1024):
        gram = codes[start : start + 1024] @ codes.T
        np.fill_diagonal(gram[:, start:], -codes.shape[1])
        best = max(best, float(gram.max()) / codes.shape[1])
    return best


def _random_codes(rng: np.random.Generator, count: int, dims: int) -> Array:
    keys = rng.random((count, dims))
    codes = -np.ones((count, dims), dtype=np.float32)
    np.put_along_axis(codes, np.argsort(keys, axis=1)[:, : dims // 2], 1.0, axis=1)
    return codes


class _Weights:
    """Random weights at a given gain; all zeros when the gain is 0 (the copy model)."""

    def __init__(self, seed: int | None, noise: float) -> None:
        self.rng = np.random.default_rng(seed)
        self.noise = noise

    def linear(self, out_dims: int, in_dims: int, gain: float = 1.0) -> Array:
        """A weight matrix whose output has about ``gain * noise`` times its input's size."""
        if self.noise == 0.0:
            return np.zeros((out_dims, in_dims), dtype=np.float32)
        weight = self.rng.standard_normal((out_dims, in_dims), dtype=np.float32)
        weight *= np.float32(gain / math.sqrt(in_dims))
        return weight

    def embeddings(self, rows: int, dims: int) -> Array:
        if self.noise == 0.0:
            return np.zeros((rows, dims), dtype=np.float32)
        return self.rng.standard_normal((rows, dims), dtype=np.float32) * np.float32(self.noise)


def _set_linear(spec: Any, weight: Array) -> None:
    spec.weight = weight
    spec.bias = np.zeros(weight.shape[0], dtype=np.float32)


def _set_layer_norm(spec: Any, gamma: Array) -> None:
    spec.gamma = gamma
    spec.beta = np.zeros_like(gamma)


def _set_random_layer(layer: Any, weights: _Weights, d_model: int, ffn: int) -> None:
    """Self-attention and FFN whose outputs are ``noise``-sized (zero for the copy model)."""
    ones = np.ones(d_model, dtype=np.float32)
    _set_layer_norm(layer.self_attention.layer_norm, ones)
    _set_linear(layer.self_attention.linear[0], weights.linear(3 * d_model, d_model))
    _set_linear(layer.self_attention.linear[1], weights.linear(d_model, d_model, weights.noise))
    _set_layer_norm(layer.ffn.layer_norm, ones)
    _set_linear(layer.ffn.linear_0, weights.linear(ffn, d_model))
    _set_linear(layer.ffn.linear_1, weights.linear(d_model, ffn, 2 * weights.noise))


def copy_transformer_spec(
    vocabulary: Sequence[str],
    *,
    layers: int = 1,
    d_model: int = 128,
    ffn: int = 8,
    heads: int = 2,
    noise: float = 0.0,
    length_ratio: float = 1.0,
    seed: int | None = None,
    remap: dict[int, int] | None = None,
    repeat: tuple[int, int] | None = None,
) -> Any:
    """A ``ctranslate2.specs.TransformerSpec`` that copies its source (see the module doc).

    With ``noise`` 0 it is the exact copy model; otherwise every other weight is
    random at that gain. ``length_ratio`` > 1 makes decoding step *t* read source
    position ``floor(t / length_ratio)``, repeating tokens to lengthen the output.
    Faults (see :data:`FAULTS`): ``remap`` {piece id: other id} gives the encoder's
    embedding of a piece the other's code, so the copy writes the other piece (a piece
    mapped to ``</s>`` ends the output there); ``repeat`` (position, copies) makes the
    decoder read that source position that many extra times.
    """
    from ctranslate2.specs import transformer_spec

    head_dims = d_model // heads
    if heads < 2 or head_dims * heads != d_model:
        raise ValueError(f"need at least 2 heads dividing d_model={d_model}, got {heads}")
    tok = slice(0, head_dims)  # the token code's dimensions
    pos = slice(head_dims, 2 * head_dims)  # the position code's dimensions
    vocab_size = len(vocabulary)
    weights = _Weights(seed, noise)

    if noise == 0.0:
        token_codes = _balanced_codes(vocab_size, head_dims, "token")
        position_codes = _balanced_codes(MAX_POSITIONS, head_dims, "position")
    else:
        token_codes = _random_codes(weights.rng, vocab_size, head_dims)
        position_codes = _random_codes(weights.rng, MAX_POSITIONS, head_dims)
    token_cos, position_cos = _max_cosine(token_codes), _max_cosine(position_codes)
    if max(token_cos, position_cos) > 0.85:
        raise ValueError(f"codes too close (token {token_cos:.2f}, position {position_cos:.2f})")

    # Embeddings are scaled by sqrt(d_model) at run time; 1/sqrt(d_model) makes entries ±1,
    # the size of the position codes, so layer norm scales both halves alike.
    embed_scale = 1.0 / math.sqrt(d_model)
    embeddings = weights.embeddings(vocab_size, d_model) * np.float32(embed_scale)
    embeddings[:, tok] = token_codes * np.float32(embed_scale)
    embeddings[:, pos] = 0.0
    encoder_embeddings = embeddings.copy()
    for piece, other in (remap or {}).items():
        encoder_embeddings[piece] = embeddings[other]
    source_positions = np.zeros((MAX_POSITIONS, d_model), dtype=np.float32)
    source_positions[:, pos] = position_codes
    steps = math.ceil(MAX_POSITIONS * length_ratio) + 1
    read = np.minimum(np.floor(np.arange(steps) / length_ratio).astype(int), MAX_POSITIONS - 1)
    if repeat is not None:
        at, copies = repeat
        read = np.concatenate([read[: at + 1], np.full(copies, at), read[at + 1 : steps - copies]])
    target_positions = np.zeros((steps, d_model), dtype=np.float32)
    target_positions[:, pos] = position_codes[read]

    # Layer norm maps a stream of 2*head_dims ±1 entries (the rest ~0) to entries of this size.
    encoder_gain = math.sqrt(d_model / (2 * head_dims))
    decoder_gain = math.sqrt(d_model / head_dims)  # the decoder stream holds the position only
    query_scale = _MARGIN / (
        (1.0 - position_cos) * encoder_gain * decoder_gain * head_dims / math.sqrt(head_dims)
    )
    logit_scale = _MARGIN / ((1.0 - token_cos) * embed_scale * encoder_gain * head_dims)

    spec = transformer_spec.TransformerSpec.from_config((layers, layers), heads, pre_norm=True)
    spec.config.add_source_eos = True  # </s> at the source's end is what ends the copy
    ones = np.ones(d_model, dtype=np.float32)

    encoder = spec.encoder
    encoder.embeddings[0].weight = encoder_embeddings
    encoder.position_encodings.encodings = source_positions
    _set_layer_norm(encoder.layer_norm, ones)
    for layer in encoder.layer:
        _set_random_layer(layer, weights, d_model, ffn)

    decoder = spec.decoder
    decoder.embeddings.weight = weights.embeddings(vocab_size, d_model) * np.float32(embed_scale)
    decoder.position_encodings.encodings = target_positions
    final_gamma = ones.copy()
    final_gamma[tok] = logit_scale
    _set_layer_norm(decoder.layer_norm, final_gamma)
    _set_linear(decoder.projection, embeddings)  # tied, as in Argos' OpenNMT models
    for index, layer in enumerate(decoder.layer):
        _set_random_layer(layer, weights, d_model, ffn)
        attention = layer.attention
        _set_layer_norm(attention.layer_norm, ones)
        query = weights.linear(d_model, d_model)
        keys_values = weights.linear(2 * d_model, d_model)
        output = weights.linear(d_model, d_model, weights.noise)
        if index == 0:  # head 0 of the first layer is the copy circuit
            eye = np.eye(head_dims, dtype=np.float32)
            query[tok, :] = 0.0
            query[tok, pos] = eye * np.float32(query_scale)
            keys_values[tok, :] = 0.0
            keys_values[tok, pos] = eye  # keys: the source position
            keys_values[d_model : d_model + head_dims, :] = 0.0
            keys_values[d_model : d_model + head_dims, tok] = eye  # values: the token
            output[:, tok] = 0.0
            output[tok, tok] = eye / np.float32(encoder_gain)
        _set_linear(attention.linear[0], query)
        _set_linear(attention.linear[1], keys_values)
        _set_linear(attention.linear[2], output)

    spec.register_source_vocabulary(list(vocabulary))
    spec.register_target_vocabulary(list(vocabulary))
    return spec


def _save_model(spec: Any, model_dir: Path, quantization: str) -> None:
    spec.validate()
    spec.optimize(quantization=quantization)
    model_dir.mkdir(parents=True)
    spec.save(str(model_dir))


# --- checking ----------------------------------------------------------------


def check_copy_model(
    model_dir: Path,
    sentencepiece_model: Path,
    texts: Sequence[str],
    *,
    beam_size: int = 1,
    compute_type: str = "default",
) -> list[str]:
    """Run ``texts`` through the model; returns those that did not come back exactly."""
    import ctranslate2
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(sentencepiece_model))
    translator = ctranslate2.Translator(str(model_dir), compute_type=compute_type)
    tokens = [sp.encode(text, out_type=str) for text in texts]
    longest = max((len(t) for t in tokens), default=0)
    results = translator.translate_batch(
        tokens, beam_size=beam_size, max_decoding_length=max(256, longest + 1)
    )
    return [
        text
        for text, result in zip(texts, results, strict=True)
        if sp.decode(result.hypotheses[0]) != text
    ]


# --- packages ----------------------------------------------------------------


def _metadata(from_code: str, to_code: str, version: str, kind: str) -> bytes:
    metadata = {
        "package_version": version,
        "argos_version": ARGOS_VERSION,
        "from_code": from_code,
        "from_name": language_name(from_code, "en"),
        "to_code": to_code,
        "to_name": language_name(to_code, "en"),
        "type": "translate",
        "links": [],
        "polyglot": {"kind": kind, "builder": BUILDER},
    }
    return (json.dumps(metadata, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _build_package(
    out: Path,
    name: str,
    spec: Any,
    sp_model: bytes,
    metadata: bytes,
    readme: str,
    quantization: str,
    probes: Sequence[str] | None,
) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        model_dir = Path(tmp, "model")
        _save_model(spec, model_dir, quantization)
        sp_path = Path(tmp, "sentencepiece.model")
        sp_path.write_bytes(sp_model)
        if probes is not None:
            failed = check_copy_model(model_dir, sp_path, probes)
            if failed:
                raise RuntimeError(f"the built model does not copy {len(failed)} texts: {failed}")
        files = {f"model/{p.name}": p.read_bytes() for p in sorted(model_dir.iterdir())}
        files["sentencepiece.model"] = sp_model
        files["metadata.json"] = metadata
        files["README.md"] = readme.encode("utf-8")
    path = out / f"{name}.argosmodel"
    write_package_zip(path, name, files)
    return path


_COPY_README = """\
# {from_name} → {to_name} copy model (polyglot test package)

This is **not a translator**. It is a real CTranslate2 transformer with a real
SentencePiece tokenizer whose weights were set by hand so that the output is the
input: polyglot's tests use it to run the real package, tokenizer and inference
path offline. Built by `{builder}`; see that file's docstring for how it works
and exactly which inputs round-trip.

No sentence-boundary data is included: polyglot segments text itself.
"""


def build_copy_package(out: Path, from_code: str, to_code: str, *, version: str = "1.0") -> Path:
    """Build ``translate-<from>_<to>-copy-<version>.argosmodel`` in ``out``; returns its path.

    The package is checked before it is written: every :func:`probe_texts` text
    must come back exactly (RuntimeError otherwise).
    """
    seed_text = SEED_ARTICLE.read_text(encoding="utf-8")
    sp_model = train_sentencepiece(build_corpus(seed_text))
    spec = copy_transformer_spec(_pieces(sp_model))
    readme = _COPY_README.format(
        from_name=language_name(from_code, "en"),
        to_name=language_name(to_code, "en"),
        builder=BUILDER,
    )
    return _build_package(
        Path(out),
        f"translate-{from_code}_{to_code}-copy-{version}",
        spec,
        sp_model,
        _metadata(from_code, to_code, version, "copy-test-model"),
        readme,
        "int8",
        probe_texts(seed_text),
    )


#: The faulty copy models, each failing as machine translation is known to fail, so that
#: the QA checks can be tested through the real engine.  Deterministic like the copy model.
FAULTS = {
    "digits": "every digit piece is written with other digits (2017 -> 3128 or 3)",
    "comma": "the output stops at the first comma",
    "repeat": "the 4th source token is written 4 extra times (a decoder loop)",
    "script": "Latin letters come out as Cyrillic: Russian-only letters for kk and fr, "
    "Kazakh letters where there are some for ru (the wrong script or language)",
}
REPEAT_AT = 3  # the 0-based source position the repeat fault loops on
REPEAT_COPIES = 4

_SHIFT_DIGITS = str.maketrans("0123456789", "1234567890")
_RUSSIAN_LETTERS = dict(
    zip("abcdefghijklmnopqrstuvwxyz", "абцдефгхийклмнопкрстуввкыз", strict=True)
)
_KAZAKH_LETTERS = {**_RUSSIAN_LETTERS, "a": "ә", "g": "ғ", "k": "қ", "n": "ң", "o": "ө",
                   "u": "ұ", "y": "ү", "h": "һ", "i": "і"}  # fmt: skip


def _fault_remap(pieces: Sequence[str], fault: str, to_code: str) -> dict[int, int]:
    """{piece id: id of the piece the encoder sees instead} for ``fault``."""
    ids = {piece: index for index, piece in enumerate(pieces)}
    ordinary = [
        (index, piece)
        for index, piece in enumerate(pieces)
        if not (piece.startswith("<") and piece.endswith(">"))
    ]
    remap: dict[int, int] = {}
    if fault == "comma":
        remap = {index: ids["</s>"] for index, piece in ordinary if "," in piece}
    elif fault == "digits":
        for index, piece in ordinary:
            if not any(char.isdigit() for char in piece):
                continue
            shifted = piece.translate(_SHIFT_DIGITS)
            first = next(char for char in piece if char.isdigit()).translate(_SHIFT_DIGITS)
            for candidate in (shifted, "▁" + first if piece.startswith("▁") else first, first):
                if candidate in ids:
                    remap[index] = ids[candidate]
                    break
    elif fault == "script":
        kazakh = to_code == "ru"  # Russian gets Kazakh, the others Russian-looking text
        letters = _KAZAKH_LETTERS if kazakh else _RUSSIAN_LETTERS

        def fits(piece: str) -> bool:
            cyrillic = [char for char in piece if char.isalpha()]
            has_kazakh = any(char.lower() in "әғқңөұүһі" for char in cyrillic)
            return bool(cyrillic) and all("а" <= c.lower() <= "я" or c.lower() in "ёәғқңөұүһі"
                                          for c in cyrillic) and has_kazakh == kazakh  # fmt: skip

        # Pieces to fall back on, word starts (▁) apart, so that words stay words.
        pools = {
            start: [i for i, p in ordinary if fits(p) and p.startswith("▁") == start]
            for start in (True, False)
        }
        for index, piece in ordinary:
            if not any(char.isascii() and char.isalpha() for char in piece):
                continue
            text = "".join(letters.get(char.lower(), char) for char in piece)
            if text in ids and fits(text):
                remap[index] = ids[text]
            else:
                pool = pools[piece.startswith("▁")]
                remap[index] = pool[index % len(pool)]
    elif fault != "repeat":
        raise ValueError(f"unknown fault {fault!r}: choose one of {', '.join(FAULTS)}")
    return remap


def build_faulty_package(
    out: Path, from_code: str, to_code: str, fault: str, *, version: str = "1.0"
) -> Path:
    """Build ``translate-<from>_<to>-<fault>-<version>.argosmodel``: the copy model with
    one of the :data:`FAULTS` wired into its weights (not checked against the probes)."""
    seed_text = SEED_ARTICLE.read_text(encoding="utf-8")
    sp_model = train_sentencepiece(build_corpus(seed_text))
    pieces = _pieces(sp_model)
    spec = copy_transformer_spec(
        pieces,
        remap=_fault_remap(pieces, fault, to_code),
        repeat=(REPEAT_AT, REPEAT_COPIES) if fault == "repeat" else None,
    )
    readme = (
        f"# {from_code} → {to_code} faulty copy model: {fault} (polyglot test package)\n\n"
        f"Not a translator: the copy model of `{BUILDER}` with a fault wired in on purpose "
        f"({FAULTS[fault]}), to test polyglot's QA checks through the real engine.\n"
    )
    return _build_package(
        Path(out),
        f"translate-{from_code}_{to_code}-{fault}-{version}",
        spec,
        sp_model,
        _metadata(from_code, to_code, version, f"faulty-copy-test-model-{fault}"),
        readme,
        "int8",
        None,
    )


def build_random_package(
    out: Path,
    from_code: str,
    to_code: str,
    *,
    layers: int = 6,
    d_model: int = 512,
    ffn: int = 2048,
    heads: int = 8,
    vocab: int = 32000,
    seed: int = 20170911,
    noise: float = 0.02,
    length_ratio: float = 1.2,
    quantization: str = "int8",
    version: str = "1.0",
) -> Path:
    """Build ``translate-<from>_<to>-random-<version>.argosmodel``: random weights, for benchmarks.

    Output is about ``length_ratio`` times the input's length (see the module doc).
    """
    seed_text = SEED_ARTICLE.read_text(encoding="utf-8")
    sp_model = train_sentencepiece(build_corpus(seed_text))
    pieces = _pieces(sp_model)
    if vocab < len(pieces):
        raise ValueError(f"vocab must be at least the tokenizer's {len(pieces)} pieces")
    pieces += [f"<polyglot-pad-{i:05d}>" for i in range(vocab - len(pieces))]
    spec = copy_transformer_spec(
        pieces,
        layers=layers,
        d_model=d_model,
        ffn=ffn,
        heads=heads,
        noise=noise,
        length_ratio=length_ratio,
        seed=seed,
    )
    readme = (
        f"# {from_code} → {to_code} random benchmark model (polyglot)\n\n"
        f"Random weights ({layers}+{layers} layers, d_model {d_model}, {heads} heads, "
        f"FFN {ffn}, vocabulary {vocab}, seed {seed}) around a copy circuit: output is "
        f"about {length_ratio}× the input, and meaningless. Built by `{BUILDER}`.\n"
    )
    return _build_package(
        Path(out),
        f"translate-{from_code}_{to_code}-random-{version}",
        spec,
        sp_model,
        _metadata(from_code, to_code, version, "random-benchmark-model"),
        readme,
        quantization,
        None,
    )


def _pieces(sp_model: bytes) -> list[str]:
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_proto=sp_model)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def install_packages(paths: Sequence[Path], packages_dir: Path) -> list[Path]:
    """Validate and install packages into ``packages_dir`` with polyglot; returns their folders."""
    from polyglot.models.install import install_package_file

    return [install_package_file(Path(path), Path(packages_dir)).path for path in paths]


# --- command line --------------------------------------------------------------


def _parse_pairs(text: str) -> list[tuple[str, str]]:
    pairs = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        match = re.fullmatch(r"([a-z]{2,3})-([a-z]{2,3})", item)
        if match is None:
            raise argparse.ArgumentTypeError(f"{item!r} is not a pair such as en-kk")
        pairs.append((match.group(1), match.group(2)))
    if not pairs:
        raise argparse.ArgumentTypeError("no pair given")
    return pairs


def main(argv: Sequence[str] | None = None) -> int:
    """Build (and with --install, install) the copy packages; prints what it wrote."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write packages")
    parser.add_argument(
        "--pairs",
        type=_parse_pairs,
        default=",".join(DEFAULT_PAIRS),  # argparse parses string defaults too
        help="comma-separated language pairs (default: %(default)s)",
    )
    parser.add_argument(
        "--install",
        action="store_true",
        help="install the packages (into --models-dir, else $ARGOS_PACKAGES_DIR, else Argos')",
    )
    parser.add_argument("--models-dir", type=Path, help="packages folder for --install")
    parser.add_argument(
        "--fault",
        choices=sorted(FAULTS),
        help="build faulty copy models instead (see FAULTS), to test the QA checks",
    )
    args = parser.parse_args(argv)

    from polyglot.models.installed import packages_dir

    started = time.perf_counter()
    if args.fault:
        paths = [
            build_faulty_package(args.out, source, target, args.fault)
            for source, target in args.pairs
        ]
    else:
        paths = [build_copy_package(args.out, source, target) for source, target in args.pairs]
    for path in paths:
        print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)")
    print(f"built {len(paths)} packages in {time.perf_counter() - started:.1f} s")
    if args.install:
        target_dir = packages_dir(args.models_dir)
        for folder in install_packages(paths, target_dir):
            print(f"installed {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
