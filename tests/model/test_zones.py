"""Time zones inferred from LinkedIn-style locations: a table of real-style strings, ambiguity, and the tables."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from model.zones import GuessKind, ZoneGuess, _country_zones, _tables, infer_zone

CITY, ALIAS, COUNTRY = GuessKind.CITY, GuessKind.ALIAS, GuessKind.COUNTRY

# (location as people and LinkedIn write it, expected zone, how it was found)
LOCATIONS: list[tuple[str, str, GuessKind]] = [
    # The examples of DOMAIN.md and the usual LinkedIn metro areas.
    ("Greater Munich Metropolitan Area", "Europe/Berlin", ALIAS),
    ("San Francisco Bay Area", "America/Los_Angeles", ALIAS),
    ("Berlin, Germany", "Europe/Berlin", CITY),
    ("Île-de-France, France", "Europe/Paris", ALIAS),
    ("Bengaluru, Karnataka, India", "Asia/Kolkata", ALIAS),
    ("New York City Metropolitan Area", "America/New_York", ALIAS),
    ("London Area, United Kingdom", "Europe/London", CITY),
    ("Greater Toronto Area, Canada", "America/Toronto", CITY),
    ("Sydney, New South Wales, Australia", "Australia/Sydney", CITY),
    ("Zürich, Switzerland", "Europe/Zurich", CITY),
    ("São Paulo, Brazil", "America/Sao_Paulo", CITY),
    ("Tokyo, Japan", "Asia/Tokyo", CITY),
    ("Greater Seattle Area", "America/Los_Angeles", ALIAS),
    ("Austin, Texas, United States", "America/Chicago", ALIAS),
    ("Texas, United States", "America/Chicago", ALIAS),
    ("Germany", "Europe/Berlin", COUNTRY),
    ("Netherlands", "Europe/Amsterdam", COUNTRY),
    ("Randstad, Netherlands", "Europe/Amsterdam", ALIAS),
    ("Greater Tel Aviv Area", "Asia/Jerusalem", CITY),
    ("Dubai, United Arab Emirates", "Asia/Dubai", CITY),
    ("Nairobi County, Kenya", "Africa/Nairobi", CITY),
    ("Lagos State, Nigeria", "Africa/Lagos", CITY),
    ("Mexico City Metropolitan Area", "America/Mexico_City", CITY),
    ("Greater Chicago Area", "America/Chicago", CITY),
    ("Los Angeles Metropolitan Area", "America/Los_Angeles", CITY),
    ("Dallas-Fort Worth Metroplex", "America/Chicago", ALIAS),
    ("Greater Minneapolis-St. Paul Area", "America/Chicago", ALIAS),
    ("Salt Lake City Metropolitan Area", "America/Denver", ALIAS),
    ("Raleigh-Durham-Chapel Hill Area", "America/New_York", ALIAS),
    ("Greater Phoenix Area", "America/Phoenix", CITY),
    ("Miami-Fort Lauderdale Area", "America/New_York", ALIAS),
    ("Greater Boston", "America/New_York", ALIAS),
    ("Greater Philadelphia", "America/New_York", ALIAS),
    ("Denver Metropolitan Area", "America/Denver", CITY),
    ("Atlanta Metropolitan Area", "America/New_York", ALIAS),
    ("Detroit Metropolitan Area", "America/Detroit", CITY),
    ("Washington DC-Baltimore Area", "America/New_York", ALIAS),
    ("Kansas City Metropolitan Area", "America/Chicago", ALIAS),
    ("Greater Madrid Metropolitan Area", "Europe/Madrid", CITY),
    ("Greater Paris Metropolitan Region", "Europe/Paris", CITY),
    ("Greater Barcelona Metropolitan Area", "Europe/Madrid", ALIAS),
    ("Greater Milan Metropolitan Area", "Europe/Rome", ALIAS),
    ("Frankfurt Rhine-Main Metropolitan Area", "Europe/Berlin", ALIAS),
    ("Greater Hamburg Area", "Europe/Berlin", ALIAS),
    ("Stuttgart Region", "Europe/Berlin", ALIAS),
    ("Cologne Bonn Region", "Europe/Berlin", ALIAS),
    ("Greater Zurich Area", "Europe/Zurich", CITY),
    ("Greater Stockholm Metropolitan Area", "Europe/Stockholm", CITY),
    ("Greater Copenhagen Region", "Europe/Copenhagen", CITY),
    ("Helsinki Metropolitan Area", "Europe/Helsinki", CITY),
    ("Greater Dublin", "Europe/Dublin", CITY),
    ("Greater Manchester", "Europe/London", ALIAS),
    ("Greater Edinburgh Area", "Europe/London", ALIAS),
    ("Greater Bengaluru Area", "Asia/Kolkata", ALIAS),
    ("Mumbai Metropolitan Region", "Asia/Kolkata", ALIAS),
    ("Delhi, India", "Asia/Kolkata", ALIAS),
    ("Greater Hyderabad Area", "Asia/Kolkata", ALIAS),
    ("Pune/Pimpri-Chinchwad Area", "Asia/Kolkata", ALIAS),
    ("Greater Chennai Area", "Asia/Kolkata", ALIAS),
    ("Greater Kolkata Area", "Asia/Kolkata", CITY),
    ("Gurugram, Haryana, India", "Asia/Kolkata", ALIAS),
    ("Greater Melbourne Area", "Australia/Melbourne", CITY),
    ("Greater Brisbane Area", "Australia/Brisbane", CITY),
    ("Greater Perth Area", "Australia/Perth", CITY),
    ("Auckland, New Zealand", "Pacific/Auckland", CITY),
    ("Greater Vancouver Metropolitan Area", "America/Vancouver", CITY),
    ("Montréal, Québec, Canada", "America/Toronto", CITY),  # Montreal is a zone link to Toronto
    ("Calgary, Alberta, Canada", "America/Edmonton", ALIAS),
    ("Ottawa, Ontario, Canada", "America/Toronto", ALIAS),
    ("Halifax, Nova Scotia, Canada", "America/Halifax", CITY),
    ("St. John's, Newfoundland and Labrador, Canada", "America/St_Johns", CITY),
    ("Rio de Janeiro e Região", "America/Sao_Paulo", ALIAS),
    ("Greater Buenos Aires", "America/Argentina/Buenos_Aires", CITY),
    ("Bogotá D.C. Metropolitan Area", "America/Bogota", CITY),
    ("Lima, Peru", "America/Lima", CITY),
    ("Santiago Metropolitan Region, Chile", "America/Santiago", CITY),
    ("Singapore", "Asia/Singapore", COUNTRY),
    ("Hong Kong SAR", "Asia/Hong_Kong", COUNTRY),
    ("Shenzhen, Guangdong, China", "Asia/Shanghai", ALIAS),
    ("Beijing, China", "Asia/Shanghai", ALIAS),
    ("Seoul, South Korea", "Asia/Seoul", CITY),
    ("Osaka, Japan", "Asia/Tokyo", ALIAS),
    ("Jakarta, Indonesia", "Asia/Jakarta", CITY),
    ("Bali, Indonesia", "Asia/Makassar", ALIAS),
    ("Kuala Lumpur, Federal Territory of Kuala Lumpur, Malaysia", "Asia/Kuala_Lumpur", CITY),
    ("Manila, National Capital Region, Philippines", "Asia/Manila", CITY),
    ("Ho Chi Minh City, Vietnam", "Asia/Ho_Chi_Minh", CITY),
    ("Hanoi, Vietnam", "Asia/Ho_Chi_Minh", ALIAS),
    ("Lahore, Punjab, Pakistan", "Asia/Karachi", ALIAS),
    ("Kathmandu, Nepal", "Asia/Kathmandu", CITY),
    ("Istanbul, Türkiye", "Europe/Istanbul", CITY),
    ("Türkiye", "Europe/Istanbul", COUNTRY),
    ("Riyadh, Saudi Arabia", "Asia/Riyadh", CITY),
    ("Doha, Qatar", "Asia/Qatar", ALIAS),
    ("Cape Town, Western Cape, South Africa", "Africa/Johannesburg", ALIAS),
    ("Accra, Greater Accra Region, Ghana", "Africa/Accra", CITY),
    ("Moscow, Russia", "Europe/Moscow", CITY),
    ("Saint Petersburg, Russia", "Europe/Moscow", ALIAS),
    ("Kyiv, Ukraine", "Europe/Kyiv", CITY),
    ("Kiev", "Europe/Kyiv", CITY),  # an old zone name answers with today's
    ("Calcutta", "Asia/Kolkata", CITY),
    ("Kraków, Małopolskie, Poland", "Europe/Warsaw", ALIAS),
    ("Wien, Österreich", "Europe/Vienna", ALIAS),
    ("München, Bayern, Deutschland", "Europe/Berlin", ALIAS),
    ("Madrid, Comunidad de Madrid, España", "Europe/Madrid", CITY),
    ("Oslo, Norway", "Europe/Oslo", CITY),  # a link to Berlin that zone.tab still lists: it keeps its name
    ("The Hague, South Holland, Netherlands", "Europe/Amsterdam", ALIAS),
    ("Geneva, Switzerland", "Europe/Zurich", ALIAS),
    ("Reykjavík, Iceland", "Atlantic/Reykjavik", CITY),
    ("Luxembourg", "Europe/Luxembourg", COUNTRY),
    ("India", "Asia/Kolkata", COUNTRY),
    ("United Kingdom", "Europe/London", COUNTRY),
    ("UK", "Europe/London", COUNTRY),
    ("Scotland", "Europe/London", COUNTRY),
    ("South Korea", "Asia/Seoul", COUNTRY),
    ("Côte d'Ivoire", "Africa/Abidjan", COUNTRY),
    ("Kazakhstan", "Asia/Almaty", COUNTRY),  # one clock since 2024: its zones count once
    # Lower case, no accents, stray spaces and emoji.
    ("zurich", "Europe/Zurich", CITY),
    ("sao paulo", "America/Sao_Paulo", CITY),
    ("MÜNCHEN", "Europe/Berlin", ALIAS),
    ("ile de france", "Europe/Paris", ALIAS),
    ("   Berlin ,   Germany  ", "Europe/Berlin", CITY),
    ("Berlin 🇩🇪", "Europe/Berlin", CITY),
    ("🇯🇵", "Asia/Tokyo", COUNTRY),
    ("📍 Lisbon, Portugal ☀️", "Europe/Lisbon", CITY),
    ("10115 Berlin", "Europe/Berlin", CITY),
    ("Berlin Germany", "Europe/Berlin", CITY),
    ("Austin, TX", "America/Chicago", ALIAS),
    ("NYC", "America/New_York", ALIAS),
    ("SF Bay Area", "America/Los_Angeles", ALIAS),
    # The state or country decides when the city name is elsewhere, or is several places.
    ("Springfield, Illinois", "America/Chicago", ALIAS),
    ("Springfield, Massachusetts, United States", "America/New_York", ALIAS),
    ("Springfield, Oregon", "America/Los_Angeles", ALIAS),
    ("Portland, Oregon Metropolitan Area", "America/Los_Angeles", ALIAS),
    ("Portland, Maine, United States", "America/New_York", ALIAS),
    ("Paris, Texas, United States", "America/Chicago", ALIAS),
    ("London, Ontario, Canada", "America/Toronto", ALIAS),
    ("Birmingham, Alabama, United States", "America/Chicago", ALIAS),
    ("Birmingham, England, United Kingdom", "Europe/London", ALIAS),
    ("Cambridge, Massachusetts, United States", "America/New_York", ALIAS),
    ("Perth, Scotland, United Kingdom", "Europe/London", COUNTRY),
    ("Perth, WA", "Australia/Perth", CITY),
    ("Seattle, WA", "America/Los_Angeles", ALIAS),
    ("Victoria, British Columbia, Canada", "America/Vancouver", ALIAS),
    ("Victoria, Australia", "Australia/Melbourne", CITY),
    ("Washington, District of Columbia, United States", "America/New_York", ALIAS),
    ("Washington, United States", "America/Los_Angeles", ALIAS),  # LinkedIn's way of writing the state
    ("Georgia, United States", "America/New_York", ALIAS),
    ("Atlanta, Georgia", "America/New_York", ALIAS),
    ("Georgia", "Asia/Tbilisi", COUNTRY),  # LinkedIn's way of writing the country
    ("Tbilisi, Georgia", "Asia/Tbilisi", CITY),
    ("St Petersburg, Florida, United States", "America/New_York", ALIAS),
    ("San Juan, Puerto Rico", "America/Puerto_Rico", COUNTRY),
    ("San José, Costa Rica", "America/Costa_Rica", COUNTRY),
    ("San Jose, California, United States", "America/Los_Angeles", ALIAS),
    ("Córdoba, Andalusia, Spain", "Europe/Madrid", ALIAS),
    ("Córdoba, Argentina", "America/Argentina/Cordoba", CITY),
    ("Valencia, Carabobo, Venezuela", "America/Caracas", COUNTRY),
    ("Norfolk, Virginia, United States", "America/New_York", ALIAS),
    ("Apia, Samoa", "Pacific/Apia", CITY),
    ("El Paso, Texas, United States", "America/Denver", ALIAS),  # Texas is Central, El Paso Mountain
    ("Menominee, Michigan, United States", "America/Menominee", CITY),  # a Central corner of Eastern Michigan
    ("Indianapolis, Indiana, United States", "America/Indiana/Indianapolis", CITY),
    ("Boise, Idaho", "America/Boise", CITY),
    ("Tucson, Arizona, United States", "America/Phoenix", ALIAS),
    ("Honolulu, Hawaii, United States", "Pacific/Honolulu", CITY),
    ("Kiritimati, Kiribati", "Pacific/Kiritimati", CITY),
    ("Punjab, India", "Asia/Kolkata", ALIAS),
]

AMBIGUOUS: list[tuple[str, set[str]]] = [
    ("United States", {"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"}),
    ("USA", {"America/New_York", "America/Los_Angeles", "Pacific/Honolulu"}),
    ("🇺🇸", {"America/New_York", "America/Los_Angeles"}),
    ("Canada", {"America/Toronto", "America/Vancouver", "America/Halifax", "America/St_Johns"}),
    ("Russia", {"Europe/Moscow", "Asia/Vladivostok", "Europe/Kaliningrad"}),
    ("Australia", {"Australia/Sydney", "Australia/Perth", "Australia/Brisbane", "Australia/Adelaide"}),
    ("Indonesia", {"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"}),
    ("Mexico", {"America/Mexico_City", "America/Tijuana", "America/Cancun"}),
    ("Springfield", {"America/Chicago", "America/New_York"}),
    ("Greater Springfield Area", {"America/Chicago", "America/New_York"}),
    ("Portland", {"America/Los_Angeles", "America/New_York"}),
]

UNKNOWN = ["", "   ", "Remote", "🚀 Remote", "Earth", "Worldwide", "Europe", "EMEA", "Open to work", "Anywhere 🌍"]


@pytest.mark.parametrize(("location", "zone", "kind"), LOCATIONS)
def test_a_location_gives_its_zone(location: str, zone: str, kind: GuessKind) -> None:
    guess = infer_zone(location)
    assert (guess.zone, guess.kind) == (zone, kind), guess.reason
    assert guess.inferred
    assert guess.candidates[0] == zone
    assert guess.reason.startswith(f"From '{' '.join(location.split())}'")
    ZoneInfo(zone)


@pytest.mark.parametrize(("location", "some_candidates"), AMBIGUOUS)
def test_a_location_in_several_zones_asks(location: str, some_candidates: set[str]) -> None:
    guess = infer_zone(location)
    assert guess.kind is GuessKind.AMBIGUOUS
    assert guess.zone is None
    assert not guess.inferred
    assert some_candidates <= set(guess.candidates)
    assert len(guess.candidates) == len(set(guess.candidates))
    assert guess.reason.endswith("pick one.")


def test_ambiguity_is_said_plainly() -> None:
    assert infer_zone("United States").reason == "United States has several time zones: pick one."
    assert infer_zone("Springfield").reason == "Springfield could be in several time zones: pick one."
    # Zones keeping the same clocks count once, named as zonenow.tab names them (not Detroit, not Indianapolis).
    assert infer_zone("United States").candidates[:5] == (
        "America/New_York",
        "America/Chicago",
        "America/Denver",
        "America/Phoenix",
        "America/Los_Angeles",
    )


@pytest.mark.parametrize("location", UNKNOWN)
def test_a_location_that_names_no_place_is_unknown(location: str) -> None:
    guess = infer_zone(location)
    assert guess == ZoneGuess(None, (), False, guess.reason, GuessKind.UNKNOWN)
    assert guess.reason.startswith(("Could not tell the time zone from '", "There is no location"))


def test_unknown_reason_quotes_the_location() -> None:
    assert infer_zone("Earth").reason == "Could not tell the time zone from 'Earth'."
    assert infer_zone("").reason == "There is no location to tell the time zone from."


@pytest.mark.parametrize(
    ("country", "main", "others"),
    [
        ("Spain", "Europe/Madrid", {"Atlantic/Canary"}),
        ("Portugal", "Europe/Lisbon", {"Atlantic/Azores"}),
        ("New Zealand", "Pacific/Auckland", {"Pacific/Chatham"}),
        ("China", "Asia/Shanghai", {"Asia/Urumqi"}),
        ("Brazil", "America/Sao_Paulo", {"America/Noronha"}),
    ],
)
def test_a_country_whose_main_zone_covers_nearly_everyone_guesses_it_and_offers_the_rest(
    country: str, main: str, others: set[str]
) -> None:
    guess = infer_zone(country)
    assert (guess.zone, guess.kind, guess.candidates[0]) == (main, GuessKind.COUNTRY, main)
    assert others <= set(guess.candidates[1:])
    assert guess.reason == f"From '{country}': the main time zone of {country}; some areas differ."


def test_zones_with_the_same_clocks_count_once() -> None:
    # zone.tab lists Europe/Busingen for Germany and nine Argentine zones; each country keeps one clock.
    assert _country_zones("DE") == (("Europe/Berlin",), "Europe/Berlin")
    assert _country_zones("AR") == (("America/Argentina/Buenos_Aires",), "America/Argentina/Buenos_Aires")
    assert _country_zones("MY") == (("Asia/Kuala_Lumpur",), "Asia/Kuala_Lumpur")


def test_every_name_in_the_tables_reads_as_a_real_zone() -> None:
    tables = _tables()
    assert _tables() is tables  # loaded once
    zones = {place.zone for readings in tables.names.values() for group in readings for place in group}
    for zone in zones - {None}:
        assert zone is not None
        ZoneInfo(zone)
    for code in tables.country_zones:
        _, main = _country_zones(code)
        if main is not None:
            ZoneInfo(main)
