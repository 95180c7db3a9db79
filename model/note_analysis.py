"""The composer's verdict on a draft: how generic it is, phrase by phrase, and whether it fits LinkedIn's limits.

Rules and scale are ../shared/DOMAIN.md's "Genericness and personalisation of a note". The analysis runs on every
keystroke, so it is pure and cheap: build one NoteContext per contact and reuse it while the user types (it caches
what it derives from the facts and the sent notes).

Spans are indices into the draft exactly as given. Matching happens on a case-folded copy (NFKC, Unicode casefold,
straight quotes) that keeps a map back to the original, because folding can change lengths ("ß" becomes "ss").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from functools import cached_property
from itertools import pairwise
from typing import Literal

from model.records import ContactRecord
from model.settings import Settings
from model.vocabulary import AccountType, EngagementKind, FactKind, Intent, MessageKind


class Severity(StrEnum):
    BLOCK = "block"
    WARN = "warn"
    CREDIT = "credit"
    INFO = "info"


class Verdict(StrEnum):
    READY = "ready"
    NEEDS_WORK = "needs_work"
    BLOCKED = "blocked"


class FindingCode(StrEnum):
    # block
    EMPTY = "empty"
    DEFAULT_TEXT = "default_text"
    PLACEHOLDER = "placeholder"
    TOO_LONG = "too_long"
    # warn
    CLICHE = "cliche"
    NOTHING_SPECIFIC = "nothing_specific"
    INTENT_MISSING = "intent_missing"
    LINK = "link"
    PITCH = "pitch"
    NEAR_DUPLICATE = "near_duplicate"
    SELF_CENTRED = "self_centred"
    LONG = "long"
    # credit
    MENTIONS_FACT = "mentions_fact"
    MENTIONS_ENGAGEMENT = "mentions_engagement"
    MENTIONS_COMPANY = "mentions_company"
    # info
    NO_NOTE = "no_note"
    NEAR_LIMIT = "near_limit"
    LANGUAGE_UNCHECKED = "language_unchecked"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: FindingCode
    message: str
    # The span of the draft the finding is about (Python str indices); the whole draft for whole-note findings.
    start: int
    end: int
    points: int


@dataclass(frozen=True)
class Analysis:
    verdict: Verdict
    score: int
    findings: tuple[Finding, ...]
    length: int  # UTF-16 code units, as LinkedIn's compose box counts
    limit: int

    @property
    def over_limit(self) -> bool:
        return self.length > self.limit

    @property
    def remaining(self) -> int:
        """Characters left before the limit; negative when over it."""
        return self.limit - self.length

    @property
    def codes(self) -> frozenset[FindingCode]:
        return frozenset(finding.code for finding in self.findings)


# DOMAIN.md's scale: start at 0; default text or placeholder +100; cliché +15..25 each; nothing specific +40;
# near-duplicate +40; pitch/link +30; each specific -20; warn at 40, block at 100. The weights DOMAIN.md leaves
# open (intent, self-centred, long message) are our choice, set below a cliché's top weight.
WARN_AT = 40
BLOCK_AT = 100
BLOCK_POINTS = 100
NOTHING_SPECIFIC_POINTS = 40
NEAR_DUPLICATE_POINTS = 40
PITCH_POINTS = 30
INTENT_MISSING_POINTS = 20
SELF_CENTRED_POINTS = 20
LONG_POINTS = 20
SPECIFIC_CREDIT = -20

# DOMAIN.md: count UTF-16 code units like a browser and keep a small margin below the connection-note limit.
NOTE_MARGIN = 5
# Linked Helper, 2023: a direct message to a connection holds up to 8,000 characters.
MESSAGE_LIMIT = 8000
# Our choice: a thank-you or follow-up is read on a phone; past this it stops being a quick note.
SHORT_MESSAGE_SOFT_LIMIT = 600
# A near-duplicate: word-level SequenceMatcher ratio at or above this, after names are masked.
DUPLICATE_RATIO = 0.8
# Cheap pre-filter before SequenceMatcher: the share of word pairs the two notes must have in common (Dice).
_DUPLICATE_SHINGLE_OVERLAP = 0.4
_DUPLICATE_ROUGH_OVERLAP = 0.5
_DUPLICATE_MIN_WORDS = 3


def utf16_length(text: str) -> int:
    """The length LinkedIn's compose box shows: UTF-16 code units, so an emoji outside the BMP counts 2."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _index_past(text: str, units: int) -> int:
    """The first index of `text` whose character ends beyond `units` UTF-16 code units."""
    if text.isascii():
        return min(units, len(text))
    counted = 0
    for index, char in enumerate(text):
        counted += 2 if ord(char) > 0xFFFF else 1
        if counted > units:
            return index
    return len(text)


# ---------------------------------------------------------------------------------------------------------------
# What the analysis knows about the recipient


@dataclass(frozen=True)
class SentNote:
    """A note already sent to someone else, for near-duplicate detection."""

    contact_name: str
    body: str

    @cached_property
    def _rough_words(self) -> frozenset[str]:
        return _rough_words(self.body)

    @cached_property
    def _words(self) -> tuple[str, ...]:
        return _masked_words(_word_list(_quick_fold(self.body)), _name_tokens(self.contact_name))

    @cached_property
    def _shingles(self) -> frozenset[tuple[str, str]]:
        return _shingles(self._words)


_TermHow = Literal["stem", "word", "cjk", "acronym"]


@dataclass(frozen=True)
class _Term:
    text: str
    how: _TermHow


@dataclass(frozen=True)
class _Specific:
    """A fact or engagement, with the distinctive terms a note must mention to be credited for it."""

    code: FindingCode
    label: str
    shown: str
    terms: tuple[_Term, ...]

    @property
    def needed(self) -> int:
        # Short facts ("sailing", "Rust in embedded") need one term; longer ones two, so that one common word
        # from a long post title is not mistaken for a reference to it.
        return 1 if len(self.terms) <= 2 else 2


@dataclass(frozen=True)
class NoteContext:
    first_name: str = ""
    full_name: str = ""
    company: str = ""
    position: str = ""
    headline: str = ""
    facts: tuple[tuple[FactKind, str], ...] = ()
    # (kind, target, comment): what the user liked, commented on, shared...
    engagements: tuple[tuple[EngagementKind, str, str], ...] = ()
    intent: Intent | None = None
    sent_notes: tuple[SentNote, ...] = ()

    @classmethod
    def for_contact(
        cls, contact: ContactRecord, intent: Intent | None = None, sent_notes: Sequence[SentNote] = ()
    ) -> NoteContext:
        return cls(
            first_name=first_name_of(contact.name),
            full_name=contact.name,
            company=contact.company,
            position=contact.position,
            headline=contact.headline,
            facts=tuple((fact.kind, fact.text) for fact in contact.facts),
            engagements=tuple((e.kind, e.target, e.comment) for e in contact.engagements),
            intent=intent,
            sent_notes=tuple(sent_notes),
        )

    @property
    def addressee(self) -> str:
        """How messages name the recipient."""
        return self.first_name.strip() or first_name_of(self.full_name) or "them"

    @cached_property
    def _names(self) -> frozenset[str]:
        return _name_tokens(f"{self.first_name} {self.full_name}")

    @cached_property
    def _name_terms(self) -> tuple[_Term, ...]:
        return _name_terms(f"{self.first_name} {self.full_name}")

    @cached_property
    def _company_words(self) -> tuple[str, ...]:
        return _company_core(self.company)

    @cached_property
    def _profile_terms(self) -> tuple[_Term, ...]:
        # The company is a credit of its own; its words are not also a profile detail.
        terms = _distinctive_terms(f"{self.position} {self.headline}", _TITLE_WORDS)
        return tuple(term for term in terms if not any(w.startswith(term.text) for w in self._company_words))

    @cached_property
    def _specifics(self) -> tuple[_Specific, ...]:
        found: list[_Specific] = []
        for fact_kind, text in self.facts:
            # A mutual connection is a person: match their name's words whole ("Charles" is not "character").
            terms = _name_terms(text) if fact_kind is FactKind.MUTUAL_CONNECTION else _distinctive_terms(text)
            if terms:
                found.append(_Specific(FindingCode.MENTIONS_FACT, _FACT_LABELS[fact_kind], _shorten(text), terms))
        for engagement_kind, target, _comment in self.engagements:
            terms = _distinctive_terms(target)
            if terms:
                label = _ENGAGEMENT_LABELS[engagement_kind]
                found.append(_Specific(FindingCode.MENTIONS_ENGAGEMENT, label, _shorten(target), terms))
        return tuple(found)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


_TITLES = _words(
    "dr dr. mr mr. mrs mrs. ms ms. mx prof prof. sir dame phd ph.d. mba msc bsc cpa pmp md jr jr. sr sr. "
    "herr frau mme mlle m. sr. sra. srta. don doña"
)


def first_name_of(full_name: str) -> str:
    """The first given name in a display name, skipping titles; a CJK name is used whole (family name first)."""
    for token in full_name.split():
        if token.casefold() in _TITLES:
            continue
        if _CJK.search(token):
            return full_name.strip()
        cleaned = token.strip(".,;:!?()[]\"'")
        if cleaned:
            return cleaned
    return ""


# ---------------------------------------------------------------------------------------------------------------
# Folding and the draft's words

_WORD = re.compile(r"\w+")
# Han, kana and half-width katakana: scripts written without spaces, matched by substring, not by word.
_CJK = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
_KANA = re.compile("[\u3040-\u30ff\uff66-\uff9f]")
_CJK_TERM = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}|[\u30a1-\u30fa\u30fc-\u30ff\uff66-\uff9f]{2,}")
_LETTER = re.compile(r"[^\W\d_]")
_ASCII_LETTER = re.compile(r"[a-z]")
_ACRONYM = re.compile(r"(?<!\w)[A-Z][A-Z0-9]{1,4}(?!\w)")
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


# ASCII characters that are not \w become spaces: str.split() is then \w+ at a third of the regex's cost.
_ASCII_NON_WORD = str.maketrans({chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")})


def _word_list(folded: str) -> list[str]:
    if folded.isascii():
        return folded.translate(_ASCII_NON_WORD).split()
    return _WORD.findall(folded)


def _fold_char(char: str) -> str:
    if char < "\x80":
        return char.lower().translate(_QUOTES)
    return unicodedata.normalize("NFKC", char).casefold().translate(_QUOTES)


def _quick_fold(text: str) -> str:
    """Folding without a map back, for text whose spans are never shown."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKC", text).casefold().translate(_QUOTES)


class _Draft:
    """The draft, folded for matching, with its words and a map from folded indices back to the original."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._origin: list[int] | None
        if text.isascii():
            self.folded = text.lower().translate(_QUOTES)
            self._origin = None
        else:
            table = {ord(char): _fold_char(char) for char in set(text)}
            self.folded = text.translate(table)
            if all(len(folded) == 1 for folded in table.values()):
                self._origin = None
            else:
                origin: list[int] = []
                for index, char in enumerate(text):
                    origin.extend([index] * len(table[ord(char)]))
                self._origin = origin
        self.words: list[tuple[str, int, int]] = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(self.folded)]
        self._first: dict[str, int] = {}
        self._by_prefix: dict[str, list[int]] = {}
        for index, (word, _start, _end) in enumerate(self.words):
            self._first.setdefault(word, index)
            if len(word) >= 4:
                self._by_prefix.setdefault(word[:4], []).append(index)
        self._acronyms: dict[str, tuple[int, int]] = {}
        for m in _ACRONYM.finditer(text):
            self._acronyms.setdefault(m.group(), m.span())

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of a span of the folded text."""
        if self._origin is None:
            return start, end
        if start >= len(self._origin):
            return len(self.text), len(self.text)
        if end <= start:
            return self._origin[start], self._origin[start]
        return self._origin[start], self._origin[end - 1] + 1

    def word_span(self, index: int) -> tuple[int, int]:
        _word, start, end = self.words[index]
        return self.span(start, end)

    def find(self, term: _Term) -> tuple[int, int] | None:
        if term.how == "stem":
            for index in self._by_prefix.get(term.text[:4], ()):
                if self.words[index][0].startswith(term.text):
                    return self.word_span(index)
            return None
        if term.how == "word":
            index = self._first.get(term.text, self._first.get(term.text + "s", -1))
            return None if index < 0 else self.word_span(index)
        if term.how == "cjk":
            position = self.folded.find(term.text)
            return None if position < 0 else self.span(position, position + len(term.text))
        return self._acronyms.get(term.text)

    def find_company(self, words: Sequence[str]) -> tuple[int, int] | None:
        """Consecutive words, the last one allowed a possessive or plural "s" ("Acme's"); CJK by substring."""
        if not words:
            return None
        if len(words) == 1 and _CJK.search(words[0]):
            return self.find(_Term(words[0], "cjk"))
        count = len(words)
        for index in range(len(self.words) - count + 1):
            if all(self.words[index + k][0] == words[k] for k in range(count - 1)):
                last = self.words[index + count - 1][0]
                if last in (words[-1], words[-1] + "s"):
                    return self.span(self.words[index][1], self.words[index + count - 1][2])
        return None

    def quote(self, start: int, end: int) -> str:
        return " ".join(self.text[start:end].split())


# ---------------------------------------------------------------------------------------------------------------
# Vocabulary: stopwords, names, companies, intents, pronouns and languages (English, German, French, Spanish;
# intents also in Japanese)

_STOPWORDS = _words(
    # English
    "about above after again also been before being below between both could does doing down during each "
    "from further have having here into itself just more most much only other over same should some such "
    "than that their theirs them then there these they this those through under until very what when "
    "where which while whom with would your yours will shall might must really like love loved great good "
    "nice thanks thank post posts article articles video videos comment comments share shared update "
    "updates today yesterday week month year recent recently latest thread work works working http https "
    "linkedin "
    # German
    "aber auch beim dass eine einem einen einer eines euer haben hatte heute ihre ihrem ihren ihrer ihres "
    "kann mein meine meinem meinen meiner nach nicht noch oder sehr sein seine sich sind über unser unsere "
    "viel vielen wenn werden wird wurde zwischen beitrag beiträge artikel danke vielen "
    # French
    "avec dans elle leur leurs mais merci nous pour plus sans sont cette votre vous très tres aussi être "
    "avoir faire comme publication publications article articles chez entre "
    # Spanish
    "como con desde entre esta este esto para pero porque sobre también muy gracias usted ustedes tiene "
    "tienes publicación publicaciones artículo artículos hola"
)

# Headline and position words too common to count as something specific about a person.
_TITLE_WORDS = _STOPWORDS | _words(
    "engineer engineering manager management director senior junior principal staff lead leader leading head "
    "founder cofounder owner developer development consultant consulting specialist analyst officer chief "
    "president vice associate executive assistant intern student professor scientist designer architect "
    "expert passionate helping global international solutions services company business professional "
    "experienced team member freelance freelancer coach advisor adviser partner product software technology "
    "marketing sales operations strategy"
    # German, French, Spanish equivalents of the commonest
    " leiter leiterin geschäftsführer geschäftsführerin berater beraterin entwickler entwicklerin ingenieur "
    "ingenieurin directeur directrice responsable ingénieur ingénieure développeur développeuse conseiller "
    "director directora gerente ingeniero ingeniera desarrollador desarrolladora consultor consultora"
)

_LEGAL_FORMS = _words(
    "inc inc. incorporated ltd ltd. limited llc llp gmbh mbh ag kg se sa sas sarl srl spa bv nv plc corp corp. "
    "corporation co co. company pty oy ab as kk"
)
_CJK_LEGAL_FORMS = ("株式会社", "有限会社", "合同会社", "(株)", "\uff08株\uff09")
# Not an employer to mention.
_NO_COMPANY = frozenset(
    {"self-employed", "self employed", "freelance", "freelancer", "independent", "stealth", "confidential", "n/a"}
)

_FACT_LABELS: dict[FactKind, str] = {
    FactKind.RECENT_POST: "their recent post",
    FactKind.SHARED_INTEREST: "a shared interest",
    FactKind.MUTUAL_CONNECTION: "a mutual connection",
    FactKind.EVENT: "an event",
    FactKind.ACHIEVEMENT: "their achievement",
    FactKind.OTHER: "something from their profile",
}

_ENGAGEMENT_LABELS: dict[EngagementKind, str] = {
    EngagementKind.LIKE: "the post you liked",
    EngagementKind.COMMENT: "the post you commented on",
    EngagementKind.SHARE: "the post you shared",
    EngagementKind.REPLY: "the conversation you replied to",
    EngagementKind.ENDORSEMENT: "the skill you endorsed",
    EngagementKind.OTHER: "something you engaged with",
}


def _stem(word: str) -> str:
    # A crude, language-neutral stem: "embedded" finds "embedding", "sailing" finds "sails".
    return word[: max(4, len(word) - 3)]


def _distinctive_terms(text: str, stopwords: frozenset[str] = _STOPWORDS) -> tuple[_Term, ...]:
    """The words of a fact worth looking for in a note: long non-stopwords, acronyms, and CJK runs."""
    terms: list[_Term] = []
    for word in _WORD.findall(_quick_fold(text)):
        if _CJK.search(word):
            terms.extend(_Term(run, "cjk") for run in _CJK_TERM.findall(word))
            word = _CJK.sub(" ", word)
            for part in word.split():
                if len(part) >= 4 and not part.isdigit() and part not in stopwords:
                    terms.append(_Term(_stem(part), "stem"))
        elif len(word) >= 4 and not word.isdigit() and word not in stopwords:
            terms.append(_Term(_stem(word), "stem"))
    for m in _ACRONYM.finditer(text):
        if len(m.group()) < 4:
            terms.append(_Term(m.group(), "acronym"))
    return tuple(dict.fromkeys(terms))


def _name_tokens(name: str) -> frozenset[str]:
    tokens: set[str] = set()
    for raw in name.split():
        if raw.casefold() in _TITLES:
            continue
        for word in _WORD.findall(_quick_fold(raw)):
            if len(word) >= 2 or _CJK.search(word):
                tokens.add(word)
    return frozenset(tokens)


def _name_terms(name: str) -> tuple[_Term, ...]:
    return tuple(_Term(token, "cjk" if _CJK.search(token) else "word") for token in sorted(_name_tokens(name)))


def _company_core(company: str) -> tuple[str, ...]:
    """The company's name without its legal form, as folded words ("Analytical Engines Ltd" -> analytical engines)."""
    folded = _quick_fold(company).strip()
    if not folded or folded in _NO_COMPANY:
        return ()
    for form in _CJK_LEGAL_FORMS:
        folded = folded.replace(form, " ")
    words = folded.split()
    while words and words[-1].strip(",") in _LEGAL_FORMS:
        words.pop()
    if words and words[0] == "the":
        words.pop(0)
    core = tuple(_WORD.findall(" ".join(words)))
    if sum(len(word) for word in core) < 2:
        return ()
    return core


def _masked_words(words: list[str], names: frozenset[str]) -> tuple[str, ...]:
    """Words with the recipient's name masked, so the same template to two people compares equal."""
    present = names.union(name + "s" for name in names).intersection(words)
    if not present:
        return tuple(words)
    return tuple(["\x00" if word in present else word for word in words])


# Words that express each intent, as word beginnings ("collaborat" finds "collaborate" and "collaboration").
_INTENT_KEYWORDS: dict[Intent, tuple[str, ...]] = {
    Intent.NETWORKING: _split(
        "connect|exchange|swap notes|swap ideas|compare notes|keep in touch|stay in touch|follow your work"
        "|vernetz|austausch|in kontakt|verbinden|échange|echange|rester en contact|connecter"
        "|conectar|intercambi|en contacto|つなが|繋が|交流|情報交換"
    ),
    Intent.COLLABORATION: _split(
        "collaborat|work together|working together|project|team up|build together"
        "|zusammenarb|kooperation|projekt|gemeinsam|collabor|travailler ensemble|projet"
        "|colabor|trabajar juntos|proyecto|協業|協力|一緒に|共同|プロジェクト"
    ),
    Intent.MENTORSHIP: _split(
        "mentor|advice|advise|guidance|learn from|your perspective"
        "|rat |ratschl|tipps|von ihnen lernen|von dir lernen|conseil|apprendre de"
        "|consejo|orientación|aprender de|アドバイス|助言|ご指導|相談"
    ),
    Intent.HIRING: _split(
        "hiring|hire|role|team|opening|recruit|position|join us"
        "|stelle|einstell|rekrut|recrut|poste|équipe|rejoindre"
        "|contrata|puesto|equipo|vacante|reclut|採用|募集|ポジション|チーム"
    ),
    Intent.JOB_SEARCH: _split(
        "opportunit|role|position|looking for|job|opening"
        "|stelle|möglichkeit|suche|poste|emploi|recherche"
        "|oportunidad|puesto|empleo|busco|転職|求職|ポジション|機会"
    ),
    Intent.LEARNING: _split(
        "learn|curious|understand|question"
        "|lernen|neugierig|verstehen|frage|apprendre|curieu|comprendre"
        "|aprender|curios|entender|comprender|pregunta|学び|学ぶ|学ばせ|勉強|興味"
    ),
    Intent.PARTNERSHIP: _split("partner|kooperation|partenaire|partenariat|socio|alianza|提携|パートナー|協業"),
    Intent.OTHER: (),
}

_INTENT_HINTS: dict[Intent, str] = {
    Intent.NETWORKING: "say why you'd like to stay in touch, for example to swap notes or follow their work",
    Intent.COLLABORATION: "say what you'd like to work on together",
    Intent.MENTORSHIP: "say what advice or guidance you hope for",
    Intent.HIRING: "name the role or team you're hiring for",
    Intent.JOB_SEARCH: "say what kind of role or opportunity you're looking for",
    Intent.LEARNING: "say what you're curious to learn from them",
    Intent.PARTNERSHIP: "say what kind of partnership you have in mind",
    Intent.OTHER: "",
}


def _keyword_pattern(keywords: Iterable[str]) -> re.Pattern[str]:
    words: list[str] = []
    cjk: list[str] = []
    for keyword in keywords:
        body = r"\s+".join(re.escape(piece) for piece in keyword.split())
        if keyword.endswith(" "):
            body += r"(?!\w)"
        (cjk if _CJK.match(keyword) else words).append(body)
    # One look-behind before the alternatives: most positions are inside a word and fail at once.
    pattern = r"(?<!\w)(?:" + "|".join(words) + ")"
    return re.compile("|".join([pattern, *cjk]))


_INTENT_PATTERNS: dict[Intent, re.Pattern[str]] = {
    intent: _keyword_pattern(keywords) for intent, keywords in _INTENT_KEYWORDS.items() if keywords
}

# Function words that tell the languages apart, and the sender's and the recipient's pronouns in each.
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and you your to i my me is are of for with on in it that this would be we have a an at about "
        "hi hello thanks thank really was what how love"
    ),
    "de": _words(
        "und ich sie ihr ihre ihren ihnen du dich dir dein deine der die das den dem des mit für auf ist nicht "
        "ein eine einen zu von gerne gern würde möchte mich mir mein meine hallo danke über sehr bei wir uns auch"
    ),
    "fr": _words(
        "je j vous et le les des du un une pour avec sur est votre vos dans que qui ai merci bonjour tu ton "
        "moi mon ma mes nous très au aux ce cette pas"
    ),
    "es": _words(
        "y el los las que un una para con por es su tu tus me mi mis muy gracias hola te usted yo del al lo "
        "sobre pero como está estoy encantaría"
    ),
}
_SELF_WORDS: dict[str, frozenset[str]] = {
    "en": _words("i me my mine myself"),
    "de": _words("ich mich mir mein meine meinen meinem meiner meines"),
    "fr": _words("je j moi me m mon ma mes"),
    "es": _words("yo me mi mis mío mía conmigo"),
}
_YOU_WORDS: dict[str, frozenset[str]] = {
    "en": _words("you your yours yourself yourselves"),
    "de": _words("du dich dir dein deine deinen deinem deiner sie ihnen ihr ihre ihren ihrem ihrer euch"),
    "fr": _words("vous votre vos tu te t toi ton ta tes"),
    "es": _words("tú tu tus te ti contigo usted ustedes su sus"),
}


def _language(draft: _Draft) -> str | None:
    """'en', 'de', 'fr', 'es', 'ja', or None when the note is in a language the wording checks do not know."""
    kana = len(_KANA.findall(draft.folded))
    cjk = len(_CJK.findall(draft.folded))
    others = len(_LETTER.findall(draft.folded)) - cjk
    if cjk > others:
        return "ja" if kana else None
    best, hits = None, 0
    for language, words in _FUNCTION_WORDS.items():
        count = sum(1 for word, _start, _end in draft.words if word in words)
        if count > hits:
            best, hits = language, count
    if best is None and others and len(_ASCII_LETTER.findall(draft.folded)) * 2 >= others:
        # A terse note in Latin letters ("Great sailing photos, Ada!") is most likely English.
        return "en"
    return best


# ---------------------------------------------------------------------------------------------------------------
# Phrases: LinkedIn's default texts, placeholders, clichés, pitches (all on folded text, straight apostrophes)

_WANT_TO = r"(?<!\w)(?:i(?:'?d|\s+would)\s+like\s+to|i\s+want\s+to)"
_WANT_OR_LOVE_TO = r"(?<!\w)(?:i(?:'?d|\s+would)\s+(?:like|love)\s+to|i\s+want\s+to)"
_DEFAULT_TEXT = re.compile(
    r"(?<!\w)(?:"
    + "|".join(
        [
            rf"(?:{_WANT_OR_LOVE_TO})\s+add\s+you\s+to\s+my\s+professional\s+network(?:\s+on\s+linkedin)?",
            rf"(?:{_WANT_OR_LOVE_TO})\s+add\s+you\s+to\s+my\s+(?:linkedin\s+)?network\s+on\s+linkedin",
            rf"(?:{_WANT_OR_LOVE_TO})\s+join\s+your\s+(?:professional\s+)?(?:linkedin\s+)?network(?:\s+on\s+linkedin)?",
            rf"(?:{_WANT_OR_LOVE_TO})\s+connect\s+with\s+you\s+on\s+linkedin",
            # "I'd love to add you to my network" is a cliché (below); with "like" it is LinkedIn's text.
            rf"(?:{_WANT_TO})\s+add\s+you\s+to\s+my\s+(?:linkedin\s+)?network",
            # LinkedIn's default invitation in German, French, Spanish and Portuguese.
            r"(?:ich\s+(?:möchte|würde)\s+sie\s+(?:gerne?\s+)?)?(?:zu\s+)?meinem\s+beruflichen\s+netzwerk"
            r"(?:\s+auf\s+linkedin)?\s+hinzuf[üu]gen",
            r"(?:je\s+(?:souhaiterais|souhaite|voudrais|veux)\s+)?vous\s+ajouter\s+[àa]\s+mon\s+r[ée]seau\s+"
            r"professionnel(?:\s+sur\s+linkedin)?",
            r"(?:me\s+gustar[íi]a\s+)?(?:añadirte|agregarte|añadirle|agregarle|añadirlo|agregarlo)\s+a\s+mi\s+red\s+"
            r"profesional(?:\s+(?:de|en)\s+linkedin)?",
            r"(?:gostaria\s+de\s+)?adicion[áa]-?l[oa]\s+[àa]\s+minha\s+rede\s+profissional(?:\s+no\s+linkedin)?",
        ]
    )
    + ")"
)

# Unfilled template fields, on the original text: [Name], {first_name}, ${name}, {{company}}, %FIRSTNAME%, <name>.
_PLACEHOLDER = re.compile(
    r"\{\{[^{}\n]{0,60}\}\}"
    r"|\$?\{[^{}\n]{1,40}\}"
    r"|\[[^\[\]\n]{0,40}[^\W\d_][^\[\]\n]{0,40}\]"
    r"|%[A-Za-z][A-Za-z0-9_ ]{1,30}%"
    r"|<[A-Za-z_][\w .-]{0,30}>"
)

# (pattern, points, what to do instead)
_CLICHES: tuple[tuple[str, int, str], ...] = (
    (
        r"(?:i\s+)?(?:came|come|coming)\s+across\s+your\s+(?:linkedin\s+)?profile"
        r"|(?:i\s+)?stumbled\s+(?:up)?on\s+your\s+(?:linkedin\s+)?profile",
        20,
        "say what you read or heard that made you write",
    ),
    (
        r"(?:i(?:'?d|\s+would)\s+)?love\s+to\s+add\s+you\s+to\s+my\s+network",
        20,
        "say why this person, not why another connection",
    ),
    (
        r"(?:grow|growing|expand|expanding|extend|extending|broaden|broadening|build|building)\s+my\s+"
        r"(?:professional\s+)?network",
        20,
        "say why this person, not why more people",
    ),
    (r"we\s+have\s+(?:a\s+lot|so\s+much|much)\s+in\s+common", 20, "name the one thing you share"),
    (
        r"impressed\s+(?:with|by)\s+your\s+(?:background|profile|experience|career)",
        20,
        "say what exactly impressed you",
    ),
    (r"(?:explore\s+(?:potential\s+|possible\s+)?)?synerg(?:y|ies)", 25, "say what you could do together"),
    (r"mutually\s+beneficial", 20, "say what is in it for them"),
    (
        r"(?:i\s+)?hope\s+(?:this|my|the)\s+(?:message\s+|note\s+|email\s+)?finds\s+you\s+well",
        15,
        "get to the point in the first line",
    ),
    (r"pick\s+your\s+brain", 20, "ask one concrete question"),
    (r"quick\s+(?:call|chat)", 20, "ask one concrete question rather than for a call"),
    (
        r"(?:5|10|15|20|30|five|ten|fifteen|twenty|thirty)\s*-?\s*min(?:ute)?s?\s+of\s+your\s+(?:time|day)"
        r"|(?:5|10|15|20|30|five|ten|fifteen|twenty|thirty)\s*-?\s*min(?:ute)?s?\s+(?:call|chat)",
        25,
        "ask one concrete question rather than for their time",
    ),
)
# One pass for all of them: group i+1 is cliché i.
_CLICHE = re.compile(r"(?<!\w)(?:" + "|".join(f"({pattern})" for pattern, _points, _advice in _CLICHES) + ")")

_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]+"
    r"|(?<![\w@.-])(?:[a-z0-9][a-z0-9-]*\.)+(?:com|io|net|org|co|ai|app|dev|ly|me|biz|info)(?![\w-])(?:/[^\s<>\"]*)?"
)
_PITCH = re.compile(
    r"(?<!\w)(?:book|schedule|set\s+up|arrange)\s+(?:a|an|some)\s+(?:quick\s+)?(?:call|meeting|demo|chat|slot|time)"
    r"(?!\w)"
    r"|(?<!\w)our\s+(?:product|platform|solution|service|tool|software|app|offering)s?(?!\w)"
    r"|(?<!\w)free\s+trial(?!\w)"
    r"|(?<!\w)pricing(?!\w)"
    r"|(?<![\w.])\d+\s?%\s*off(?!\w)"
    r"|(?<!\w)(?:discounts?|special\s+offer|limited[-\s]time\s+offer|sign\s+up)(?!\w)"
    # "your demo at PyCon" is a compliment, not a pitch.
    r"|(?<![\w'])(?<!your\s)(?<!their\s)(?<!his\s)(?<!her\s)demos?(?!\w)"
)
_TRAILING = ".,;:!?)]}'\""
# Matched words of one fact this close together are shown as one phrase ("Rust in embedded systems").
_JOIN_GAP = 16


# ---------------------------------------------------------------------------------------------------------------
# The analysis


def analyse(text: str, kind: MessageKind, context: NoteContext, settings: Settings) -> Analysis:
    length = utf16_length(text)
    connection = kind is MessageKind.CONNECTION_REQUEST
    limit = settings.note_limit if connection else MESSAGE_LIMIT
    findings: list[Finding] = []
    if not text.strip():
        if connection:
            # A request without a note is fine (and spends none of the free account's monthly notes).
            findings.append(
                Finding(Severity.INFO, FindingCode.NO_NOTE, "No note: LinkedIn sends a plain request.", 0, 0, 0)
            )
        else:
            findings.append(
                Finding(
                    Severity.BLOCK,
                    FindingCode.EMPTY,
                    "The message is empty: write something before sending.",
                    0,
                    len(text),
                    BLOCK_POINTS,
                )
            )
        return _conclude(findings, length, limit)

    findings.extend(_length_findings(text, length, kind, limit, settings))
    draft = _Draft(text)
    blocked = _default_texts(draft) + _placeholders(text)
    findings.extend(blocked)
    findings.extend(_cliches(draft, [(f.start, f.end) for f in blocked]))
    if connection:
        findings.extend(_pitches(draft))
    credits, named = _credits(draft, context)
    findings.extend(credits)
    whole = (0, len(text))
    if not credits and not named:
        findings.append(
            Finding(
                Severity.WARN,
                FindingCode.NOTHING_SPECIFIC,
                f"Nothing here is specific to {context.addressee}: mention {_suggestion(context)}.",
                *whole,
                NOTHING_SPECIFIC_POINTS,
            )
        )
    duplicate = _near_duplicate(draft, context)
    if duplicate is not None:
        findings.append(
            Finding(
                Severity.WARN,
                FindingCode.NEAR_DUPLICATE,
                f"Almost the same as the note you sent to {duplicate.contact_name}; "
                f"write this one for {context.addressee}.",
                *whole,
                NEAR_DUPLICATE_POINTS,
            )
        )
    language = _language(draft)
    if language is None:
        findings.append(
            Finding(
                Severity.INFO,
                FindingCode.LANGUAGE_UNCHECKED,
                "Intent and tone are checked in English, German, French and Spanish (intent also in Japanese); "
                "length, placeholders and specifics were checked.",
                *whole,
                0,
            )
        )
        return _conclude(findings, length, limit)
    if connection:
        findings.extend(_intent_missing(draft, context))
    findings.extend(_self_centred(draft, language, context))
    return _conclude(findings, length, limit)


def _intent_missing(draft: _Draft, context: NoteContext) -> list[Finding]:
    intent = context.intent
    if intent is None or intent not in _INTENT_PATTERNS or _INTENT_PATTERNS[intent].search(draft.folded):
        return []
    return [
        Finding(
            Severity.WARN,
            FindingCode.INTENT_MISSING,
            f"The note doesn't say why you want to connect ({intent.value.replace('_', ' ')}): "
            f"{_INTENT_HINTS[intent]}.",
            0,
            len(draft.text),
            INTENT_MISSING_POINTS,
        )
    ]


def _self_centred(draft: _Draft, language: str, context: NoteContext) -> list[Finding]:
    if language not in _SELF_WORDS:
        return []
    self_words, you_words = _SELF_WORDS[language], _YOU_WORDS[language]
    you = sum(1 for word, _start, _end in draft.words if word in you_words)
    # A reflexive pair ("ich mich", "je me", "I myself") is one reference to the sender, not two.
    me, previous = 0, ""
    for word, _start, _end in draft.words:
        if word in self_words and previous not in self_words:
            me += 1
        previous = word
    if me < 3 or me <= 2 * you:
        return []
    return [
        Finding(
            Severity.WARN,
            FindingCode.SELF_CENTRED,
            f"The note is mostly about you (I/me/my {me} times, you/your {you}): turn it toward {context.addressee}.",
            0,
            len(draft.text),
            SELF_CENTRED_POINTS,
        )
    ]


_SEVERITY_ORDER = {Severity.BLOCK: 0, Severity.WARN: 1, Severity.CREDIT: 2, Severity.INFO: 3}


def _conclude(findings: list[Finding], length: int, limit: int) -> Analysis:
    score = max(0, sum(finding.points for finding in findings))
    if score >= BLOCK_AT or any(finding.severity is Severity.BLOCK for finding in findings):
        verdict = Verdict.BLOCKED
    elif score >= WARN_AT:
        verdict = Verdict.NEEDS_WORK
    else:
        verdict = Verdict.READY
    findings.sort(key=lambda f: (_SEVERITY_ORDER[f.severity], f.start, f.end, f.code))
    return Analysis(verdict, score, tuple(findings), length, limit)


def _length_findings(text: str, length: int, kind: MessageKind, limit: int, settings: Settings) -> list[Finding]:
    if kind is MessageKind.CONNECTION_REQUEST:
        account = "Premium" if settings.account_type is AccountType.PREMIUM else "free"
        if length > limit:
            return [
                Finding(
                    Severity.BLOCK,
                    FindingCode.TOO_LONG,
                    f"The note is {length} characters; LinkedIn allows {limit} on a {account} account. "
                    f"Cut {length - limit}.",
                    _index_past(text, limit),
                    len(text),
                    BLOCK_POINTS,
                )
            ]
        if length > limit - NOTE_MARGIN:
            left = limit - length
            lead = f"Only {left} of {limit} characters left" if left else f"Exactly at the {limit}-character limit"
            return [
                Finding(
                    Severity.INFO,
                    FindingCode.NEAR_LIMIT,
                    f"{lead}; LinkedIn may count a little differently, so a few characters of margin are safer.",
                    _index_past(text, max(0, limit - NOTE_MARGIN)),
                    len(text),
                    0,
                )
            ]
        return []
    if length > limit:
        return [
            Finding(
                Severity.BLOCK,
                FindingCode.TOO_LONG,
                f"The message is {length:,} characters; LinkedIn allows {limit:,}. Cut {length - limit:,}.",
                _index_past(text, limit),
                len(text),
                BLOCK_POINTS,
            )
        ]
    if kind in (MessageKind.THANK_YOU, MessageKind.FOLLOW_UP) and length > SHORT_MESSAGE_SOFT_LIMIT:
        label = "thank-you" if kind is MessageKind.THANK_YOU else "follow-up"
        return [
            Finding(
                Severity.WARN,
                FindingCode.LONG,
                f"At {length:,} characters this {label} is long; keep it under {SHORT_MESSAGE_SOFT_LIMIT}.",
                _index_past(text, SHORT_MESSAGE_SOFT_LIMIT),
                len(text),
                LONG_POINTS,
            )
        ]
    return []


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def _default_texts(draft: _Draft) -> list[Finding]:
    found = []
    for m in _DEFAULT_TEXT.finditer(draft.folded):
        start, end = draft.span(*m.span())
        found.append(
            Finding(
                Severity.BLOCK,
                FindingCode.DEFAULT_TEXT,
                "This is LinkedIn's default invitation text: write a note of your own, or send without a note.",
                start,
                end,
                BLOCK_POINTS,
            )
        )
    return found


def _placeholders(text: str) -> list[Finding]:
    return [
        Finding(
            Severity.BLOCK,
            FindingCode.PLACEHOLDER,
            f"Fill in the placeholder {m.group()} before sending.",
            m.start(),
            m.end(),
            BLOCK_POINTS,
        )
        for m in _PLACEHOLDER.finditer(text)
    ]


def _cliches(draft: _Draft, taken: list[tuple[int, int]]) -> list[Finding]:
    found = []
    for m in _CLICHE.finditer(draft.folded):
        start, end = draft.span(*m.span())
        if _overlaps(start, end, taken):
            continue
        _pattern, points, advice = _CLICHES[(m.lastindex or 1) - 1]
        found.append(
            Finding(
                Severity.WARN,
                FindingCode.CLICHE,
                f"'{draft.quote(start, end)}' is a cliché: {advice}.",
                start,
                end,
                points,
            )
        )
    return found


def _pitches(draft: _Draft) -> list[Finding]:
    found = []
    for m in _LINK.finditer(draft.folded):
        start, end = m.span()
        while end > start and draft.folded[end - 1] in _TRAILING:
            end -= 1
        start, end = draft.span(start, end)
        found.append(
            Finding(
                Severity.WARN,
                FindingCode.LINK,
                f"Leave the link {_shorten(draft.text[start:end], 40)} out of a connection note; "
                "share it once you're connected.",
                start,
                end,
                PITCH_POINTS,
            )
        )
    links = [(f.start, f.end) for f in found]
    for m in _PITCH.finditer(draft.folded):
        start, end = draft.span(*m.span())
        if _overlaps(start, end, links):
            continue
        found.append(
            Finding(
                Severity.WARN,
                FindingCode.PITCH,
                f"'{draft.quote(start, end)}' reads as a sales pitch: leave it out of a connection note.",
                start,
                end,
                PITCH_POINTS,
            )
        )
    return found


def _credits(draft: _Draft, context: NoteContext) -> tuple[list[Finding], bool]:
    """Credits for each fact, engagement and the company the note mentions; and whether it names the person
    or their profile at all (which is specific, but not worth a credit on its own)."""
    found: list[Finding] = []
    seen: set[tuple[tuple[int, int], ...]] = set()
    company = draft.find_company(context._company_words)
    if company is not None:
        seen.add((company,))
        found.append(
            Finding(
                Severity.CREDIT,
                FindingCode.MENTIONS_COMPANY,
                f"Mentions their company: {context.company.strip()}.",
                *company,
                SPECIFIC_CREDIT,
            )
        )
    for specific in context._specifics:
        spans = [span for term in specific.terms if (span := draft.find(term)) is not None]
        if len(spans) < specific.needed:
            continue
        key = tuple(sorted(set(spans)))
        if key in seen:
            continue
        seen.add(key)
        verb = "Mentions" if specific.code is FindingCode.MENTIONS_FACT else "Refers to"
        found.append(
            Finding(
                Severity.CREDIT,
                specific.code,
                f"{verb} {specific.label}: '{specific.shown}'.",
                *_joined(spans),
                SPECIFIC_CREDIT,
            )
        )
    if any(draft.find(term) is not None for term in context._name_terms):
        return found, True
    # Their headline counts like a fact (two words of a long one), so that "data science" alone is not specific.
    profile = context._profile_terms
    hits = sum(1 for term in profile if draft.find(term) is not None)
    return found, bool(profile) and hits >= (1 if len(profile) <= 2 else 2)


def _joined(spans: list[tuple[int, int]]) -> tuple[int, int]:
    """The first run of matched words that sit together ("Rust in embedded systems"), as one span."""
    ordered = sorted(spans)
    start, end = ordered[0]
    for next_start, next_end in ordered[1:]:
        if next_start - end > _JOIN_GAP:
            break
        end = max(end, next_end)
    return start, end


def _suggestion(context: NoteContext) -> str:
    if context.facts:
        fact_kind, text = context.facts[0]
        return f"{_FACT_LABELS[fact_kind]} '{_shorten(text)}'"
    if context.engagements:
        engagement_kind, target, _comment = context.engagements[0]
        return f"{_ENGAGEMENT_LABELS[engagement_kind]} '{_shorten(target)}'"
    if context.company.strip():
        return f"their work at {context.company.strip()}"
    return "something from their profile, a mutual contact or an event"


def _rough_words(text: str) -> frozenset[str]:
    return frozenset(text.lower().split())


def _shingles(words: Sequence[str]) -> frozenset[tuple[str, str]]:
    """Word pairs: two notes that share few of them cannot be near-duplicates, and sets compare at C speed."""
    return frozenset(pairwise(words))


def _near_duplicate(draft: _Draft, context: NoteContext) -> SentNote | None:
    """The first note sent to someone else (callers list the newest first) that this draft nearly repeats."""
    words = _masked_words([word for word, _start, _end in draft.words], context._names)
    count = len(words)
    if count < _DUPLICATE_MIN_WORDS or not context.sent_notes:
        return None
    rough = _rough_words(draft.text)
    shingles = _shingles(words)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(words)
    recipient = _quick_fold(context.full_name).strip()
    for sent in context.sent_notes:
        # Cheap filters first. Raw words (punctuation and names left in) are nearly free and drop unrelated
        # notes before they are tokenised; a template reused with another name still shares most of them.
        others_rough = sent._rough_words
        if 2 * len(rough & others_rough) < _DUPLICATE_ROUGH_OVERLAP * (len(rough) + len(others_rough)):
            continue
        other = sent._words
        # The ratio is at most 2*min/(sum) of the lengths. And at ratio 0.8 at most a fifth of the words
        # differ, each breaking at most two word pairs, so near-duplicates share over half their pairs;
        # 0.4 leaves room for repeated pairs.
        if 2 * min(count, len(other)) < DUPLICATE_RATIO * (count + len(other)):
            continue
        others = sent._shingles
        if 2 * len(shingles & others) < _DUPLICATE_SHINGLE_OVERLAP * (len(shingles) + len(others)):
            continue
        if recipient and _quick_fold(sent.contact_name).strip() == recipient:
            continue
        matcher.set_seq1(other)
        if matcher.ratio() >= DUPLICATE_RATIO:
            return sent
    return None


def _shorten(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"
