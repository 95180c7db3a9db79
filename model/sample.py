"""Sample contacts: a deterministic, realistic demo network for the first-run screen and for trying Overture at size."""

# ruff: noqa: RUF001 - names, places and replies in Cyrillic, Greek and other scripts are the point, not look-alikes.
from __future__ import annotations

import bisect
import itertools
import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Generic, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Connection
from sqlalchemy.orm import Session, sessionmaker

from model.clock import as_utc
from model.errors import InvalidInput
from model.nudges import FOLLOW_UP_HORIZON_DAYS
from model.settings import Settings, decode, settings_from_mapping
from model.vocabulary import AccountType, Intent, Stage

MAX_SAMPLE = 200_000

DAY = 86_400 * 1_000_000
HOUR = DAY // 24
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# The user acts between 07:00 and 23:00 their time: each local day is squeezed into those 16 hours.
_DAY_START = 7 * HOUR
# Squeezing moves an instant up to 7 hours later or 1 hour earlier; thresholds are kept clear of it by this much.
_CLEAR = 0.4
# The most recent sample event is this old, so that squeezing never pushes anything past `now`.
_NEWEST = 0.35
# The user started with Overture this long ago, and imported their LinkedIn connections a little later.
_IMPORT_AGE = 330.0
_OLDEST_PIPELINE = 320.0

T = TypeVar("T")
# Stage names as plain text: the planner writes them a few hundred thousand times.
_SPOTTED, _ENGAGING, _REQUESTED = Stage.SPOTTED.value, Stage.ENGAGING.value, Stage.REQUESTED.value
_CONNECTED, _NURTURING, _PARKED = Stage.CONNECTED.value, Stage.NURTURING.value, Stage.PARKED.value
_FACT_KINDS = ("recent_post", "shared_interest", "mutual_connection", "event", "achievement")


# -- who the people are -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Given:
    native: str
    latin: str
    # "m" or "f" where the family name changes with it (Иванов/Иванова, Kowalski/Kowalska), else "".
    gender: str


@dataclass(frozen=True)
class _Family:
    male: str
    female: str
    latin_male: str
    latin_female: str


@dataclass(frozen=True)
class _Culture:
    key: str
    weight: float
    given: tuple[_Given, ...]
    family: tuple[_Family, ...]
    # LinkedIn-style locations (in English, as LinkedIn shows them) with their IANA zone.
    # A zone left empty is a place LinkedIn cannot pin to one zone ("United States"): the user is asked.
    places: tuple[tuple[str, str | None], ...]
    family_first: bool = False
    separator: str = " "
    # The share of people who show a romanised name on LinkedIn rather than their native script.
    romanised: float = 0.0
    companies: tuple[str, ...] = ()
    legal_forms: tuple[str, ...] = ()
    replies: tuple[str, ...] = ()
    # Written in the Latin alphabet (with diacritics): no romanised form, credentials and titles as in English.
    latin: bool = True


def _given(text: str) -> tuple[_Given, ...]:
    """'Native/latin/gender, ...'; the latin form and gender may be left out."""
    names = []
    for entry in text.split(", "):
        parts = entry.split("/")
        native = parts[0]
        latin = parts[1] if len(parts) > 1 and parts[1] else native
        names.append(_Given(native, latin, parts[2] if len(parts) > 2 else ""))
    return tuple(names)


def _family(text: str) -> tuple[_Family, ...]:
    """'Male|Female/latin male|latin female, ...'; forms that do not change are written once."""
    names = []
    for entry in text.split(", "):
        native, _, latin = entry.partition("/")
        male, _, female = native.partition("|")
        latin_male, _, latin_female = (latin or native).partition("|")
        names.append(_Family(male, female or male, latin_male, latin_female or latin_male))
    return tuple(names)


def _places(text: str) -> tuple[tuple[str, str | None], ...]:
    """'Location=Area/Zone; ...' (locations hold commas, so places are separated by semicolons)."""
    pairs = (place.split("=") for place in text.split("; "))
    return tuple((location, zone or None) for location, zone in pairs)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split(", "))


CULTURES: tuple[_Culture, ...] = (
    _Culture(
        "en",
        20,
        _given(
            "James, Olivia, Ethan, Grace, Liam, Chloe, Noah, Harper, Lucas, Megan, Ryan, Hannah, Owen, Siobhán, "
            "Aoife, Niamh, Brooke, Tyler, Madison, Marcus, Jasmine, DeShawn, Keisha, Caleb, Abigail, Nathan, Zoe, "
            "Rebecca, Daniel, Priya"
        ),
        _family(
            "Smith, Johnson, Williams, Brown, Miller, Davis, Wilson, Taylor, Thompson, White, Harris, Clark, Walker, "
            "O'Brien, O'Connor, McAllister, MacKenzie, Fitzgerald, Murphy, Robinson, Campbell, Bennett, Hughes, "
            "Reyes, Kowalczyk, Nguyen, Okafor-Jones"
        ),
        _places(
            "New York, New York, United States=America/New_York; Greater Boston=America/New_York; "
            "Austin, Texas, United States=America/Chicago; Chicago, Illinois, United States=America/Chicago; "
            "Denver, Colorado, United States=America/Denver; San Francisco Bay Area=America/Los_Angeles; "
            "Greater Seattle Area=America/Los_Angeles; Phoenix, Arizona, United States=America/Phoenix; "
            "Anchorage, Alaska, United States=America/Anchorage; Honolulu, Hawaii, United States=Pacific/Honolulu; "
            "Toronto, Ontario, Canada=America/Toronto; Vancouver, British Columbia, Canada=America/Vancouver; "
            "Halifax, Nova Scotia, Canada=America/Halifax; "
            "St John's, Newfoundland and Labrador, Canada=America/St_Johns; "
            "London, England, United Kingdom=Europe/London; Greater Manchester, England, United Kingdom=Europe/London; "
            "Edinburgh, Scotland, United Kingdom=Europe/London; Dublin, County Dublin, Ireland=Europe/Dublin; "
            "Sydney, New South Wales, Australia=Australia/Sydney; Melbourne, Victoria, Australia=Australia/Melbourne; "
            "Perth, Western Australia, Australia=Australia/Perth; "
            "Adelaide, South Australia, Australia=Australia/Adelaide; Auckland, New Zealand=Pacific/Auckland; "
            "United States=; Canada=; Australia="
        ),
        legal_forms=(" Inc.", " LLC", " Ltd", " Co."),
        companies=("Bright Harbor Health", "Two Rivers Credit Union", "Maple & Pine Studio"),
    ),
    _Culture(
        "de",
        7,
        _given(
            "Jürgen, Lena, Lukas, Anneliese, Matthias, Sophie, Maximilian, Katrin, Jörg, Franziska, Till, Johanna, "
            "Sören, Hannelore, Felix, Leonie"
        ),
        _family(
            "Müller, Schäfer, Weiß, Groß, Becker, Hoffmann, Schröder, Köhler, Meier-Lüdenscheidt, von Bülow, "
            "Zimmermann, Krüger, Hartmann, Vogt"
        ),
        _places(
            "Berlin, Germany=Europe/Berlin; Greater Munich Metropolitan Area=Europe/Berlin; "
            "Hamburg, Germany=Europe/Berlin; Frankfurt am Main, Hesse, Germany=Europe/Berlin; "
            "Cologne Bonn Region=Europe/Berlin; Leipzig, Saxony, Germany=Europe/Berlin; "
            "Vienna, Vienna, Austria=Europe/Vienna; Zurich, Switzerland=Europe/Zurich; Basel, Switzerland=Europe/Zurich"
        ),
        legal_forms=(" GmbH", " AG", " SE"),
        companies=("Müller & Söhne KG", "Schäfer Logistik GmbH", "Nordlicht Datenwerk", "Grünwerk Energie AG"),
        replies=("Danke dir, gerne!", "Sehr gerne, lass uns nächste Woche sprechen."),
    ),
    _Culture(
        "fr",
        5,
        _given(
            "Chloé, Léa, Émile, François, Hélène, Benoît, Margaux, Théo, Anaïs, Gaëlle, Jean-Luc, Anne-Sophie, Aurélien"
        ),
        _family("Dubois, Lefèvre, Girard, Moreau, Lambert, Fournier, Rousseau, Da Costa, N'Diaye, Le Goff, Mercier"),
        _places(
            "Paris, Île-de-France, France=Europe/Paris; Lyon, Auvergne-Rhône-Alpes, France=Europe/Paris; "
            "Greater Bordeaux Metropolitan Area=Europe/Paris; Toulouse, Occitanie, France=Europe/Paris; "
            "Brussels Metropolitan Area=Europe/Brussels; Geneva, Switzerland=Europe/Zurich; "
            "Montreal, Quebec, Canada=America/Toronto"
        ),
        legal_forms=(" SAS", " SA"),
        companies=("Atelier Lumière", "Éditions du Phare", "Coopérative Numérique de l'Ouest"),
        replies=("Merci beaucoup, à bientôt !", "Avec plaisir, on s'appelle la semaine prochaine ?"),
    ),
    _Culture(
        "es",
        5,
        _given("Sofía, Álvaro, Íñigo, Lucía, Nicolás, Valentina, Martín, Camila, Javier, Carmen, María José, Andrés"),
        _family(
            "García, Fernández, Muñoz, Peña, Rodríguez, López, Gutiérrez, Núñez, de la Cruz, Ibáñez, Castillo, Ortega"
        ),
        _places(
            "Madrid, Community of Madrid, Spain=Europe/Madrid; Barcelona, Catalonia, Spain=Europe/Madrid; "
            "Canary Islands, Spain=Atlantic/Canary; Mexico City, Mexico=America/Mexico_City; "
            "Guadalajara, Jalisco, Mexico=America/Mexico_City; Buenos Aires, Argentina=America/Argentina/Buenos_Aires; "
            "Bogotá, Capital District, Colombia=America/Bogota; "
            "Santiago, Santiago Metropolitan Region, Chile=America/Santiago; Lima, Peru=America/Lima; Mexico="
        ),
        legal_forms=(" S.L.", " S.A. de C.V.", " S.A."),
        companies=("Soluciones Andinas", "Tecnologías del Sur"),
        replies=("¡Gracias! Hablamos pronto.", "¡Claro que sí! Te escribo la semana que viene."),
    ),
    _Culture(
        "pt",
        3,
        _given("João, Inês, Gonçalo, Beatriz, Thiago, Mariana, Larissa, Rafael, Ana Luísa, Caio"),
        _family("Gonçalves, Conceição, Araújo, Magalhães, Pereira, da Silva, Oliveira, Santos, Carvalho"),
        _places(
            "Lisbon, Portugal=Europe/Lisbon; Porto, Portugal=Europe/Lisbon; "
            "São Paulo, São Paulo, Brazil=America/Sao_Paulo; Rio de Janeiro, Rio de Janeiro, Brazil=America/Sao_Paulo; "
            "Belo Horizonte, Minas Gerais, Brazil=America/Sao_Paulo; Recife, Pernambuco, Brazil=America/Recife; "
            "Manaus, Amazonas, Brazil=America/Manaus; Brazil="
        ),
        legal_forms=(" Ltda.", " S.A."),
        companies=("Pão de Queijo Digital", "Caravela Tecnologia"),
        replies=("Obrigada, vamos conversar!", "Valeu! Falamos em breve."),
    ),
    _Culture(
        "it",
        3,
        _given("Giulia, Matteo, Chiara, Lorenzo, Francesca, Niccolò, Alessandro, Martina"),
        _family("Rossi, Bianchi, Esposito, Romano, D'Angelo, Dell'Acqua, Colombo, Ferrari, De Luca"),
        _places(
            "Milan, Lombardy, Italy=Europe/Rome; Rome, Latium, Italy=Europe/Rome; Turin, Piedmont, Italy=Europe/Rome; "
            "Bologna, Emilia Romagna, Italy=Europe/Rome"
        ),
        legal_forms=(" S.r.l.", " S.p.A."),
        companies=("Officine Digitali", "Bottega dei Dati"),
        replies=("Grazie mille, a presto!",),
    ),
    _Culture(
        "nl",
        2,
        _given("Sanne, Joost, Maarten, Femke, Daan, Lotte, Bram, Eline"),
        _family("de Vries, Bakker, Jansen, van den Berg, Visser, Smit, van Dijk, Mulder"),
        _places(
            "Amsterdam, North Holland, Netherlands=Europe/Amsterdam; "
            "Rotterdam, South Holland, Netherlands=Europe/Amsterdam; Utrecht, Netherlands=Europe/Amsterdam; "
            "Eindhoven, North Brabant, Netherlands=Europe/Amsterdam; Antwerp Metropolitan Area=Europe/Brussels"
        ),
        legal_forms=(" B.V.",),
        companies=("Grachten Software B.V.",),
        replies=("Dank je, leuk!", "Top, spreek je snel."),
    ),
    _Culture(
        "nordic",
        3,
        _given("Björn, Åsa, Søren, Sigrid, Linnéa, Mikael, Ingrid, Lars, Freja, Magnus"),
        _family("Nordström, Lindqvist, Andersson, Jørgensen, Ødegaard, Kristiansen, Halvorsen, Nielsen, Berg"),
        _places(
            "Stockholm, Stockholm County, Sweden=Europe/Stockholm; "
            "Gothenburg, Västra Götaland County, Sweden=Europe/Stockholm; "
            "Copenhagen, Capital Region of Denmark, Denmark=Europe/Copenhagen; "
            "Aarhus, Central Denmark Region, Denmark=Europe/Copenhagen; Oslo, Norway=Europe/Oslo; "
            "Bergen, Vestland, Norway=Europe/Oslo; Reykjavík, Capital Region, Iceland=Atlantic/Reykjavik"
        ),
        legal_forms=(" AB", " AS", " ApS"),
        companies=("Fjällräv Analys AB",),
        replies=("Tack, hörs snart!", "Tak, det lyder godt!"),
    ),
    _Culture(
        "fi",
        1,
        _given("Päivi, Eero, Aino, Juha, Mikko, Satu"),
        _family("Virtanen, Mäkinen, Korhonen, Nieminen, Laine, Heikkinen"),
        _places("Helsinki, Uusimaa, Finland=Europe/Helsinki; Tampere, Pirkanmaa, Finland=Europe/Helsinki"),
        legal_forms=(" Oy",),
        replies=("Kiitos, palataan!",),
    ),
    _Culture(
        "pl",
        2.5,
        _given(
            "Łukasz/Łukasz/m, Małgorzata/Małgorzata/f, Zofia/Zofia/f, Paweł/Paweł/m, Agnieszka/Agnieszka/f, "
            "Grzegorz/Grzegorz/m, Katarzyna/Katarzyna/f, Piotr/Piotr/m"
        ),
        _family(
            "Kowalski|Kowalska, Wiśniewski|Wiśniewska, Nowak, Wójcik, Zieliński|Zielińska, "
            "Lewandowski|Lewandowska, Brzęczyszczykiewicz"
        ),
        _places(
            "Warsaw, Mazowieckie, Poland=Europe/Warsaw; Kraków, Małopolskie, Poland=Europe/Warsaw; "
            "Wrocław, Dolnośląskie, Poland=Europe/Warsaw; Gdańsk, Pomorskie, Poland=Europe/Warsaw"
        ),
        legal_forms=(" sp. z o.o.", " S.A."),
        companies=("Wisła Software sp. z o.o.",),
        replies=("Dzięki, do usłyszenia!",),
    ),
    _Culture(
        "cz",
        1.5,
        _given("Jiří/Jiří/m, Tomáš/Tomáš/m, Kateřina/Kateřina/f, Ondřej/Ondřej/m, Tereza/Tereza/f, Jakub/Jakub/m"),
        _family("Dvořák|Dvořáková, Novák|Nováková, Svoboda|Svobodová, Černý|Černá, Procházka|Procházková"),
        _places("Prague, Czechia=Europe/Prague; Brno, South Moravia, Czechia=Europe/Prague"),
        legal_forms=(" s.r.o.", " a.s."),
        companies=("Vltava Data s.r.o.",),
        replies=("Díky, ozvu se!",),
    ),
    _Culture(
        "hu",
        1,
        _given("Márton, Zsófia, Bence, Eszter, Dániel, Réka"),
        _family("Kovács, Szabó, Horváth, Tóth, Nagy, Szűcs"),
        _places("Budapest, Hungary=Europe/Budapest; Debrecen, Hajdú-Bihar, Hungary=Europe/Budapest"),
        legal_forms=(" Kft.", " Zrt."),
        replies=("Köszi, hamarosan beszélünk!",),
    ),
    _Culture(
        "ro",
        1.5,
        _given("Ștefan, Ioana, Dragoș, Andreea, Mihai, Alexandra"),
        _family("Popescu, Ionescu, Munteanu, Dumitrescu, Stan, Constantinescu"),
        _places(
            "Bucharest, Romania=Europe/Bucharest; Cluj-Napoca, Cluj, Romania=Europe/Bucharest; "
            "Iași, Romania=Europe/Bucharest; Chișinău, Moldova=Europe/Chisinau"
        ),
        legal_forms=(" S.R.L.",),
        replies=("Mulțumesc, vorbim curând!",),
    ),
    _Culture(
        "tr",
        2,
        _given("Çağla, Gökhan, Ömer, Elif, Burak, Zeynep, İlkay, Ayşe"),
        _family("Yılmaz, Öztürk, Çelik, Şahin, Aydın, Doğan, Kılıç"),
        _places("Istanbul, Türkiye=Europe/Istanbul; Ankara, Türkiye=Europe/Istanbul; İzmir, Türkiye=Europe/Istanbul"),
        legal_forms=(" A.Ş.",),
        companies=("Anadolu Yazılım A.Ş.",),
        replies=("Çok teşekkürler, görüşmek üzere!",),
    ),
    _Culture(
        "in",
        7,
        _given(
            "Aarav, Ananya, Priya, Rohan, Vikram, Deepa, Arjun, Kavya, Siddharth, Meera, Lakshmi, Karthik, Nikhil, "
            "Pooja, Sanjana"
        ),
        _family(
            "Sharma, Patel, Iyer, Reddy, Nair, Banerjee, Gupta, Menon, Chatterjee, Rao, D'Souza, Krishnamurthy, "
            "Kulkarni, Bose"
        ),
        _places(
            "Bengaluru, Karnataka, India=Asia/Kolkata; Mumbai, Maharashtra, India=Asia/Kolkata; "
            "Pune, Maharashtra, India=Asia/Kolkata; Hyderabad, Telangana, India=Asia/Kolkata; "
            "Chennai, Tamil Nadu, India=Asia/Kolkata; New Delhi, Delhi, India=Asia/Kolkata; "
            "Gurugram, Haryana, India=Asia/Kolkata; Kathmandu, Bagmati, Nepal=Asia/Kathmandu; "
            "Colombo, Western Province, Sri Lanka=Asia/Colombo"
        ),
        legal_forms=(" Pvt Ltd", " Private Limited"),
        companies=("Infinite Loop Technologies Pvt Ltd", "Chai & Code Labs"),
    ),
    _Culture(
        "hi",
        2,
        _given("आरव/Aarav, अनन्या/Ananya, विवान/Vivaan, दीया/Diya, अर्जुन/Arjun, प्रिया/Priya, रोहन/Rohan"),
        _family("शर्मा/Sharma, वर्मा/Verma, गुप्ता/Gupta, सिंह/Singh, पटेल/Patel, जोशी/Joshi"),
        _places(
            "Mumbai, Maharashtra, India=Asia/Kolkata; New Delhi, Delhi, India=Asia/Kolkata; "
            "Jaipur, Rajasthan, India=Asia/Kolkata; Lucknow, Uttar Pradesh, India=Asia/Kolkata"
        ),
        romanised=0.3,
        companies=("भारत डिजिटल सेवाएँ",),
        replies=("धन्यवाद! ज़रूर बात करेंगे।",),
        latin=False,
    ),
    _Culture(
        "bd",
        1,
        _given("Tanvir, Nusrat, Farhan, Sadia, Rafiq, Tasnim"),
        _family("Rahman, Hossain, Ahmed, Chowdhury, Islam, Karim"),
        _places(
            "Dhaka, Bangladesh=Asia/Dhaka; Chittagong, Bangladesh=Asia/Dhaka; Karachi, Sindh, Pakistan=Asia/Karachi"
        ),
    ),
    _Culture(
        "ng",
        2,
        _given("Chinedu, Ngozi, Oluwaseun, Amara, Tunde, Funmilayo, Emeka, Chiamaka"),
        _family("Okafor, Adeyemi, Okonkwo, Eze, Balogun, Nwosu, Adebayo"),
        _places(
            "Lagos, Lagos State, Nigeria=Africa/Lagos; Abuja, Federal Capital Territory, Nigeria=Africa/Lagos; "
            "Port Harcourt, Rivers State, Nigeria=Africa/Lagos"
        ),
        legal_forms=(" Ltd", " Limited"),
        companies=("Savanna Fintech",),
    ),
    _Culture(
        "gh",
        1,
        _given("Kwame, Kofi, Yaw, Akosua, Ama, Kwabena"),
        _family("Mensah, Owusu, Boateng, Asante, Appiah"),
        _places("Accra, Greater Accra Region, Ghana=Africa/Accra; Kumasi, Ashanti Region, Ghana=Africa/Accra"),
    ),
    _Culture(
        "za",
        1,
        _given("Thabo, Zanele, Sipho, Lerato, Naledi, Pieter"),
        _family("Nkosi, Ndlovu, Dlamini, Mokoena, van Wyk, Botha"),
        _places(
            "Johannesburg, Gauteng, South Africa=Africa/Johannesburg; "
            "Cape Town, Western Cape, South Africa=Africa/Johannesburg; "
            "Durban, KwaZulu-Natal, South Africa=Africa/Johannesburg"
        ),
        legal_forms=(" (Pty) Ltd",),
        companies=("Baobab Health",),
    ),
    _Culture(
        "ea",
        1.5,
        _given("Wanjiru, Njeri, Achieng, Baraka, Amani, Akinyi, Kipchoge, Muthoni"),
        _family("Kamau, Odhiambo, Wanjiku, Mwangi, Otieno, Kiprono, Njoroge"),
        _places(
            "Nairobi County, Kenya=Africa/Nairobi; Mombasa, Kenya=Africa/Nairobi; Kigali, Rwanda=Africa/Kigali; "
            "Kampala, Uganda=Africa/Kampala; Dar es Salaam, Tanzania=Africa/Dar_es_Salaam"
        ),
    ),
    _Culture(
        "vi",
        2,
        _given("Minh, Anh, Huy, Lan, Thảo, Dũng, Phương, Quân, Thị Hương, Văn Đức"),
        _family("Nguyễn, Trần, Lê, Phạm, Hoàng, Vũ, Đặng, Bùi"),
        _places(
            "Hanoi, Vietnam=Asia/Ho_Chi_Minh; Ho Chi Minh City, Vietnam=Asia/Ho_Chi_Minh; "
            "Da Nang, Vietnam=Asia/Ho_Chi_Minh"
        ),
        family_first=True,
        companies=("Công ty Cổ phần Sao Mai",),
        replies=("Cảm ơn anh nhiều!",),
    ),
    _Culture(
        "id",
        1.5,
        _given("Dewi, Putri, Rizky, Andi, Siti, Agus, Budi, Ayu"),
        _family("Lestari, Pratama, Wijaya, Saputra, Hidayat, Nugroho, Kusuma"),
        _places(
            "Jakarta, Indonesia=Asia/Jakarta; Bandung, West Java, Indonesia=Asia/Jakarta; "
            "Denpasar, Bali, Indonesia=Asia/Makassar; Surabaya, East Java, Indonesia=Asia/Jakarta; Indonesia="
        ),
        companies=("PT Nusantara Digital",),
        replies=("Terima kasih banyak!",),
    ),
    _Culture(
        "ph",
        1,
        _given("Maria Clara, Jose Miguel, Angelica, Mark Anthony, Kristine, Paolo"),
        _family("Santos, Reyes, Dela Cruz, Bautista, Mendoza, Villanueva"),
        _places(
            "Metro Manila=Asia/Manila; Cebu City, Central Visayas, Philippines=Asia/Manila; "
            "Kuala Lumpur, Federal Territory of Kuala Lumpur, Malaysia=Asia/Kuala_Lumpur"
        ),
        replies=("Salamat! Talk soon.",),
    ),
    _Culture(
        "zh",
        7,
        _given(
            "伟/Wei, 芳/Fang, 娜/Na, 敏/Min, 静/Jing, 磊/Lei, 洋/Yang, 婷/Ting, 子涵/Zihan, 浩然/Haoran, 欣怡/Xinyi, "
            "宇轩/Yuxuan, 俊杰/Junjie"
        ),
        _family("王/Wang, 李/Li, 张/Zhang, 刘/Liu, 陈/Chen, 杨/Yang, 黄/Huang, 赵/Zhao, 周/Zhou, 吴/Wu, 欧阳/Ouyang"),
        _places(
            "Shanghai, China=Asia/Shanghai; Beijing, China=Asia/Shanghai; Shenzhen, Guangdong, China=Asia/Shanghai; "
            "Hangzhou, Zhejiang, China=Asia/Shanghai; Hong Kong SAR=Asia/Hong_Kong; Taipei City, Taiwan=Asia/Taipei; "
            "Singapore=Asia/Singapore"
        ),
        family_first=True,
        separator="",
        romanised=0.3,
        companies=("深圳云帆科技有限公司", "杭州星河数据", "北京智源软件"),
        replies=("谢谢，下周聊。", "好的，没问题！"),
        latin=False,
    ),
    _Culture(
        "ja",
        4,
        _given("翔太/Shota, 陽菜/Hina, 蓮/Ren, 結衣/Yui, 大翔/Hiroto, さくら/Sakura, 健太/Kenta, 美咲/Misaki"),
        _family(
            "佐藤/Sato, 鈴木/Suzuki, 高橋/Takahashi, 田中/Tanaka, 伊藤/Ito, 渡辺/Watanabe, 山本/Yamamoto, 中村/Nakamura"
        ),
        _places(
            "Tokyo, Japan=Asia/Tokyo; Osaka, Japan=Asia/Tokyo; Fukuoka, Japan=Asia/Tokyo; "
            "Sapporo, Hokkaido, Japan=Asia/Tokyo; Nagoya, Aichi, Japan=Asia/Tokyo"
        ),
        family_first=True,
        romanised=0.25,
        companies=("株式会社ミライ技研", "サクラデータ株式会社"),
        replies=("ありがとうございます！ぜひ。", "承知しました、よろしくお願いします。"),
        latin=False,
    ),
    _Culture(
        "ko",
        3,
        _given("민준/Minjun, 서연/Seoyeon, 지호/Jiho, 하은/Haeun, 도윤/Doyun, 지우/Jiwoo, 수빈/Subin"),
        _family("김/Kim, 이/Lee, 박/Park, 최/Choi, 정/Jung, 강/Kang, 윤/Yoon"),
        _places(
            "Seoul, South Korea=Asia/Seoul; Busan, South Korea=Asia/Seoul; "
            "Seongnam-si, Gyeonggi-do, South Korea=Asia/Seoul"
        ),
        family_first=True,
        separator="",
        romanised=0.3,
        companies=("(주)하늘소프트", "누리랩스"),
        replies=("감사합니다! 좋아요.",),
        latin=False,
    ),
    _Culture(
        "ru",
        3,
        _given(
            "Александр/Alexander/m, Мария/Maria/f, Дмитрий/Dmitry/m, Анна/Anna/f, Сергей/Sergey/m, "
            "Екатерина/Ekaterina/f, Ольга/Olga/f, Михаил/Mikhail/m"
        ),
        _family(
            "Иванов|Иванова/Ivanov|Ivanova, Смирнов|Смирнова/Smirnov|Smirnova, "
            "Кузнецов|Кузнецова/Kuznetsov|Kuznetsova, Соколов|Соколова/Sokolov|Sokolova, "
            "Петров|Петрова/Petrov|Petrova, Волков|Волкова/Volkov|Volkova"
        ),
        _places(
            "Moscow, Moscow City, Russia=Europe/Moscow; Saint Petersburg, Russia=Europe/Moscow; "
            "Novosibirsk, Russia=Asia/Novosibirsk; Yekaterinburg, Sverdlovsk Oblast, Russia=Asia/Yekaterinburg; "
            "Tbilisi, Georgia=Asia/Tbilisi; Yerevan, Armenia=Asia/Yerevan; Almaty, Kazakhstan=Asia/Almaty; Russia="
        ),
        romanised=0.3,
        companies=("ООО «Северный ветер»", "Технологии Будущего"),
        replies=("Спасибо, отличная идея!", "Договорились, до связи."),
        latin=False,
    ),
    _Culture(
        "uk",
        2,
        _given("Олена/Olena, Тарас/Taras, Богдан/Bohdan, Ірина/Iryna, Андрій/Andrii, Оксана/Oksana, Дмитро/Dmytro"),
        _family(
            "Шевченко/Shevchenko, Коваленко/Kovalenko, Бондаренко/Bondarenko, Мельник/Melnyk, Ткаченко/Tkachenko, "
            "Кравчук/Kravchuk, Бойко/Boiko"
        ),
        _places(
            "Kyiv, Kyiv City, Ukraine=Europe/Kyiv; Lviv, Lviv Oblast, Ukraine=Europe/Kyiv; "
            "Kharkiv, Kharkiv Oblast, Ukraine=Europe/Kyiv; Odesa, Odesa Oblast, Ukraine=Europe/Kyiv"
        ),
        romanised=0.4,
        companies=("Дніпро Софт",),
        replies=("Дякую, на зв'язку!",),
        latin=False,
    ),
    _Culture(
        "el",
        1.5,
        _given(
            "Γιώργος/Giorgos/m, Μαρία/Maria/f, Νίκος/Nikos/m, Ελένη/Eleni/f, Δημήτρης/Dimitris/m, Κατερίνα/Katerina/f"
        ),
        _family(
            "Παπαδόπουλος|Παπαδοπούλου/Papadopoulos|Papadopoulou, Γεωργίου/Georgiou, Οικονόμου/Oikonomou, "
            "Νικολάου/Nikolaou, Βλάχος|Βλάχου/Vlachos|Vlachou"
        ),
        _places(
            "Athens, Attiki, Greece=Europe/Athens; Thessaloniki, Central Macedonia, Greece=Europe/Athens; "
            "Nicosia, Cyprus=Asia/Nicosia"
        ),
        romanised=0.35,
        companies=("Ελληνικά Δίκτυα Α.Ε.",),
        replies=("Ευχαριστώ πολύ!",),
        latin=False,
    ),
    _Culture(
        "ar",
        4,
        _given(
            "محمد/Mohammed, فاطمة/Fatima, أحمد/Ahmed, مريم/Maryam, علي/Ali, نور/Nour, يوسف/Youssef, ليلى/Layla, "
            "عمر/Omar, سارة/Sara, خالد/Khaled, هالة/Hala"
        ),
        _family(
            "العلي/Al-Ali, الحسن/Al-Hassan, المصري/El-Masry, الخطيب/Al-Khatib, حداد/Haddad, النجار/Al-Najjar, "
            "الزهراني/Al-Zahrani, الشامي/Al-Shami"
        ),
        _places(
            "Riyadh, Saudi Arabia=Asia/Riyadh; Dubai, United Arab Emirates=Asia/Dubai; Cairo, Egypt=Africa/Cairo; "
            "Amman, Jordan=Asia/Amman; Casablanca, Morocco=Africa/Casablanca; Beirut, Lebanon=Asia/Beirut; "
            "Doha, Qatar=Asia/Qatar; Tunis, Tunisia=Africa/Tunis"
        ),
        romanised=0.4,
        companies=("شركة الأفق الرقمي", "مجموعة النخيل"),
        replies=("شكرًا جزيلًا!", "بكل سرور، نتحدث قريبًا."),
        latin=False,
    ),
    _Culture(
        "he",
        1.5,
        _given("נועה/Noa, דוד/David, מיכל/Michal, יונתן/Yonatan, תמר/Tamar, אורי/Uri, שירה/Shira, איתי/Itai"),
        _family("כהן/Cohen, לוי/Levi, מזרחי/Mizrahi, פרץ/Peretz, ביטון/Biton, אברהם/Avraham, פרידמן/Friedman"),
        _places(
            "Tel Aviv-Yafo, Tel Aviv District, Israel=Asia/Jerusalem; Jerusalem, Israel=Asia/Jerusalem; "
            "Haifa, Haifa District, Israel=Asia/Jerusalem"
        ),
        romanised=0.4,
        companies=("קשת טכנולוגיות",),
        replies=("תודה רבה!",),
        latin=False,
    ),
    _Culture(
        "th",
        1,
        _given("สมชาย/Somchai, สุดารัตน์/Sudarat, ณัฐพล/Nattapon, กมลชนก/Kamonchanok, ปิยะ/Piya, วรรณา/Wanna"),
        _family("ศรีสุข/Srisuk, วงศ์ไทย/Wongthai, แก้วมณี/Kaewmanee, รัตนพันธ์/Rattanaphan"),
        _places("Bangkok City, Thailand=Asia/Bangkok; Chiang Mai, Thailand=Asia/Bangkok"),
        romanised=0.35,
        companies=("บริษัท ฟ้าใส จำกัด",),
        replies=("ขอบคุณมากครับ",),
        latin=False,
    ),
)
_CULTURE = {culture.key: culture for culture in CULTURES}

# (name, how a message greets them, culture): a few very long names, and a few people known by one name only.
LONG_NAMES: tuple[tuple[str, str, str], ...] = (
    ("María de los Ángeles Fernández-Villaverde y Santisteban", "María", "es"),
    ("Oluwaseun Oluwadamilare Adebayo-Okonkwo", "Seun", "ng"),
    ("Johannes Maximilian Freiherr von und zu Lichtenstein-Hohenberg", "Johannes", "de"),
    ("Venkata Lakshmi Narasimha Subrahmanyam Chakravarthy", "Venkat", "in"),
    ("Anne-Sophie de La Rochefoucauld-Montmorency, PhD", "Anne-Sophie", "fr"),
    ("Muhammad Abdurrahman bin Abdul Aziz Al-Farsi", "Muhammad", "ar"),
    ("Nguyễn Thị Ngọc Phương Anh", "Anh", "vi"),
    ("Alexandra-Konstantina Papadimitriou-Vasilopoulou", "Alexandra", "el"),
)
SINGLE_NAMES: tuple[tuple[str, str], ...] = (
    ("Sutrisno", "id"),
    ("Wahyuni", "id"),
    ("Kwame", "gh"),
    ("Suharti", "id"),
    ("Zeynep", "tr"),
    ("Ольга", "ru"),
    ("Mira", "nordic"),
)
# Credentials, pronouns and emoji people add to their LinkedIn name (only ever after a Latin-script name here).
NAME_SUFFIXES: tuple[str, ...] = (
    *(", PhD", ", MBA", " MBA", ", CFA", ", PMP", ", CPA", " (she/her)", " (he/him)", " (they/them)"),
    *(" 🚀", " 🌍", " ☕", " 🌱", " ✨"),
)
NAME_PREFIXES = ("Dr. ", "Prof. Dr. ")
# Hubs where people from anywhere live.
HUBS = _places(
    "London Area, United Kingdom=Europe/London; San Francisco Bay Area=America/Los_Angeles; "
    "New York City Metropolitan Area=America/New_York; Berlin Metropolitan Area=Europe/Berlin; "
    "Singapore=Asia/Singapore; Dubai, United Arab Emirates=Asia/Dubai; Amsterdam Area=Europe/Amsterdam; "
    "Greater Toronto Area, Canada=America/Toronto; Greater Sydney Area=Australia/Sydney"
)

# -- what they do, write about and talk about --------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    name: str
    topics: tuple[str, ...]
    positions: tuple[str, ...]


FIELDS: tuple[_Field, ...] = (
    _Field(
        "data platforms",
        ("scaling Postgres past 10 TB", "data contracts between teams", "moving off self-hosted Kafka"),
        _words("Data Engineer, Senior Data Engineer, Head of Data, Staff Engineer, Analytics Lead"),
    ),
    _Field(
        "developer experience",
        ("measuring productivity without surveillance", "monorepo build times", "onboarding remote engineers"),
        _words("Developer Advocate, Staff Engineer, Platform Engineer, Senior Software Engineer, DevEx Lead"),
    ),
    _Field(
        "engineering leadership",
        ("mentoring first-time managers", "burnout in on-call rotations", "hiring junior engineers"),
        _words("Engineering Manager, VP of Engineering, CTO, Director of Engineering, Technical Recruiter"),
    ),
    _Field(
        "product management",
        ("product discovery interviews", "pricing experiments that failed", "OKRs gone wrong"),
        _words("Product Manager, Senior Product Manager, Head of Product, Chief of Staff, Co-founder & CEO"),
    ),
    _Field(
        "design",
        ("design systems at scale", "accessibility audits", "dark patterns in onboarding"),
        _words("Product Designer, UX Researcher, Design Lead, Accessibility Specialist, Content Designer"),
    ),
    _Field(
        "machine learning",
        ("retrieval-augmented generation in production", "evaluating LLM features", "small models on the edge"),
        _words("Machine Learning Engineer, Research Scientist, Data Scientist, PhD Candidate, Associate Professor"),
    ),
    _Field(
        "climate tech",
        ("carbon accounting for SaaS", "climate tech funding", "heat pumps and grid demand"),
        _words("Founder, Investor, Policy Advisor, Sustainability Lead, Energy Analyst"),
    ),
    _Field(
        "fintech",
        ("instant payments in Brazil", "open banking APIs", "fraud models that age badly"),
        _words("Risk Analyst, VP Sales, Account Executive, Software Engineer, Head of Compliance"),
    ),
    _Field(
        "open source",
        ("open-source sustainability", "maintainer burnout", "licence changes"),
        _words("Open-source Maintainer, Freelance Developer, Software Engineer, Community Manager"),
    ),
    _Field(
        "people and culture",
        ("four-day work weeks", "trust in remote teams", "returning from a career break"),
        _words("Talent Partner, Technical Recruiter, HR Business Partner, Leadership Coach, Chief People Officer"),
    ),
    _Field(
        "health tech",
        ("clinical trial software", "FHIR interoperability", "nurse scheduling"),
        _words("Clinical Informatics Lead, Product Manager, Software Engineer, Physician & Founder"),
    ),
    _Field(
        "logistics",
        ("cold-chain logistics", "last-mile delivery", "warehouse robotics"),
        _words("Operations Manager, Supply Chain Analyst, Founder, Solutions Architect"),
    ),
)
# Positions held at a university rather than a company.
ACADEMIC = frozenset({"PhD Candidate", "Associate Professor"})
UNIVERSITIES = _words(
    "Northbridge University, Lakeside Institute of Technology, Université de Bellerive, "
    "Technische Hochschule Rheinau, Universidad de Valdemora, University of Eastmoor"
)
MOTTOS = _words(
    "Speaker, Mentor, Open-source maintainer, Building in public, Coffee enthusiast ☕, Opinions my own, "
    "Ex-founder, Angel investor, Hiring!, Writer, Lifelong learner, Runner 🏃, Board member, Advisor"
)
OTHER_POSITIONS = _words(
    "Management Consultant, Independent Consultant, Tech Journalist, Partner, Customer Success Manager, "
    "Marketing Lead, Growth Marketer, Operations Manager"
)
COMPANY_STEMS = _words(
    "Nordwind, Bluefin, Kestrel, Lumen, Aurora, Basalt, Cobalt, Fjord, Halcyon, Juniper, Meridian, Orchard, "
    "Pioneer, Quartz, Riverstone, Saffron, Tidewater, Vantage, Willow, Zephyr, Atlas, Beacon, Cedar, Driftwood, "
    "Ember, Granite, Harbor, Ironwood, Lark, Mosaic, Northstar, Opal, Polaris, Redwood, Tandem, Verdant, Wren"
)
COMPANY_KINDS = _words(
    "Analytics, Robotics, Health, Labs, Logistics, Software, Capital, Energy, Studio, Consulting, Biotech, "
    "Systems, Foods, Mobility, Security, Learning, Media, Networks, AI, Pay"
)
NO_COMPANY = ("", "Self-employed", "Freelance", "Stealth Startup")
EVENTS = _words(
    "DataConf Lisbon, the Berlin Product Meetup, DevDays Kraków, ClimateTech Forum Nairobi, "
    "the Tokyo Frontend Meetup, Women in Data Amsterdam, São Paulo Fintech Week, Nordic Design Week, "
    "RustFest Zürich, the Bangalore ML Summit, Open Source Days Athens, the Seoul AI Forum, "
    "the London Engineering Leaders Meetup"
)
# Fact texts are the part of a sentence the composer builds around them (model/phrases.py): "We share an
# interest in trail running.", "Congratulations on the keynote on data contracts!"
INTERESTS = (
    "trail running",
    "analogue photography",
    "maintaining small open-source libraries",
    "accessible design",
    "learning Japanese",
    "online chess",
    "teaching at a coding school for refugees",
    "jazz piano",
    "moving countries for work",
)
ACHIEVEMENTS = (
    "the promotion to {position}",
    "the paper on {topic}",
    "the team's design award",
    "the seed round",
    "the book on {topic}",
    "the keynote on {topic}",
    "ten years at {company}",
)
OTHER_FACTS = ("Prefers email over LinkedIn messages", "Writes in two languages", "Answers messages on Fridays")
TAGS = _words(
    "former colleague, conference, python, hiring, mentor, investor, alumni, design, data, recruiter, climate, "
    "open-source, meetup, customer, partner, speaker, podcast, newsletter, remote, fintech, AI, community, "
    "東京, Lisboa, potential hire, book club"
)
CONTACT_NOTES = (
    "Met at {event}; ask about {topic}.",
    "Introduced by {mutual}.",
    "Prefers mornings (their time).",
    "Runs a small newsletter on {field}.",
    "Potential collaborator for the spring workshop.",
    "Former colleague; we shipped the billing rewrite together.",
    "Speaks Portuguese and German.",
    "Don't pitch; just learn from them.",
    "Said to get back in touch after their parental leave.",
    "Knows everyone in {field} in their city.",
)
ENGAGEMENT_KINDS = (("like", 50), ("comment", 28), ("share", 8), ("reply", 6), ("endorsement", 5), ("other", 3))
COMMENTS = (
    "Great point about the trade-offs; we saw the same thing.",
    "Would love to hear how you measured that.",
    "This matches our experience at a much smaller scale.",
    "Congratulations on the launch!",
    "Saving this for my team.",
    "The second chart is striking.",
    "Curious whether this held up after a year?",
    "Thank you for writing this down so clearly.",
    "We tried the opposite and regretted it. Well argued.",
)
SKILLS = _words("Python, Product strategy, Data modelling, Public speaking, Mentoring, Kubernetes, User research, SQL")
INTENTS = (
    (Intent.NETWORKING, 30),
    (Intent.COLLABORATION, 15),
    (Intent.LEARNING, 15),
    (Intent.MENTORSHIP, 10),
    (Intent.HIRING, 10),
    (Intent.JOB_SEARCH, 8),
    (Intent.PARTNERSHIP, 8),
    (Intent.OTHER, 4),
)
REQUEST_NOTES: dict[Intent, tuple[str, ...]] = {
    Intent.NETWORKING: (
        "Hi {first}, your post on {topic} was the most useful thing I read this week. Glad to follow your work.",
        "Hi {first}, we were both at {event}; I liked your question in the Q&A. Would be glad to stay in touch.",
    ),
    Intent.COLLABORATION: (
        "Hi {first}, we work on {field} too and your post on {topic} matched our findings. Open to comparing notes?",
    ),
    Intent.MENTORSHIP: (
        "Hi {first}, your posts on {topic} help me a lot as a new manager. Could I ask you a question some time?",
    ),
    Intent.HIRING: (
        "Hi {first}, your work on {topic} stood out. We're hiring for a similar role; happy to share details.",
    ),
    Intent.JOB_SEARCH: ("Hi {first}, I'm exploring roles in {field} and admire what your team is building.",),
    Intent.LEARNING: ("Hi {first}, I'm learning about {field} and your post on {topic} was the clearest I've found.",),
    Intent.PARTNERSHIP: (
        "Hi {first}, our teams solve neighbouring problems in {field}. Would you be open to a conversation?",
    ),
    Intent.OTHER: ("Hi {first}, {mutual} suggested I reach out about {event}. Glad to connect.",),
}
INTENT_NOTES: dict[Intent, tuple[str, ...]] = {
    Intent.MENTORSHIP: ("Advice on moving into engineering management", "Career advice on going independent"),
    Intent.HIRING: ("Staff engineer role, platform team", "Design lead for the mobile app"),
    Intent.JOB_SEARCH: ("Exploring product roles in Lisbon", "Looking for remote data roles"),
    Intent.PARTNERSHIP: ("Possible integration with their scheduling API",),
    Intent.COLLABORATION: ("Co-writing a talk on accessibility audits", "Joint workshop at the spring meetup"),
    Intent.LEARNING: ("Understand carbon accounting before our audit",),
    Intent.OTHER: ("Invite to speak at our meetup",),
}
THANK_YOUS = (
    "Thanks for connecting, {first}! Your post on {topic} stayed with me. Looking forward to the next one.",
    "Thank you for accepting, {first}. If I can ever help with anything in {field}, just ask.",
    "Great to be connected, {first}! I'll be at {event} too; maybe see you there?",
)
OUTGOING = (
    "Hi {first}, how did the work on {topic} turn out in the end?",
    "Hi {first}, I wrote up our lessons on {topic}; I'd value your take if you have five minutes.",
    "Congrats on the news, {first}! Well deserved.",
    "Hi {first}, are you going to {event}? Would be great to meet in person.",
    "Thanks again for the advice on {topic}, {first}. We tried it and it worked.",
)
FOLLOW_UPS = (
    "Hi {first}, just bringing this back up in case it got buried. No pressure at all.",
    "Gentle nudge on my note from last week, {first}. Totally fine if now isn't a good time.",
)
RECONNECTS = (
    "Hi {first}, it's been a while! I've been reading your posts on {topic}. How are things?",
    "Hi {first}, long time no see. Are you still working on {field}? I'd love to hear what you're up to.",
)
# Their answers: to a thank-you, to a message out of the blue, and later on.
THANKS_REPLIES = (
    "Thanks, great to connect!",
    "Likewise! Happy to chat about {topic} some time.",
    "Thank you! Glad the post was useful.",
)
RECONNECT_REPLIES = (
    "Good to hear from you! Still at it, busy as ever.",
    "Hey, long time! All good here. Let's catch up properly soon.",
)
INCOMING = (
    "Sorry for the slow reply, it's been a busy month. It went well in the end, thanks for asking.",
    "Ha, that post got more attention than I expected. Thanks!",
    "Happy to help, send me the details.",
    "Good question. Short answer: we measured it before and after. Happy to share the numbers.",
    "Thanks! Let's find a time next month.",
    "Yes, I'll be there. Coffee?",
)
IMPORTED_INCOMING = (
    "Hi! We're growing the team; would you be open to a quick chat about a role?",
    "Great meeting you at {event}!",
    "Thanks for the intro last week, it led somewhere.",
)
PARK_REASONS: dict[Stage, tuple[str, ...]] = {
    Stage.SPOTTED: ("Not a fit after all", "Left the industry"),
    Stage.ENGAGING: ("Stopped posting; revisit in spring", "Focusing on other accounts this quarter"),
    Stage.REQUESTED: ("No answer after a month; revisit later", "Request ignored; try again after their launch"),
    Stage.CONNECTED: ("Changed jobs; revisit next quarter", "On parental leave until March"),
    Stage.NURTURING: ("Went quiet after two follow-ups", "On sabbatical until the summer"),
}
PARKED_FROM = (
    (Stage.SPOTTED, 10),
    (Stage.ENGAGING, 30),
    (Stage.REQUESTED, 15),
    (Stage.CONNECTED, 25),
    (Stage.NURTURING, 20),
)

# -- how the network is spread over the pipeline ---------------------------------------------------------------

# Most of a real network is already connected (imported from LinkedIn); a patient user works on a few dozen at a time.
STAGE_SHARES = (
    (Stage.CONNECTED, 0.36),
    (Stage.NURTURING, 0.26),
    (Stage.SPOTTED, 0.12),
    (Stage.ENGAGING, 0.12),
    (Stage.REQUESTED, 0.08),
    (Stage.PARKED, 0.06),
)
# Within each stage: (scenario, share, minimum); the first scenario takes what the others leave.
# The named scenarios put a nudge of their kind on the list at `now`.
SCENARIOS: dict[Stage, tuple[tuple[str, float, int], ...]] = {
    Stage.SPOTTED: (("noticed", 1.0, 0),),
    Stage.ENGAGING: (
        ("fresh", 0.66, 0),
        ("ready_to_connect", 0.14, 1),
        ("engagement_stale", 0.12, 1),
        ("waiting_to_reinvite", 0.08, 0),
    ),
    Stage.REQUESTED: (("fresh", 0.6, 0), ("pending_check", 0.22, 1), ("pending_stale", 0.18, 1)),
    Stage.CONNECTED: (
        ("imported", 0.865, 0),
        ("thank_you_due", 0.025, 1),
        ("thank_you_overdue", 0.025, 1),
        ("just_accepted", 0.02, 0),
        ("never_thanked", 0.065, 0),
    ),
    Stage.NURTURING: (
        ("replied", 0.63, 0),
        ("waiting", 0.12, 0),
        ("follow_up_due", 0.06, 1),
        ("too_frequent_window", 0.025, 1),
        ("too_frequent_streak", 0.025, 1),
        ("keep_in_touch", 0.08, 1),
        ("dormant", 0.06, 0),
    ),
    Stage.PARKED: (("parked", 1.0, 0),),
}
# Scenarios whose request may fall within the last week, with their share of the weekly budget and where the
# people beyond it go: together they stay under the budget's warning line (80%), as a careful user's would.
_RECENT_REQUESTS: dict[Stage, tuple[tuple[str, float, str], ...]] = {
    Stage.REQUESTED: (("fresh", 0.3, "pending_stale"),),
    Stage.CONNECTED: (
        ("thank_you_due", 0.1, "imported"),
        ("thank_you_overdue", 0.15, "imported"),
        ("just_accepted", 0.05, "imported"),
    ),
}
TIERS: dict[Stage, tuple[tuple[str, float], ...]] = {
    Stage.NURTURING: (("close", 20), ("regular", 60), ("loose", 20)),
    Stage.CONNECTED: (("close", 3), ("regular", 50), ("loose", 47)),
}
_DEFAULT_TIERS = (("close", 10), ("regular", 75), ("loose", 15))

History = tuple[str | None, str, int, str, int]
MessageRow = tuple[str, str, str, str | None, str, int, int | None, int | None, int]


@dataclass(slots=True)
class _Person:
    """One contact's profile and timeline (instants in microseconds since the epoch) before it becomes rows."""

    order: int
    culture: _Culture
    name: str
    first: str
    slug: str
    area: _Field
    topic: str
    tier: str
    company: str = ""
    position: str = ""
    headline: str = ""
    location: str = ""
    zone: str | None = None
    inferred: int = 0
    email: str = ""
    notes: str = ""
    stage: str = _SPOTTED
    parked_from: str | None = None
    created: int = 0
    connected: int | None = None
    history: list[History] = field(default_factory=list)
    tags: tuple[str, ...] = ()
    facts: list[tuple[str, str, str | None, int]] = field(default_factory=list)
    engagements: list[tuple[str, str, str, int]] = field(default_factory=list)
    messages: list[MessageRow] = field(default_factory=list)
    drafts: list[tuple[str, str, str | None, int]] = field(default_factory=list)


# -- loading -----------------------------------------------------------------------------------------------


def load_sample(sessions: sessionmaker[Session], now: datetime, count: int = 300, seed: int = 7) -> int:
    """Insert `count` invented contacts with their history into an empty database, in one transaction.

    The same seed, `now` and settings give the same network. The timeline is laid out against the database's
    settings, so that at `now` every kind of contact nudge is due for a few people. Returns the number of contacts.
    """
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_SAMPLE:
        raise InvalidInput(f"The sample holds between 1 and {MAX_SAMPLE:,} contacts, not {count!r}.")
    moment = as_utc(now)
    with sessions.begin() as s:
        conn = s.connection()
        existing = conn.exec_driver_sql("SELECT count(*) FROM contacts").scalar_one()
        if existing:
            raise InvalidInput(
                f"Sample contacts are for an empty database; this one already holds {existing:,} "
                f"contact{'s' if existing != 1 else ''}. Start Overture with --data-dir pointing to a new folder "
                "to explore the sample there."
            )
        settings = settings_from_mapping(
            {key: decode(value) for key, value in conn.exec_driver_sql("SELECT key, value FROM settings")}
        )
        # AUTOINCREMENT never hands out a deleted contact's id again (undo relies on it): continue after the last.
        last_id = conn.exec_driver_sql("SELECT max(seq) FROM sqlite_sequence WHERE name = 'contacts'").scalar()
        people = _Network(settings, moment, seed).build(count)
        _insert(conn, people, (last_id or 0) + 1)
    return count


def _insert(conn: Connection, people: Sequence[_Person], first_id: int) -> None:
    stamp = _stamper()
    contacts: list[tuple[object, ...]] = []
    history: list[tuple[object, ...]] = []
    tags: list[tuple[int, str]] = []
    facts: list[tuple[object, ...]] = []
    engagements: list[tuple[object, ...]] = []
    messages: list[tuple[object, ...]] = []
    drafts: list[tuple[object, ...]] = []
    for contact_id, p in enumerate(people, start=first_id):
        _, _, entered, reason, _ = p.history[-1]
        contacts.append(
            (
                contact_id,
                p.name,
                p.headline,
                p.company,
                p.position,
                p.location,
                p.zone,
                p.inferred,
                f"https://www.linkedin.com/in/{p.slug}",
                p.email,
                p.tier,
                p.notes,
                p.stage,
                stamp(entered),
                reason,
                p.parked_from,
                None if p.connected is None else stamp(p.connected),
                stamp(p.created),
                stamp(max(entered, p.created)),
            )
        )
        for origin, target, moved, why, imported in p.history:
            history.append((contact_id, origin, target, stamp(moved), why, imported))
        for tag in p.tags:
            tags.append((contact_id, tag))
        for kind, text, url, noted in p.facts:
            facts.append((contact_id, kind, text, url, stamp(noted)))
        for kind, target, comment, occurred in p.engagements:
            engagements.append((contact_id, kind, target, comment, stamp(occurred)))
        for kind, direction, body, intent, intent_note, sent, accepted, withdrawn, imported in p.messages:
            messages.append(
                (
                    contact_id,
                    kind,
                    direction,
                    body,
                    intent,
                    intent_note,
                    stamp(sent),
                    None if accepted is None else stamp(accepted),
                    None if withdrawn is None else stamp(withdrawn),
                    imported,
                )
            )
        for kind, body, intent, updated in p.drafts:
            drafts.append((contact_id, kind, body, intent, stamp(updated)))

    run = conn.exec_driver_sql
    # The import flag lets each contact start in its planned stage; the insert trigger then writes an entry
    # into the history, which the planned history replaces (as an archive import does).
    run(
        "INSERT INTO contacts (id, name, headline, company, position, location, time_zone, time_zone_inferred, "
        "profile_url, email, tier, notes, stage, stage_entered_at, stage_reason, parked_from, connected_at, "
        "created_at, updated_at, stage_move_imported) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
        contacts,
    )
    run("DELETE FROM stage_history WHERE contact_id >= ?", (first_id,))
    run(
        "INSERT INTO stage_history (contact_id, from_stage, to_stage, moved_at, reason, imported) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        history,
    )
    if tags:
        run("INSERT INTO tags (contact_id, name) VALUES (?, ?)", tags)
    if facts:
        run("INSERT INTO profile_facts (contact_id, kind, text, url, noted_at) VALUES (?, ?, ?, ?, ?)", facts)
    if engagements:
        run(
            "INSERT INTO engagements (contact_id, kind, target, comment, occurred_at) VALUES (?, ?, ?, ?, ?)",
            engagements,
        )
    if messages:
        run(
            "INSERT INTO messages (contact_id, kind, direction, body, intent, intent_note, sent_at, accepted_at, "
            "withdrawn_at, imported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            messages,
        )
    if drafts:
        run("INSERT INTO drafts (contact_id, kind, body, intent, updated_at) VALUES (?, ?, ?, ?, ?)", drafts)


def _stamper() -> Callable[[int], str]:
    """The database's fixed-width UTC text for microseconds since the epoch (hundreds of thousands per load:
    dates and "HH:MM:" prefixes come from tables, so only the seconds are formatted each time)."""
    dates: dict[int, str] = {}
    minutes = [f" {m // 60:02d}:{m % 60:02d}:" for m in range(24 * 60)]

    def stamp(micros: int) -> str:
        day, within = divmod(micros, DAY)
        date = dates.get(day)
        if date is None:
            date = dates[day] = (_EPOCH + timedelta(days=day)).strftime("%Y-%m-%d")
        minute, rest = divmod(within, 60_000_000)
        return f"{date}{minutes[minute]}{rest // 1_000_000:02d}.{rest % 1_000_000:06d}"

    return stamp


def apportion(total: int, shares: Sequence[tuple[T, float, int]]) -> list[tuple[T, int]]:
    """Split `total` by share (largest remainder), then lift each part to its minimum when all minimums fit."""
    weight = sum(share for _, share, _ in shares)
    exact = [total * share / weight for _, share, _ in shares]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(shares)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    if sum(minimum for _, _, minimum in shares) <= total:
        for i, (_, _, minimum) in enumerate(shares):
            while counts[i] < minimum:
                donor = max((j for j in range(len(shares)) if counts[j] > shares[j][2]), key=lambda j: (counts[j], -j))
                counts[donor] -= 1
                counts[i] += 1
    return [(key, n) for (key, _, _), n in zip(shares, counts, strict=True)]


# Latin letters that NFKD does not decompose into an ASCII base letter.
_UNDECOMPOSED = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "ß": "ss", "đ": "d", "Đ": "D", "æ": "ae", "œ": "oe"}
)


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED)).encode("ascii", "ignore").decode()
    return "".join(ch if ch.isalnum() else " " for ch in folded.lower()).split()


def _memo(function: Callable[[str], list[str]]) -> Callable[[str], list[str]]:
    """`function` with its answers kept: the same few hundred names come back thousands of times."""
    known: dict[str, list[str]] = {}

    def memo(text: str) -> list[str]:
        found = known.get(text)
        if found is None:
            found = known[text] = function(text)
        return list(found)

    return memo


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _Network:
    """Plans every person of the sample from the seed alone; `build` returns them in the order they were added."""

    def __init__(self, settings: Settings, now: datetime, seed: int) -> None:
        self.rng = _Random(seed)
        self.s = settings
        self.now = (now - _EPOCH) // timedelta(microseconds=1)
        zone = ZoneInfo(settings.user_time_zone or "UTC")
        offset = now.astimezone(zone).utcoffset()
        self.offset = 0 if offset is None else offset // timedelta(microseconds=1)
        local = now.astimezone(zone)
        month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        self.month_start = (month_start - _EPOCH) // timedelta(microseconds=1)
        # A free account has a few personalised notes a month; the sample spends them as the app advises,
        # keeping two in hand (LinkedIn Help a550555).
        self.notes_left = (
            max(0, settings.monthly_note_allowance - 2) if settings.account_type is AccountType.FREE else None
        )
        self.need = max(2, settings.min_engagements)
        self.need_days = max(2, settings.min_engagement_days)
        self.import_at = self.at(self.now, _IMPORT_AGE)
        self.names: list[str] = []
        self.ascii_words = _memo(_ascii_words)
        self.slugs: set[str] = set()
        self.engagement_kinds = _Weighted(ENGAGEMENT_KINDS)
        self.intents = _Weighted(INTENTS)
        self.cultures = _Weighted([(culture, culture.weight) for culture in CULTURES])
        self.parked_from = _Weighted(PARKED_FROM)
        self.tiers = {stage: _Weighted(TIERS.get(stage, _DEFAULT_TIERS)) for stage in Stage}

    # -- time --------------------------------------------------------------------------------------------

    def at(self, ref: int, age: float) -> int:
        """The instant `age` days before `ref`, moved into the user's waking hours (07:00-23:00 their time).

        The mapping keeps order, so a plan's "before" and "after" survive it.
        """
        local = ref - int(age * DAY) + self.offset
        day, within = divmod(local, DAY)
        return min(day * DAY + _DAY_START + within * 2 // 3 - self.offset, self.now)

    def age(self, ref: int, moment: int) -> float:
        return (ref - moment) / DAY

    # -- the whole network -------------------------------------------------------------------------------

    def build(self, count: int) -> list[_Person]:
        rng = self.rng
        plan: list[tuple[Stage, str]] = []
        for stage, stage_count in apportion(count, [(stage, share, 1) for stage, share in STAGE_SHARES]):
            scenarios = dict(apportion(stage_count, SCENARIOS[stage]))
            self._cap_recent_requests(stage, scenarios)
            for scenario, n in scenarios.items():
                plan.extend([(stage, scenario)] * n)
        rng.shuffle(plan)
        people = [self._person(order, stage, scenario) for order, (stage, scenario) in enumerate(plan)]
        # Row ids follow the order people were added, as in a database that has been used for a while.
        people.sort(key=lambda p: (p.created, p.order))
        return people

    def _cap_recent_requests(self, stage: Stage, scenarios: dict[str, int]) -> None:
        budget = self.s.weekly_request_budget
        for scenario, share, overflow in _RECENT_REQUESTS.get(stage, ()) if budget else ():
            cap = max(1, int(budget * share))
            if scenarios[scenario] > cap:
                scenarios[overflow] += scenarios[scenario] - cap
                scenarios[scenario] = cap

    def _person(self, order: int, stage: Stage, scenario: str) -> _Person:
        rng = self.rng
        p = self._identity(order, stage)
        self._profile(p)
        if stage is Stage.PARKED:
            origin = self.parked_from.draw(rng)
            ref = self.at(self.now, rng.uniform(2.0, 120.0))
            # The path that led to the park; what happened after it no longer matters.
            path = {
                Stage.SPOTTED: "noticed",
                Stage.ENGAGING: rng.choice(("fresh", "engagement_stale")),
                Stage.REQUESTED: "pending_stale",
                Stage.CONNECTED: rng.choice(("imported", "imported", "never_thanked")),
                Stage.NURTURING: rng.choice(("replied", "too_frequent_streak")),
            }[origin]
            self._plan(p, origin, path, ref)
            reasons = PARK_REASONS[origin]
            if origin is Stage.NURTURING:
                reason = reasons[0] if path == "too_frequent_streak" else reasons[1]
            else:
                reason = rng.choice(reasons)
            p.history.append((origin.value, _PARKED, self.at(ref, 0.0), reason, 0))
            p.stage, p.parked_from = _PARKED, origin.value
        else:
            self._plan(p, stage, scenario, self.now)
            p.stage = stage.value
        return p

    def _plan(self, p: _Person, stage: Stage, scenario: str, ref: int) -> None:
        if stage is Stage.SPOTTED:
            self._spotted(p, ref)
        elif stage is Stage.ENGAGING:
            self._engaging(p, ref, scenario)
        elif stage is Stage.REQUESTED:
            self._requested(p, ref, scenario)
        elif stage is Stage.CONNECTED:
            self._connected(p, ref, scenario)
        else:
            self._nurturing(p, ref, scenario)

    # -- who they are --------------------------------------------------------------------------------------

    def _identity(self, order: int, stage: Stage) -> _Person:
        rng = self.rng
        culture = self.cultures.draw(rng)
        slug_words: list[str]
        if order % 75 == 37:
            name, first, key = LONG_NAMES[(order // 75) % len(LONG_NAMES)]
            culture = _CULTURE[key]
            slug_words = _ascii_words(name)[:3]
        elif order % 60 == 23:
            name, key = SINGLE_NAMES[(order // 60) % len(SINGLE_NAMES)]
            culture, first = _CULTURE[key], name
            slug_words = _ascii_words(name) or [name.lower()]
        else:
            given = rng.choice(culture.given)
            family = rng.choice(culture.family)
            female = given.gender == "f"
            native_family = family.female if female else family.male
            latin_family = family.latin_female if female else family.latin_male
            if culture.romanised and rng.random() < culture.romanised:
                name = f"{given.latin} {latin_family}"
            elif culture.family_first:
                name = f"{native_family}{culture.separator}{given.native}"
            else:
                name = f"{given.native} {native_family}"
            first = given.latin
            slug_words = self.ascii_words(f"{given.latin} {latin_family}")
            if not culture.latin and name != f"{given.latin} {latin_family}" and rng.random() < 0.2:
                # LinkedIn keeps a native-script name in the slug; Overture stores it decoded and lower-cased.
                slug_words = name.lower().split()
            roll = rng.random()
            if culture.latin or name == f"{given.latin} {latin_family}":
                if order % 25 == 11 or roll < 0.03:
                    name += NAME_SUFFIXES[(order // 25 + int(roll * 1000)) % len(NAME_SUFFIXES)]
                elif roll < 0.045:
                    name = rng.choice(NAME_PREFIXES) + name
        area = rng.choice(FIELDS)
        p = _Person(
            order=order,
            culture=culture,
            name=name,
            first=first,
            slug=self._slug(slug_words),
            area=area,
            topic=rng.choice(area.topics),
            tier=self.tiers[stage].draw(rng),
        )
        self.names.append(name)
        return p

    def _slug(self, words: list[str]) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.55:
            slug = "-".join([*words, f"{rng.getrandbits(32):08x}"[: rng.choice((6, 7, 8))]])
        elif roll < 0.85:
            slug = "-".join(words)
        else:
            slug = "".join(words) + str(rng.randrange(10, 100))
        while slug in self.slugs:
            slug = f"{slug}-{rng.randrange(100, 1000)}"
        self.slugs.add(slug)
        return slug

    def _profile(self, p: _Person) -> None:
        rng = self.rng
        culture = p.culture
        roll = rng.random()
        if roll < 0.07:
            p.company = rng.choice(NO_COMPANY)
        elif roll < 0.27 and culture.companies:
            p.company = rng.choice(culture.companies)
        else:
            p.company = f"{rng.choice(COMPANY_STEMS)} {rng.choice(COMPANY_KINDS)}"
            if culture.legal_forms and rng.random() < 0.3:
                p.company += rng.choice(culture.legal_forms)
        p.position = rng.choice(p.area.positions) if rng.random() < 0.85 else rng.choice(OTHER_POSITIONS)
        if p.position in ACADEMIC:
            p.company = rng.choice(UNIVERSITIES)
        at_company = f" at {p.company}" if p.company and p.company not in NO_COMPANY[1:] else ""
        field_name = p.area.name
        style = rng.random()
        if style < 0.35:
            p.headline = f"{p.position}{at_company}"
        elif style < 0.55:
            p.headline = f"{p.position}{at_company} | {rng.choice(MOTTOS)}"
        elif style < 0.7:
            p.headline = f"{p.position} · {field_name[0].upper()}{field_name[1:]} · {rng.choice(MOTTOS)}"
        elif style < 0.8:
            p.headline = f"Helping teams with {field_name} | {p.position}"
        elif style < 0.88:
            p.headline = f"{p.position} | ex-{rng.choice(COMPANY_STEMS)} | Writing about {field_name}"
        elif style < 0.93:
            p.headline = f"{p.position} | Open to new opportunities in {field_name}"
        elif style < 0.97:
            p.headline = p.position
        # else: no headline, as LinkedIn shows for some people
        place = rng.random()
        if place < 0.86:
            p.location, p.zone = rng.choice(culture.places)
        elif place < 0.98:
            p.location, p.zone = rng.choice(HUBS)
        else:
            p.location, p.zone = "", None
        p.inferred = int(p.zone is not None and rng.random() < 0.65)
        if rng.random() < 0.3:
            p.tags = _distinct(rng, TAGS, rng.choice((1, 1, 2, 3)))
        if rng.random() < 0.18:
            p.notes = self._text(rng.choice(CONTACT_NOTES), p)
        if rng.random() < 0.06:
            words = _ascii_words(p.name)
            if len(words) >= 2:
                p.email = f"{words[0]}.{words[-1]}@{rng.choice(('example.com', 'example.org', 'example.net'))}"

    def _text(self, template: str, p: _Person) -> str:
        # Only the placeholders a template uses draw from the generator: fewer draws, same text for a seed.
        return template.format(
            first=p.first,
            topic=p.topic,
            field=p.area.name,
            event=self.rng.choice(EVENTS) if "{event}" in template else "",
            mutual=self._mutual() if "{mutual}" in template else "",
            position=p.position or "engineering lead",
            company=p.company or "their company",
        )

    def _mutual(self) -> str:
        # Someone added earlier in the sample (never the person being planned, who is the last name so far).
        return self.names[self.rng.randrange(len(self.names) - 1)] if len(self.names) > 5 else "Sam Carter"

    # -- the pipeline, stage by stage -------------------------------------------------------------------------

    def _spotted(self, p: _Person, ref: int) -> None:
        created_age = min(90.0, _NEWEST + self.rng.expovariate(1 / 14))
        self._added(p, ref, created_age)
        if self.rng.random() < 0.7:
            self._facts(p, ref, created_age, _NEWEST, self.rng.choice((1, 1, 2)))

    def _engaging(self, p: _Person, ref: int, scenario: str) -> None:
        rng, s = self.rng, self.s
        if scenario == "waiting_to_reinvite" or (scenario == "ready_to_connect" and rng.random() < 0.25):
            # A request went unanswered for weeks and was withdrawn; LinkedIn allows a new one only later.
            if scenario == "waiting_to_reinvite":
                withdrawn_age = rng.uniform(1.0, s.reinvite_wait_days - 0.1)
            else:
                withdrawn_age = rng.uniform(s.reinvite_wait_days + _CLEAR, s.reinvite_wait_days + 40.0)
            sent_age = withdrawn_age + rng.uniform(s.pending_stale_days + _CLEAR, s.pending_stale_days + 15.0)
            self._approach(p, ref, sent_age, withdrawn_age=withdrawn_age)
            if rng.random() < 0.5:
                self._engage(p, ref, [rng.uniform(_NEWEST, withdrawn_age) for _ in range(rng.randint(1, 2))])
            return
        if scenario == "ready_to_connect":
            newest = rng.uniform(_NEWEST, 12.0)
            oldest = newest + max(1.5 * (self.need_days - 1) + 0.2, rng.uniform(2.0, 25.0))
            ages = self._engagement_ages(newest, oldest, self.need + rng.choice((0, 0, 1, 2)), self.need_days)
        elif scenario == "engagement_stale":
            ages = [rng.uniform(s.engagement_stale_days + _CLEAR, s.engagement_stale_days + 45.0)]
        else:
            ages = [rng.uniform(_NEWEST, max(_NEWEST, s.engagement_stale_days - 0.1))]
        created_age = ages[0] + rng.uniform(0.05, 6.0)
        self._added(p, ref, created_age)
        if rng.random() < 0.6:
            self._facts(p, ref, created_age, ages[0], rng.choice((1, 1, 2)))
        first = self.at(ref, ages[0])
        p.history.append((_SPOTTED, _ENGAGING, first, "First engagement logged", 0))
        self._engage(p, ref, ages)
        if scenario == "fresh" and rng.random() < 0.3:
            # A like and a comment on the same post, the same day: two engagements, but one day.
            second = first + int(rng.uniform(0.1, 1.0) * HOUR)
            local_first, local_second = first + self.offset, second + self.offset
            same_day = local_second // DAY == local_first // DAY and local_second % DAY < _DAY_START + 16 * HOUR
            if same_day and second <= self.now:
                self._engagement(p, second, "comment")
        if scenario == "ready_to_connect" and rng.random() < 0.2:
            intent = self._intent()
            body = self._note(p, intent)
            p.drafts.append(("connection_request", body, intent.value, self.at(ref, rng.uniform(_NEWEST, 2.0))))

    def _requested(self, p: _Person, ref: int, scenario: str) -> None:
        rng, s = self.rng, self.s
        if scenario == "pending_check":
            sent_age = rng.uniform(
                s.pending_check_days + _CLEAR, max(s.pending_check_days + _CLEAR, s.pending_stale_days - 0.1)
            )
        elif scenario == "pending_stale":
            sent_age = rng.uniform(s.pending_stale_days + _CLEAR, s.pending_stale_days + 45.0)
        else:
            sent_age = rng.uniform(_NEWEST, max(_NEWEST, s.pending_check_days - 0.1))
        self._approach(p, ref, sent_age)
        if rng.random() < 0.3:
            self._engage(p, ref, [rng.uniform(_NEWEST, sent_age)])

    def _connected(self, p: _Person, ref: int, scenario: str) -> None:
        rng, s = self.rng, self.s
        if scenario == "imported":
            self._imported(p, ref)
            return
        if scenario == "thank_you_due":
            # Two days rather than one where the settings allow: "accepted 1 days ago" reads badly.
            low = s.thank_you_due_days + _CLEAR
            low = 2.3 if low < 2.3 < s.thank_you_overdue_days - 0.3 else low
            accepted_age = rng.uniform(low, s.thank_you_overdue_days - 0.1)
        elif scenario == "thank_you_overdue":
            accepted_age = rng.uniform(s.thank_you_overdue_days + _CLEAR, s.thank_you_window_days - 0.1)
        elif scenario == "just_accepted":
            accepted_age = rng.uniform(_NEWEST, max(_NEWEST, s.thank_you_due_days - 0.1))
        else:
            accepted_age = rng.uniform(s.thank_you_window_days + 1.0, 250.0)
        self._accepted(p, ref, accepted_age)
        if scenario in ("thank_you_due", "thank_you_overdue") and rng.random() < 0.25:
            body = self._text(rng.choice(THANK_YOUS), p)
            p.drafts.append(("thank_you", body, None, self.at(ref, rng.uniform(_NEWEST, accepted_age))))
        if rng.random() < 0.3:
            self._engage(p, ref, [rng.uniform(_NEWEST, accepted_age)])

    def _nurturing(self, p: _Person, ref: int, scenario: str) -> None:
        rng, s = self.rng, self.s
        horizon = max(FOLLOW_UP_HORIZON_DAYS, s.follow_up_spacing_days)
        window, spacing = s.too_frequent_window_days, s.follow_up_spacing_days
        if scenario == "keep_in_touch":
            feasible = [t for t in ("close", "regular", "loose") if s.keep_in_touch_days(t) + 50 < _OLDEST_PIPELINE]
            if not feasible:
                scenario = "replied"
            elif p.tier not in feasible:
                p.tier = feasible[0]
        cadence = s.keep_in_touch_days(p.tier)
        if scenario == "dormant" and cadence - 2.0 <= horizon + 1.0:
            scenario = "replied"
        # How the conversation ends, oldest message first: (age in days, direction, kind).
        tail: list[tuple[float, str, str]] = []
        # Nurturing started with a thank-you that is still unanswered: its age, and nothing after it.
        lone_thanks: float | None = None
        if scenario == "waiting":
            tail = [(rng.uniform(_NEWEST, max(_NEWEST, spacing - 0.1)), "outgoing", "other")]
        elif scenario == "follow_up_due":
            # The thank-you after a recent acceptance went unanswered. (An unanswered question would count as
            # a follow-up already, and the nudge would read "(2 of 2)" before any follow-up was sent.)
            lone_thanks = rng.uniform(spacing + _CLEAR, max(spacing + _CLEAR, horizon - 0.1))
        elif scenario == "too_frequent_window":
            newest = rng.uniform(_NEWEST, max(_NEWEST, window - 1.0))
            earlier = sorted(rng.uniform(newest, window - 0.1) for _ in range(s.too_frequent_max_in_window))
            tail = [(age, "outgoing", "other") for age in reversed(earlier)] + [(newest, "outgoing", "follow_up")]
        elif scenario == "too_frequent_streak":
            ages = [rng.uniform(window + _CLEAR, max(window + _CLEAR, horizon - 0.1))]
            for _ in range(s.too_frequent_max_streak - 1):
                ages.append(ages[-1] + spacing + rng.uniform(0.5, 3.0))
            # A question, then follow-ups to it, none answered.
            tail = [(age, "outgoing", "follow_up") for age in reversed(ages)]
            tail[0] = (tail[0][0], "outgoing", "other")
        elif scenario == "keep_in_touch":
            last = cadence + rng.uniform(_CLEAR, 45.0)
            if last > horizon + _CLEAR and rng.random() < 0.3:
                tail = [(last, "outgoing", "other")]
            else:
                tail = [(last + rng.uniform(0.1, 4.0), "outgoing", "other"), (last, "incoming", "other")]
        elif scenario == "dormant":
            # Their reply never came, long enough ago that chasing is over and too recently to catch up.
            tail = [(rng.uniform(horizon + 1.0, cadence - 2.0), "outgoing", "other")]
        else:
            last = rng.uniform(_NEWEST, max(_NEWEST, min(cadence, 75) - 1.0))
            tail = [(last + rng.uniform(0.1, 4.0), "outgoing", "other"), (last, "incoming", "other")]
        oldest = tail[0][0] if lone_thanks is None else lone_thanks
        import_age = self.age(ref, self.import_at)
        # Likes on their posts since connecting; none after the last contact for someone due a catch-up.
        newest_allowed = tail[-1][0] if scenario == "keep_in_touch" else _NEWEST
        if lone_thanks is None and oldest + 2.0 < import_age and rng.random() < 0.35:
            self._imported(p, ref, newest_allowed)
            entry_age = rng.uniform(oldest + 1.0, import_age - 0.5)
            first_kind, first_body = "follow_up", self._text(rng.choice(RECONNECTS), p)
        elif lone_thanks is not None:
            entry_age = lone_thanks
            self._accepted(p, ref, entry_age + rng.uniform(0.02, 1.5))
            first_kind, first_body = "thank_you", self._text(rng.choice(THANK_YOUS), p)
        else:
            # Connected over a week ago: this week's requests belong to the scenarios kept under the budget.
            entry_age = max(oldest, 7.0) + rng.uniform(1.0, max(1.0, min(90.0, 300 - oldest)))
            self._accepted(p, ref, entry_age + rng.uniform(0.02, 1.5))
            first_kind, first_body = "thank_you", self._text(rng.choice(THANK_YOUS), p)
        entry = self.at(ref, entry_age)
        p.messages.append((first_kind, "outgoing", first_body, None, "", entry, None, None, 0))
        reason = f"{first_kind.replace('_', '-').capitalize()} sent"
        p.history.append((_CONNECTED, _NURTURING, entry, reason, 0))
        if lone_thanks is None:
            replies = THANKS_REPLIES if first_kind == "thank_you" else RECONNECT_REPLIES
            self._conversation(p, ref, entry_age, oldest, replies)
        for age, direction, kind in tail:
            self._message(p, ref, age, direction, kind)
        if rng.random() < 0.5 and entry_age > newest_allowed:
            self._engage(p, ref, [rng.uniform(newest_allowed, entry_age) for _ in range(rng.randint(1, 3))])

    def _conversation(self, p: _Person, ref: int, entry_age: float, before_age: float, replies: Sequence[str]) -> None:
        """Their reply to the first message, then a few exchanges, all between `entry_age` and `before_age`."""
        rng = self.rng
        gap = entry_age - before_age
        reply_age = entry_age - gap * rng.uniform(0.02, 0.2)
        self._message(p, ref, reply_age, "incoming", "other", rng.choice(replies))
        exchanges = rng.choice((0, 0, 1, 1, 2, 3)) if gap > 4 else 0
        outs = sorted((rng.uniform(before_age + 0.3, reply_age - 0.2) for _ in range(exchanges)), reverse=True)
        for i, out_age in enumerate(outs):
            floor = outs[i + 1] if i + 1 < len(outs) else before_age + 0.1
            self._message(p, ref, out_age, "outgoing", "other")
            self._message(p, ref, out_age - (out_age - floor) * rng.uniform(0.05, 0.6), "incoming", "other")

    # -- the steps every path shares ------------------------------------------------------------------------

    def _added(self, p: _Person, ref: int, age: float) -> None:
        p.created = self.at(ref, age)
        p.history.append((None, _SPOTTED, p.created, "Added", 0))

    def _imported(self, p: _Person, ref: int, quiet_since: float = _NEWEST) -> None:
        """A connection made on LinkedIn years ago and imported with the others: a fact, not a pipeline walk.

        No engagement is newer than `quiet_since` (days before `ref`): someone due a catch-up has had none.
        """
        rng = self.rng
        p.created = self.import_at + p.order * 3_000  # one import writes its rows within a second or two
        connected_age = min(4000.0, 20.0 + rng.expovariate(1 / 900))
        p.connected = self.at(self.import_at, connected_age)
        p.history.append((None, _CONNECTED, p.created, "Imported from LinkedIn", 1))
        if rng.random() < 0.2:
            sent = self.at(self.import_at, rng.uniform(1.0, connected_age))
            body = self._text(rng.choice(IMPORTED_INCOMING), p)
            p.messages.append(("other", "incoming", body, None, "", sent, None, None, 1))
        if rng.random() < 0.15:
            self._facts(p, ref, self.age(ref, p.created), _NEWEST, 1)
        if rng.random() < 0.25 and self.age(ref, p.created) - 0.1 > quiet_since:
            self._engage(p, ref, [rng.uniform(quiet_since, self.age(ref, p.created) - 0.1)])

    def _approach(
        self,
        p: _Person,
        ref: int,
        sent_age: float,
        *,
        accepted_age: float | None = None,
        withdrawn_age: float | None = None,
    ) -> None:
        """Spotted, engaged with on enough days, then asked to connect: the path the app enforces."""
        rng = self.rng
        newest = sent_age + rng.uniform(0.1, 3.0)
        oldest = newest + max(1.5 * (self.need_days - 1) + 0.2, rng.uniform(2.0, 30.0))
        ages = self._engagement_ages(newest, oldest, self.need + rng.choice((0, 0, 1, 1, 2, 3)), self.need_days)
        created_age = oldest + rng.uniform(0.05, 7.0)
        self._added(p, ref, created_age)
        if rng.random() < 0.8:
            self._facts(p, ref, created_age, sent_age, rng.choice((1, 1, 2, 3)))
        p.history.append((_SPOTTED, _ENGAGING, self.at(ref, ages[0]), "First engagement logged", 0))
        self._engage(p, ref, ages)
        intent = self._intent()
        sent = self.at(ref, sent_age)
        body = self._note(p, intent) if rng.random() < 0.65 else ""
        if body and self.notes_left is not None and sent >= self.month_start:
            if self.notes_left:
                self.notes_left -= 1
            else:
                body = ""
        intent_note = rng.choice(INTENT_NOTES[intent]) if intent in INTENT_NOTES and rng.random() < 0.4 else ""
        accepted = None if accepted_age is None else self.at(ref, accepted_age)
        withdrawn = None if withdrawn_age is None else self.at(ref, withdrawn_age)
        p.messages.append(
            ("connection_request", "outgoing", body, intent.value, intent_note, sent, accepted, withdrawn, 0)
        )
        p.history.append((_ENGAGING, _REQUESTED, sent, f"Request sent ({intent.value.replace('_', ' ')})", 0))
        if accepted is not None:
            p.connected = accepted
            p.history.append((_REQUESTED, _CONNECTED, accepted, "Request accepted", 0))
        if withdrawn is not None:
            p.history.append((_REQUESTED, _ENGAGING, withdrawn, "Request withdrawn", 0))

    def _accepted(self, p: _Person, ref: int, accepted_age: float) -> None:
        # Botdog (16,492 invitations): 63% of acceptances come within a day, 88% within a week.
        roll = self.rng.random()
        wait = self.rng.uniform(0.02, 1.0) if roll < 0.63 else self.rng.uniform(1.0, 7.0 if roll < 0.88 else 25.0)
        self._approach(p, ref, accepted_age + wait, accepted_age=accepted_age)

    def _engagement_ages(self, newest: float, oldest: float, count: int, days: int) -> list[float]:
        """`count` ages in [newest, oldest], oldest first; `days` of them 1.5 days apart, so on different dates
        even after the move into waking hours."""
        rng = self.rng
        if days <= 1:
            anchors = [newest]
        else:
            step = (oldest - newest) / (days - 1)
            wiggle = max(0.0, min(0.3, (step - 1.5) / 2))
            anchors = [
                newest + step * i + (rng.uniform(-wiggle, wiggle) if 0 < i < days - 1 else 0.0) for i in range(days)
            ]
        extra = [rng.uniform(newest, oldest) for _ in range(count - len(anchors))]
        return sorted(anchors + extra, reverse=True)

    def _engage(self, p: _Person, ref: int, ages: Sequence[float]) -> None:
        for age in sorted(ages, reverse=True):
            kind = self.engagement_kinds.draw(self.rng)
            self._engagement(p, self.at(ref, age), kind)

    def _engagement(self, p: _Person, moment: int, kind: str) -> None:
        rng = self.rng
        comment = ""
        if kind == "endorsement":
            target = rng.choice(SKILLS)
        elif kind == "reply":
            target, comment = f"Their comment on {p.topic}", rng.choice(COMMENTS)
        elif kind == "other":
            target = f"Poll on {p.topic}"
        else:
            target = f"Post on {p.topic}" if rng.random() < 0.7 else f"Post on {rng.choice(p.area.topics)}"
            if kind == "comment":
                comment = rng.choice(COMMENTS)
        p.engagements.append((kind, target, comment, moment))

    def _facts(self, p: _Person, ref: int, oldest_age: float, newest_age: float, count: int) -> None:
        rng = self.rng
        kinds = ("other",) if count == 1 and rng.random() < 0.05 else _distinct(rng, _FACT_KINDS, count)
        for kind in kinds:
            url = None
            if kind == "recent_post":
                text = p.topic
                topic_slug = "-".join(self.ascii_words(p.topic))
                url = (
                    f"https://www.linkedin.com/posts/{p.slug}_{topic_slug}-activity-"
                    f"{7 * 10**18 + int(rng.random() * 10**18)}-{rng.choice(('AbCd', 'x9Qz', 'Lm3P', 'tR7w'))}"
                )
            elif kind == "shared_interest":
                text = rng.choice(INTERESTS)
            elif kind == "mutual_connection":
                text = self._mutual()
            elif kind == "event":
                text = rng.choice(EVENTS)
            elif kind == "achievement":
                text = self._text(rng.choice(ACHIEVEMENTS), p)
            else:
                text = rng.choice(OTHER_FACTS)
            noted = self.at(ref, rng.uniform(newest_age, oldest_age))
            p.facts.append((kind, text, url, noted))

    def _message(
        self, p: _Person, ref: int, age: float, direction: str, kind: str, template: str | None = None
    ) -> None:
        if template is None:
            # Each person's messages go round the list from their own starting point: no one repeats themselves.
            turn = p.order + sum(1 for message in p.messages if message[1] == direction)
            local = p.culture.replies
            if direction == "incoming" and local and self.rng.random() < 0.3:
                template = local[turn % len(local)]
            elif direction == "incoming":
                template = INCOMING[turn % len(INCOMING)]
            elif kind == "follow_up":
                template = FOLLOW_UPS[turn % len(FOLLOW_UPS)]
            else:
                template = OUTGOING[turn % len(OUTGOING)]
        p.messages.append((kind, direction, self._text(template, p), None, "", self.at(ref, age), None, None, 0))

    def _intent(self) -> Intent:
        return self.intents.draw(self.rng)

    def _note(self, p: _Person, intent: Intent) -> str:
        note = self._text(self.rng.choice(REQUEST_NOTES[intent]), p)
        # A note that would not fit LinkedIn's box is one the user would have shortened.
        if _utf16_length(note) > self.s.note_limit - 10:
            note = f"Hi {p.first}, I enjoyed your post on {p.topic}. Glad to connect."
        return note


def _distinct(rng: random.Random, items: Sequence[T], count: int) -> tuple[T, ...]:
    """`count` different items, cheaply: a run of neighbours from a random start (the lists are unordered)."""
    start = int(rng.random() * len(items))
    return tuple(items[(start + i) % len(items)] for i in range(min(count, len(items))))


class _Random(random.Random):
    """The standard generator with a cheaper `choice` (one float draw instead of a bit-rejection loop):
    a sample of 100,000 people makes millions of choices."""

    def choice(self, seq: Sequence[T]) -> T:  # type: ignore[override]
        return seq[int(self.random() * len(seq))]


class _Weighted(Generic[T]):
    """A weighted choice with its cumulative table built once."""

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.keys = [key for key, _ in pairs]
        self.cumulative = list(itertools.accumulate(weight for _, weight in pairs))

    def draw(self, rng: random.Random) -> T:
        return self.keys[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]
