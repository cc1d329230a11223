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

PREPOSITIONS = frozenset({
    "about", "across", "after", "against", "at", "before", "between", "by", "during", "for",
    "from", "in", "including", "into", "near", "of", "on", "over", "through", "to", "toward",
    "towards", "under", "via", "with",
})

DETERMINERS = frozenset({
    "a", "an", "another", "fifth", "first", "five", "four", "fourth", "her", "his", "its", "last",
    "latest", "many", "one", "other", "our", "second", "several", "some", "that", "the", "their",
    "these", "third", "this", "those", "three", "two",
})

# Finite forms of the verbs that report speech: the cues of attribution.
REPORTING_VERBS = frozenset({
    "acknowledged", "added", "adds", "admits", "admitted", "allege", "alleged", "alleges",
    "announced", "announces", "argue", "argued", "argues", "asserted", "asserts", "believe",
    "believed", "believes", "claim", "claimed", "claims", "concluded", "concludes", "confirm",
    "confirmed", "confirms", "declared", "declares", "denied", "denies", "deny", "emphasised",
    "emphasized", "estimate", "estimated", "estimates", "explained", "explains", "insist",
    "insisted", "insists", "maintained", "maintains", "note", "noted", "predict", "predicted",
    "predicts", "report", "reported", "reports", "revealed", "reveals", "said", "say", "says",
    "stated", "stressed", "stresses", "suggest", "suggested", "suggests", "tells", "told", "warn",
    "warned", "warns", "writes", "wrote",
})

# Verbs whose noun-phrase object stands for a proposition ("confirmed the clashes").
PROPOSITIONAL_OBJECT_VERBS = frozenset({
    "confirmed", "confirms", "denied", "denies",
})

# Verbs that take a clause without "that" ("said troops were there").
BARE_CLAUSE_VERBS = frozenset({
    "added", "adds", "alleged", "alleges", "believe", "believed", "believes", "claim", "claimed",
    "claims", "insist", "insisted", "said", "say", "says", "writes", "wrote",
})

# Participles that continue the speaker of the clause they follow: ", adding that ...".
CONTINUING_CUES = frozenset({
    "adding", "arguing", "claiming", "explaining", "insisting", "noting", "saying", "stressing",
    "suggesting", "warning",
})

SUBJECT_PRONOUNS = frozenset({
    "he", "her", "his", "i", "it", "its", "she", "their", "they", "we", "you",
})

# Auxiliaries that may stand between a subject and its verb.
MODALS_AND_HAVE = frozenset({
    "can", "could", "did", "does", "had", "has", "have", "may", "might", "must", "should", "will",
    "would",
})

AUXILIARIES = MODALS_AND_HAVE | frozenset({"are", "do", "is", "was", "were"})

# Adverbs that may stand between a subject and its verb.
SENTENCE_ADVERBS = frozenset({
    "again", "already", "also", "not", "reportedly", "then",
})

ADVERBS = SENTENCE_ADVERBS | frozenset({"never", "now", "still"})
# What may stand between a speaker and the reporting verb.
BEFORE_VERB = MODALS_AND_HAVE | SENTENCE_ADVERBS | frozenset({
    "earlier", "further", "later", "once", "previously", "publicly", "repeatedly", "separately",
    "subsequently", "who",
})

TIME_WORDS = frozenset({
    "afternoon", "evening", "month", "morning", "night", "today", "tonight", "week", "weekend",
    "year", "yesterday",
})

TIME_STARTERS = frozenset({
    "again", "also", "earlier", "early", "last", "late", "later", "on", "this", "today", "tonight",
    "yesterday",
})

CLAUSE_OPENERS = frozenset({
    "although", "because", "but", "that", "though", "whereas", "while",
})

ASIDE_STARTERS = frozenset({
    "according", "although", "though", "whereas", "while",
})

DASHES = frozenset({
    "--", ";", "–", "—",
})

# Titles and roles that precede a name and are not part of it.
ROLE_WORDS = frozenset({
    "admiral", "adviser", "advisor", "ambassador", "analyst", "captain", "ceo", "chair",
    "chairman", "chairwoman", "chancellor", "chief", "col", "colonel", "commander", "commissioner",
    "coordinator", "correspondent", "defence", "defense", "deputy", "dictator", "diplomat",
    "director", "dr", "dr.", "editor", "emir", "envoy", "foreign", "founder", "gen", "gen.",
    "general", "gov.", "governor", "head", "judge", "justice", "king", "lawmaker", "leader",
    "lieutenant", "lt", "major", "marshal", "mayor", "minister", "ministry", "mr", "mr.", "mrs",
    "mrs.", "ms", "ms.", "officer", "official", "pope", "premier", "president", "prime", "prince",
    "princess", "professor", "queen", "rep.", "reporter", "representative", "secretary", "sen.",
    "senator", "sergeant", "sgt", "sheikh", "speaker", "spokesman", "spokesperson", "spokeswoman",
    "vice",
})

# Unnamed sources that stand at the start of a sentence: capitalised there, yet not names.
SOURCE_NOUNS = frozenset({
    "activist", "analyst", "authority", "campaigner", "citizen", "critic", "doctor", "economist",
    "expert", "farmer", "insider", "investigator", "journalist", "lawyer", "local", "medic",
    "negotiator", "observer", "person", "politician", "prosecutor", "protester", "refugee",
    "rescuer", "researcher", "resident", "scientist", "soldier", "source", "student", "survivor",
    "teacher", "troop", "villager", "volunteer", "voter", "witness", "worker",
})

# Words of the names of newspapers, broadcasters and agencies.
MEDIA_WORDS = frozenset({
    "afp", "ap", "axios", "bbc", "bloomberg", "broadcaster", "broadcasting", "channel",
    "chronicle", "cnn", "daily", "economist", "gazette", "guardian", "herald", "independent",
    "interfax", "journal", "kcna", "kyodo", "magazine", "media", "mirror", "news", "newspaper",
    "newsweek", "observer", "outlet", "politico", "post", "press", "radio", "reuters", "ria",
    "tass", "telegraph", "television", "times", "tribune", "tv", "xinhua", "yonhap",
})

# Nouns that head the name of an organisation.
ORGANISATION_NOUNS = frozenset({
    "agency", "army", "bank", "command", "committee", "council", "court", "department", "embassy",
    "federation", "forces", "government", "guard", "institute", "ministry", "navy", "office",
    "parliament", "party", "service", "union", "university",
})

# A place name after "<X> of" belongs to an organisation's name: "the Armed Forces of Estonia".
ORGANISATION_HEADS = ORGANISATION_NOUNS | frozenset({"academy", "assembly", "fleet"})
# Words that make a speaker's name an organisation's.
ORGANISATION_WORDS = ORGANISATION_NOUNS | frozenset({
    "administration", "alliance", "authorities", "cabinet", "center", "centre", "commission",
    "company", "corporation", "firm", "force", "fund", "group", "headquarters", "house", "kremlin",
    "military", "network", "organisation", "organization", "pentagon", "police", "prosecutors",
    "regime", "secretariat", "staff", "white",
})

# A capital that thinks, knows, has or owns stands for its government.
COGNITION_VERBS = frozenset({
    "accused", "accuses", "agreed", "agrees", "believe", "believed", "believes", "decided",
    "decides", "demanded", "demands", "expect", "expected", "expects", "fear", "feared", "fears",
    "had", "has", "have", "hope", "hoped", "hopes", "knew", "know", "knows", "plan", "planned",
    "plans", "refused", "refuses", "rejected", "rejects", "think", "thinks", "thought", "urged",
    "urges", "want", "wanted", "wants",
})

# Movement to a place: the place is a place, not a government.
MOTION_WORDS = frozenset({
    "advanced", "arrive", "arrived", "arrives", "back", "came", "close", "closer", "come", "comes",
    "drove", "evacuated", "fled", "flee", "flew", "flies", "flight", "flights", "fly", "go",
    "goes", "headed", "heading", "journey", "marched", "move", "moved", "moves", "next",
    "retreated", "return", "returned", "returns", "road", "route", "sent", "travel", "traveled",
    "travelled", "travels", "trip", "visit", "way", "went",
})

# Generic words that follow the name of a subdivision ("Tartu region").
GENERIC_WORDS = ("region", "oblast", "province", "governorate", "prefecture", "krai", "district", "state")

# The generic words of geographic features.
FEATURE_WORDS = frozenset({
    "Basin", "Bay", "Canal", "Channel", "Desert", "Gulf", "Island", "Islands", "Isle", "Lake",
    "Mountains", "Ocean", "Peninsula", "Plateau", "River", "Sea", "Strait", "Straits", "Strip",
    "Valley",
})

NUMBER_WORDS = frozenset({
    "billion", "eight", "eighteen", "eighty", "eleven", "fifteen", "fifty", "five", "forty",
    "four", "fourteen", "hundred", "million", "nine", "nineteen", "ninety", "one", "seven",
    "seventeen", "seventy", "six", "sixteen", "sixty", "ten", "thirteen", "thirty", "thousand",
    "three", "trillion", "twelve", "twenty", "two",
})
