"""Builds a large, realistic and deterministic Overture database for the benchmarks, cached under benchmarks/out/."""

# ruff: noqa: RUF001 - names and phrases in Cyrillic, Greek and Turkish are the point, not look-alike typos.
from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import random
import shutil
import sqlite3
import sys
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

# Run as a script, Python puts benchmarks/ first on sys.path, not the repository that holds `model`.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from model.clock import TIME_FORMAT
from model.database import MIGRATIONS, open_database
from model.paths import DataPaths
from model.settings import encode, validate_time_zone
from model.vocabulary import Intent

REPO_ROOT = Path(__file__).resolve().parent.parent
# Bump when the generated data changes, so that cached databases of an older shape are not reused.
GENERATOR_VERSION = 2
OUT = Path(__file__).resolve().parent / "out"
# The data is laid out around a fixed "now"; the benchmarks run their services with a clock set to it.
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)
DAY = 86_400 * 10**6
NOW_US = int(NOW.timestamp()) * 10**6
_EPOCH = datetime(1970, 1, 1)
# The dates a user imported their LinkedIn connections: imported contacts share them.
IMPORT_DATES = (NOW_US - 400 * DAY, NOW_US - 250 * DAY, NOW_US - 95 * DAY)


@dataclass(frozen=True)
class Sizes:
    contacts: int = 100_000
    engagements: int = 500_000
    messages: int = 300_000
    seed: int = 20261126

    @property
    def key(self) -> str:
        sizes = f"c{self.contacts}-e{self.engagements}-m{self.messages}-s{self.seed}"
        return f"{sizes}-v{GENERATOR_VERSION}-schema{schema_fingerprint()}"


def schema_fingerprint() -> str:
    """A digest of the migration scripts: a schema edited in place must not be served from an old cache."""
    digest = hashlib.sha256()
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        digest.update(script.read_bytes())
    return digest.hexdigest()[:8]


@dataclass(frozen=True)
class Culture:
    weight: float
    given: tuple[str, ...]
    family: tuple[str, ...]
    # (city, IANA zone)
    places: tuple[tuple[str, str], ...]
    family_first: bool = False
    separator: str = " "


def _words(text: str) -> tuple[str, ...]:
    """A comma-separated list, so the word lists below stay compact under the formatter."""
    return tuple(text.split(", "))


def _places(text: str) -> tuple[tuple[str, str], ...]:
    """'City: Area/Zone, ...' as (city, IANA zone) pairs."""
    pairs = (place.split(": ") for place in text.split(", "))
    return tuple((city, zone) for city, zone in pairs)


# Names, places and zones by script and region, so that sorting, search and JSON escaping meet real text.
CULTURES: tuple[Culture, ...] = (
    Culture(
        30,
        _words(
            "James, Mary, Robert, Patricia, John, Jennifer, Michael, Linda, David, Elizabeth, William, Barbara, "
            "Richard, Susan, Joseph, Jessica, Thomas, Sarah, Olivia, Liam, Noah, Emma, Ava, Sophia, Ethan, Grace, "
            "Chloe, Mateo, Harper, Lucas"
        ),
        _words(
            "Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Anderson, Taylor, Thomas, Moore, Martin, "
            "Jackson, Thompson, White, Harris, Clark, Lewis, Walker, Hall, Young, King, Wright, Scott, Green, Baker, "
            "Adams, O'Brien, McAllister"
        ),
        _places(
            "New York: America/New_York, Boston: America/New_York, Chicago: America/Chicago, "
            "Austin: America/Chicago, Denver: America/Denver, San Francisco: America/Los_Angeles, "
            "Seattle: America/Los_Angeles, Phoenix: America/Phoenix, Anchorage: America/Anchorage, "
            "Honolulu: Pacific/Honolulu, Toronto: America/Toronto, Vancouver: America/Vancouver, "
            "London: Europe/London, Manchester: Europe/London, Dublin: Europe/Dublin, Sydney: Australia/Sydney, "
            "Perth: Australia/Perth, Auckland: Pacific/Auckland"
        ),
    ),
    Culture(
        22,
        _words(
            "Zoë, Chloé, Léa, Émile, François, Jürgen, Björn, Søren, Åsa, Łukasz, Małgorzata, Zofia, Paweł, Jiří, "
            "Tomáš, Ondřej, Ana, João, Inês, Gonçalo, Álvaro, Sofía, Nicolás, Íñigo, Çağla, Gökhan, Ömer, Päivi, "
            "Mária, Ştefan, Anneliese, Matthias"
        ),
        _words(
            "Müller, Schäfer, Weiß, Groß, Dubois, Lefèvre, Girard, Nordström, Ångström, Kowalski, Wiśniewska, "
            "Dvořák, Novák, Svoboda, Gonçalves, Fernández, Muñoz, Peña, Yılmaz, Öztürk, Çelik, Virtanen, Mäkinen, "
            "Kovács, Szabó, Popescu, Jørgensen, Ødegaard, da Silva, van der Berg, de la Cruz, Bianchi"
        ),
        _places(
            "Berlin: Europe/Berlin, München: Europe/Berlin, Paris: Europe/Paris, Lyon: Europe/Paris, "
            "Stockholm: Europe/Stockholm, København: Europe/Copenhagen, Warszawa: Europe/Warsaw, "
            "Kraków: Europe/Warsaw, Praha: Europe/Prague, Lisboa: Europe/Lisbon, Madrid: Europe/Madrid, "
            "İstanbul: Europe/Istanbul, Helsinki: Europe/Helsinki, Budapest: Europe/Budapest, "
            "București: Europe/Bucharest, Oslo: Europe/Oslo, Amsterdam: Europe/Amsterdam, Zürich: Europe/Zurich, "
            "Milano: Europe/Rome, São Paulo: America/Sao_Paulo, Ciudad de México: America/Mexico_City, "
            "Buenos Aires: America/Argentina/Buenos_Aires, Bogotá: America/Bogota"
        ),
    ),
    Culture(
        6,
        _words("Aarav, Ananya, Priya, Rohan, Vikram, Deepa, Arjun, Kavya, Siddharth, Meera"),
        _words("Sharma, Patel, Iyer, Reddy, Nair, Banerjee, Gupta, Menon, Chatterjee, Rao"),
        _places(
            "Bengaluru: Asia/Kolkata, Mumbai: Asia/Kolkata, Pune: Asia/Kolkata, Hyderabad: Asia/Kolkata, "
            "Chennai: Asia/Kolkata, New Delhi: Asia/Kolkata, Kathmandu: Asia/Kathmandu"
        ),
    ),
    Culture(
        4,
        _words("Chinedu, Amara, Kwame, Aisha, Thabo, Zanele, Kofi, Wanjiru, Tendai, Ngozi"),
        _words("Okafor, Mensah, Nkosi, Adeyemi, Kamau, Diallo, Mutasa, Owusu, Abebe, Ndlovu"),
        _places(
            "Lagos: Africa/Lagos, Accra: Africa/Accra, Johannesburg: Africa/Johannesburg, "
            "Cape Town: Africa/Johannesburg, Nairobi: Africa/Nairobi, Dakar: Africa/Dakar, "
            "Addis Ababa: Africa/Addis_Ababa"
        ),
    ),
    Culture(
        2,
        _words("Minh, Anh, Huy, Lan, Thảo, Dũng, Phương, Quân"),
        _words("Nguyễn, Trần, Lê, Phạm, Hoàng, Vũ, Đặng, Bùi"),
        _places("Hà Nội: Asia/Ho_Chi_Minh, Thành phố Hồ Chí Minh: Asia/Ho_Chi_Minh, Đà Nẵng: Asia/Ho_Chi_Minh"),
        family_first=True,
    ),
    Culture(
        6,
        _words(
            "Александр, Мария, Дмитрий, Анна, Сергей, Екатерина, Иван, Ольга, Андрей, Наталья, Олена, Тарас, Богдан, "
            "Ірина"
        ),
        _words("Иванов, Смирнова, Кузнецов, Попова, Соколов, Лебедева, Шевченко, Коваленко, Петров, Бондаренко"),
        _places(
            "Москва: Europe/Moscow, Санкт-Петербург: Europe/Moscow, Київ: Europe/Kyiv, Львів: Europe/Kyiv, "
            "Новосибирск: Asia/Novosibirsk, Алматы: Asia/Almaty, Минск: Europe/Minsk, Тбилиси: Asia/Tbilisi"
        ),
    ),
    Culture(
        1.5,
        _words("Γιώργος, Μαρία, Νίκος, Ελένη, Δημήτρης, Κατερίνα"),
        _words("Παπαδόπουλος, Παπαδοπούλου, Γεωργίου, Οικονόμου, Νικολάου"),
        _places("Αθήνα: Europe/Athens, Θεσσαλονίκη: Europe/Athens, Λευκωσία: Asia/Nicosia"),
    ),
    Culture(
        5,
        _words("محمد, فاطمة, أحمد, مريم, علي, نور, يوسف, ليلى, عمر, سارة"),
        _words("العلي, الحسن, المصري, الخطيب, حداد, النجار, الزهراني"),
        _places(
            "الرياض: Asia/Riyadh, دبي: Asia/Dubai, القاهرة: Africa/Cairo, عمّان: Asia/Amman, "
            "الدار البيضاء: Africa/Casablanca, بيروت: Asia/Beirut"
        ),
    ),
    Culture(
        1.5,
        _words("נועה, דוד, מיכל, יונתן, תמר, אורי"),
        _words("כהן, לוי, מזרחי, פרץ, ביטון"),
        _places("תל אביב: Asia/Jerusalem, ירושלים: Asia/Jerusalem, חיפה: Asia/Jerusalem"),
    ),
    Culture(
        8,
        _words("伟, 芳, 娜, 敏, 静, 磊, 洋, 艳, 杰, 婷, 子涵, 浩然, 欣怡, 宇轩"),
        _words("王, 李, 张, 刘, 陈, 杨, 黄, 赵, 周, 吴, 欧阳"),
        _places(
            "上海: Asia/Shanghai, 北京: Asia/Shanghai, 深圳: Asia/Shanghai, 杭州: Asia/Shanghai, 香港: Asia/Hong_Kong, "
            "台北: Asia/Taipei, 新加坡: Asia/Singapore"
        ),
        family_first=True,
        separator="",
    ),
    Culture(
        5,
        _words("翔太, 陽菜, 蓮, 結衣, 大翔, さくら, 健太, 美咲"),
        _words("佐藤, 鈴木, 高橋, 田中, 伊藤, 渡辺, 山本, 中村"),
        _places("東京: Asia/Tokyo, 大阪: Asia/Tokyo, 福岡: Asia/Tokyo, 札幌: Asia/Tokyo, 名古屋: Asia/Tokyo"),
        family_first=True,
    ),
    Culture(
        3,
        _words("민준, 서연, 지호, 하은, 도윤, 지우"),
        _words("김, 이, 박, 최, 정, 강"),
        _places("서울: Asia/Seoul, 부산: Asia/Seoul, 판교: Asia/Seoul"),
        family_first=True,
        separator="",
    ),
    Culture(
        2,
        _words("आरव, अनन्या, विवान, दीया, अर्जुन, प्रिया, रोहन"),
        _words("शर्मा, वर्मा, गुप्ता, सिंह, पटेल"),
        _places("मुंबई: Asia/Kolkata, दिल्ली: Asia/Kolkata, बेंगलुरु: Asia/Kolkata"),
    ),
    Culture(
        1,
        _words("สมชาย, สุดารัตน์, ณัฐพล, กมลชนก"),
        _words("ศรีสุข, วงศ์ไทย, แก้วมณี"),
        _places("กรุงเทพมหานคร: Asia/Bangkok, เชียงใหม่: Asia/Bangkok"),
    ),
)
NAME_SUFFIXES = (", PhD", " (she/her)", " (he/him)", " 🚀", " 🌱", ", MBA", " ✈️", ", CFA")
COMPANY_STEMS = _words(
    "Nordwind, Bluefin, Kestrel, Lumen, Aurora, Basalt, Cobalt, Fjord, Halcyon, Juniper, Meridian, Orchard, Pioneer, "
    "Quartz, Riverstone, Saffron, Tidewater, Vantage, Willow, Zephyr, Atlas, Beacon, Cedar, Driftwood, Ember, "
    "Granite, Harbor, Ironwood, Lark, Mosaic, Northstar, Opal, Polaris, Redwood, Summit, Tandem, Upland, Verdant, "
    "Wren"
)
COMPANY_KINDS = _words(
    "Analytics, Robotics, Health, Labs, Logistics, Software, Capital, Energy, Studio, Consulting, Biotech, Systems, "
    "Foods, Mobility, Security, Learning, Media, Networks"
)
COMPANY_FORMS = ("", "", "", " Inc.", " GmbH", " Ltd", " SA", " S.r.l.", " AB", " B.V.", " LLC", " Pty Ltd")
FOREIGN_COMPANIES = (
    "株式会社ミライ",
    "深圳云帆科技有限公司",
    "Технологии Будущего",
    "شركة الأفق الرقمي",
    "삼각형 소프트",
    "Société Générale de Logiciels",
    "Müller & Söhne KG",
    "Ελληνικά Δίκτυα",
    "קשת טכנולוגיות",
)
POSITIONS = _words(
    "Software Engineer, Senior Software Engineer, Staff Engineer, Engineering Manager, CTO, Product Manager, "
    "Product Designer, UX Researcher, Data Scientist, Machine Learning Engineer, Head of Data, Recruiter, "
    "Talent Partner, Founder, Co-founder & CEO, VP Sales, Account Executive, Marketing Lead, DevRel Engineer, "
    "Research Scientist, Consultant, Operations Manager, Investor, Professor, PhD Candidate, Freelance Developer"
)
TOPICS = (
    "a post on scaling Postgres",
    "a talk about team topologies",
    "an article on remote onboarding",
    "a thread on hiring juniors",
    "the launch of their new product",
    "a post about burnout",
    "their conference keynote",
    "a write-up on migrating to Rust",
    "a job announcement",
    "a carousel on pricing experiments",
    "a post about accessibility audits",
    "their podcast episode",
    "a paper on retrieval-augmented generation",
    "a post on negotiating salaries",
    "a photo from the meetup",
    "a post about climate tech funding",
    "an article on OKRs gone wrong",
    "their book recommendation list",
    "a poll about four-day weeks",
    "a video on design systems",
    "年度总结的帖子",
    "新しいプロジェクトの発表",
    "пост про открытый код",
    "منشور عن ريادة الأعمال",
)
COMMENTS = (
    "Great point about the trade-offs, we saw the same thing.",
    "Thanks for sharing this!",
    "Would love to hear how you measured that.",
    "This matches our experience at a much smaller scale.",
    "Congratulations on the launch!",
    "Saving this for my team.",
    "The second chart is striking.",
    "Curious whether this held up after a year?",
    "Well said.",
    "Bravo, très bien expliqué !",
    "Sehr spannend, danke fürs Teilen.",
    "很有启发, 谢谢分享!",
    "とても参考になりました。",
)
MESSAGES_OUT = (
    "Thanks for connecting, {first}! I really enjoyed {topic}.",
    "Hi {first}, following up on my last note: would a 15-minute call next week work?",
    "Hope the launch went well, {first}. Anything I can help with?",
    "Hi {first}, I came across {topic} and thought of our conversation.",
    "Quick question, {first}: how did you approach hiring for that team?",
    "Happy new year, {first}! Let's catch up soon.",
    "Congrats on the new role, {first}!",
    "Hi {first}, just checking in. No pressure at all.",
)
MESSAGES_IN = (
    "Thanks {me}, great to connect!",
    "Sure, Tuesday afternoon works for me.",
    "Sorry for the slow reply, it has been a busy month.",
    "Happy to help, send me the details.",
    "We are hiring for a role that might interest you.",
    "Would you be open to speaking at our meetup?",
    "Merci beaucoup, à bientôt !",
    "谢谢, 下周见。",
    "Спасибо, отличная идея!",
)
REQUEST_NOTES = (
    "Hi {first}, I enjoyed {topic}; I'd like to keep following your work.",
    "Hello {first}, we met at the meetup last week. Would be glad to stay in touch.",
    "Hi {first}, fellow {position} here; your posts on the topic are great.",
)
TAGS = _words(
    "python, rust, hiring, recruiter, conference-2025, conference-2026, berlin, remote, investor, alumni, mentor, "
    "climate, design, data, open-source, meetup, former colleague, customer, partner, 東京, クライアント, "
    "Москва, speaker, podcast, newsletter"
)
FACTS = (
    ("recent_post", "Wrote about {topic}"),
    ("shared_interest", "Also into trail running"),
    ("mutual_connection", "Knows {other} from their last job"),
    ("event", "Speaking at the autumn meetup"),
    ("achievement", "Promoted to {position}"),
    ("other", "Prefers email over LinkedIn messages"),
)
NOTES = (
    "Met at the Lisbon conference; ask about the data platform migration.",
    "Introduced by a former colleague.",
    "Prefers mornings (their time).",
    "Runs a small newsletter on engineering management.",
    "Potential collaborator for the workshop.",
    "Interested in the mentoring programme. Follow up in spring.",
)
PARK_REASONS = (
    "Changed jobs; revisit next quarter",
    "Not active on LinkedIn",
    "Went quiet after two follow-ups",
    "Focusing on other accounts this quarter",
    "On parental leave",
    "Not a fit after all",
)
ENGAGEMENT_KINDS = (("like", 55), ("comment", 25), ("share", 8), ("reply", 5), ("endorsement", 4), ("other", 3))
STAGE_MIX = (("connected", 62), ("nurturing", 15), ("engaging", 5), ("spotted", 8), ("requested", 3), ("parked", 7))
PARKED_FROM = (("spotted", 5), ("engaging", 30), ("requested", 15), ("connected", 30), ("nurturing", 20))
TIERS = (("close", 8), ("regular", 70), ("loose", 22))
INTENTS = tuple(intent.value for intent in Intent)

HistoryRow = tuple[str | None, str, int, str, int]
Request = tuple[int, int | None, int | None]


@dataclass(slots=True)
class Person:
    """One contact's timeline, in microseconds since the epoch, before it is written out as rows."""

    id: int
    stage: str
    created: int
    entered: int
    reason: str
    connected: int | None = None
    parked_from: str | None = None
    # Activity (engagements, messages) stops here: when the contact was parked, or now.
    until: int = NOW_US
    history: list[HistoryRow] = field(default_factory=list)
    engagements: list[int] = field(default_factory=list)
    engagement_from: int = 0
    engagement_to: int | None = None
    engagement_weight: float = 0.0
    requests: list[Request] = field(default_factory=list)
    # Outgoing messages the stage implies (the thank-you that started Nurturing): (kind, time).
    fixed_messages: list[tuple[str, int]] = field(default_factory=list)
    message_from: int = 0
    message_weight: float = 0.0
    conversation: bool = False


def stamp(micros: int) -> str:
    """The database's fixed-width UTC text for an instant given in microseconds since the epoch."""
    return (_EPOCH + timedelta(microseconds=micros)).strftime(TIME_FORMAT)


def _days(count: float) -> int:
    return int(count * DAY)


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, float]]) -> str:
    return rng.choices([name for name, _ in pairs], weights=[weight for _, weight in pairs])[0]


def _approach(rng: random.Random, person: Person, sent: int) -> None:
    """Spotted, two engagements on two days, then a request sent at `sent`: the path the app enforces."""
    first = sent - _days(rng.uniform(1.5, 40))
    second = first + _days(rng.uniform(1, (sent - first) / DAY))
    person.created = first - _days(rng.uniform(0, 10))
    person.engagements += [first, second]
    person.history += [
        (None, "spotted", person.created, "Added", 0),
        ("spotted", "engaging", first, "First engagement logged", 0),
        ("engaging", "requested", sent, "Request sent", 0),
    ]


def _imported_connection(rng: random.Random, person: Person) -> None:
    person.created = rng.choice(IMPORT_DATES) + _days(rng.uniform(0, 0.01))
    person.connected = person.created - _days(rng.uniform(1, 4000))
    person.history.append((None, "connected", person.created, "Imported from LinkedIn", 1))


def plan(rng: random.Random, contact_id: int, stage: str) -> Person:
    """Where a contact stands and how they got there; parked contacts are planned in their origin first."""
    person = Person(contact_id, stage, 0, 0, "")
    if stage == "spotted":
        person.created = person.entered = NOW_US - _days(rng.uniform(0.05, 90))
        person.reason = "Added"
        person.history.append((None, "spotted", person.created, "Added", 0))
    elif stage == "engaging":
        # People stay in Engaging for weeks, rarely months: they get a request or are parked.
        person.created = NOW_US - _days(min(0.5 + rng.expovariate(1 / 30), 150))
        first = person.created + _days(rng.uniform(0, min(5.0, (NOW_US - person.created) / DAY)))
        person.entered, person.reason = first, "First engagement logged"
        person.history += [
            (None, "spotted", person.created, "Added", 0),
            ("spotted", "engaging", first, person.reason, 0),
        ]
        person.engagements.append(first)
        person.engagement_from = first
        # Half the people being engaged with have just been noticed: one engagement so far.
        person.engagement_weight = 0.0 if rng.random() < 0.5 else 4 * rng.expovariate(1)
        span = (NOW_US - first) / DAY
        if span > 30 and rng.random() < 0.1:
            sent = first + _days(rng.uniform(2, span / 2))
            withdrawn = sent + _days(rng.uniform(3, (NOW_US - sent) / DAY * 0.8))
            person.engagements.append(first + _days(rng.uniform(1, (sent - first) / DAY)))
            person.requests.append((sent, None, withdrawn))
            person.entered, person.reason = withdrawn, "Request withdrawn"
            person.history += [
                ("engaging", "requested", sent, "Request sent", 0),
                ("requested", "engaging", withdrawn, person.reason, 0),
            ]
    elif stage == "requested":
        # Most requests are recent; a long tail waits for weeks.
        sent = NOW_US - _days(min(rng.expovariate(1 / 10), 60))
        _approach(rng, person, sent)
        person.entered, person.reason = sent, "Request sent"
        person.requests.append((sent, None, None))
        person.engagement_from, person.engagement_to = person.engagements[0], sent
        person.engagement_weight = 3 * rng.expovariate(1)
        person.message_from, person.message_weight = sent, 0.2 * rng.expovariate(1)
    elif stage == "connected":
        if rng.random() < 0.02:
            connected = NOW_US - _days(rng.uniform(0.1, 60))
            sent = connected - _days(rng.uniform(0.05, 10))
            _approach(rng, person, sent)
            person.connected = connected
            person.requests.append((sent, connected, None))
            person.entered, person.reason = connected, "Request accepted"
            person.history.append(("requested", "connected", connected, person.reason, 0))
        else:
            _imported_connection(rng, person)
            person.entered, person.reason = person.created, "Imported from LinkedIn"
        person.engagement_from = person.created
        person.engagement_weight = 2 * rng.expovariate(1)
        assert person.connected is not None
        person.message_from, person.message_weight = person.connected, 0.5 * rng.expovariate(1)
    elif stage == "nurturing":
        if rng.random() < 0.7:
            connected = NOW_US - _days(rng.uniform(10, 730))
            sent = connected - _days(rng.uniform(0.05, 10))
            _approach(rng, person, sent)
            person.connected = connected
            person.requests.append((sent, connected, None))
            person.history.append(("requested", "connected", connected, "Request accepted", 0))
            first_out, kind = connected + _days(rng.uniform(0.02, 3)), "thank_you"
        else:
            _imported_connection(rng, person)
            first_out = person.created + _days(rng.uniform(0.5, min(60.0, (NOW_US - person.created) / DAY)))
            kind = "follow_up"
        person.entered, person.reason = first_out, f"{kind.replace('_', '-').capitalize()} sent"
        person.history.append(("connected", "nurturing", first_out, person.reason, 0))
        person.fixed_messages.append((kind, first_out))
        person.engagement_from, person.engagement_weight = person.created, 10 * rng.expovariate(1)
        person.message_from, person.message_weight = first_out, 10 * (0.2 + rng.expovariate(1))
        person.conversation = True
    elif stage == "parked":
        origin = _weighted(rng, PARKED_FROM)
        person = plan(rng, contact_id, origin)
        parked = person.entered + _days(rng.uniform(0, (NOW_US - person.entered) / DAY))
        person.stage, person.parked_from, person.until = "parked", origin, parked
        person.entered, person.reason = parked, rng.choice(PARK_REASONS)
        person.history.append((origin, "parked", parked, person.reason, 0))
    else:
        raise ValueError(f"unknown stage {stage!r}")
    return person


# Latin letters that NFKD does not decompose into an ASCII base letter.
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "ß": "ss", "đ": "d", "Đ": "D"})


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED)).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in ascii_name).split()
    # LinkedIn keeps non-Latin names in the slug; the app stores them decoded and lower-cased.
    return "-".join(words) if words else "-".join(name.lower().split())


def _company(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        return ""
    if roll < 0.16:
        return rng.choice(FOREIGN_COMPANIES)
    return f"{rng.choice(COMPANY_STEMS)} {rng.choice(COMPANY_KINDS)}{rng.choice(COMPANY_FORMS)}"


def _spread(rng: random.Random, low: int, high: int, recent: bool) -> int:
    """A moment in [low, high]; `recent` leans towards `high`, as activity does for live relationships."""
    if high <= low:
        return high
    if recent:
        return high - min(high - low, _days(rng.expovariate(1 / 60)))
    return rng.randint(low, high)


def _allocate(rng: random.Random, weights: Sequence[float], total: int, what: str) -> list[int]:
    """Split `total` rows over contacts in proportion to their weights (a seeded multinomial draw)."""
    counts = [0] * len(weights)
    if total <= 0:
        return counts
    cumulative: list[float] = []
    running = 0.0
    for weight in weights:
        running += weight
        cumulative.append(running)
    if running <= 0:
        raise ValueError(f"no contact can take the {total} extra {what}")
    for index in rng.choices(range(len(weights)), cum_weights=cumulative, k=total):
        counts[index] += 1
    return counts


@dataclass
class Tables:
    contacts: list[tuple[object, ...]] = field(default_factory=list)
    history: list[tuple[int, int, str | None, str, str, int]] = field(default_factory=list)
    tags: list[tuple[int, str]] = field(default_factory=list)
    facts: list[tuple[int, int, str, str, str | None]] = field(default_factory=list)
    engagements: list[tuple[int, int, str, str, str]] = field(default_factory=list)
    messages: list[tuple[int, int, str, str, str, str | None, str, int | None, int | None, int]] = field(
        default_factory=list
    )
    drafts: list[tuple[int, str, str, str | None, int]] = field(default_factory=list)
    nudge_states: list[tuple[int | None, str, int | None, str | None]] = field(default_factory=list)


def build(sizes: Sizes) -> Tables:
    """Every row of the database, in memory, from the seed alone."""
    for culture in CULTURES:
        for _, zone_name in culture.places:
            validate_time_zone(zone_name)
    rng = random.Random(sizes.seed)
    tables = Tables()
    stages = rng.choices([s for s, _ in STAGE_MIX], weights=[w for _, w in STAGE_MIX], k=sizes.contacts)
    people = [plan(rng, index + 1, stage) for index, stage in enumerate(stages)]
    culture_weights = [culture.weight for culture in CULTURES]
    first_names: list[str] = []

    for person in people:
        culture = rng.choices(CULTURES, weights=culture_weights)[0]
        given, family = rng.choice(culture.given), rng.choice(culture.family)
        name = f"{family}{culture.separator}{given}" if culture.family_first else f"{given} {family}"
        if rng.random() < 0.02:
            name += rng.choice(NAME_SUFFIXES)
        first_names.append(given)
        company, position = _company(rng), rng.choice(POSITIONS)
        headline = f"{position} at {company}" if company else position
        if rng.random() < 0.1:
            headline += " | Speaker | Mentor"
        city, zone_name = rng.choice(culture.places)
        # Most zones are known (typed or inferred from the city); some contacts have none yet.
        zone = zone_name if rng.random() < 0.85 else None
        url = None
        network = "linkedin"
        if rng.random() < 0.97:
            url = f"https://www.linkedin.com/in/{_slug(name)}-{person.id * 2654435761 % 2**32:08x}"
        elif rng.random() < 0.5:
            network, url = "mastodon", f"https://mastodon.social/@member{person.id}"
        email = f"{_slug(name) or 'member'}.{person.id}@example.com" if rng.random() < 0.1 else ""
        notes = rng.choice(NOTES) if rng.random() < 0.08 else ""
        updated = min(NOW_US, max(person.entered, person.created) + _days(rng.uniform(0, 1)))
        tables.contacts.append(
            (
                person.id,
                name,
                headline,
                company,
                position,
                city,
                zone,
                int(zone is not None and rng.random() < 0.5),
                url,
                network,
                email,
                _weighted(rng, TIERS),
                notes,
                person.stage,
                stamp(person.entered),
                person.reason,
                person.parked_from,
                None if person.connected is None else stamp(person.connected),
                stamp(person.created),
                stamp(updated),
            )
        )
        for from_stage, to_stage, moved, reason, imported in person.history:
            tables.history.append((moved, person.id, from_stage, to_stage, reason, imported))
        if rng.random() < 0.25:
            for tag in rng.sample(TAGS, rng.randint(1, 3)):
                tables.tags.append((person.id, tag))
        if rng.random() < 0.12:
            for _ in range(rng.randint(1, 2)):
                kind, text = rng.choice(FACTS)
                fact = text.format(topic=rng.choice(TOPICS), other=rng.choice(CULTURES[0].given), position=position)
                link = (
                    f"https://www.linkedin.com/posts/{person.id}-{rng.randrange(10**9)}"
                    if kind == "recent_post"
                    else None
                )
                noted = _spread(rng, person.created, person.until, False)
                tables.facts.append((noted, person.id, kind, fact, link))

    fixed_engagements = sum(len(p.engagements) for p in people)
    if fixed_engagements > sizes.engagements:
        raise ValueError(f"{sizes.contacts} contacts need at least {fixed_engagements} engagements")
    extra = _allocate(rng, [p.engagement_weight for p in people], sizes.engagements - fixed_engagements, "engagements")
    kinds, kind_weights = [k for k, _ in ENGAGEMENT_KINDS], [w for _, w in ENGAGEMENT_KINDS]
    for person, count in zip(people, extra, strict=True):
        high = min(person.engagement_to or person.until, person.until)
        recent = person.stage in ("connected", "nurturing") or person.parked_from in ("connected", "nurturing")
        moments = person.engagements + [_spread(rng, person.engagement_from, high, recent) for _ in range(count)]
        for moment in moments:
            kind = rng.choices(kinds, weights=kind_weights)[0]
            comment = rng.choice(COMMENTS) if kind in ("comment", "reply") else ""
            tables.engagements.append((moment, person.id, kind, rng.choice(TOPICS), comment))

    fixed_messages = sum(len(p.requests) + len(p.fixed_messages) for p in people)
    if fixed_messages > sizes.messages:
        raise ValueError(f"{sizes.contacts} contacts need at least {fixed_messages} messages")
    extra = _allocate(rng, [p.message_weight for p in people], sizes.messages - fixed_messages, "messages")
    for person, count, first in zip(people, extra, first_names, strict=True):
        for sent, accepted, withdrawn in person.requests:
            note = rng.choice(REQUEST_NOTES).format(first=first, topic=rng.choice(TOPICS), position="engineer")
            tables.messages.append(
                (
                    sent,
                    person.id,
                    "connection_request",
                    "outgoing",
                    note if rng.random() < 0.4 else "",
                    rng.choice(INTENTS),
                    "Met at the meetup" if rng.random() < 0.1 else "",
                    accepted,
                    withdrawn,
                    0,
                )
            )
        for kind, moment in person.fixed_messages:
            body = MESSAGES_OUT[0].format(first=first, topic=rng.choice(TOPICS))
            tables.messages.append((moment, person.id, kind, "outgoing", body, None, "", None, None, 0))
        if not count:
            continue
        if person.conversation:
            # The conversation's last message lies a few weeks back on average: some ask for a follow-up,
            # some for a keep-in-touch, most for nothing yet.
            span = (person.until - person.message_from) / DAY
            high = person.until - _days(min(rng.expovariate(1 / 40), span))
        else:
            high = person.until
        for moment in sorted(rng.randint(person.message_from, max(person.message_from, high)) for _ in range(count)):
            outgoing = person.conversation and rng.random() < 0.55
            if outgoing:
                kind = "follow_up" if rng.random() < 0.5 else ("other" if rng.random() < 0.9 else "thank_you")
                body = rng.choice(MESSAGES_OUT).format(first=first, topic=rng.choice(TOPICS))
            else:
                kind = "other" if rng.random() < 0.9 else "thank_you"
                body = rng.choice(MESSAGES_IN).format(me="Sam")
            imported = int(moment < person.created)
            tables.messages.append(
                (
                    moment,
                    person.id,
                    kind,
                    "outgoing" if outgoing else "incoming",
                    body,
                    None,
                    "",
                    None,
                    None,
                    imported,
                )
            )

    for person in people:
        if person.stage in ("engaging", "requested", "connected", "nurturing") and rng.random() < 0.01:
            kind = {"engaging": "connection_request", "connected": "thank_you"}.get(person.stage, "follow_up")
            intent = rng.choice(INTENTS) if kind == "connection_request" else None
            tables.drafts.append(
                (person.id, kind, "Hi! Draft in progress...", intent, NOW_US - _days(rng.uniform(0, 20)))
            )
    nudge_kinds = (
        "ready_to_connect",
        "engagement_stale",
        "pending_check",
        "pending_stale",
        "follow_up_due",
        "keep_in_touch",
        "too_frequent",
        "thank_you_due",
    )
    chosen = rng.sample(range(1, sizes.contacts + 1), min(sizes.contacts, max(1, sizes.contacts // 300)))
    for contact_id in chosen:
        kind = rng.choice(nudge_kinds)
        if rng.random() < 0.5:
            tables.nudge_states.append((contact_id, kind, NOW_US + _days(rng.uniform(-10, 14)), None))
        else:
            tables.nudge_states.append((contact_id, kind, None, stamp(NOW_US - _days(rng.uniform(0, 90)))))
    tables.nudge_states.append((None, "weekly_budget", None, "near"))
    return tables


SETTINGS = {"account_type": "free", "user_time_zone": "Europe/Berlin", "weekly_request_budget": 100}


def write(tables: Tables, database: Path) -> None:
    """Bulk-insert the rows through plain sqlite3, in time order so row ids follow history as in real use."""
    with contextlib.closing(sqlite3.connect(database, isolation_level=None)) as conn:
        # The file is thrown away if anything fails, so durability during the load buys nothing.
        conn.execute("PRAGMA journal_mode = MEMORY")
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -400000")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
            [(key, encode(value)) for key, value in SETTINGS.items()],
        )
        conn.executemany(
            "INSERT INTO contacts (id, name, headline, company, position, location, time_zone, time_zone_inferred, "
            "profile_url, network, email, tier, notes, stage, stage_entered_at, stage_reason, parked_from, "
            "connected_at, created_at, updated_at, stage_move_imported) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            tables.contacts,
        )
        # The insert trigger wrote an "imported" entry per contact; the planned history replaces it, as an
        # archive import does.
        conn.execute("DELETE FROM stage_history")
        conn.executemany(
            "INSERT INTO stage_history (contact_id, from_stage, to_stage, moved_at, reason, imported) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                (cid, src, dst, stamp(moved), reason, imported)
                for moved, cid, src, dst, reason, imported in sorted(tables.history, key=lambda r: (r[0], r[1]))
            ),
        )
        conn.executemany("INSERT INTO tags (contact_id, name) VALUES (?, ?)", tables.tags)
        conn.executemany(
            "INSERT INTO profile_facts (contact_id, kind, text, url, noted_at) VALUES (?, ?, ?, ?, ?)",
            (
                (cid, kind, text, url, stamp(noted))
                for noted, cid, kind, text, url in sorted(tables.facts, key=lambda r: (r[0], r[1]))
            ),
        )
        conn.executemany(
            "INSERT INTO engagements (contact_id, kind, target, comment, occurred_at) VALUES (?, ?, ?, ?, ?)",
            (
                (cid, kind, target, comment, stamp(moment))
                for moment, cid, kind, target, comment in sorted(tables.engagements)
            ),
        )
        conn.executemany(
            "INSERT INTO messages (contact_id, kind, direction, body, intent, intent_note, sent_at, accepted_at, "
            "withdrawn_at, imported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    cid,
                    kind,
                    direction,
                    body,
                    intent,
                    note,
                    stamp(sent),
                    None if accepted is None else stamp(accepted),
                    None if withdrawn is None else stamp(withdrawn),
                    imported,
                )
                for sent, cid, kind, direction, body, intent, note, accepted, withdrawn, imported in sorted(
                    tables.messages, key=lambda r: (r[0], r[1])
                )
            ),
        )
        conn.executemany(
            "INSERT INTO drafts (contact_id, kind, body, intent, updated_at) VALUES (?, ?, ?, ?, ?)",
            ((cid, kind, body, intent, stamp(updated)) for cid, kind, body, intent, updated in tables.drafts),
        )
        conn.executemany(
            "INSERT INTO nudge_states (contact_id, kind, snoozed_until, dismissed_situation) VALUES (?, ?, ?, ?)",
            (
                (cid, kind, None if until is None else stamp(until), situation)
                for cid, kind, until, situation in tables.nudge_states
            ),
        )
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise RuntimeError(f"generated rows break foreign keys: {problems[:5]}")
        conn.execute("COMMIT")
        # Back to the mode the application runs in; WAL is a persistent property of the file.
        conn.execute("PRAGMA journal_mode = WAL")


def generate(sizes: Sizes, folder: Path) -> Path:
    """Create the schema with the application's own open_database, then fill it; returns the database file."""
    paths = DataPaths.resolve(folder)
    database = open_database(paths, lambda: NOW)
    database.dispose()
    write(build(sizes), paths.database)
    return paths.database


def ensure_database(sizes: Sizes, out: Path = OUT, *, quiet: bool = False) -> Path:
    """The cached database for `sizes`, generated first if needed (into a temporary folder, then renamed)."""
    folder = out / sizes.key
    database = DataPaths.resolve(folder).database
    if database.exists():
        return database
    out.mkdir(parents=True, exist_ok=True)
    partial = out / f".partial-{sizes.key}-{os.getpid()}"
    shutil.rmtree(partial, ignore_errors=True)
    start = time.perf_counter()
    if not quiet:
        print(
            f"Generating {sizes.contacts:,} contacts, {sizes.engagements:,} engagements, "
            f"{sizes.messages:,} messages into {folder} ...",
            flush=True,
        )
    try:
        generate(sizes, partial)
        os.replace(partial, folder)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    if not quiet:
        size = database.stat().st_size / 1024**2
        print(f"Generated in {time.perf_counter() - start:.1f} s ({size:.0f} MB).", flush=True)
    return database


def add_size_arguments(parser: argparse.ArgumentParser) -> None:
    defaults = Sizes()
    parser.add_argument("--contacts", type=int, default=defaults.contacts)
    parser.add_argument("--engagements", type=int, default=defaults.engagements)
    parser.add_argument("--messages", type=int, default=defaults.messages)
    parser.add_argument("--seed", type=int, default=defaults.seed)
    parser.add_argument("--out", type=Path, default=OUT, help="folder for cached databases (default: %(default)s)")


def sizes_from(args: argparse.Namespace) -> Sizes:
    return Sizes(contacts=args.contacts, engagements=args.engagements, messages=args.messages, seed=args.seed)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    add_size_arguments(parser)
    parser.add_argument("--force", action="store_true", help="regenerate even when a cached database exists")
    args = parser.parse_args(argv)
    sizes = sizes_from(args)
    if args.force:
        shutil.rmtree(args.out / sizes.key, ignore_errors=True)
    print(ensure_database(sizes, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
