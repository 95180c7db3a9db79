"""Guess a contact's IANA time zone from a LinkedIn-style location, offline, and say how the guess was made.

The method is DOMAIN.md's ("Time"): drop words such as "Greater" and "Metropolitan Area", match city names that are
zone names, then a small alias table, then the country when it keeps one time zone; otherwise ask. All tables come
from the `tzdata` package (zone names, links, zone.tab, zone1970.tab, zonenow.tab, iso3166.tab), so the answer is the
same on every platform and does not depend on the system's copy of the database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum, StrEnum
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo


class GuessKind(StrEnum):
    CITY = "city"  # a city that names a zone: "Berlin" -> Europe/Berlin
    ALIAS = "alias"  # a city or region from the alias table: "Bay Area" -> America/Los_Angeles
    COUNTRY = "country"  # a country that keeps one time zone (or whose main zone covers nearly everyone)
    AMBIGUOUS = "ambiguous"  # several zones fit: the user picks one of the candidates
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class ZoneGuess:
    zone: str | None
    # Zones the location could mean, the guess first; several when ambiguous, empty when unknown.
    candidates: tuple[str, ...]
    # True whenever `zone` was worked out from a location: the GUI shows such a zone as inferred, never as chosen.
    inferred: bool
    reason: str
    kind: GuessKind


def infer_zone(location: str) -> ZoneGuess:
    shown = " ".join(location.split())
    parts = _parts(location)
    if not parts:
        if shown:
            return _unknown(f"Could not tell the time zone from '{shown}'.")
        return _unknown("There is no location to tell the time zone from.")
    outcomes = _best_readings(parts)
    if not outcomes:
        return _unknown(f"Could not tell the time zone from '{shown}'.")
    candidates: list[str] = []
    for place, _ in outcomes:
        for zone in _zones_of(place):
            if zone not in candidates:
                candidates.append(zone)
    place, text = outcomes[0]
    if len(outcomes) == 1 and place.country is not None:
        zones, main = _country_zones(place.country)
        if main is None:
            return ZoneGuess(None, zones, False, f"{text} has several time zones: pick one.", GuessKind.AMBIGUOUS)
        if len(zones) > 1:
            reason = f"From '{shown}': the main time zone of {text}; some areas differ."
            return ZoneGuess(main, zones, True, reason, GuessKind.COUNTRY)
    if len(candidates) > 1:
        reason = f"{text} could be in several time zones: pick one."
        return ZoneGuess(None, tuple(candidates), False, reason, GuessKind.AMBIGUOUS)
    return ZoneGuess(candidates[0], (candidates[0],), True, f"From '{shown}'.", place.kind)


def _unknown(reason: str) -> ZoneGuess:
    return ZoneGuess(None, (), False, reason, GuessKind.UNKNOWN)


# --- Reading a location ---------------------------------------------------------------------------------------------


class _Level(IntEnum):
    COUNTRY = 1
    REGION = 2
    CITY = 3


@dataclass(frozen=True)
class _Place:
    zone: str | None  # None for a country: its zones come from zone.tab
    countries: frozenset[str]  # ISO 3166 codes, to check that the parts of a location agree
    region: str | None  # ISO 3166-2 code ("US-TX") when it matters: Portland, Oregon is not Portland, Maine
    level: _Level
    kind: GuessKind
    country: str | None = None


# A part's readings, best first; places in one group are equally good (the several Springfields).
_Readings = tuple[tuple[_Place, ...], ...]


@dataclass(frozen=True)
class _Part:
    text: str
    readings: _Readings


_SEPARATORS = re.compile("[,;|/()\\[\\]\u00b7\u2022]+|\\s[-\u2013\u2014]\\s")
_FLAG = re.compile("[\U0001f1e6-\U0001f1ff]{2}")
_NON_WORD = re.compile(r"[\W_]+")
_FOLD_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "&": " and ", "'": "", "\u2019": ""}
)
# Words LinkedIn and people put around a place's name; tried only when the whole part is not a known name.
_PREFIXES = (
    "greater ",
    "grande ",
    "metropolregion ",
    "grossraum ",
    "area metropolitana de ",
    "regiao metropolitana de ",
    "region de ",
    "region ",
    "city of ",
    "the ",
)
_SUFFIXES = (
    " metropolitan area",
    " metropolitan region",
    " metro area",
    " metroplex",
    " metro",
    " area",
    " region",
    " e regiao",
    " y alrededores",
    " and surroundings",
    " county",
    " state",
    " province",
    " prefecture",
    " sar",
    " d c",
)
_MAX_PARTS = 5
_MAX_SPAN_WORDS = 8
# Shorter names (TX, NSW, NYC, UK) must be a whole part, never a word inside a longer one.
_MIN_SPAN_CHARS = 4


def _fold(text: str) -> str:
    """Lower case, accents and punctuation dropped: 'Île-de-France' and 'ile de france' read the same."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD_LETTERS))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join("st" if word == "saint" else word for word in _NON_WORD.sub(" ", plain).split())


def _strip_qualifiers(folded: str) -> str:
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if folded.startswith(prefix) and len(folded) > len(prefix):
                folded, changed = folded[len(prefix) :], True
        for suffix in _SUFFIXES:
            if folded.endswith(suffix) and len(folded) > len(suffix):
                folded, changed = folded[: -len(suffix)], True
    return folded


def _parts(location: str) -> list[_Part]:
    names = _tables().names
    parts: list[_Part] = []
    for raw in _SEPARATORS.split(_FLAG.sub(" ", location)):
        folded = _fold(raw)
        if folded:
            parts.append(_Part(" ".join(raw.split()), _read(folded, names)))
    # A flag emoji is a country: "Berlin 🇩🇪".
    for flag in _FLAG.findall(location):
        code = "".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in flag)
        if code in _tables().country_zones:
            parts.append(_Part(flag, ((_country_place(code),),)))
    return parts[:_MAX_PARTS]


def _read(folded: str, names: dict[str, _Readings]) -> _Readings:
    for key in (folded, _strip_qualifiers(folded)):
        if key in names:
            return names[key]
    # A name inside the part ("Washington DC-Baltimore", "10115 Berlin"): longer spans first, then leftmost.
    words = _strip_qualifiers(folded).split()[:_MAX_SPAN_WORDS]
    found: list[tuple[_Place, ...]] = []
    for length in range(len(words) - 1, 0, -1):
        for start in range(len(words) - length + 1):
            key = " ".join(words[start : start + length])
            if len(key) >= _MIN_SPAN_CHARS and key in names:
                found.extend(group for group in names[key] if group not in found)
    return tuple(found)


def _agree(a: _Place, b: _Place) -> bool:
    return bool(a.countries & b.countries) and (a.region is None or b.region is None or a.region == b.region)


def _best_readings(parts: list[_Part]) -> list[tuple[_Place, str]]:
    """The deciding place of each best reading of the whole location, most specific first.

    A reading picks one meaning per part, or none, so that all picked meanings agree ("Paris, Texas" drops Paris).
    Best: most parts read; then the broader parts read (a state decides over a city that contradicts it, so
    "Springfield, Oregon" is in Oregon); then each part's preferred meaning. Ties that disagree are ambiguous.
    """
    best_score: tuple[int, tuple[bool, ...], int] | None = None
    best: list[list[tuple[int, _Place]]] = []

    def visit(index: int, chosen: list[tuple[int, _Place]], rank: int) -> None:
        nonlocal best_score, best
        if index < 0:
            if not chosen:
                return
            read = {i for i, _ in chosen}
            score = (len(chosen), tuple(i in read for i in reversed(range(len(parts)))), -rank)
            if best_score is None or score > best_score:
                best_score, best = score, [list(chosen)]
            elif score == best_score:
                best.append(list(chosen))
            return
        visit(index - 1, chosen, rank)
        for group_rank, group in enumerate(parts[index].readings):
            for place in group:
                if all(_agree(place, other) for _, other in chosen):
                    chosen.append((index, place))
                    visit(index - 1, chosen, rank + group_rank)
                    chosen.pop()

    # Broad parts come last in a location, so decide them first: agreement prunes the narrow ones.
    visit(len(parts) - 1, [], 0)
    outcomes: list[tuple[_Place, str]] = []
    for reading in best:
        index, place = min(reading, key=lambda item: (-item[1].level, item[0]))
        if (place, parts[index].text) not in outcomes:
            outcomes.append((place, parts[index].text))
    return outcomes


def _zones_of(place: _Place) -> tuple[str, ...]:
    if place.zone is not None:
        return (place.zone,)
    assert place.country is not None
    zones, main = _country_zones(place.country)
    return (main,) if main is not None else zones


# --- Countries ------------------------------------------------------------------------------------------------------

# Countries whose other zones cover outlying islands or few people (Canary Islands, Azores, Galápagos, Easter
# Island, Chatham, Xinjiang's unofficial time, Crimea, western Mongolia, Amazonia): the main zone is a fair guess,
# shown with the others as candidates.
_MAIN_ZONE = {
    "BR": "America/Sao_Paulo",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",
    "EC": "America/Guayaquil",
    "ES": "Europe/Madrid",
    "GL": "America/Nuuk",
    "MN": "Asia/Ulaanbaatar",
    "NZ": "Pacific/Auckland",
    "PG": "Pacific/Port_Moresby",
    "PT": "Europe/Lisbon",
    "UA": "Europe/Kyiv",
}

# Names LinkedIn and people use that iso3166.tab does not spell out.
_COUNTRY_NAMES = """
US united states of america; usa; us; u s a; america
GB united kingdom; uk; britain; great britain; england; scotland; wales; northern ireland
DE deutschland
ES espana
TR turkiye
NL the netherlands; holland; nederland
CH schweiz; suisse; svizzera
AT osterreich
IT italia
BR brasil
PL polska
CZ czechia; cesko
SE sverige
NO norge
DK danmark
FI suomi
BE belgie; belgique
KR korea; south korea; republic of korea
KP north korea
RU russian federation
VN viet nam
AE uae; emirates
HK hong kong sar
MO macao; macao sar
CN mainland china; peoples republic of china; prc
TW taiwan roc
CI ivory coast
CD democratic republic of the congo; drc
CG congo; republic of the congo
MM myanmar; burma
SZ eswatini; swaziland
TL timor leste
VA vatican
WS samoa
VI us virgin islands
VG british virgin islands
"""


@cache
def _country_zones(code: str) -> tuple[tuple[str, ...], str | None]:
    """A country's distinct zones (zone.tab order) and its zone when one fits: the only one, or the main one.

    Zones whose clocks agree this year and next count once (Germany's Busingen is Berlin time), named by the zone
    zonenow.tab uses for them when there is one (New_York, not Detroit; Sao_Paulo, not Belem).
    """
    tables = _tables()
    groups: dict[tuple[float, ...], list[str]] = {}
    for zone in tables.country_zones[code]:
        groups.setdefault(_clock_signature(zone), []).append(zone)
    zones = tuple(next((z for z in group if z in tables.representatives), group[0]) for group in groups.values())
    if len(zones) == 1:
        return zones, zones[0]
    main = _MAIN_ZONE.get(code)
    if main is not None and main in zones:
        return (main, *(z for z in zones if z != main)), main
    return zones, None


def _clock_signature(zone: str) -> tuple[float, ...]:
    tz = ZoneInfo(zone)
    year = _tables().data_year
    return tuple(
        offset.total_seconds()
        for y in (year, year + 1)
        for month in range(1, 13)
        for day in (1, 15)
        if (offset := datetime(y, month, day, 12, tzinfo=UTC).astimezone(tz).utcoffset()) is not None
    )


def _country_place(code: str) -> _Place:
    return _Place(None, frozenset((code,)), None, _Level.COUNTRY, GuessKind.COUNTRY, code)


# --- The alias table ------------------------------------------------------------------------------------------------

# Big cities and regions whose names are not zone names. One line: level, zone, ISO code ("-": the zone's
# countries), names. Several zone@code options on one line are equally likely readings (Springfield, Portland).
# US states, Canadian provinces and Australian states map to their dominant zone; lines are in order of
# preference, so "Washington, United States" is the state and "Washington, District of Columbia" the city.
_ALIASES = """
state America/Chicago@US-AL alabama; al
state America/Anchorage@US-AK alaska; ak
state America/Phoenix@US-AZ arizona; az
state America/Chicago@US-AR arkansas; ar
state America/Los_Angeles@US-CA california; ca; calif
state America/Denver@US-CO colorado; co
state America/New_York@US-CT connecticut; ct
state America/New_York@US-DE delaware
state America/New_York@US-DC district of columbia; dc
state America/New_York@US-FL florida; fl
state America/New_York@US-GA georgia; ga
state Pacific/Honolulu@US-HI hawaii; hi
state America/Boise@US-ID idaho; id
state America/Chicago@US-IL illinois; il
state America/Indiana/Indianapolis@US-IN indiana
state America/Chicago@US-IA iowa; ia
state America/Chicago@US-KS kansas; ks
state America/New_York@US-KY kentucky; ky
state America/Chicago@US-LA louisiana; la
state America/New_York@US-ME maine; me
state America/New_York@US-MD maryland; md
state America/New_York@US-MA massachusetts; ma; mass
state America/Detroit@US-MI michigan; mi
state America/Chicago@US-MN minnesota; mn
state America/Chicago@US-MS mississippi; ms
state America/Chicago@US-MO missouri; mo
state America/Denver@US-MT montana; mt
state America/Chicago@US-NE nebraska; ne
state America/Los_Angeles@US-NV nevada; nv
state America/New_York@US-NH new hampshire; nh
state America/New_York@US-NJ new jersey; nj
state America/Denver@US-NM new mexico; nm
state America/New_York@US-NY new york state; ny
state America/New_York@US-NC north carolina; nc
state America/Chicago@US-ND north dakota; nd
state America/New_York@US-OH ohio; oh
state America/Chicago@US-OK oklahoma; ok
state America/Los_Angeles@US-OR oregon; or
state America/New_York@US-PA pennsylvania; pa
state America/New_York@US-RI rhode island; ri
state America/New_York@US-SC south carolina; sc
state America/Chicago@US-SD south dakota; sd
state America/Chicago@US-TN tennessee; tn
state America/Chicago@US-TX texas; tx
state America/Denver@US-UT utah; ut
state America/New_York@US-VT vermont; vt
state America/New_York@US-VA virginia; va
state America/Los_Angeles@US-WA washington; wa; washington state
state America/New_York@US-WV west virginia; wv
state America/Chicago@US-WI wisconsin; wi
state America/Denver@US-WY wyoming; wy
state America/Toronto@CA-ON ontario; on
state America/Toronto@CA-QC quebec; qc
state America/Vancouver@CA-BC british columbia; bc
state America/Edmonton@CA-AB alberta; ab
state America/Winnipeg@CA-MB manitoba; mb
state America/Regina@CA-SK saskatchewan; sk
state America/Halifax@CA-NS nova scotia; ns
state America/Moncton@CA-NB new brunswick; nb
state America/St_Johns@CA-NL newfoundland and labrador; newfoundland; nl
state America/Halifax@CA-PE prince edward island; pei; pe
state America/Whitehorse@CA-YT yukon; yt
state America/Edmonton@CA-NT northwest territories; nt
state America/Iqaluit@CA-NU nunavut; nu
state Australia/Sydney@AU-NSW new south wales; nsw
state Australia/Melbourne@AU-VIC victoria; vic
state Australia/Brisbane@AU-QLD queensland; qld
state Australia/Perth@AU-WA western australia; wa
state Australia/Adelaide@AU-SA south australia; sa
state Australia/Hobart@AU-TAS tasmania; tas
state Australia/Darwin@AU-NT northern territory; nt
state Australia/Sydney@AU-ACT australian capital territory; act
state Asia/Kolkata@IN karnataka; maharashtra; tamil nadu; telangana; haryana; uttar pradesh; west bengal; gujarat; \
kerala; andhra pradesh; rajasthan; punjab; madhya pradesh; odisha; bihar; goa; national capital region; ncr; \
delhi ncr; national capital territory of delhi
state Asia/Karachi@PK sindh; punjab; khyber pakhtunkhwa; islamabad capital territory
state Europe/Berlin@DE bavaria; bayern; north rhine westphalia; nordrhein westfalen; nrw; baden wurttemberg; \
hesse; hessen; lower saxony; niedersachsen; saxony; sachsen; rhineland palatinate; rhein main; rhine main; \
rhine ruhr; ruhr
state Europe/Paris@FR ile de france; paris region; auvergne rhone alpes; provence alpes cote d azur; occitanie; \
nouvelle aquitaine; hauts de france; brittany; bretagne
state Europe/Madrid@ES catalonia; cataluna; catalunya; community of madrid; comunidad de madrid; andalusia; \
andalucia; valencian community; basque country
state Europe/Rome@IT lombardy; lombardia; lazio; piedmont; piemonte; emilia romagna; tuscany; toscana; veneto
state Europe/Amsterdam@NL randstad; north holland; noord holland; south holland; zuid holland; north brabant
state Europe/Zurich@CH canton of zurich; vaud; romandy
state Africa/Johannesburg@ZA gauteng; western cape; kwazulu natal
state America/Sao_Paulo@BR minas gerais; parana; santa catarina; rio grande do sul; federal district
state America/Mexico_City@MX jalisco; estado de mexico; state of mexico; puebla
state America/Monterrey@MX nuevo leon
state America/Tijuana@MX baja california
state America/Cancun@MX quintana roo
city America/New_York@US-DC washington
city America/Los_Angeles@US-CA san francisco; sf; bay area; san francisco bay area; sf bay area; silicon valley; \
san jose; oakland; palo alto; mountain view; sunnyvale; berkeley; san diego; sacramento; irvine; orange county
city America/Los_Angeles@US-WA seattle; bellevue; redmond; tacoma
city America/Los_Angeles@US-NV las vegas; reno
city America/Los_Angeles@US-OR|America/New_York@US-ME portland
city America/New_York@US-NY new york city; nyc; manhattan; brooklyn
city America/New_York@US-MA boston
city America/New_York@US-PA philadelphia; pittsburgh
city America/New_York@US-DC washington dc; dmv; washington dc baltimore
city America/New_York@US-MD baltimore
city America/New_York@US-GA atlanta
city America/New_York@US-FL miami; miami fort lauderdale; orlando; tampa; tampa bay; jacksonville
city America/New_York@US-NC charlotte; raleigh; raleigh durham; research triangle; durham
city America/New_York@US-OH columbus; cleveland; cincinnati
city America/New_York@US-VA richmond; arlington
city America/Chicago@US-TX austin; dallas; dallas fort worth; dfw; houston; san antonio
city America/Denver@US-TX el paso
city America/Chicago@US-TN nashville; memphis
city America/Chicago@US-MN minneapolis; minneapolis st paul; twin cities
city America/Chicago@US-MO st louis; kansas city
city America/Chicago@US-WI milwaukee; madison
city America/Chicago@US-LA new orleans
city America/Denver@US-UT salt lake city
city America/Phoenix@US-AZ tucson; scottsdale; tempe
city America/Chicago@US-IL|America/Chicago@US-MO|America/New_York@US-MA|America/New_York@US-OH springfield
city Europe/London@GB|America/Chicago@US-AL birmingham
city Europe/London@GB|America/New_York@US-MA cambridge
city America/Toronto@CA-ON ottawa; mississauga; waterloo; kitchener waterloo; gta
city America/Toronto@CA-QC quebec city
city America/Edmonton@CA-AB calgary
city Australia/Brisbane@AU-QLD gold coast
city Europe/Berlin@DE munich; munchen; muenchen; hamburg; frankfurt; frankfurt am main; frankfurt rhine main; \
cologne; koln; koeln; cologne bonn; dusseldorf; duesseldorf; stuttgart; bonn; leipzig; dresden; nuremberg; \
nurnberg; hanover; hannover; karlsruhe; heidelberg
city Europe/Paris@FR paris area; lyon; marseille; toulouse; bordeaux; lille; nantes; strasbourg; grenoble
city Europe/Zurich@CH geneva; geneve; genf; basel; lausanne; bern; berne; zug
city Europe/Madrid@ES barcelona; valencia; seville; sevilla; bilbao; malaga
city Europe/Rome@IT milan; milano; roma; turin; torino; naples; napoli; florence; firenze; bologna; venice
city Europe/London@GB manchester; edinburgh; glasgow; bristol; leeds; liverpool; oxford; cardiff
city Europe/Amsterdam@NL rotterdam; the hague; den haag; utrecht; eindhoven
city Europe/Brussels@BE antwerp; antwerpen; ghent; gent; bruxelles; brussel
city Europe/Stockholm@SE gothenburg; goteborg; malmo
city Europe/Copenhagen@DK aarhus; kobenhavn
city Europe/Helsinki@FI espoo; tampere
city Europe/Vienna@AT wien; graz; linz
city Europe/Warsaw@PL warszawa; krakow; cracow; wroclaw; gdansk; poznan
city Europe/Prague@CZ praha; brno
city Europe/Lisbon@PT lisboa; porto; oporto
city Europe/Dublin@IE cork; galway
city Europe/Athens@GR thessaloniki
city Europe/Istanbul@TR ankara; izmir
city Europe/Moscow@RU st petersburg; kazan; nizhny novgorod
city Europe/Kyiv@UA kharkiv; lviv; odesa; odessa
city Europe/Bucharest@RO cluj napoca; cluj
city Asia/Jerusalem@IL herzliya; haifa
city Asia/Dubai@AE abu dhabi; sharjah
city Asia/Riyadh@SA jeddah
city Asia/Qatar@QA doha
city Asia/Kolkata@IN bengaluru; bangalore; mumbai; bombay; delhi; new delhi; gurgaon; gurugram; noida; hyderabad; \
pune; chennai; madras; ahmedabad; jaipur; kochi; cochin; chandigarh; thiruvananthapuram; trivandrum; indore; \
coimbatore
city Asia/Karachi@PK lahore; islamabad
city Asia/Shanghai@CN beijing; shenzhen; guangzhou; hangzhou; chengdu; suzhou; nanjing; wuhan
city Asia/Seoul@KR busan; pangyo
city Asia/Tokyo@JP osaka; kyoto; yokohama; fukuoka; nagoya
city Asia/Jakarta@ID bandung; surabaya
city Asia/Makassar@ID bali; denpasar
city Asia/Kuala_Lumpur@MY penang; cyberjaya; petaling jaya
city Asia/Ho_Chi_Minh@VN hanoi; da nang
city Asia/Manila@PH makati; cebu; quezon city
city Africa/Lagos@NG abuja
city Africa/Johannesburg@ZA cape town; pretoria; durban
city America/Sao_Paulo@BR rio; rio de janeiro; belo horizonte; brasilia; porto alegre; curitiba; florianopolis; \
campinas
city America/Bahia@BR salvador
city America/Mexico_City@MX cdmx; ciudad de mexico; guadalajara
city America/Bogota@CO medellin; cali
city America/Guayaquil@EC quito
city Pacific/Auckland@NZ wellington; christchurch
"""


@dataclass(frozen=True)
class _Tables:
    names: dict[str, _Readings]
    country_zones: dict[str, tuple[str, ...]]
    representatives: frozenset[str]
    data_year: int


def _tzdata_text(name: str) -> str:
    return resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")


def _rows(name: str) -> Iterator[list[str]]:
    for line in _tzdata_text(name).splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")


# Zone names that are not places people live in, or are words rather than names ("Australia/North").
_NOT_CITIES = frozenset(("act", "lhi", "nsw", "north", "south", "west", "east", "center", "knox in"))
_CITY_AREAS = frozenset(("Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific"))


@cache
def _tables() -> _Tables:
    country_zones: dict[str, list[str]] = {}
    zone_countries: dict[str, set[str]] = {}
    for codes, _, zone, *_ in _rows("zone.tab"):
        country_zones.setdefault(codes, []).append(zone)
        zone_countries.setdefault(zone, set()).add(codes)
    for codes, _, zone, *_ in _rows("zone1970.tab"):
        zone_countries.setdefault(zone, set()).update(codes.split(","))
    links: dict[str, str] = {}
    tzdata_zi = _tzdata_text("tzdata.zi")
    for line in tzdata_zi.splitlines():
        if line.startswith("L "):
            _, target, link = line.split()
            links[link] = target
    version = re.search(r"^# version (\d{4})", tzdata_zi, re.MULTILINE)
    names: dict[str, list[tuple[_Place, ...]]] = {}

    def add(name: str, places: tuple[_Place, ...]) -> None:
        readings = names.setdefault(_fold(name), [])
        if places not in readings:
            readings.append(places)

    # Countries first: LinkedIn writes "Georgia" for the country and "Georgia, United States" for the state.
    iso_names = [(code, name) for code, name in _rows("iso3166.tab") if code in country_zones]
    bare_names = [re.sub(r"\s*\(.*?\)", "", name) for _, name in iso_names]
    for (code, name), bare in zip(iso_names, bare_names, strict=True):
        place = (_country_place(code),)
        add(name, place)
        if bare_names.count(bare) == 1:  # not "Korea" or "Congo": they name two countries
            add(bare, place)
        for inside in re.findall(r"\((.*?)\)", name):
            add(f"{inside} {bare}", place)  # "Korea (South)" -> "South Korea"
    for line in _COUNTRY_NAMES.strip().splitlines():
        code, _, rest = line.partition(" ")
        for name in rest.split(";"):
            add(name, (_country_place(code),))

    zones = resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split()
    for key in zones:
        area, _, city = key.rpartition("/")
        if area.split("/")[0] not in _CITY_AREAS or _fold(city) in _NOT_CITIES:
            continue
        # A renamed zone (Asia/Calcutta) answers with today's name; a link that zone.tab still lists keeps its own.
        zone = key if key in zone_countries else links.get(key, key)
        countries = frozenset(zone_countries.get(key, set()) | zone_countries.get(zone, set()))
        add(city.replace("_", " "), (_Place(zone, countries, None, _Level.CITY, GuessKind.CITY),))

    for line in _ALIASES.replace("\\\n", "").strip().splitlines():
        level, options, rest = line.split(" ", 2)
        places = tuple(_alias_place(option, level, zone_countries) for option in options.split("|"))
        for name in rest.split(";"):
            add(name, places)

    return _Tables(
        names={key: tuple(readings) for key, readings in names.items()},
        country_zones={code: tuple(zones) for code, zones in country_zones.items()},
        representatives=frozenset(row[2] for row in _rows("zonenow.tab")),
        data_year=int(version.group(1)) if version else 2026,
    )


def _alias_place(option: str, level: str, zone_countries: dict[str, set[str]]) -> _Place:
    zone, _, code = option.partition("@")
    country, _, subdivision = code.partition("-")
    countries = frozenset((country,)) if country else frozenset(zone_countries.get(zone, ()))
    return _Place(
        zone,
        countries,
        code if subdivision else None,
        _Level.REGION if level == "state" else _Level.CITY,
        GuessKind.ALIAS,
    )
