"""The composer's note analysis: realistic notes in a table, then spans, scores, limits and odd text."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.note_analysis import (
    BLOCK_POINTS,
    NEAR_DUPLICATE_POINTS,
    NOTHING_SPECIFIC_POINTS,
    SPECIFIC_CREDIT,
    Analysis,
    Finding,
    FindingCode,
    NoteContext,
    SentNote,
    Severity,
    Verdict,
    analyse,
    first_name_of,
    utf16_length,
)
from model.records import ContactRecord, EngagementRecord, FactRecord
from model.settings import Settings
from model.vocabulary import AccountType, EngagementKind, FactKind, Intent, MessageKind, Stage, Tier

C = FindingCode
REQUEST = MessageKind.CONNECTION_REQUEST
THANK_YOU = MessageKind.THANK_YOU
FOLLOW_UP = MessageKind.FOLLOW_UP
FREE = Settings()
PREMIUM = Settings(account_type=AccountType.PREMIUM)

GRACE_NOTE = SentNote(
    "Grace Hopper",
    "Hi Grace, I enjoyed your talk on compilers at PyCon and would love to collaborate on a tooling project sometime.",
)
ADA = NoteContext(
    first_name="Ada",
    full_name="Ada Lovelace",
    company="Analytical Engines Ltd",
    position="Head of Computing",
    headline="Mathematician | Poetical science",
    facts=(
        (FactKind.RECENT_POST, "Rust in embedded systems"),
        (FactKind.SHARED_INTEREST, "sailing"),
        (FactKind.MUTUAL_CONNECTION, "Charles Babbage"),
        (FactKind.EVENT, "PyCon DE 2025"),
        (FactKind.ACHIEVEMENT, "Promoted to VP Engineering"),
    ),
    engagements=((EngagementKind.COMMENT, "Post on punched cards for looms", "The Jacquard link is brilliant."),),
    intent=Intent.COLLABORATION,
    sent_notes=(GRACE_NOTE,),
)
NETWORKING = dataclasses.replace(ADA, intent=Intent.NETWORKING)
MENTORSHIP = dataclasses.replace(ADA, intent=Intent.MENTORSHIP)
PARTNERSHIP = dataclasses.replace(ADA, intent=Intent.PARTNERSHIP)
HIRING = dataclasses.replace(ADA, intent=Intent.HIRING)
JOB_SEARCH = dataclasses.replace(ADA, intent=Intent.JOB_SEARCH)
OTHER_INTENT = dataclasses.replace(ADA, intent=Intent.OTHER)
NO_INTENT = dataclasses.replace(ADA, intent=None)
YAMADA = NoteContext(
    first_name="太郎",
    full_name="山田 太郎",
    company="ソニー株式会社",
    facts=((FactKind.RECENT_POST, "ロボット研究の投稿"),),
    intent=Intent.NETWORKING,
)
JUERGEN = NoteContext(
    first_name="Jürgen",
    full_name="Jürgen Weiß",
    company="Siemens Energy AG",
    facts=((FactKind.EVENT, "Vortrag über Wasserstoff auf der Hannover Messe"),),
    intent=Intent.NETWORKING,
)
ELODIE = NoteContext(
    first_name="Élodie",
    full_name="Élodie Durand",
    company="Société Générale",
    facts=((FactKind.RECENT_POST, "Article sur la finance durable"),),
    intent=Intent.MENTORSHIP,
)
JOSE = NoteContext(
    first_name="José",
    full_name="José Martínez",
    company="Telefónica",
    facts=((FactKind.SHARED_INTEREST, "ciclismo de montaña"),),
    intent=Intent.LEARNING,
)

SPECIFIC = "Hi Ada, your post on Rust in embedded systems was superb. Would love to collaborate on a driver project."


def padded(units: int, pad: str = "🙂") -> str:
    """SPECIFIC padded with `pad` (an emoji is 2 UTF-16 units) and full stops to exactly `units` code units."""
    text = SPECIFIC + " "
    while utf16_length(text + pad) <= units:
        text += pad
    return text + "." * (units - utf16_length(text))


def row(
    name: str,
    text: str,
    verdict: Verdict,
    codes: set[FindingCode],
    *,
    kind: MessageKind = REQUEST,
    context: NoteContext = ADA,
    account: Settings = FREE,
) -> object:
    return pytest.param(text, kind, context, account, verdict, codes, id=name)


READY, NEEDS_WORK, BLOCKED = Verdict.READY, Verdict.NEEDS_WORK, Verdict.BLOCKED

NOTES = [
    # Good, specific notes
    row("post and intent", SPECIFIC, READY, {C.MENTIONS_FACT}),
    row(
        "achievement and mutual contact",
        "Ada, congrats on the promotion to VP Engineering! Charles Babbage speaks highly of you; "
        "I'd love to work together on the looms project.",
        READY,
        {C.MENTIONS_FACT},
    ),
    row(
        "shared interest",
        "Hi Ada! Fellow sailor here. Curious how you balance sailing with building compilers; "
        "would love to collaborate sometime.",
        READY,
        {C.MENTIONS_FACT},
    ),
    row(
        "company and engagement",
        "Hi Ada, the work Analytical Engines is doing on punched-card looms is fascinating. "
        "Could we work together on a pilot project?",
        READY,
        {C.MENTIONS_COMPANY, C.MENTIONS_ENGAGEMENT},
    ),
    row(
        "engagement only",
        "Ada, I commented on your post about punched cards for looms last week. "
        "Would you be up for a collaboration on a loom simulator?",
        READY,
        {C.MENTIONS_ENGAGEMENT},
    ),
    row(
        "their demo is not a pitch",
        "Your demo at PyCon was brilliant, Ada. Would love to collaborate on the tooling.",
        READY,
        {C.MENTIONS_FACT},
    ),
    row(
        "emoji note",
        "Hi Ada 👋 loved your take on Rust in embedded systems 🦀 Would love to collaborate on a no_std project! 🚀",
        READY,
        {C.MENTIONS_FACT},
    ),
    row(
        "hiring intent",
        "Hi Ada, your Rust in embedded systems post was spot on. We're hiring a firmware lead and "
        "I'd love to tell you about the role.",
        READY,
        {C.MENTIONS_FACT},
        context=HIRING,
    ),
    row(
        "mentorship intent",
        "Ada, as someone starting out in embedded Rust, I'd value your advice on moving from C. "
        "Your systems post was great.",
        READY,
        {C.MENTIONS_FACT},
        context=MENTORSHIP,
    ),
    row(
        "intent 'other' is not checked",
        "Hi Ada, saw your sailing photos from Cowes!",
        READY,
        {C.MENTIONS_FACT},
        context=OTHER_INTENT,
    ),
    row("no intent recorded", "Ada, great sailing photos from Cowes!", READY, {C.MENTIONS_FACT}, context=NO_INTENT),
    # Borderline: a warning, but specific enough to stay ready
    row(
        "one cliché with a name",
        "Hi Ada, I came across your profile and would love to connect.",
        READY,
        {C.CLICHE},
        context=NETWORKING,
    ),
    row(
        "specific but intent missing",
        "Hi Ada, your Rust in embedded systems post was spot on, thanks for writing it.",
        READY,
        {C.MENTIONS_FACT, C.INTENT_MISSING},
        context=JOB_SEARCH,
    ),
    row(
        "near-duplicate still credited",
        "Hi Ada, I enjoyed your talk on compilers at PyCon and would love to collaborate on a tooling project "
        "sometime.",
        READY,
        {C.NEAR_DUPLICATE, C.MENTIONS_FACT},
    ),
    # Generic
    row("bare request", "Hi, I'd like to connect.", NEEDS_WORK, {C.NOTHING_SPECIFIC, C.INTENT_MISSING}),
    row(
        "cliché pile",
        "Hello! I came across your profile and I'm impressed by your background. "
        "I'd love to expand my network and explore synergies.",
        BLOCKED,
        {C.CLICHE, C.NOTHING_SPECIFIC, C.INTENT_MISSING},
        context=NETWORKING,
    ),
    row(
        "clichés just under the block",
        "Hope this message finds you well! We have a lot in common and I think a partnership would be "
        "mutually beneficial.",
        NEEDS_WORK,
        {C.CLICHE, C.NOTHING_SPECIFIC},
        context=PARTNERSHIP,
    ),
    row(
        "asking for time",
        "Ada, could I pick your brain on a quick call? 15 minutes of your time would mean a lot.",
        NEEDS_WORK,
        {C.CLICHE, C.INTENT_MISSING},
        context=MENTORSHIP,
    ),
    row(
        "love to add you",
        "I'd love to add you to my network, Ada.",
        NEEDS_WORK,
        {C.CLICHE, C.INTENT_MISSING},
        context=NETWORKING,
    ),
    row(
        "near-duplicate of Grace's note",
        "Hi Ada, I enjoyed your talk on compilers and would love to collaborate on a tooling project sometime.",
        NEEDS_WORK,
        {C.NEAR_DUPLICATE},
    ),
    row(
        "about the sender",
        "Hello! I am a senior engineer and I have built many compilers. I am looking to collaborate, "
        "and I think my experience would be useful to you.",
        NEEDS_WORK,
        {C.SELF_CENTRED, C.NOTHING_SPECIFIC},
    ),
    # LinkedIn's default texts
    row(
        "default text",
        "I'd like to add you to my professional network on LinkedIn.",
        BLOCKED,
        {C.DEFAULT_TEXT, C.NOTHING_SPECIFIC, C.INTENT_MISSING},
    ),
    row(
        "default text, curly apostrophe",
        "I\u2019d like to join your LinkedIn network.",
        BLOCKED,
        {C.DEFAULT_TEXT, C.NOTHING_SPECIFIC, C.INTENT_MISSING},
        context=NETWORKING,
    ),
    row(
        "default text with a name",
        "Hi Ada, I would like to connect with you on LinkedIn.",
        BLOCKED,
        {C.DEFAULT_TEXT},
        context=NETWORKING,
    ),
    row(
        "default text shouted",
        "I WOULD LIKE TO ADD YOU TO MY PROFESSIONAL NETWORK!!!",
        BLOCKED,
        {C.DEFAULT_TEXT, C.NOTHING_SPECIFIC, C.INTENT_MISSING},
    ),
    row(
        "default text after a good opening",
        "Hi Ada! Loved your post on Rust in embedded systems. I'd like to add you to my professional network "
        "on LinkedIn.",
        BLOCKED,
        {C.DEFAULT_TEXT, C.MENTIONS_FACT, C.INTENT_MISSING},
    ),
    # Placeholders
    row(
        "square brackets",
        "Hi [Name], loved your post about [topic]!",
        BLOCKED,
        {C.PLACEHOLDER, C.NOTHING_SPECIFIC, C.INTENT_MISSING},
    ),
    row(
        "braces",
        "Hi {first_name}, great to see what {{company}} is building. Let's collaborate!",
        BLOCKED,
        {C.PLACEHOLDER, C.NOTHING_SPECIFIC},
    ),
    row(
        "percent field in a thank-you",
        "Hi %FIRSTNAME%, thanks for connecting!",
        BLOCKED,
        {C.PLACEHOLDER, C.NOTHING_SPECIFIC},
        kind=THANK_YOU,
    ),
    row(
        "angle brackets in a good note",
        "Dear <name>, your post on Rust in embedded systems was superb; let's collaborate.",
        BLOCKED,
        {C.PLACEHOLDER, C.MENTIONS_FACT},
    ),
    # Length, in UTF-16 code units
    row("195 units: no margin warning", padded(195), READY, {C.MENTIONS_FACT}),
    row("196 units: inside the margin", padded(196), READY, {C.MENTIONS_FACT, C.NEAR_LIMIT}),
    row("exactly 200 with emoji", padded(200), READY, {C.MENTIONS_FACT, C.NEAR_LIMIT}),
    row("201 units on a free account", padded(201), BLOCKED, {C.MENTIONS_FACT, C.TOO_LONG}),
    row("201 units on Premium", padded(201), READY, {C.MENTIONS_FACT}, account=PREMIUM),
    row("exactly 300 on Premium", padded(300), READY, {C.MENTIONS_FACT, C.NEAR_LIMIT}, account=PREMIUM),
    row("301 units on Premium", padded(301), BLOCKED, {C.MENTIONS_FACT, C.TOO_LONG}, account=PREMIUM),
    row(
        "long thank-you",
        "Thanks for connecting, Ada! " + "Your post on Rust in embedded systems has stayed with me all week. " * 10,
        READY,
        {C.LONG, C.MENTIONS_FACT},
        kind=THANK_YOU,
    ),
    row(
        "follow-up over LinkedIn's message limit",
        "Hi Ada, about the punched cards for looms: " + "more detail. " * 700,
        BLOCKED,
        {C.TOO_LONG, C.MENTIONS_ENGAGEMENT},
        kind=FOLLOW_UP,
    ),
    row("no note at all", "", READY, {C.NO_NOTE}),
    row("whitespace note", "  \n ", READY, {C.NO_NOTE}),
    row("empty thank-you", "", BLOCKED, {C.EMPTY}, kind=THANK_YOU),
    # Pitches and links, which only a connection note must avoid
    row(
        "link and demo",
        "Hi Ada, loved your Rust in embedded systems post! Check out our platform at www.acme.io; "
        "happy to book a demo.",
        NEEDS_WORK,
        {C.LINK, C.PITCH, C.MENTIONS_FACT, C.INTENT_MISSING},
    ),
    row(
        "discount pitch",
        "Ada: 20% off our product this week, free trial here: https://acme.com/trial?ref=li",
        BLOCKED,
        {C.PITCH, C.LINK, C.INTENT_MISSING},
    ),
    row(
        "link in a thank-you is fine",
        "Thanks for connecting, Ada! Here's the deck I mentioned: https://acme.com/deck",
        READY,
        set(),
        kind=THANK_YOU,
    ),
    # Thank-yous and follow-ups
    row(
        "specific thank-you",
        "Thanks for connecting, Ada! Really enjoyed your post on Rust in embedded systems.",
        READY,
        {C.MENTIONS_FACT},
        kind=THANK_YOU,
    ),
    row("generic thank-you", "Thanks for connecting!", NEEDS_WORK, {C.NOTHING_SPECIFIC}, kind=THANK_YOU),
    row(
        "follow-up on an engagement",
        "Hi Ada, just following up on my comment about punched cards for looms: any thoughts?",
        READY,
        {C.MENTIONS_ENGAGEMENT},
        kind=FOLLOW_UP,
    ),
    # Other languages
    row(
        "German, specific",
        "Hallo Jürgen, Ihr Vortrag über Wasserstoff auf der Hannover Messe hat mich beeindruckt. "
        "Ich würde mich gerne mit Ihnen vernetzen.",
        READY,
        {C.MENTIONS_FACT},
        context=JUERGEN,
    ),
    row(
        "German default text",
        "Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.",
        BLOCKED,
        {C.DEFAULT_TEXT, C.NOTHING_SPECIFIC, C.INTENT_MISSING},
        context=JUERGEN,
    ),
    row(
        "German formal with ß in the name",
        "Sehr geehrter Herr Weiß, die Arbeit von Siemens Energy beeindruckt mich. Gerne würde ich mich austauschen.",
        READY,
        {C.MENTIONS_COMPANY},
        context=JUERGEN,
    ),
    row(
        "French, specific",
        "Bonjour Élodie, votre article sur la finance durable m'a beaucoup appris. "
        "J'aimerais beaucoup avoir vos conseils sur ma reconversion.",
        READY,
        {C.MENTIONS_FACT},
        context=ELODIE,
    ),
    row(
        "French default text",
        "Je souhaiterais vous ajouter à mon réseau professionnel sur LinkedIn.",
        BLOCKED,
        {C.DEFAULT_TEXT, C.NOTHING_SPECIFIC, C.INTENT_MISSING},
        context=ELODIE,
    ),
    row(
        "Spanish, specific",
        "Hola José, vi que también te gusta el ciclismo de montaña. Me encantaría aprender de tu experiencia "
        "en Telefónica.",
        READY,
        {C.MENTIONS_FACT, C.MENTIONS_COMPANY},
        context=JOSE,
    ),
    row(
        "Spanish default text",
        "Me gustaría añadirte a mi red profesional de LinkedIn.",
        BLOCKED,
        {C.DEFAULT_TEXT, C.NOTHING_SPECIFIC, C.INTENT_MISSING},
        context=JOSE,
    ),
    row(
        "Japanese, company and post",
        "山田さん、ソニーでのロボット研究の投稿を拝見しました。ぜひつながりたいです。",
        READY,
        {C.MENTIONS_COMPANY, C.MENTIONS_FACT},
        context=YAMADA,
    ),
    row(
        "Japanese, generic",
        "はじめまして。よろしくお願いします。",
        NEEDS_WORK,
        {C.NOTHING_SPECIFIC, C.INTENT_MISSING},
        context=YAMADA,
    ),
    row(
        "Russian is not checked for wording",
        "Здравствуйте! Очень понравился ваш пост.",
        NEEDS_WORK,
        {C.NOTHING_SPECIFIC, C.LANGUAGE_UNCHECKED},
    ),
    row("only an emoji", "👋", NEEDS_WORK, {C.NOTHING_SPECIFIC, C.LANGUAGE_UNCHECKED}),
]


def _check_well_formed(text: str, analysis: Analysis) -> None:
    order = [Severity.BLOCK, Severity.WARN, Severity.CREDIT, Severity.INFO]
    keys = [(order.index(f.severity), f.start, f.end) for f in analysis.findings]
    assert keys == sorted(keys)
    for finding in analysis.findings:
        assert 0 <= finding.start <= finding.end <= len(text), finding
        assert finding.message.strip(), finding
    assert analysis.score == max(0, sum(f.points for f in analysis.findings))


@pytest.mark.parametrize(("text", "kind", "context", "account", "verdict", "codes"), NOTES)
def test_realistic_notes(
    text: str,
    kind: MessageKind,
    context: NoteContext,
    account: Settings,
    verdict: Verdict,
    codes: set[FindingCode],
) -> None:
    analysis = analyse(text, kind, context, account)
    assert (analysis.verdict, set(analysis.codes)) == (verdict, codes), [
        (f.code, f.points, text[f.start : f.end]) for f in analysis.findings
    ]
    _check_well_formed(text, analysis)


def test_the_table_is_big_enough() -> None:
    assert len(NOTES) >= 40


def only(analysis: Analysis, code: FindingCode) -> Finding:
    found = [f for f in analysis.findings if f.code is code]
    assert len(found) == 1, analysis.findings
    return found[0]


def spans(text: str, analysis: Analysis, code: FindingCode) -> list[str]:
    return [text[f.start : f.end] for f in analysis.findings if f.code is code]


# Spans


def test_each_cliché_is_pointed_at_with_its_own_weight() -> None:
    text = "Hello! I came across your profile and I'm impressed by your background. I'd love to explore synergies."
    analysis = analyse(text, REQUEST, NETWORKING, FREE)
    cliches = [f for f in analysis.findings if f.code is C.CLICHE]
    assert [(text[f.start : f.end], f.points) for f in cliches] == [
        ("I came across your profile", 20),
        ("impressed by your background", 20),
        ("explore synergies", 25),
    ]
    assert (
        cliches[0].message
        == "'I came across your profile' is a cliché: say what you read or heard that made you write."
    )


def test_spans_survive_folding_that_changes_lengths() -> None:
    # "ß" folds to "ss", "ﬁ" to "fi", "İ" to "i̇": the folded text is longer, the spans are not.
    text = "Straße İstanbul 🚀 ﬁne: I came across your proﬁle, Ada!"
    analysis = analyse(text, REQUEST, NETWORKING, FREE)
    assert spans(text, analysis, C.CLICHE) == ["I came across your proﬁle"]


def test_curly_quotes_and_case_do_not_hide_a_default_text() -> None:
    text = "Hello, I\u2019D LIKE TO ADD YOU TO MY PROFESSIONAL NETWORK ON LINKEDIN."
    analysis = analyse(text, REQUEST, ADA, FREE)
    assert spans(text, analysis, C.DEFAULT_TEXT) == ["I\u2019D LIKE TO ADD YOU TO MY PROFESSIONAL NETWORK ON LINKEDIN"]
    assert only(analysis, C.DEFAULT_TEXT).points == BLOCK_POINTS


def test_every_placeholder_is_pointed_at() -> None:
    text = "Hi [Name], {{company}} and {first_name} and %FIRSTNAME% and <name> and ${role}."
    analysis = analyse(text, REQUEST, ADA, FREE)
    assert spans(text, analysis, C.PLACEHOLDER) == [
        "[Name]",
        "{{company}}",
        "{first_name}",
        "%FIRSTNAME%",
        "<name>",
        "${role}",
    ]
    assert only(analysis, C.NOTHING_SPECIFIC)  # "Name" is not Ada's name
    assert analysis.findings[0].message == "Fill in the placeholder [Name] before sending."


def test_ordinary_brackets_and_symbols_are_not_placeholders() -> None:
    text = "Ada, loved the Rust in embedded systems post (and the <3 for no_std) - 100% agree, 2 [3] notes."
    analysis = analyse(text, REQUEST, OTHER_INTENT, FREE)
    assert C.PLACEHOLDER not in analysis.codes


def test_a_link_span_leaves_out_the_full_stop() -> None:
    text = "Ada, the slides are at https://example.com/slides. And at example.org, too."
    analysis = analyse(text, REQUEST, ADA, FREE)
    assert spans(text, analysis, C.LINK) == ["https://example.com/slides", "example.org"]
    assert spans(text, analysis, C.PITCH) == []


def test_an_email_address_is_not_a_link() -> None:
    analysis = analyse("Ada, reach me at charles@engines.co.uk about sailing.", REQUEST, OTHER_INTENT, FREE)
    assert C.LINK not in analysis.codes


def test_pitch_phrases_are_pointed_at() -> None:
    text = "Ada, our platform cuts costs, so book a call to see pricing and a demo."
    analysis = analyse(text, REQUEST, ADA, FREE)
    assert spans(text, analysis, C.PITCH) == ["our platform", "book a call", "pricing", "demo"]
    assert {f.points for f in analysis.findings if f.code is C.PITCH} == {30}


def test_a_credit_spans_the_words_it_found_and_says_which_fact() -> None:
    text = SPECIFIC
    analysis = analyse(text, REQUEST, ADA, FREE)
    credit = only(analysis, C.MENTIONS_FACT)
    assert text[credit.start : credit.end] == "Rust in embedded systems"
    assert credit.message == "Mentions their recent post: 'Rust in embedded systems'."
    assert (credit.severity, credit.points) == (Severity.CREDIT, SPECIFIC_CREDIT)


def test_engagement_credit_names_what_was_engaged_with() -> None:
    text = "Ada, more on the punched cards for looms?"
    finding = only(analyse(text, REQUEST, OTHER_INTENT, FREE), C.MENTIONS_ENGAGEMENT)
    assert finding.message == "Refers to the post you commented on: 'Post on punched cards for looms'."
    assert text[finding.start : finding.end] == "punched cards for looms"


def test_one_word_of_a_long_fact_is_not_enough_but_two_are() -> None:
    # "Vortrag über Wasserstoff auf der Hannover Messe" has four distinctive words; one is a coincidence.
    one = analyse("Hallo Jürgen, ich arbeite auch mit Wasserstoff.", REQUEST, JUERGEN, FREE)
    two = analyse("Hallo Jürgen, Ihr Wasserstoff-Vortrag war stark.", REQUEST, JUERGEN, FREE)
    assert C.MENTIONS_FACT not in one.codes
    assert C.MENTIONS_FACT in two.codes


def test_the_first_name_alone_is_specific_but_earns_no_credit() -> None:
    analysis = analyse("Hi Ada, would love to collaborate.", REQUEST, ADA, FREE)
    assert analysis.codes == frozenset()
    assert analysis.score == 0


def test_their_headline_is_specific_when_two_of_its_words_appear() -> None:
    # Headline "Mathematician | Poetical science": one generic word is not enough, two are.
    vague = analyse("Hi, I love data science. Let's collaborate.", REQUEST, ADA, FREE)
    specific = analyse("Hi, your poetical science essays are lovely. Let's collaborate.", REQUEST, ADA, FREE)
    assert vague.codes == {C.NOTHING_SPECIFIC}
    assert specific.codes == frozenset()


def test_a_mutual_connection_is_matched_by_whole_name_words() -> None:
    assert C.MENTIONS_FACT not in analyse("Ada, love the character of your work.", REQUEST, OTHER_INTENT, FREE).codes
    text = "Ada, Babbage's students speak of you often."
    finding = only(analyse(text, REQUEST, OTHER_INTENT, FREE), C.MENTIONS_FACT)
    assert (text[finding.start : finding.end], finding.message) == (
        "Babbage",
        "Mentions a mutual connection: 'Charles Babbage'.",
    )


def test_the_same_post_as_fact_and_engagement_is_credited_once() -> None:
    context = dataclasses.replace(
        ADA,
        facts=((FactKind.RECENT_POST, "Rust in embedded systems"),),
        engagements=((EngagementKind.LIKE, "Rust in embedded systems", ""),),
    )
    analysis = analyse(SPECIFIC, REQUEST, context, FREE)
    assert [f.code for f in analysis.findings] == [C.MENTIONS_FACT]


# Scores


def test_scores_add_up_from_the_scale() -> None:
    # Two clichés (+20 +20), a fact (-20), a name so nothing else: 20, ready with its warnings shown.
    text = "Hi Ada, I came across your profile. Your sailing photos are great; let's grow my network together."
    analysis = analyse(text, REQUEST, OTHER_INTENT, FREE)
    assert [(f.code, f.points) for f in analysis.findings] == [
        (C.CLICHE, 20),
        (C.CLICHE, 20),
        (C.MENTIONS_FACT, SPECIFIC_CREDIT),
    ]
    assert (analysis.score, analysis.verdict) == (20, Verdict.READY)


def test_warn_from_40_and_block_from_100_without_a_blocking_finding() -> None:
    forty = analyse("Thanks for connecting!", THANK_YOU, ADA, FREE)
    assert (forty.score, forty.verdict) == (NOTHING_SPECIFIC_POINTS, Verdict.NEEDS_WORK)
    # 40 (nothing specific) + 20 + 20 + 25 (clichés) = 105: blocked by score alone.
    text = "I came across your profile, I'm impressed by your background and want to explore synergies."
    hundred = analyse(text, REQUEST, OTHER_INTENT, FREE)
    assert all(f.severity is not Severity.BLOCK for f in hundred.findings)
    assert (hundred.score, hundred.verdict) == (105, Verdict.BLOCKED)


def test_credits_do_not_push_the_score_below_zero() -> None:
    text = "Ada, congrats on VP Engineering, on PyCon, and on Analytical Engines' sailing team. Let's collaborate!"
    analysis = analyse(text, REQUEST, ADA, FREE)
    assert sum(f.points for f in analysis.findings) == 4 * SPECIFIC_CREDIT
    assert analysis.score == 0


def test_near_duplicate_names_the_other_person() -> None:
    text = "Hi Ada, I enjoyed your talk on compilers and would love to collaborate on a tooling project sometime."
    finding = only(analyse(text, REQUEST, ADA, FREE), C.NEAR_DUPLICATE)
    assert finding.message == "Almost the same as the note you sent to Grace Hopper; write this one for Ada."
    assert (finding.start, finding.end, finding.points) == (0, len(text), NEAR_DUPLICATE_POINTS)


def test_near_duplicate_ignores_notes_to_the_same_person_and_different_notes() -> None:
    text = "Hi Ada, I enjoyed your talk on compilers and would love to collaborate on a tooling project sometime."
    same_person = dataclasses.replace(ADA, sent_notes=(SentNote("Ada Lovelace", text),))
    assert C.NEAR_DUPLICATE not in analyse(text, REQUEST, same_person, FREE).codes
    different = "Hi Ada, your post on punched cards made me rethink our loom tooling; could we work on it together?"
    assert C.NEAR_DUPLICATE not in analyse(different, REQUEST, ADA, FREE).codes


def test_near_duplicate_masks_both_names_and_punctuation() -> None:
    sent = SentNote("Grace Hopper", "Thanks for connecting, Grace!! Looking forward to your next post.")
    context = dataclasses.replace(ADA, sent_notes=(sent,))
    analysis = analyse("thanks for connecting ada - looking forward to your next post", THANK_YOU, context, FREE)
    assert C.NEAR_DUPLICATE in analysis.codes


def test_self_centred_counts_pronouns() -> None:
    text = "Ada, I built my compiler and I'm proud of it; I think you'd like it."
    finding = only(analyse(text, REQUEST, OTHER_INTENT, FREE), C.SELF_CENTRED)
    assert finding.message == "The note is mostly about you (I/me/my 4 times, you/your 1): turn it toward Ada."
    balanced = "Ada, I built my compiler and I'm proud of it; you and your team would like it."
    assert C.SELF_CENTRED not in analyse(balanced, REQUEST, OTHER_INTENT, FREE).codes


def test_intent_message_says_what_to_add() -> None:
    finding = only(analyse("Hi Ada, great sailing photos.", REQUEST, MENTORSHIP, FREE), C.INTENT_MISSING)
    assert finding.message == (
        "The note doesn't say why you want to connect (mentorship): say what advice or guidance you hope for."
    )


def test_nothing_specific_suggests_the_first_fact() -> None:
    finding = only(analyse("Hi there, let's collaborate.", REQUEST, ADA, FREE), C.NOTHING_SPECIFIC)
    assert finding.message == "Nothing here is specific to Ada: mention their recent post 'Rust in embedded systems'."


# Limits


def test_length_counts_utf16_code_units() -> None:
    assert utf16_length("Ada") == 3
    assert utf16_length("🙂") == 2
    assert utf16_length("👩‍💻") == 5  # woman, zero-width joiner, laptop
    assert utf16_length("🇩🇪") == 4
    assert utf16_length("Jürgen ß 山田") == 11


def test_the_limit_follows_the_account_and_the_message_kind() -> None:
    text = padded(250)
    free, premium = analyse(text, REQUEST, ADA, FREE), analyse(text, REQUEST, ADA, PREMIUM)
    assert (free.length, free.limit, free.remaining, free.over_limit) == (250, 200, -50, True)
    assert (premium.limit, premium.remaining, premium.over_limit) == (300, 50, False)
    assert (
        only(free, C.TOO_LONG).message == "The note is 250 characters; LinkedIn allows 200 on a free account. Cut 50."
    )
    message = analyse(text, THANK_YOU, ADA, FREE)
    assert (message.limit, message.over_limit) == (8000, False)


def test_too_long_points_at_what_must_go_even_inside_an_emoji_pair() -> None:
    # 199 units, then an emoji (2 units): the emoji is what crosses the limit, so the cut starts there.
    text = padded(199, pad="!") + "🦀"
    assert utf16_length(text) == 201
    finding = only(analyse(text, REQUEST, ADA, FREE), C.TOO_LONG)
    assert text[finding.start : finding.end] == "🦀"
    assert finding.message.endswith("Cut 1.")


def test_near_limit_points_at_the_margin() -> None:
    text = padded(198, pad="!")
    finding = only(analyse(text, REQUEST, ADA, FREE), C.NEAR_LIMIT)
    assert text[finding.start : finding.end] == "!!!"
    assert finding.message.startswith("Only 2 of 200 characters left")
    assert finding.points == 0


def test_no_note_is_a_plain_request() -> None:
    analysis = analyse("", REQUEST, ADA, FREE)
    assert analysis.findings == (
        Finding(Severity.INFO, C.NO_NOTE, "No note: LinkedIn sends a plain request.", 0, 0, 0),
    )
    assert (analysis.score, analysis.length) == (0, 0)


# Contexts


def test_context_from_a_contact_record() -> None:
    now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    contact = ContactRecord(
        id=1,
        name="Dr. Ada Lovelace",
        headline="Poetical science",
        company="Analytical Engines Ltd",
        position="Head of Computing",
        location="London",
        time_zone="Europe/London",
        time_zone_inferred=False,
        profile_url=None,
        network="linkedin",
        email="",
        tier=Tier.REGULAR,
        tags=(),
        notes="",
        stage=Stage.ENGAGING,
        stage_entered_at=now,
        stage_reason="",
        parked_from=None,
        connected_at=None,
        created_at=now,
        updated_at=now,
        facts=(FactRecord(1, 1, FactKind.SHARED_INTEREST, "sailing", None, now),),
        engagements=(EngagementRecord(1, 1, EngagementKind.LIKE, "Post on looms", "", now),),
    )
    context = NoteContext.for_contact(contact, Intent.NETWORKING, [GRACE_NOTE])
    assert (context.first_name, context.addressee, context.company) == ("Ada", "Ada", "Analytical Engines Ltd")
    assert context.facts == ((FactKind.SHARED_INTEREST, "sailing"),)
    assert context.engagements == ((EngagementKind.LIKE, "Post on looms", ""),)
    assert context.sent_notes == (GRACE_NOTE,)


@pytest.mark.parametrize(
    ("name", "first"),
    [("Ada Lovelace", "Ada"), ("Dr. Ada Lovelace, PhD", "Ada"), ("山田 太郎", "山田 太郎"), ("", ""), ("Prof.", "")],
)
def test_first_name_of(name: str, first: str) -> None:
    assert first_name_of(name) == first


def test_an_empty_context_still_analyses() -> None:
    analysis = analyse("Hi, would love to collaborate on your robotics project.", REQUEST, NoteContext(), FREE)
    assert analysis.codes == {C.NOTHING_SPECIFIC}
    assert only(analysis, C.NOTHING_SPECIFIC).message == (
        "Nothing here is specific to them: mention something from their profile, a mutual contact or an event."
    )


# Any text at all


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=400), kind=st.sampled_from(list(MessageKind)))
def test_any_text_gives_well_formed_findings(text: str, kind: MessageKind) -> None:
    analysis = analyse(text, kind, ADA, FREE)
    _check_well_formed(text, analysis)
    assert analysis.length == len(text.encode("utf-16-le", "surrogatepass")) // 2


@settings(max_examples=200, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            [
                "Ada",
                "ß",
                "İ",
                "ﬁ",
                "🦀",
                "👩‍💻",
                "Straße",
                "I came across your profile",
                "[Name]",
                "山田",
                "ソニー",
                "https://x.com",
                " ",
                "\n",
                "\u2019",
                "I'd like to connect with you on LinkedIn",
                "Rust",
                "embedded",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_spans_stay_on_character_boundaries_with_tricky_pieces(text: str) -> None:
    analysis = analyse(text, REQUEST, ADA, FREE)
    _check_well_formed(text, analysis)
    for finding in analysis.findings:
        if finding.code is C.CLICHE:
            # "AdaI came across…" has no word "I": the cliché then starts at "came".
            assert text[finding.start : finding.end] in ("I came across your profile", "came across your profile")
        if finding.code is C.PLACEHOLDER:
            assert text[finding.start : finding.end] == "[Name]"
