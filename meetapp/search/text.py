"""How text becomes search terms, the same way for what is indexed and for what is asked.

Neither SQLite FTS5's ``unicode61`` tokenizer nor PostgreSQL's ``simple`` configuration splits Chinese: both take a
run of Han characters ("中国五矿科技奖") as one word, so a search for "科技" would find nothing. We therefore index
each run of CJK characters as its single characters and its overlapping pairs (bigrams: 中国 国五 五矿 …) and ask
for the query's bigrams (or its single character) in the same way; every other word is lower-cased and kept
whole, and the last word of a query matches as a prefix ("minm" finds "Minmetals"). Both backends then only see
space-separated tokens of word characters, so one normalisation serves both, needs no dictionary, and a phrase
of two or more Chinese characters matches wherever it occurs (its bigrams all occur, in any order — good enough
for names and titles, the text people search here).
"""

from __future__ import annotations

import re
import unicodedata

# Han (with extensions A and compatibility ideographs), kana and Hangul: scripts written without spaces.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]+|[^\W{_CJK}]+")
_CJK_RUN = re.compile(rf"[{_CJK}]+")
# Longer words are cut: they are not searched for, and a very long token only bloats the index.
MAX_WORD = 40
# A query with more terms than this keeps its first ones (a pasted paragraph is not a search).
MAX_QUERY_TERMS = 16


def _words(text: str) -> list[str]:
    normalized = unicodedata.normalize("NFKC", text or "").lower()
    return [word.replace("_", "")[:MAX_WORD] for word in _TOKEN.findall(normalized) if word.strip("_")]


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms(*texts: str | None) -> str:
    """The text to index: words, and for CJK runs every character and every bigram."""
    terms: list[str] = []
    for text in texts:
        for word in _words(text or ""):
            if _CJK_RUN.fullmatch(word):
                terms.extend(word)
                terms.extend(_bigrams(word))
            else:
                terms.append(word)
    return " ".join(terms)


def query_terms(query: str) -> list[tuple[str, bool]]:
    """The terms a query asks for, each with whether it matches as a prefix (the last non-CJK word only)."""
    terms: list[tuple[str, bool]] = []
    for word in _words(query):
        if _CJK_RUN.fullmatch(word):
            terms.extend((term, False) for term in (_bigrams(word) or [word]))
        else:
            terms.append((word, False))
    terms = list(dict.fromkeys(terms))[:MAX_QUERY_TERMS]
    if terms and not _CJK_RUN.fullmatch(terms[-1][0]):
        terms[-1] = (terms[-1][0], True)
    return terms
