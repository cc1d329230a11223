"""The word lists the pre-annotation rules read: function words, cues and the nouns of news prose.

Each list encodes a class of words the guidelines speak of (reporting verbs, titles, unnamed sources,
organisation nouns), never the names of an article; lists that share words are built from one core.
"""

from __future__ import annotations

WEEKDAYS = frozenset({
    "friday", "monday", "saturday", "sunday", "thursday", "tuesday", "wednesday",
})

MONTHS = frozenset({
    "apr", "april", "aug", "august", "dec", "december", "feb", "february", "jan", "january", "jul",
    "july", "jun", "june", "mar", "march", "may", "nov", "november", "oct", "october", "sep",
    "sept", "september",
})

# Titles and roles that precede a name and are not part of it.
ROLE_WORDS = frozenset({
    "administrator", "admiral", "adviser", "advisor", "ambassador", "analyst", "attorney", "brigadier", "captain",
    "ceo", "chair", "constable", "corporal", "detective", "inspector", "sheriff", "superintendent",
    "chairman", "chairwoman", "chancellor", "chief", "col", "colonel", "commander", "commissioner",
    "coordinator", "correspondent", "defence", "defense", "deputy", "dictator", "diplomat",
    "director", "dr", "dr.", "editor", "emir", "envoy", "executive", "foreign", "founder", "gen", "gen.",
    "general", "gov.", "governor", "head", "judge", "justice", "king", "lawmaker", "leader",
    "lieutenant", "lt", "major", "marshal", "master", "mayor", "minister", "ministry", "mr", "mr.", "mrs",
    "mrs.", "ms", "ms.", "officer", "official", "pope", "premier", "president", "prime", "prince",
    "princess", "professor", "queen", "rep.", "reporter", "representative", "secretary", "sen.",
    "senator", "sergeant", "sgt", "sheikh", "speaker", "spokesman", "spokesperson", "spokeswoman",
    "vice",
})

# Endings of words for an office held or a trade ("Assemblywoman", "Congressman"): titles, not names.
TITLE_ENDINGS = ("man", "woman", "person", "member", "ologist", "ician", "scientist", "economist")

# Words for a place's local government: "the city of X announced" is X speaking as an organisation.
LOCAL_GOVERNMENT_WORDS = frozenset({"city", "town", "village", "county", "borough", "municipality"})

# Unnamed sources that stand at the start of a sentence: capitalised there, yet not names.
SOURCE_NOUNS = frozenset({
    "board", "coalition", "crew", "family", "group", "panel", "team",
    "activist", "analyst", "authority", "campaigner", "citizen", "critic", "doctor", "economist",
    "expert", "farmer", "insider", "investigator", "journalist", "lawyer", "local", "medic",
    "negotiator", "observer", "person", "politician", "prosecutor", "protester", "refugee",
    "rescuer", "researcher", "resident", "scientist", "soldier", "source", "student", "survivor",
    "teacher", "troop", "villager", "volunteer", "voter", "witness", "worker",
})

# Words of the names of newspapers, broadcasters and news agencies, and of what they are.
MEDIA_WORDS = frozenset({
    "broadcaster", "broadcasting", "channel", "chronicle", "courier", "daily", "gazette", "herald", "journal",
    "magazine", "media", "mirror", "news", "newspaper", "observer", "outlet", "post", "press", "publication", "radio",
    "telegraph", "television", "times", "tribune", "tv",
})

# Nouns that head the name of an organisation.
ORGANISATION_NOUNS = frozenset({
    "agency", "army", "bank", "command", "committee", "council", "court", "department", "embassy",
    "federation", "forces", "government", "guard", "institute", "ministry", "navy", "office",
    "parliament", "party", "service", "union", "university",
})

# A place name after "<X> of" belongs to an organisation's name: "the Armed Forces of Estonia".
ORGANISATION_HEADS = ORGANISATION_NOUNS | frozenset({"academy", "assembly", "fleet", "corps", "coalition",
                                                     "association", "foundation", "society"})
# Words that make a speaker's name an organisation's.
ORGANISATION_WORDS = ORGANISATION_NOUNS | frozenset({
    "administration", "alliance", "authorities", "cabinet", "center", "centre", "commission",
    "company", "corporation", "firm", "force", "fund", "group", "headquarters", "house", "kremlin",
    "military", "network", "organisation", "organization", "pentagon", "police", "prosecutors",
    "regime", "secretariat", "staff", "white", "association", "campaign", "charity", "club", "foundation",
    "league", "society",
})

# Lemmas of the verbs whose subject, when it is a capital, stands for its government ("Oslo believes").
COGNITION_VERBS = frozenset({"know", "believe", "think", "expect", "want", "hope", "fear", "plan", "agree", "decide",
                             "refuse", "reject", "urge", "accuse", "demand", "have", "own", "insist", "deny",
                             "warn", "respond", "react", "welcome", "condemn", "criticise", "criticize"})
# Lemmas of the words of movement: what moves to a capital goes to a place, not to a government.
MOTION_WORDS = frozenset({"travel", "fly", "flight", "go", "move", "return", "arrive", "come", "head", "drive", "trip",
                          "visit", "journey", "road", "route", "way", "march", "advance", "retreat", "flee",
                          "evacuate", "close", "next", "back", "train", "bus", "relocate", "deploy", "sail",
                          "transport", "airlift", "carry", "rush", "ship", "deport", "transfer", "take", "bring"})
# Generic words that follow the name of a subdivision ("Tartu region").
GENERIC_WORDS = ("region", "oblast", "province", "governorate", "prefecture", "krai", "district", "state", "county",
                 "territory", "department", "canton", "municipality")

# The generic words of geographic features.
FEATURE_WORDS = frozenset({
    "Basin", "Bay", "Canal", "Channel", "Desert", "Gulf", "Island", "Islands", "Isle", "Lake",
    "Mountains", "Ocean", "Peninsula", "Plateau", "River", "Sea", "Strait", "Straits", "Strip",
    "Valley",
})

# -- QUANTITY --------------------------------------------------------------------------------------

# Words before an amount that make it approximate or a bound (a regular expression alternation).
APPROXIMATIONS = ("up to|about|around|approximately|roughly|some|more than|over|above|nearly|almost|at least|"
                  "at most|fewer than|less than|under|as many as|as much as|an estimated|estimated|close to|"
                  "upwards of|in excess of|just over|just under|~")
FRACTION_WORDS = "halves|half|thirds|third|quarters|quarter|fifths|fifth|tenths|tenth"
# Capitalised words before a number that make it part of a name ("Flight 802", "Section 8").
NAME_BEFORE_NUMBER = frozenset({
    "flight", "route", "section", "article", "chapter", "bill", "act", "level", "tier", "phase", "stage",
    "channel", "apollo", "top", "room", "gate", "platform", "terminal", "highway", "interstate", "road",
    "line", "unit", "block", "ward", "no", "number", "page", "version", "model", "series", "type", "class",
    "grade", "division", "league", "group", "district", "zone", "sector", "mission", "episode", "season",
    "volume", "issue", "item", "clause", "paragraph", "rule", "amendment", "proposition", "measure", "case",
})
STREET_WORDS = frozenset({"street", "road", "lane", "avenue", "square", "boulevard", "drive", "way", "place",
                          "court", "terrace", "close", "crescent", "parade", "row", "hill", "walk"})
# Verbs whose bare numeric subject or object counts people ("17 were injured", "killed 5").
PEOPLE_VERBS = frozenset({"die", "kill", "injure", "hurt", "wound", "arrest", "rescue", "evacuate", "hospitalise",
                          "hospitalize", "infect", "test", "survive", "drown", "detain", "charge", "convict"})
# Verbs whose object number is a telephone number ("phoned 911"): it names a line, it counts nothing.
CALLING_VERBS = frozenset({"call", "phone", "dial", "ring", "text"})
# Words of weight: "pounds" in their sentence is the unit of mass, not the currency.
WEIGHT_WORDS = frozenset({"weigh", "weight", "heavy", "overweight", "underweight", "lose", "gain"})
SPORT_VERBS = frozenset({"beat", "win", "lose", "draw", "score", "defeat", "lead", "trail", "tie"})

# -- LOCATION --------------------------------------------------------------------------------------

# Names and abbreviations of countries in everyday English that neither ISO 3166 nor GeoNames lists.
EVERYDAY_COUNTRY_NAMES = {"US": "US", "U.S.": "US", "USA": "US", "U.S.A.": "US", "America": "US", "UK": "GB",
                          "U.K.": "GB", "Britain": "GB", "Great Britain": "GB", "UAE": "AE", "U.A.E.": "AE",
                          "DRC": "CD", "PRC": "CN", "ROK": "KR", "DPRK": "KP"}
# Words of built places: a place name right before one names the facility, not a place.
FACILITY_WORDS = frozenset({"station", "airport", "hospital", "stadium", "arena", "prison", "jail", "base", "bridge",
                            "port", "harbour", "harbor", "hotel", "school", "university", "college", "museum",
                            "cathedral", "church", "mosque", "temple", "palace", "castle", "tower", "building",
                            "centre", "center", "mall", "market", "terminal", "plant", "factory", "mine", "camp",
                            "court", "library", "theatre", "theater", "park", "zoo", "club", "house", "hall",
                            "gardens", "square", "street", "road", "avenue", "boulevard", "lane"})
# Words of direction and position that some places bear as their whole name ("North", "Central").
DIRECTION_WORDS = frozenset({"north", "south", "east", "west", "central", "northern", "southern", "eastern",
                             "western", "upper", "lower", "middle", "capital", "republic", "centre", "center"})
# Capitalised words of a state's formal name before "of" ("Republic of Ireland").
STATE_WORDS = frozenset({"Republic", "Kingdom", "State", "Commonwealth", "Federation", "Union", "Principality",
                         "Sultanate", "Emirate", "Grand Duchy", "Islamic Republic", "People's Republic"})

# -- SPEAKER and CLAIM -----------------------------------------------------------------------------

# Lemmas of the verbs that introduce a CLAIM (the guidelines' verb table, left column).
CLAIM_VERBS = frozenset({
    "say", "tell", "add", "write", "state", "report", "note", "explain", "announce", "reveal", "reply", "declare",
    "stress", "insist", "argue", "claim", "allege", "confirm", "admit", "acknowledge", "concede", "find", "show",
    "conclude", "rule", "estimate", "calculate", "indicate", "suggest", "believe", "think", "expect", "predict",
    "forecast", "fear", "suspect", "warn", "promise", "pledge", "vow", "deny", "dispute", "reject", "dismiss",
    "establish", "demonstrate", "prove", "remark", "tweet", "post", "comment", "testify", "emphasise", "emphasize",
    "maintain", "assert", "contend", "observe", "respond", "caution", "agree", "speculate", "assure", "emphasise",
    # verbs the table does not list, read as the listed verb closest in meaning (the guidelines' decision):
    "clarify", "specify", "elaborate",  # as "explain"
    "determine", "judge",  # as "find"
    "reiterate", "affirm", "inform", "notify", "confess", "retort",  # as "say", "tell", "admit", "reply"
    "hypothesise", "hypothesize", "consider",  # as "suspect", "believe"
})
# Phrasal verbs read as a listed verb: the lemma with its particle ("pointed out", as "note").
CLAIM_PHRASAL_VERBS = frozenset({("point", "out")})
# Verbs whose first object is the one addressed, not what is said ("told the agency the dam failed").
ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "notify", "remind", "brief"})
# Verbs whose clause must open with "that" to be a claim ("warned that", not "warned them to").
THAT_ONLY_VERBS = frozenset({"warn", "promise", "pledge", "vow", "caution", "assure", "tell"})
# Verbs whose noun-phrase object is a claim ("confirmed the cuts").
PROPOSITION_OBJECT_VERBS = frozenset({"confirm", "deny", "dispute", "reject", "admit", "acknowledge", "predict",
                                      "forecast"})
# Verbs whose object followed by a "to"-infinitive or "-ing" form is a claim ("expects inflation to fall").
OBJECT_CLAUSE_VERBS = frozenset({"believe", "expect", "estimate", "predict", "forecast", "consider", "report"})
DENIAL_VERBS = frozenset({"deny", "dispute", "reject", "dismiss"})
# Nouns of saying whose "that"-clause a rejecting verb rejects ("rejected claims that").
SAYING_NOUNS = frozenset({"claim", "suggestion", "allegation", "report", "accusation", "assertion", "idea",
                          "notion", "charge", "rumour", "rumor", "speculation"})
MODALS = frozenset({"will", "would", "may", "might", "could", "should", "shall", "can", "must", "'ll", "wo"})
PRONOUNS = frozenset({"he", "she", "they", "it", "its", "their", "his", "her"})
# Pronouns of quantity that stand for an unnamed group when they speak ("while some say").
GROUP_PRONOUNS = frozenset({"some", "others", "many", "most", "several"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
                        "rev", "reverend", "sen", "senator", "rep", "gov", "gen", "col", "capt", "judge", "justice",
                        "lt", "sgt", "maj", "adm", "hon", "fr", "father", "sister", "brother", "sheikh", "imam"})
SPOKESPERSON_WORDS = frozenset({"spokesperson", "spokesman", "spokeswoman", "representative", "spokespeople",
                                "spokesmen", "spokeswomen"})
DOCUMENT_WORDS = frozenset({"report", "survey", "study", "poll", "statement", "ruling", "letter", "filing", "release",
                            "analysis", "paper", "review", "audit", "assessment", "investigation", "data", "figure",
                            "document", "memo", "guideline", "census", "estimate", "research", "post", "website",
                            "judgment", "judgement", "verdict", "order", "motion", "complaint", "lawsuit", "petition",
                            "bulletin", "update", "notice", "announcement", "fact", "database", "tweet", "blog",
                            "finding", "polling"})
