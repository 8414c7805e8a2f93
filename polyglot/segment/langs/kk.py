"""Kazakh (Cyrillic): abbreviations of Kazakh news copy."""

from __future__ import annotations

from polyglot.segment.rules import LanguageRules, words

NEVER = words(
    """
    т.б т.с.с т.т ҚР ҚР-ның ҚР-да мыс яғни
    акад проф доц көш даң ген
    """
)

NUMERIC = words(
    """
    № б бет бап т тарм сур кесте тел
    """
)

CONDITIONAL = words(
    """
    ж жж ғ ғғ млн млрд трлн мың теңге доллар км кг мин сағ
    т.ғ.д т.ғ.к ф.ғ.д ф.ғ.к э.ғ.д э.ғ.к б.з.б б.з
    """
)

STARTERS = words(
    """
    Бұл Ол Олар Біз Мен Сен Сіз Осы Сол Мұнда Онда Бүгін Кеше Ертең
    Бірақ Және Алайда Сондай Сонымен Сондықтан Себебі Егер Кейін Бұдан Қазір
    Не Кім Қашан Қайда Неге Қалай Иә Жоқ Барлық Көптеген Бірнеше
    Президент Премьер-министр Министр Елші Үкімет Парламент Сенат Мәжіліс Тараптар
    Қатысушылар Делегация Кездесу Келіссөздер Сапар Айта Еске Сондай-ақ Жоба Компания
    """
)

RULES = LanguageRules(
    lang="kk",
    name="Kazakh",
    never=NEVER,
    numeric=NUMERIC,
    conditional=CONDITIONAL,
    starters=STARTERS,
)
