"""French: titles (M., Mme), Latin and press abbreviations."""

from __future__ import annotations

from polyglot.segment.learned import learned
from polyglot.segment.rules import LanguageRules, words

LEARNED = learned("fr")

NEVER = words(
    """
    M MM Mme Mmes Mlle Mlles Me Mgr Dr Pr Vve Sté Cie Ets
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
    lun mar mer jeu ven sam dim bd boul St Ste min max km kg
    """
)

STARTERS = words(
    """
    Le La Les L Un Une Des Ce Cet Cette Ces Il Elle Ils Elles On Nous Vous Je Tu
    Mais Et Ou Donc Or Ni Car Cependant Toutefois Pourtant Puis Ensuite Enfin Ainsi
    Aujourd Hier Demain Selon Dans En Au Aux Pour Par Sur Avec Sans Après Avant Lors
    Depuis Pendant Quand Si Comme Lorsque Alors Certains Plusieurs Tous Toutes Chaque
    Qui Que Quoi Pourquoi Comment Où Quel Quelle Quels Quelles Oui Non
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
    question_lower=True,
)
