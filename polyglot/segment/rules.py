"""Language rules: the data a segmenter is built from.

A :class:`LanguageRules` holds word lists only; the engine
(:mod:`polyglot.segment.engine`) and the SRX export (:mod:`polyglot.segment.srx`)
turn the same lists into behaviour, so adding a language means adding a module
under :mod:`polyglot.segment.langs` with one ``RULES`` object.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The shortest word rule word-before-lowercase takes as inflected (``inflections``).
INFLECTED_MIN = 6


def words(block: str) -> frozenset[str]:
    """The whitespace-separated words of ``block`` (for writing lists as text)."""
    return frozenset(block.split())


def case_variants(forms: frozenset[str]) -> frozenset[str]:
    """Each form as written, with its first letter capitalised, and in capitals.

    ``etc`` also matches ``Etc`` and ``ETC``; ``No`` matches ``NO`` but not
    ``no``, so lists say which lowercase forms are abbreviations.
    """
    out: set[str] = set()
    for form in forms:
        out.update((form, form[:1].upper() + form[1:], form.upper()))
    return frozenset(out)


@dataclass(frozen=True)
class LanguageRules:
    """Abbreviations and sentence starters of one language (forms without the final period).

    ``never``: never end a sentence (titles before a name, *e.g.*, *i.e.*).
    ``numeric``: do not end a sentence before a number (*No. 5*, *p. 55*); otherwise
    they behave like ``conditional``.
    ``conditional``: end a sentence only when the next word is one of ``starters``
    (*Apple Inc. The company...* but *Apple Inc. Chief Executive...*). Initials
    (*J.*, *U.S.*, *a.m.*) behave the same way.
    ``final``: abbreviations that end a sentence before any capitalised word (*etc.*:
    it closes a list and rarely stands before a name); before other words they behave
    like ``conditional``.
    ``starters``: words that begin sentences and rarely follow an abbreviation inside one.
    ``lower_starters``: words that, written in lower case, still begin a sentence after
    a full stop, question or exclamation mark (informal text: *call me. i am out*); not
    after an abbreviation, an ellipsis or a closing quote.
    ``number_words``: forms, exactly as written, that do not end a sentence before a
    number but are ordinary words otherwise (*item no. 7*, but *he said no.*).
    ``times``, ``time_followers``, ``time_openers``: a time (*6 p.m.*) followed by a
    capitalised word ends the sentence (*at 6 p.m. Police said*), unless the word
    continues the time (a day, a month, a time zone: *6 p.m. Friday*, *6 p.m. EST*) or
    the time opened the sentence (*At 5 a.m. Mr. Smith left.*).
    ``lower_after_word``: a full stop after one of ``plain_words`` (lower-case words
    known to be ordinary words), not an abbreviation, ends a sentence even before a
    lower-case word (informal text: *going out tonight. jill finishes*); a form that
    is not a known word (*5th st. near*, *med. staff*, *the mgmt. team*, *the orig.
    version*) is not trusted: clipped forms are abbreviations more often than not.
    ``inflections``: endings that show a word of ``INFLECTED_MIN`` letters or more is an
    inflected ordinary word, not a clipping, when a vowel (``vowels``) comes before the
    ending (*prohibited*, *proudly*, *enthusiasts*): such a word counts as a plain word
    too.  A form without a vowel (*mgmt.*, *bldg.*, *pkgs.*) never does.
    ``joiners``: characters that join words into one token (French elision and
    compounds: *l’astronomie*, *qu’Aclasta*, *arrière-grand-mère*; a straight
    apostrophe ends a token anyway, see ``chars.OPENERS``): rule
    word-before-lowercase also takes the token when a word after one of them (the
    part before it letters and joiners only) is a plain word or a name.
    ``name_min``: a capitalised word (a capital, then small letters only) of at least
    this many letters counts as a plain word for rule word-before-lowercase (a name:
    *en France. à la maison*); 0: never.  Shorter forms (*Prof.*, *Dir.*) may be clipped.
    ``closed_stop``: a full stop right after a closing bracket or quote that follows a
    letter or digit (*(voir l'annexe). la suite*, *« l'euro ». un*) ends a sentence
    before a lower-case word: no abbreviation ends that way.
    ``question_lower``: a question or exclamation mark after such a word ends a
    sentence before a lower-case word (*where did you grow up? india?*) unless the
    word is one of ``continuers`` (*"Why?" he asked*).
    ``speech_verbs``, ``speech_subjects``, ``speech_objects``: a quotation that ends with
    final punctuation and a closing quote does not end the sentence when a speaker and one
    of ``speech_verbs`` follow and close the clause (*"Is it far?" Anna asked.*, *"Stop!" I
    said, and ...*, *"We won." Tom Hale told them.*): the speaker is one of
    ``speech_subjects`` (pronouns, also capitalised) or one or two capitalised words, before
    or after the verb; the verb may take one of ``speech_objects``; punctuation follows.
    After a question or exclamation without a quote, only a dialogue tag that starts in
    lower case continues it (*Is it far? he asked.*, *What now? thought Anna.*); a capital
    opens a new sentence (*What happened? He told them.*).
    """

    lang: str
    name: str
    never: frozenset[str] = frozenset()
    numeric: frozenset[str] = frozenset()
    conditional: frozenset[str] = frozenset()
    final: frozenset[str] = frozenset()
    starters: frozenset[str] = frozenset()
    lower_starters: frozenset[str] = frozenset()
    number_words: frozenset[str] = frozenset()
    times: frozenset[str] = frozenset()
    time_followers: frozenset[str] = frozenset()
    time_openers: frozenset[str] = frozenset()
    plain_words: frozenset[str] = frozenset()
    inflections: frozenset[str] = frozenset()
    vowels: str = ""
    lower_after_word: bool = False
    joiners: str = ""
    name_min: int = 0
    closed_stop: bool = False
    question_lower: bool = False
    continuers: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    speech_subjects: frozenset[str] = frozenset()
    speech_objects: frozenset[str] = frozenset()

    def never_forms(self) -> frozenset[str]:
        """Every spelling that :attr:`never` matches."""
        return case_variants(self.never)

    def numeric_forms(self) -> frozenset[str]:
        """Every spelling that does not end a sentence before a number (:attr:`numeric`,
        :attr:`number_words`)."""
        return (case_variants(self.numeric) | self.number_words) - self.never_forms()

    def final_forms(self) -> frozenset[str]:
        """Every spelling that :attr:`final` matches."""
        return case_variants(self.final) - self.never_forms()

    def plain_word_forms(self) -> frozenset[str]:
        """:attr:`plain_words` less the lower-case forms of the titles in :attr:`never`
        (*prof*, a frequent word as written, is *Prof.* in lower case: *my prof. said*)."""
        return self.plain_words - {form.lower() for form in self.never}

    def conditional_forms(self) -> frozenset[str]:
        """Every spelling that ends a sentence only before a starter (numeric ones included)."""
        return (case_variants(self.conditional) | case_variants(self.numeric)) - self.never_forms()
