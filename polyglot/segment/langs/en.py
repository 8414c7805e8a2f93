"""English: wire-service copy first (AP and Reuters style abbreviations)."""

from __future__ import annotations

from polyglot.segment.learned import learned
from polyglot.segment.rules import LanguageRules, words

LEARNED = learned("en")

# Titles before a name, and abbreviations that never close a sentence.
NEVER = words(
    """
    Mr Mrs Ms Mx Messrs Mmes Dr Drs Prof Profs Rev Revd Fr Msgr Hon Rt
    Sen Sens Rep Reps Gov Govs Pres Amb Atty Supt Insp Det Sec Secs Treas Dir
    Gen Lt Col Maj Capt Cmdr Cdr Adm Brig Sgt Cpl Pvt Pfc Spc Ens Lieut Cmdt Comdr Gens
    e.g i.e cf vs v viz P.S P.P.S PS Ph
    """
)

# Not a sentence end before a number: "No. 5", "p. 55", "Art. 12".
NUMERIC = words(
    """
    No Nos Nr N° № Art Arts Vol Vols p pp para paras Para Fig Figs fig figs
    Ch ch Chap chap Sect sect Tel tel Ext ext Apt Ste Rm Bldg Rte Hwy Flt Pt Pts div
    """
)

# Currencies written as an abbreviation before the amount: "Rs. 500", "Dhs. 20".
CURRENCIES = words("Rs Re Rp Dhs Shs Kshs Tk")

# Lowercase forms that are an abbreviation only before a number: "item no. 7".
NUMBER_WORDS = words("no nos nr")

# Abbreviations that may also end a sentence: they do only before a sentence starter.
CONDITIONAL = words(
    """
    Inc Ltd Co Cos Corp Bros Pty Plc plc LLC Assn Dept Depts Univ Inst Govt Natl Intl
    Jr Sr St Ste Mt Ft Ave Blvd Rd Sq Pl Pk Ln Terr
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn
    Miss Mo Mont Neb Nebr Nev Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wyo Dak
    etc approx est al ca cca Ph.D Ed.D M.Sc B.Sc Esq Bros
    min max hr hrs yr yrs mo mos wk wks sec oz lb lbs ft in mi km kg
    dept govt intl natl univ corp ltd inc co
    incl excl misc assoc ibid tbsp mins secs hrs mths qtrs
    """
)
# (Lower-case forms that are also frequent words (data/learned.json, table words) must be
# listed: rule word-before-lowercase takes those before a lower-case word for a word that
# ends a sentence.)

# Abbreviations that end a sentence before any capitalised word: they close a list.
FINAL = words("etc")

# Words that start sentences; after an abbreviation they mean the sentence ended.
STARTERS = words(
    """
    A An The This That These Those There Here It Its He She They We I You His Her Their
    Our My Your Him Them Us
    But And Or So Yet Nor For However Meanwhile Moreover Furthermore Also Still Then
    Therefore Consequently Nevertheless Nonetheless Accordingly Additionally Similarly
    Likewise Finally Indeed
    Now Today Yesterday Tomorrow Last Next Earlier Later Instead Otherwise Thus Hence
    After Before When While If As Although Though Because Since Until Unless Once
    During Despite According In On At By From With Without Under Over Among Between
    Some Many Most Several All Both Each Every Few No None Nothing Not Other Another
    Such One Two Three Four Five Six Seven Eight Nine Ten
    What Who Whom Whose Why How Where Which Whatever Whoever
    Is Are Was Were Will Would Can Could Should Shall May Might Must Do Does Did
    Has Have Had Let Please Yes Meanwhile Still
    Police Officials Authorities Sales Shares Prices Stocks Analysts Investors Experts
    Critics Residents Witnesses Protesters Troops Soldiers Rescuers Doctors Workers
    Voters Lawmakers Leaders Talks Negotiators Prosecutors Investigators Scientists
    Researchers Officers Firefighters Staff Students Teachers Parents Children People
    """
)

# Lower-case sentence starts in informal text (e-mail, forums, reviews).
LOWER_STARTERS = words(
    """
    i i'm i've i'd i'll im ive it it's its they they're we we're you you're he he's she
    she's this these those there there's my our your his their what why how where who
    when which whatever also maybe plus thanks please anyway
    """
)

TIMES = frozenset({"a.m", "p.m", "A.M", "P.M"})
# Words that continue a sentence after a time: days, months, time zones.
TIME_FOLLOWERS = words(
    """
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur
    Thurs Fri Sat Sun January February March April May June July August September
    October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    ET EST EDT CT CST CDT MT MST MDT PT PST PDT AKST HST GMT BST UTC CET CEST EET EEST
    MSK IST JST AEST Eastern Central Pacific Mountain Atlantic Greenwich Local
    """
)
# Endings of inflected words (rule word-before-lowercase): -s includes -es, -ed -ied.
INFLECTIONS = words("s ed ing ly")
TIME_OPENERS = words("At By Around About Before After Until From Since")
# Verbs that attribute a quotation to its speaker ('"Is it far?" Anna asked.').
SPEECH_VERBS = words(
    """
    say says said ask asks asked tell tells told reply replies replied answer answers
    answered add adds added cry cries cried shout shouts shouted call calls called
    whisper whispers whispered mutter mutters muttered murmur murmurs murmured yell yells
    yelled scream screams screamed howl howls howled exclaim exclaims exclaimed
    thought wonder wonders wondered begin begins began start starts started
    continue continues continued explain explains explained insist insists insisted
    laugh laughs laughed sigh sighs sighed repeat repeats repeated admit admits admitted
    agree agrees agreed snap snaps snapped warn warns warned declare declares declared
    announce announces announced demand demands demanded protest protests protested
    respond responds responded remark remarks remarked recall recalls recalled
    write writes wrote note notes noted joke jokes joked argue argues argued
    """
)
SPEECH_SUBJECTS = words("I you he she we they")
SPEECH_OBJECTS = words("me you him her us them")

RULES = LanguageRules(
    lang="en",
    name="English",
    never=NEVER,
    numeric=NUMERIC | CURRENCIES,
    conditional=CONDITIONAL | LEARNED.abbreviations,
    final=FINAL,
    starters=STARTERS,
    lower_starters=LOWER_STARTERS,
    number_words=NUMBER_WORDS,
    times=TIMES,
    time_followers=TIME_FOLLOWERS,
    time_openers=TIME_OPENERS,
    lower_after_word=True,
    question_lower=True,
    plain_words=LEARNED.short_words | LEARNED.words,
    inflections=INFLECTIONS,
    vowels="aeiouy",
    continuers=LEARNED.continuers,
    speech_verbs=SPEECH_VERBS,
    speech_subjects=SPEECH_SUBJECTS,
    speech_objects=SPEECH_OBJECTS,
)
