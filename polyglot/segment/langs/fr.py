"""French: titles (M., Mme), Latin and press abbreviations, sentence starters, and the
evidence for a sentence that starts in lower case (inflected words, names, elision)."""

from __future__ import annotations

from polyglot.segment.learned import learned
from polyglot.segment.rules import LanguageRules, words

LEARNED = learned("fr")

NEVER = words(
    """
    M MM Mme Mmes Mlle Mlles Me Mgr Dr Pr Vve Sté Cie Ets Mr Mrs
    p.ex c.-à-d c.à.d cf ex env vs resp
    Gal Gén Col Cdt Lt Lieut Sgt Capt
    """
)

NUMERIC = words(
    """
    n° no No nº art Art p pp vol Vol chap ch t fig éd tél Tél
    """
)

CONDITIONAL = words(
    """
    etc av apr J.-C janv févr fév avr juil sept oct nov déc
    lun mar ven sam dim bd boul St Ste prof
    """
)

STARTERS = words(
    """
    Le La Les L Un Une Des Ce Cet Cette Ces Il Elle Ils Elles On Nous Vous Je Tu
    Mais Et Ou Donc Or Ni Car Cependant Toutefois Pourtant Puis Ensuite Enfin Ainsi
    Aujourd Hier Demain Selon Dans En Au Aux Pour Par Sur Avec Sans Après Avant Lors
    Depuis Pendant Quand Si Comme Lorsque Alors Certains Plusieurs Tous Toutes Chaque
    Qui Que Quoi Pourquoi Comment Où Quel Quelle Quels Quelles Oui Non
    De Du À Cela Ceci Ça Là Voici Voilà Lui Leur Leurs Son Sa Ses Notre Nos Votre Vos
    Mon Ma Mes Aucun Aucune Tout Toute Parmi Entre Malgré Contre Vers Chez Sous Dès
    Afin Bien Même Encore Déjà Aussi Toujours Jamais Parfois Souvent Désormais
    Néanmoins Quant Qu Lorsqu Puisqu Jusqu
    """
)

#: Endings of inflected words (plurals, verb forms, suffixes): a word of six letters or
#: more with a vowel before one of them is an ordinary word, not a clipping (French
#: clippings end before a vowel: *réun.*, *suppl.*, *bibliogr.*).
INFLECTIONS = words(
    """
    e é es és er ir ez ent ant ents ants ion ions in ins ens ien iens eur eurs
    al aux eux el els ium is ais ait
    """
)

#: Verbs of saying that continue a sentence after a question or exclamation mark
#: (*Tu viens ? demanda-t-il.*).
CONTINUERS = words(
    """
    dit dis dirent demanda demande demandai répondit répond répondis ajouta ajoute
    lança lance cria crie murmura murmure fit fait reprit reprend poursuivit
    poursuit continua expliqua explique souffla souffle insista insiste conclut
    précisa précise affirma affirme déclara déclare interrogea hurla hurle
    """
)

RULES = LanguageRules(
    lang="fr",
    name="French",
    never=NEVER,
    numeric=NUMERIC,
    conditional=CONDITIONAL,
    starters=STARTERS,
    lower_after_word=True,
    plain_words=LEARNED.words,
    inflections=INFLECTIONS,
    vowels="aeiouyàâäéèêëîïôöùûüœ",
    joiners="’-",
    name_min=6,
    closed_stop=True,
    question_lower=True,
    continuers=CONTINUERS,
)
