"""Language analysis shared by indexing and querying, identical on every search backend.

Each word is analysed by the language of its script: Cyrillic words with the Russian
Snowball stemmer, Latin words with the English one. These are the algorithms behind
PostgreSQL's 'russian' and 'english' configurations and Elasticsearch's light stemmers;
running them here, before text reaches any backend, gives every locale its own analysis
even though Wagtail keeps a single index with a single configuration.
"""

import re
import sys
import unicodedata
from functools import lru_cache

import snowballstemmer

# Queries longer than this are cut: nobody types more, and the cost stays bounded.
MAX_QUERY_CHARS = 300
MAX_QUERY_TERMS = 12

WHITESPACE_RE = re.compile(r"\s+")
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
# Verbal nouns ("подписание") stem one letter longer than their verbs ("подписали").
VERBAL_NOUN_RE = re.compile(r"[аяе]ни(?:е|я|ю|ем|и|й|ям|ями|ях)$")

_STOPWORDS_TEXT = """
    и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
    ее мне было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни
    быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где
    есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж
    тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее
    сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над больше
    тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой
    перед иногда лучше чуть том нельзя такой им более всегда конечно всю между
    a an and are as at be but by for from has have in into is it its of on or that the their
    this to was were what when where which who will with
"""
# Words that carry no meaning for search; the index drops them too.
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_STEMMERS = {
    "ru": snowballstemmer.stemmer("russian"),
    "en": snowballstemmer.stemmer("english"),
}


def clean(text):
    """Text safe to analyse: NFC form, control and format characters made spaces."""
    text = unicodedata.normalize("NFC", str(text or ""))
    if text.isprintable():
        return text
    text = WHITESPACE_RE.sub(" ", text)
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else " " for ch in text)


def fold(word):
    """Case and ё/е folding, as readers type them interchangeably."""
    return word.lower().replace("ё", "е")


def words(text):
    """The words of `text` with their positions, as (start, end, word)."""
    for match in WORD_RE.finditer(text):
        yield match.start(), match.end(), match.group()


@lru_cache(maxsize=200_000)
def term(word):
    """The index term of one word, or '' for a stop word."""
    word = fold(word)
    if word in STOPWORDS:
        return ""
    if CYRILLIC_RE.search(word):
        stem = _STEMMERS["ru"].stemWord(word)
        if VERBAL_NOUN_RE.search(word) and stem.endswith("н") and len(stem) > 5:
            stem = stem[:-1]
    elif word.isascii() and word.isalpha():
        stem = _STEMMERS["en"].stemWord(word)
    else:
        stem = word
    # Interned: cached releases share one copy of each term.
    return sys.intern(stem)


def terms(text):
    """Index terms of a text, in order, without stop words."""
    return [t for t in (term(w) for _s, _e, w in words(clean(text))) if t]


def normalise(text):
    """The text as the index stores it: space-separated terms."""
    return " ".join(terms(text))


class ParsedQuery:
    """What a reader typed, reduced to terms and quoted phrases."""

    def __init__(self, raw):
        text = clean(raw)[:MAX_QUERY_CHARS]
        self.phrases = []
        for quoted in re.findall(r"[\"«“„]([^\"«»“”„]+)[\"»”“]", text):
            phrase = terms(quoted)
            if len(phrase) > 1:
                self.phrases.append(phrase)
        # Each term with the words typed for it, for databases that analyse words too.
        self.words = {}
        for _s, _e, word in words(text):
            item = term(word)
            if item and (item in self.words or len(self.words) < MAX_QUERY_TERMS):
                typed = self.words.setdefault(item, [])
                if word.lower() not in typed:
                    typed.append(word.lower())
        self.terms = list(self.words)
        # Every term in order, repeats included: an exact title is compared with this.
        self.sequence = " ".join(terms(text))

    def __bool__(self):
        return bool(self.terms)

    def backend_query(self):
        """The string handed to the search backend: plain terms, nothing it could parse."""
        return " ".join(self.terms)
