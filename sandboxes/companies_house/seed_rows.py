"""The register the sandbox starts with: a few dozen fictional companies covering every shape a
client meets (England/Wales, Scottish SC/SO/SL, Northern Ireland NI/NC, LLP OC, overseas FC,
limited partnership LP; active, dissolved, liquidation, administration, strike-off proposed).

Types, statuses, officer roles, SIC codes and natures of control are values from
companieshouse/api-enumerations (constants.yml, psc_descriptions.yml); a test checks them.
"""

from __future__ import annotations

from dataclasses import dataclass

SHARES_75 = ("ownership-of-shares-75-to-100-percent", "voting-rights-75-to-100-percent")
SHARES_50 = ("ownership-of-shares-50-to-75-percent", "voting-rights-50-to-75-percent")
SHARES_25 = ("ownership-of-shares-25-to-50-percent", "voting-rights-25-to-50-percent")
LLP_75 = (
    "right-to-share-surplus-assets-75-to-100-percent-limited-liability-partnership",
    "voting-rights-75-to-100-percent-limited-liability-partnership",
)
LLP_25 = (
    "right-to-share-surplus-assets-25-to-50-percent-limited-liability-partnership",
    "voting-rights-25-to-50-percent-limited-liability-partnership",
)
APPOINTS_BOARD = ("right-to-appoint-and-remove-directors",)


@dataclass(frozen=True)
class Address:
    premises: str
    address_line_1: str
    locality: str
    postal_code: str
    country: str = "England"


@dataclass(frozen=True)
class Person:
    """An officer; with `control`, also a person with significant control."""

    title: str
    forename: str
    surname: str
    born: tuple[int, int]  # (year, month): the API publishes no day
    role: str = "director"
    appointed: str | None = None  # None: on incorporation
    resigned: str | None = None
    occupation: str = "Director"
    nationality: str = "British"
    control: tuple[str, ...] = ()


@dataclass(frozen=True)
class CorporateOwner:
    """A relevant legal entity holding significant control."""

    name: str
    registration_number: str
    legal_form: str
    control: tuple[str, ...]


@dataclass(frozen=True)
class ForeignDetails:
    country: str
    registry: str
    registration_number: str
    legal_form: str
    governed_by: str


@dataclass(frozen=True)
class CompanyRow:
    number: str
    name: str
    type: str
    status: str
    created: str
    jurisdiction: str
    address: Address
    sic: tuple[str, ...] = ()
    people: tuple[Person, ...] = ()
    owners: tuple[CorporateOwner, ...] = ()
    ceased: str | None = None
    status_detail: str | None = None
    subtype: str | None = None
    previous_name: tuple[str, str] | None = None  # (name, ceased_on)
    foreign: ForeignDetails | None = None
    insolvent_on: str | None = None  # liquidation or administration began
    accounts_type: str = "total-exemption-full"
    extra_officers: int = 0  # generated resigned directors, for long paged lists


LONDON = Address("27", "Old Gloucester Street", "London", "WC1N 3AX")

COMPANIES: tuple[CompanyRow, ...] = (
    CompanyRow(
        "09876543",
        "BRIGHTWATER SOFTWARE LTD",
        "ltd",
        "active",
        "2015-11-03",
        "england-wales",
        Address("Unit 4", "Canal Wharf", "Leeds", "LS11 5PS"),
        ("62012",),
        (
            Person(
                "Ms", "Priya", "Raman", (1984, 6), occupation="Software Engineer", control=SHARES_50
            ),
            Person(
                "Mr",
                "Daniel",
                "Okafor",
                (1982, 2),
                occupation="Software Engineer",
                control=SHARES_25,
            ),
            Person("Mr", "Tom", "Ellis", (1979, 9), resigned="2019-04-30"),
        ),
    ),
    CompanyRow(
        "11223344",
        "HARTLEY & SONS BAKERY LIMITED",
        "ltd",
        "active",
        "2018-03-14",
        "england-wales",
        Address("14", "Market Street", "Huddersfield", "HD1 2EN"),
        ("10710",),
        (
            Person("Mr", "James", "Hartley", (1961, 4), occupation="Baker", control=SHARES_75),
            Person(
                "Mr", "Oliver", "Hartley", (1990, 11), occupation="Baker", appointed="2020-01-06"
            ),
        ),
        accounts_type="micro-entity",
    ),
    CompanyRow(
        "07654321",
        "NORTHGATE LOGISTICS LIMITED",
        "ltd",
        "active",
        "2011-06-01",
        "england-wales",
        Address("Northgate House", "Calder Road", "Wakefield", "WF1 5PF"),
        ("49410",),
        (
            Person(
                "Mrs",
                "Susan",
                "Whitfield",
                (1970, 1),
                occupation="Managing Director",
                control=SHARES_75,
            ),
            Person("Mr", "Gary", "Whitfield", (1968, 8), role="secretary", occupation=""),
        ),
        accounts_type="small",
    ),
    CompanyRow(
        "12345678",
        "OAKFIELD PROPERTY HOLDINGS LTD",
        "ltd",
        "active",
        "2019-09-20",
        "england-wales",
        LONDON,
        ("68209", "64209"),
        (Person("Mr", "Arjun", "Mehta", (1975, 3), occupation="Property Investor"),),
        (
            CorporateOwner(
                "OAKFIELD GROUP LIMITED", "10987654", "Private Limited Company", SHARES_75
            ),
        ),
    ),
    CompanyRow(
        "13579246",
        "PIXELFORGE GAMES LTD",
        "ltd",
        "active",
        "2021-07-08",
        "england-wales",
        Address("3rd Floor", "1 Brindleyplace", "Birmingham", "B1 2JB"),
        ("62011",),
        (
            Person(
                "Miss",
                "Chloe",
                "Turner",
                (1995, 12),
                occupation="Games Designer",
                control=SHARES_50,
            ),
            Person("Mr", "Sam", "Nwosu", (1994, 5), occupation="Developer", control=SHARES_25),
        ),
        accounts_type="micro-entity",
    ),
    CompanyRow(
        "10293847",
        "GREENLEAF DENTAL CARE LIMITED",
        "ltd",
        "active",
        "2016-02-29",
        "england-wales",
        Address("8", "High Street", "Bath", "BA1 5AQ"),
        ("86230",),
        (Person("Dr", "Helen", "Greenleaf", (1972, 7), occupation="Dentist", control=SHARES_75),),
    ),
    CompanyRow(
        "14725836",
        "RIVERSIDE FITNESS STUDIO LTD",
        "ltd",
        "active",
        "2022-01-17",
        "england-wales",
        Address("Riverside Mill", "Mill Lane", "Nottingham", "NG2 3DZ"),
        ("93130",),
        (
            Person(
                "Mr", "Marcus", "Bell", (1988, 10), occupation="Personal Trainer", control=SHARES_75
            ),
            # Also OAKFIELD PROPERTY HOLDINGS' director: one officer, two appointments.
            Person(
                "Mr",
                "Arjun",
                "Mehta",
                (1975, 3),
                occupation="Property Investor",
                appointed="2023-05-01",
            ),
        ),
        accounts_type="micro-entity",
    ),
    CompanyRow(
        "08123456",
        "CARTWRIGHT ACCOUNTANCY SERVICES LIMITED",
        "ltd",
        "active",
        "2012-05-22",
        "england-wales",
        Address("2", "Church Walk", "Chester", "CH1 2HH"),
        ("69201",),
        (
            Person(
                "Mrs",
                "Angela",
                "Cartwright",
                (1966, 3),
                occupation="Chartered Accountant",
                control=SHARES_75,
            ),
            Person("Mr", "Peter", "Cartwright", (1964, 12), role="secretary", occupation=""),
        ),
    ),
    CompanyRow(
        "15000001",
        "QUIETLY DORMANT LIMITED",
        "ltd",
        "active",
        "2023-08-01",
        "england-wales",
        LONDON,
        ("99999",),
        (
            Person(
                "Mr", "Ian", "Small", (1959, 2), occupation="Company Director", control=SHARES_75
            ),
        ),
        accounts_type="dormant",
    ),
    CompanyRow(
        "06543210",
        "MERIDIAN CONSULTING GROUP PLC",
        "plc",
        "active",
        "2008-04-10",
        "england-wales",
        Address("1", "Cornhill", "London", "EC3V 3ND"),
        ("70229",),
        (
            Person("Sir", "Richard", "Ashworth", (1955, 5), occupation="Chairman"),
            Person("Ms", "Fiona", "Lang", (1971, 9), occupation="Chief Executive"),
            Person(
                "Mr",
                "Kwame",
                "Mensah",
                (1977, 1),
                occupation="Finance Director",
                appointed="2016-03-01",
            ),
            Person("Mrs", "Rachel", "Stone", (1969, 4), role="secretary", occupation=""),
        ),
        accounts_type="group",
        extra_officers=36,
    ),
    CompanyRow(
        "04000123",
        "ALBION BREWING COMPANY LIMITED",
        "ltd",
        "active",
        "2000-09-12",
        "england-wales",
        Address("The Brewery", "Station Road", "Burton upon Trent", "DE14 1BG"),
        ("11050",),
        (
            Person("Mr", "Edward", "Albion", (1958, 6), occupation="Brewer", control=SHARES_50),
            Person("Mrs", "Jane", "Albion", (1960, 8), occupation="Director", control=SHARES_25),
        ),
        previous_name=("ALBION ALES LIMITED", "2006-01-31"),
        accounts_type="small",
    ),
    CompanyRow(
        "11987654",
        "WILLOWBROOK COMMUNITY LEARNING CIC",
        "private-limited-guarant-nsc",
        "active",
        "2019-04-23",
        "england-wales",
        Address("Willowbrook Centre", "Park Road", "Norwich", "NR2 3JS"),
        ("85590",),
        (
            Person(
                "Ms", "Grace", "Adeyemi", (1980, 2), occupation="Teacher", control=APPOINTS_BOARD
            ),
            Person("Mr", "Luke", "Harrison", (1985, 7), occupation="Charity Manager"),
        ),
        subtype="community-interest-company",
    ),
    CompanyRow(
        "05678901",
        "HOLLINGWORTH ARCHITECTS LIMITED",
        "ltd",
        "active",
        "2005-12-01",
        "england-wales",
        Address("5", "Queen Square", "Bristol", "BS1 4JQ"),
        ("71111",),
        (
            Person(
                "Mr", "Adam", "Hollingworth", (1963, 11), occupation="Architect", control=SHARES_75
            ),
        ),
        status_detail="active-proposal-to-strike-off",
    ),
    CompanyRow(
        "03456789",
        "KINGSWAY HOTELS LIMITED",
        "ltd",
        "administration",
        "1997-10-15",
        "england-wales",
        Address("Kingsway Hotel", "Kingsway", "Manchester", "M19 2LL"),
        ("55100",),
        (
            Person("Mr", "Stephen", "Royce", (1962, 1), occupation="Hotelier", control=SHARES_75),
            Person("Mrs", "Carol", "Royce", (1965, 3), occupation="Hotelier"),
        ),
        accounts_type="full",
        insolvent_on="2023-02-20",
    ),
    CompanyRow(
        "09988776",
        "ST. ALBANS ROBOTICS TRUST",
        "private-limited-guarant-nsc",
        "active",
        "2016-01-11",
        "england-wales",
        Address("12", "Holywell Hill", "St. Albans", "AL1 1BT"),
        ("82990",),
        (
            Person("Prof", "Miriam", "Katz", (1967, 10), occupation="Engineer"),
            Person("Mr", "Harry", "Doyle", (1990, 6), occupation="Engineer"),
        ),
    ),
    CompanyRow(
        "10111213",
        "LAST ORDERS RESTAURANT LTD",
        "ltd",
        "dissolved",
        "2017-05-02",
        "england-wales",
        Address("40", "Fore Street", "Exeter", "EX4 3AN"),
        ("56101",),
        (
            Person(
                "Mr",
                "Paolo",
                "Ricci",
                (1976, 9),
                occupation="Chef",
                nationality="Italian",
                control=SHARES_75,
            ),
        ),
        ceased="2021-10-12",
        accounts_type="micro-entity",
    ),
    CompanyRow(
        "08999888",
        "BLUE HORIZON TRADING LIMITED",
        "ltd",
        "dissolved",
        "2014-01-20",
        "england-wales",
        Address("Suite 9", "Marine Parade", "Brighton", "BN2 1TL"),
        ("46900",),
        (Person("Mr", "Lee", "Chan", (1981, 3), occupation="Trader", control=SHARES_75),),
        ceased="2019-03-05",
    ),
    CompanyRow(
        "07777123",
        "FENWICK ENGINEERING LIMITED",
        "ltd",
        "dissolved",
        "2010-02-08",
        "england-wales",
        Address("Unit 7", "Tyne Works", "Gateshead", "NE8 3DF"),
        ("25620",),
        (Person("Mr", "Neil", "Fenwick", (1957, 12), occupation="Engineer", control=SHARES_75),),
        ceased="2020-06-30",
        insolvent_on="2019-01-14",
    ),
    CompanyRow(
        "09345678",
        "STRATFORD MACHINING LIMITED",
        "ltd",
        "liquidation",
        "2014-10-10",
        "england-wales",
        Address("Avon Industrial Estate", "Birmingham Road", "Stratford-upon-Avon", "CV37 0AA"),
        ("25620",),
        (
            Person("Mr", "Colin", "Avery", (1960, 5), occupation="Engineer", control=SHARES_50),
            Person("Mr", "Mark", "Avery", (1986, 2), occupation="Engineer", control=SHARES_25),
        ),
        insolvent_on="2024-05-09",
    ),
    CompanyRow(
        "11555666",
        "PARCELPOINT ONLINE LTD",
        "ltd",
        "liquidation",
        "2018-08-08",
        "england-wales",
        Address("Floor 2", "Albert Dock", "Liverpool", "L3 4AF"),
        ("47910",),
        (Person("Ms", "Nadia", "Hussain", (1989, 1), occupation="Retailer", control=SHARES_75),),
        accounts_type="micro-entity",
        insolvent_on="2025-01-22",
    ),
    CompanyRow(
        "SC123456",
        "GLENMORE DISTILLERS LIMITED",
        "ltd",
        "active",
        "2009-03-17",
        "scotland",
        Address("Glenmore Distillery", "Spey Road", "Aberlour", "AB38 9PB", "Scotland"),
        ("11010",),
        (
            Person("Mr", "Alasdair", "Grant", (1966, 8), occupation="Distiller", control=SHARES_75),
            Person("Mrs", "Morag", "Grant", (1968, 2), occupation="Director"),
        ),
        accounts_type="small",
    ),
    CompanyRow(
        "SC654321",
        "CLYDESIDE DIGITAL LTD",
        "ltd",
        "active",
        "2017-09-04",
        "scotland",
        Address("Floor 5", "101 St Vincent Street", "Glasgow", "G2 5EX", "Scotland"),
        ("62020",),
        (
            Person(
                "Ms", "Eilidh", "Campbell", (1987, 4), occupation="IT Consultant", control=SHARES_75
            ),
        ),
    ),
    CompanyRow(
        "SC400500",
        "HIGHLAND ESTATES MANAGEMENT LIMITED",
        "ltd",
        "dissolved",
        "2011-06-21",
        "scotland",
        Address("Estate Office", "Castle Road", "Inverness", "IV2 3EG", "Scotland"),
        ("68209", "01500"),
        (Person("Mr", "Hamish", "Ross", (1950, 9), occupation="Landowner", control=SHARES_75),),
        ceased="2018-02-13",
    ),
    CompanyRow(
        "SO301234",
        "MACLEOD & FRASER LLP",
        "llp",
        "active",
        "2008-11-05",
        "scotland",
        Address("22", "Charlotte Square", "Edinburgh", "EH2 4DF", "Scotland"),
        people=(
            Person(
                "Mr",
                "Iain",
                "MacLeod",
                (1965, 1),
                role="llp-designated-member",
                occupation="",
                control=LLP_25,
            ),
            Person(
                "Ms",
                "Catriona",
                "Fraser",
                (1970, 12),
                role="llp-designated-member",
                occupation="",
                control=LLP_25,
            ),
            Person(
                "Mr",
                "Rory",
                "Sinclair",
                (1983, 6),
                role="llp-member",
                occupation="",
                appointed="2015-05-01",
            ),
        ),
        accounts_type="full",
    ),
    CompanyRow(
        "SL012345",
        "TAYSIDE PROPERTY PARTNERS LP",
        "limited-partnership",
        "active",
        "2013-07-19",
        "scotland",
        Address("7", "Reform Street", "Dundee", "DD1 1RG", "Scotland"),
        people=(
            Person(
                "Mr",
                "Graham",
                "Duncan",
                (1961, 3),
                role="general-partner-in-a-limited-partnership",
                occupation="",
            ),
            Person(
                "Mrs",
                "Isla",
                "Duncan",
                (1963, 5),
                role="limited-partner-in-a-limited-partnership",
                occupation="",
            ),
        ),
    ),
    CompanyRow(
        "NI612345",
        "LAGAN VALLEY FOODS LIMITED",
        "ltd",
        "active",
        "2012-02-02",
        "northern-ireland",
        Address("Lagan House", "Lisburn Road", "Belfast", "BT9 7GT", "Northern Ireland"),
        ("10710", "46390"),
        (
            Person(
                "Mr",
                "Declan",
                "O'Neill",
                (1974, 10),
                occupation="Food Producer",
                nationality="Irish",
                control=SHARES_50,
            ),
            Person(
                "Mrs",
                "Siobhan",
                "O'Neill",
                (1976, 3),
                occupation="Director",
                nationality="Irish",
                control=SHARES_25,
            ),
        ),
        accounts_type="small",
    ),
    CompanyRow(
        "NI034567",
        "MOURNE ENGINEERING LIMITED",
        "northern-ireland",
        "active",
        "1998-05-12",
        "northern-ireland",
        Address("Harbour Road", "Kilkeel", "Newry", "BT34 4AX", "Northern Ireland"),
        ("25620",),
        (Person("Mr", "Brian", "McKee", (1955, 7), occupation="Engineer", control=SHARES_75),),
    ),
    CompanyRow(
        "NC001234",
        "BELFAST HARBOUR ADVISORY LLP",
        "llp",
        "active",
        "2016-10-03",
        "northern-ireland",
        Address("Titanic House", "Queen's Road", "Belfast", "BT3 9DT", "Northern Ireland"),
        people=(
            Person(
                "Ms",
                "Aoife",
                "Byrne",
                (1982, 8),
                role="llp-designated-member",
                occupation="",
                nationality="Irish",
                control=LLP_75,
            ),
            Person(
                "Mr",
                "Conor",
                "Walsh",
                (1979, 1),
                role="llp-designated-member",
                occupation="",
                nationality="Irish",
            ),
        ),
    ),
    CompanyRow(
        "OC345678",
        "ASHDOWN LEGAL LLP",
        "llp",
        "active",
        "2009-06-15",
        "england-wales",
        Address("4", "Bedford Row", "London", "WC1R 4DF"),
        people=(
            Person(
                "Mr",
                "Jonathan",
                "Ashdown",
                (1964, 2),
                role="llp-designated-member",
                occupation="",
                control=LLP_25,
            ),
            Person(
                "Mrs",
                "Emma",
                "Price",
                (1973, 6),
                role="llp-designated-member",
                occupation="",
                control=LLP_25,
            ),
            Person(
                "Mr",
                "Ravi",
                "Patel",
                (1985, 9),
                role="llp-member",
                occupation="",
                appointed="2014-04-01",
            ),
            Person(
                "Ms",
                "Laura",
                "Kent",
                (1981, 11),
                role="llp-member",
                occupation="",
                appointed="2012-04-01",
                resigned="2020-03-31",
            ),
        ),
        accounts_type="full",
    ),
    CompanyRow(
        "OC398765",
        "PEMBERTON WEALTH PARTNERS LLP",
        "llp",
        "active",
        "2015-03-02",
        "england-wales",
        Address("9", "Park Place", "Cardiff", "CF10 3DP", "Wales"),
        people=(
            Person(
                "Mr",
                "Gareth",
                "Pemberton",
                (1969, 4),
                role="llp-designated-member",
                occupation="",
                control=LLP_75,
            ),
            Person(
                "Mrs", "Sian", "Pemberton", (1971, 10), role="llp-designated-member", occupation=""
            ),
        ),
    ),
    CompanyRow(
        "OC300111",
        "OLD MILL DESIGN LLP",
        "llp",
        "dissolved",
        "2004-08-09",
        "england-wales",
        Address("The Old Mill", "Mill Street", "Ludlow", "SY8 1BB"),
        people=(
            Person("Mr", "Simon", "Hale", (1958, 3), role="llp-designated-member", occupation=""),
            Person("Ms", "Karen", "Hale", (1960, 12), role="llp-designated-member", occupation=""),
        ),
        ceased="2016-11-22",
    ),
    CompanyRow(
        "FC031234",
        "NORDLICHT SOFTWARE GMBH",
        "oversea-company",
        "active",
        "2013-05-06",
        "european-union",
        Address("Level 3", "10 Finsbury Square", "London", "EC2A 1AF"),
        people=(
            Person(
                "Herr",
                "Jonas",
                "Becker",
                (1976, 2),
                occupation="Geschaeftsfuehrer",
                nationality="German",
            ),
            Person(
                "Mr",
                "Andrew",
                "Collins",
                (1980, 5),
                role="person-authorised-to-represent-and-accept",
                occupation="",
            ),
        ),
        foreign=ForeignDetails(
            "GERMANY",
            "Amtsgericht Muenchen",
            "HRB 123456",
            "Gesellschaft mit beschraenkter Haftung",
            "German law",
        ),
    ),
    CompanyRow(
        "FC029876",
        "PACIFIC RIM TRADING CORPORATION",
        "oversea-company",
        "active",
        "2010-09-27",
        "noneu",
        Address("20", "Gracechurch Street", "London", "EC3V 0BG"),
        people=(
            Person(
                "Ms", "Linda", "Park", (1968, 7), occupation="President", nationality="American"
            ),
            Person(
                "Mr",
                "David",
                "Reeves",
                (1972, 1),
                role="person-authorised-to-represent",
                occupation="",
            ),
        ),
        foreign=ForeignDetails(
            "UNITED STATES",
            "Delaware Division of Corporations",
            "4721936",
            "Corporation",
            "Delaware General Corporation Law",
        ),
    ),
    CompanyRow(
        "LP019876",
        "THAMES VALLEY VENTURE FUND LP",
        "limited-partnership",
        "active",
        "2019-02-14",
        "england-wales",
        Address("50", "Reading Road", "Henley-on-Thames", "RG9 1AG"),
        people=(
            Person(
                "Mr",
                "Charles",
                "Wetherby",
                (1966, 9),
                role="general-partner-in-a-limited-partnership",
                occupation="",
            ),
        ),
        subtype="private-fund-limited-partnership",
    ),
    CompanyRow(
        "LP012345",
        "CORNFIELD FARMING PARTNERSHIP",
        "limited-partnership",
        "active",
        "2007-04-02",
        "england-wales",
        Address("Cornfield Farm", "Long Lane", "Ely", "CB7 4TZ"),
        people=(
            Person(
                "Mr",
                "William",
                "Thorne",
                (1952, 6),
                role="general-partner-in-a-limited-partnership",
                occupation="",
            ),
            Person(
                "Mrs",
                "Anne",
                "Thorne",
                (1954, 2),
                role="limited-partner-in-a-limited-partnership",
                occupation="",
            ),
        ),
    ),
)


def extra_officers(row: CompanyRow) -> list[Person]:
    """Former directors of long-lived companies, so officer lists run to several pages."""
    forenames = ("Alan", "Beth", "Carl", "Dana", "Euan", "Faye", "Glen", "Hana", "Ivan")
    surnames = ("Abbott", "Barker", "Cooper", "Dixon", "Foster", "Gibson", "Hughes", "Irwin")
    first_year = int(row.created[:4])
    return [
        Person(
            "Mr" if index % 2 == 0 else "Ms",
            forenames[index % len(forenames)],
            surnames[index % len(surnames)] + ("" if index < len(surnames) else f"-{index}"),
            (1950 + index % 30, 1 + index % 12),
            appointed=f"{first_year + 1 + index % 10}-0{1 + index % 9}-01",
            resigned=f"{first_year + 11 + index % 5}-0{1 + index % 9}-15",
        )
        for index in range(row.extra_officers)
    ]
