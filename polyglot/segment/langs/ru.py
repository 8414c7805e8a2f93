"""Russian: abbreviations of Russian news copy and post-edited translations."""

from __future__ import annotations

from polyglot.segment.rules import LanguageRules, words

NEVER = words(
    """
    т.е т.к т.н т.ч т.п т.д т.о им ул пр-т просп пер пл наб ш бул
    г-н г-жа гг акад проф доц чл.-корр ген ген.-лейт ген.-майор полк подполк
    см ср напр р-н обл
    """
)

NUMERIC = words(
    """
    № ст п пп ч гл рис табл стр с т д кв корп оф тел вып разд
    """
)

CONDITIONAL = words(
    """
    г гг в вв тыс млн млрд трлн руб коп долл тенге мин сек ч кг км м см мм га
    янв фев февр мар апр авг сен сент окт ноя нояб дек
    и.о т.д т.п др пр
    """
)

STARTERS = words(
    """
    В Во На По С Со К Ко О Об Об У Из За Для При До После Перед Через Под Над
    Он Она Оно Они Мы Я Вы Ты Его Её Ее Их Это Этот Эта Эти Тот Та Те Там Здесь
    Но И А Однако Также Кроме Как Когда Если Хотя Поэтому Тем Так Такой Такие Все Всё
    Сегодня Вчера Завтра Теперь Ранее Позже Затем Кроме Между Среди Согласно По
    Что Кто Где Почему Зачем Какой Какие Сколько Не Ни Нет Да
    """
)

RULES = LanguageRules(
    lang="ru",
    name="Russian",
    never=NEVER,
    numeric=NUMERIC,
    conditional=CONDITIONAL,
    starters=STARTERS,
)
