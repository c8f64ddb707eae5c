"""Who in a report is which invitee: by e-mail first, then by normalised name; never a guess between two.

Names are compared after Unicode NFKC (full-width → half-width), case folding and dropping spaces and
punctuation, so "LI  Na", "Li-Na" and "ＬＩ ＮＡ" are one key; Latin names are also tried the other way round
("Na Li"). A report name is tried whole, then in fragments: ``李娜 Li Na - 科技部`` gives ``李娜`` (against
``name_zh``) and ``Li Na`` (against ``name``). A named delegate's names and e-mail match the invitee they stand in for.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from meetapp.directory.models import Person
from meetapp.participants.models import Participant

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]+")
LATIN_WORD = re.compile(r"[^\W\d_]+")  # letters, after CJK runs are taken out
# Where a display name splits into parts: "李娜 Li Na - 科技部", "张伟-研究院", "Emily Carter | Partner".
FRAGMENT_SPLIT = re.compile(r"\s+-\s+|[-_/|,;:·•()\[\]（）【】、，]+")

HOW_LABELS = {
    "email": _l("e-mail"),
    "name": _l("name"),
    "name_part": _l("part of the name"),
    "manual": _l("chosen by hand"),
}


def normalise(text: str | None) -> str:
    """The comparable form of a name: NFKC, case-folded, without spaces and punctuation."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN")


def _latin_orders(words: list[str]) -> set[str]:
    """A Latin name in the orders people write it: as given, family name first or last."""
    if not words:
        return set()
    orders = {"".join(words)}
    if len(words) > 1:
        orders.add("".join(words[1:] + words[:1]))
        orders.add("".join(words[-1:] + words[:-1]))
    return orders


def whole_keys(text: str | None) -> set[str]:
    """Keys of a whole name: normalised, and for a name mixing scripts its Chinese part and its Latin part."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    keys = {normalise(text)} - {""}
    chinese = "".join(CJK.findall(text))
    words = LATIN_WORD.findall(CJK.sub(" ", text))
    if chinese and not words:
        return keys
    keys |= _latin_orders(words)
    if chinese and words:
        keys.add(chinese)
    return keys


def fragment_keys(text: str | None) -> set[str]:
    """Keys of the parts of a display name (separated by dashes, slashes, brackets …)."""
    text = unicodedata.normalize("NFKC", text or "")
    keys = set()
    for part in FRAGMENT_SPLIT.split(text):
        keys |= whole_keys(part)
    return keys - whole_keys(text)


@dataclass(frozen=True)
class Candidate:
    """An invitee a report name may stand for; ``delegate`` when it is the invitee's named delegate's name."""

    participant: Participant
    delegate: Person | None = None


@dataclass(frozen=True)
class Match:
    candidate: Candidate | None  # None: not matched
    how: str | None = None  # key of HOW_LABELS
    candidates: tuple[Candidate, ...] = ()  # the invitees it could be, when more than one

    @property
    def ambiguous(self) -> bool:
        return self.candidate is None and len(self.candidates) > 1


class InviteeIndex:
    """The meeting's (not removed) invitees by e-mail and by name keys, built once per preview."""

    def __init__(self, participants: Iterable[Participant]):
        self.participants = [p for p in participants if p.cancelled_at is None]
        self.by_email: dict[str, set[Candidate]] = defaultdict(set)
        self.by_name: dict[str, set[Candidate]] = defaultdict(set)
        for participant in self.participants:
            self._add(participant.person, Candidate(participant))
            if participant.delegate is not None:
                self._add(participant.delegate, Candidate(participant, participant.delegate))

    def _add(self, person: Person, candidate: Candidate) -> None:
        if person.email:
            self.by_email[person.email.strip().casefold()].add(candidate)
        for name in (person.name, person.name_zh):
            for key in whole_keys(name):
                self.by_name[key].add(candidate)

    def match(self, names: Iterable[str], emails: Iterable[str]) -> Match:
        """The invitee whose e-mail is one of ``emails``, else whose name is one of ``names`` (whole, then in
        parts). Two or more different invitees at the first level that finds any: no match, but candidates."""
        names = [n for n in names if n]
        levels = (
            ("email", {e.strip().casefold() for e in emails if e and e.strip()}, self.by_email),
            ("name", set().union(*(whole_keys(n) for n in names)), self.by_name),
            ("name_part", set().union(*(fragment_keys(n) for n in names)), self.by_name),
        )
        for how, keys, index in levels:
            found: set[Candidate] = set()
            for key in keys:
                found |= index.get(key, set())
            if not found:
                continue
            by_participant = _prefer_invitee_over_delegate(found)
            if len(by_participant) == 1:
                return Match(next(iter(by_participant.values())), how)
            return Match(None, None, tuple(sorted(by_participant.values(), key=lambda c: c.participant.person.name)))
        return Match(None)


def _prefer_invitee_over_delegate(found: set[Candidate]) -> dict[int, Candidate]:
    """One candidate per invitee: the invitee themself when both they and their delegate fit."""
    chosen: dict[int, Candidate] = {}
    for candidate in sorted(found, key=lambda c: c.delegate is not None):
        chosen.setdefault(candidate.participant.id, candidate)
    return chosen
