"""Case forms of glossary terms in Russian and Kazakh, by rule.

Translations decline names: «встретился с Жан-Батистом Лемуаном»,
«Астанада», «Қазақстанның».  Verification accepts these forms, and enforcement
uses them to put a term into the case its slot needs (an English possessive is
a genitive; a Kazakh placeholder may come back with a case suffix).

Why rules and not a library (both were tried on this article's names):
pymorphy3 (+ its 16 MB Russian dictionary) returns lower-cased forms, declines
both halves of «Жан-Батист» («жана-батиста»), takes «Даненов» for a short
adjective («даненового») and does not recognise unknown names in oblique cases
(«Лемуаном» is parsed as a nominative), so it cannot analyse what the engine
wrote either; qazaq-inflector puts a case ending on every word of a phrase
(«Бейбітке Атамқұловқа»; Kazakh marks only the last word), knows no possessive
izafet phrases («орталығыға» for «орталығына») and glues endings to digits.
Glossary terms are mostly proper names outside any dictionary, which a few
endings decline regularly.
"""

from __future__ import annotations

import re

RU_CASES = ("nom", "gen", "dat", "acc", "ins", "loc")
KK_CASES = ("nom", "gen", "dat", "acc", "loc", "abl", "ins")

_RU_ADJ = re.compile(r"(ый|ий|ой|ая|яя|ое|ее|ые|ие)$")
_RU_NOUN_NEUTER_IE = re.compile(r"(н|т|ст)ие$")
_CYR = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
_HUSHING = set("жшчщц")
_VELAR = set("гкх")


def forms(phrase: str, lang: str, kind: str = "other") -> dict[str, str]:
    """The phrase in each case of ``lang`` (``{"nom": phrase}`` for other languages)."""
    if lang == "ru":
        return ru_forms(phrase, kind)
    if lang == "kk":
        return kk_forms(phrase)
    return {"nom": phrase}


def case_of(found: str, expected: str, lang: str, kind: str = "other") -> str:
    """The case whose ending ``found`` (what the engine wrote) carries, judged by the last
    word of the forms of ``expected``; "nom" when no ending fits."""
    table = {case: form.split(" ")[-1] for case, form in forms(expected, lang, kind).items()}
    nominative = table["nom"]
    best, best_len = "nom", 0
    for case, form in table.items():
        stem = _common_prefix(form, nominative)
        ending = form[len(stem) :].lower()
        if ending and found.lower().endswith(ending) and len(ending) > best_len:
            best, best_len = case, len(ending)
    return best


def _common_prefix(a: str, b: str) -> str:
    size = 0
    while size < min(len(a), len(b)) and a[size].lower() == b[size].lower():
        size += 1
    return a[:size]


def _match_case(template: str, ending: str) -> str:
    return ending.upper() if template.isupper() and len(template) > 1 else ending


# ---------------------------------------------------------------- Russian


def ru_forms(phrase: str, kind: str = "other") -> dict[str, str]:
    """Russian case forms of a name or title phrase.

    Persons decline every word (first name and surname); other phrases decline
    their adjectives and head noun and leave what follows the head
    («Министерство оборонной …» → «Министерства оборонной …»).
    """
    words = phrase.split(" ")
    animate = kind == "person"
    table: dict[str, list[str]] = {case: [] for case in RU_CASES}
    declining = True
    for word in words:
        if not declining:
            for case in RU_CASES:
                table[case].append(word)
            continue
        word_forms = _ru_word(word, animate, person=kind == "person")
        for case in RU_CASES:
            table[case].append(word_forms[case])
        if kind != "person" and not _RU_ADJ.search(word.lower()):
            declining = False  # the head noun: its complements keep their case
    return {case: " ".join(parts) for case, parts in table.items()}


def _ru_word(word: str, animate: bool, person: bool) -> dict[str, str]:
    if "-" in word:  # Жан-Батист: only the last part declines
        head, _, tail = word.rpartition("-")
        if _CYR.search(tail) and not any(c.isdigit() for c in word):
            return {c: f"{head}-{f}" for c, f in _ru_word(tail, animate, person).items()}
        return dict.fromkeys(RU_CASES, word)
    abbreviation = word.isupper() and len(word) > 1
    if not _CYR.search(word) or any(c.isdigit() for c in word) or abbreviation:
        return dict.fromkeys(RU_CASES, word)  # Latin, codes, abbreviations: indeclinable
    endings = _ru_endings(word.lower(), animate, person)
    if endings is None:
        return dict.fromkeys(RU_CASES, word)
    cut, table = endings
    stem = word[: len(word) - cut]
    return {case: stem + _match_case(word, ending) for case, ending in table.items()}


def _ru_endings(w: str, animate: bool, person: bool) -> tuple[int, dict[str, str]] | None:
    """How many letters to cut, and the endings per case; None: indeclinable."""
    last, prev = w[-1], w[-2:-1]
    if _RU_ADJ.search(w) and not _RU_NOUN_NEUTER_IE.search(w):
        ending, prev = w[-2:], w[-3:-2]  # prev: the letter before the ending
        soft = ending in ("ий", "яя", "ее", "ие") and prev not in _VELAR
        hard_i = prev in _VELAR or prev in _HUSHING
        if ending in ("ый", "ий", "ой"):
            gen = "его" if soft or (ending == "ий" and prev in _HUSHING) else "ого"
            dat = gen[:-2] + "му"
            ins = "им" if ending == "ий" or hard_i else "ым"
            loc = gen[:-2] + "м"
            return 2, {
                "nom": ending,
                "gen": gen,
                "dat": dat,
                "acc": gen if animate else ending,
                "ins": ins,
                "loc": loc,
            }
        if ending in ("ая", "яя"):
            oblique = "ей" if soft or prev in _HUSHING else "ой"
            return 2, {
                "nom": ending,
                "gen": oblique,
                "dat": oblique,
                "acc": "юю" if ending == "яя" else "ую",
                "ins": oblique,
                "loc": oblique,
            }
        if ending in ("ое", "ее"):
            return 2, {
                "nom": ending,
                "gen": "его" if soft else "ого",
                "dat": "ему" if soft else "ому",
                "acc": ending,
                "ins": "им" if soft or hard_i else "ым",
                "loc": "ем" if soft else "ом",
            }
        plural_i = ending == "ие"
        return 2, {
            "nom": ending,
            "gen": "их" if plural_i else "ых",
            "dat": "им" if plural_i else "ым",
            "acc": ending,
            "ins": "ими" if plural_i else "ыми",
            "loc": "их" if plural_i else "ых",
        }
    if person and re.search(r"(ов|ев|ёв|ин|ын)а$", w):  # Атамкулова (a woman)
        return 1, {"nom": "а", "gen": "ой", "dat": "ой", "acc": "у", "ins": "ой", "loc": "ой"}
    if person and re.search(r"(ов|ев|ёв|ин|ын)$", w):  # Атамкулов, Даненов
        return 0, {"nom": "", "gen": "а", "dat": "у", "acc": "а", "ins": "ым", "loc": "е"}
    if w.endswith("ия"):
        return 1, {"nom": "я", "gen": "и", "dat": "и", "acc": "ю", "ins": "ей", "loc": "и"}
    if last == "а":
        gen = "и" if prev in _VELAR or prev in "жшчщ" else "ы"
        ins = "ей" if prev in _HUSHING else "ой"
        return 1, {"nom": "а", "gen": gen, "dat": "е", "acc": "у", "ins": ins, "loc": "е"}
    if last == "я":
        return 1, {"nom": "я", "gen": "и", "dat": "е", "acc": "ю", "ins": "ей", "loc": "е"}
    if _RU_NOUN_NEUTER_IE.search(w):  # управление
        return 1, {"nom": "е", "gen": "я", "dat": "ю", "acc": "е", "ins": "ем", "loc": "и"}
    if w.endswith(("ство", "тво")):
        return 1, {"nom": "о", "gen": "а", "dat": "у", "acc": "о", "ins": "ом", "loc": "е"}
    if last == "й":
        return 1, {
            "nom": "й",
            "gen": "я",
            "dat": "ю",
            "acc": "я" if animate else "й",
            "ins": "ем",
            "loc": "е",
        }
    if last == "ь":
        if person:
            return 1, {"nom": "ь", "gen": "я", "dat": "ю", "acc": "я", "ins": "ем", "loc": "е"}
        return 1, {"nom": "ь", "gen": "и", "dat": "и", "acc": "ь", "ins": "ью", "loc": "и"}
    if last in "бвгджзклмнпрстфхцчшщ":
        ins = "ем" if last in _HUSHING else "ом"
        return 0, {
            "nom": "",
            "gen": "а",
            "dat": "у",
            "acc": "а" if animate else "",
            "ins": ins,
            "loc": "е",
        }
    return None  # -о, -е, -и, -у, -ю: foreign names that do not decline (Осло, Токио)


# ---------------------------------------------------------------- Kazakh

_KK_BACK = set("аоұыяё")
_KK_FRONT = set("әөүіеэ")
_KK_VOWELS = _KK_BACK | _KK_FRONT | set("иую")
_KK_NASAL = set("мнң")
_KK_SONORANT = set("лрйуи")
_KK_VOICED = set("жз")
_KK_VOICELESS = set("кқпстфхцчшщбвгд")
# (after vowel, nasal, sonorant, voiced, voiceless), each (back, front)
_KK_SUFFIXES: dict[str, dict[str, tuple[str, str]]] = {
    "gen": {
        "vowel": ("ның", "нің"),
        "nasal": ("ның", "нің"),
        "sonorant": ("дың", "дің"),
        "voiced": ("дың", "дің"),
        "voiceless": ("тың", "тің"),
    },
    "dat": {
        "vowel": ("ға", "ге"),
        "nasal": ("ға", "ге"),
        "sonorant": ("ға", "ге"),
        "voiced": ("ға", "ге"),
        "voiceless": ("қа", "ке"),
    },
    "acc": {
        "vowel": ("ны", "ні"),
        "nasal": ("ды", "ді"),
        "sonorant": ("ды", "ді"),
        "voiced": ("ды", "ді"),
        "voiceless": ("ты", "ті"),
    },
    "loc": {
        "vowel": ("да", "де"),
        "nasal": ("да", "де"),
        "sonorant": ("да", "де"),
        "voiced": ("да", "де"),
        "voiceless": ("та", "те"),
    },
    "abl": {
        "vowel": ("дан", "ден"),
        "nasal": ("нан", "нен"),
        "sonorant": ("дан", "ден"),
        "voiced": ("дан", "ден"),
        "voiceless": ("тан", "тен"),
    },
    "ins": {
        "vowel": ("мен", "мен"),
        "nasal": ("мен", "мен"),
        "sonorant": ("мен", "мен"),
        "voiced": ("бен", "бен"),
        "voiceless": ("пен", "пен"),
    },
}
# after a 3rd-person possessive ending (орталығы, министрлігі): the pronominal -н-
_KK_AFTER_POSSESSIVE = {
    "gen": ("ның", "нің"),
    "dat": ("на", "не"),
    "acc": ("н", "н"),
    "loc": ("нда", "нде"),
    "abl": ("нан", "нен"),
    "ins": ("мен", "мен"),
}
# how the last number of a code is read out: KADEX-2018 ends in «сегіз»
_KK_NUMBERS = {
    "0": "нөл",
    "1": "бір",
    "2": "екі",
    "3": "үш",
    "4": "төрт",
    "5": "бес",
    "6": "алты",
    "7": "жеті",
    "8": "сегіз",
    "9": "тоғыз",
}
_KK_TENS = {
    "1": "он",
    "2": "жиырма",
    "3": "отыз",
    "4": "қырық",
    "5": "елу",
    "6": "алпыс",
    "7": "жетпіс",
    "8": "сексен",
    "9": "тоқсан",
}
_LATIN_SOUND = str.maketrans("aeiouybcdfghjklmnpqrstvwxz", "аеиоуыбкдфгхжклмнпкрствусз")


def kk_forms(phrase: str) -> dict[str, str]:
    """Kazakh case forms: the ending goes on the last word only («Бейбіт Атамқұловқа»),
    by vowel harmony and the last sound; izafet phrases ending in a possessive
    («Ұлттық ғарыш орталығы») take the pronominal endings («орталығына»); codes and
    Latin names take a hyphen («KADEX-2018-ге»)."""
    head, _, last = phrase.rpartition(" ")
    lead = f"{head} " if head else ""
    possessive = bool(head) and last[-1:].lower() in ("ы", "і") and _CYR.search(last) is not None
    table = {"nom": phrase}
    for case in KK_CASES[1:]:
        table[case] = lead + _kk_word(last, case, possessive)
    return table


def _kk_word(word: str, case: str, possessive: bool) -> str:
    if not word:
        return word
    latin_or_code = not _CYR.search(word) or word[-1].isdigit()
    sound = _kk_sound(word)
    back = _kk_is_back(sound)
    if possessive:
        suffix = _KK_AFTER_POSSESSIVE[case][0 if back else 1]
    else:
        suffix = _KK_SUFFIXES[case][_kk_class(sound)][0 if back else 1]
    if latin_or_code:
        return f"{word}-{suffix}"
    return word + _match_case(word, suffix)


def _kk_sound(word: str) -> str:
    """The word as it sounds, in Cyrillic: digits read out, Latin letters transliterated."""
    if word[-1].isdigit():
        digits = re.search(r"\d+$", word)
        number = digits.group() if digits else "0"
        if number[-1] != "0" or len(number) == 1:
            return _KK_NUMBERS[number[-1]]
        if len(number) >= 2 and number[-2] != "0":
            return _KK_TENS[number[-2]]
        return "жүз" if len(number) == 3 or number[-3] != "0" else "мың"
    return word.lower().translate(_LATIN_SOUND)


def _kk_is_back(word: str) -> bool:
    w = word.lower()
    for suffix in ("ов", "ев", "ёв"):  # harmony of -ов/-ев surnames follows the stem
        if w.endswith(suffix) and any(c in _KK_BACK or c in _KK_FRONT for c in w[:-2]):
            w = w[:-2]
            break
    for ch in reversed(w):
        if ch in _KK_BACK:
            return True
        if ch in _KK_FRONT:
            return False
    return True


def _kk_class(word: str) -> str:
    last = word[-1].lower()
    if last in _KK_VOWELS - _KK_SONORANT:
        return "vowel"
    if last in _KK_NASAL:
        return "nasal"
    if last in _KK_VOICED:
        return "voiced"
    if last in _KK_VOICELESS:
        return "voiceless"
    return "sonorant"


def kk_suffix_case(suffix: str) -> str | None:
    """The case a Kazakh ending written after a code («-ға», «-нің») marks, if any."""
    s = suffix.lower()
    for case, table in _KK_SUFFIXES.items():
        if any(s in pair for pair in table.values()):
            return case
    for case, pair in _KK_AFTER_POSSESSIVE.items():
        if s in pair:
            return case
    return None
