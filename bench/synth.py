#!/usr/bin/env python3
"""A synthetic national catalogue for benchmarks and tests: N municipalities × M courses.

    python bench/synth.py DIR [--municipalities 98] [--courses-per 40] [--today 2026-11-22]

Writes a data folder that passes `python scripts/indgang.py validate --data DIR`: the real
schemas, package descriptor, sources, vocabularies, provisions and rules are copied from
data/; municipalities (Denmark's 98, in a fixed order) and their courses are generated. The
content is fiction shaped like the real records (Danish titles and text, æ/ø/å, schedules,
ranges, courses that have ended or start later); a fixed seed makes every run identical.

Design note: the municipalities named by local rules in data/rules.yaml come first, so any
size from 3 up keeps the copied rules valid.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
COPIED = (
    "schemas",
    "datapackage.yaml",
    "sources.yaml",
    "vocabularies.yaml",
    "paragraphs",
    "rules.yaml",
    "style.yaml",
)

# Denmark's 98 municipalities by region: (id, name).
REGIONS: dict[str, list[tuple[str, str]]] = {
    "Region Nordjylland": [
        ("aalborg", "Aalborg Kommune"), ("broenderslev", "Brønderslev Kommune"),
        ("frederikshavn", "Frederikshavn Kommune"), ("hjoerring", "Hjørring Kommune"),
        ("jammerbugt", "Jammerbugt Kommune"), ("laesoe", "Læsø Kommune"),
        ("mariagerfjord", "Mariagerfjord Kommune"), ("morsoe", "Morsø Kommune"),
        ("rebild", "Rebild Kommune"), ("thisted", "Thisted Kommune"),
        ("vesthimmerland", "Vesthimmerlands Kommune"),
    ],
    "Region Midtjylland": [
        ("aarhus", "Aarhus Kommune"), ("favrskov", "Favrskov Kommune"),
        ("hedensted", "Hedensted Kommune"), ("herning", "Herning Kommune"),
        ("holstebro", "Holstebro Kommune"), ("horsens", "Horsens Kommune"),
        ("ikast-brande", "Ikast-Brande Kommune"), ("lemvig", "Lemvig Kommune"),
        ("norddjurs", "Norddjurs Kommune"), ("odder", "Odder Kommune"),
        ("randers", "Randers Kommune"), ("ringkoebing-skjern", "Ringkøbing-Skjern Kommune"),
        ("samsoe", "Samsø Kommune"), ("silkeborg", "Silkeborg Kommune"),
        ("skanderborg", "Skanderborg Kommune"), ("skive", "Skive Kommune"),
        ("struer", "Struer Kommune"), ("syddjurs", "Syddjurs Kommune"),
        ("viborg", "Viborg Kommune"),
    ],
    "Region Syddanmark": [
        ("aabenraa", "Aabenraa Kommune"), ("assens", "Assens Kommune"),
        ("billund", "Billund Kommune"), ("esbjerg", "Esbjerg Kommune"),
        ("faaborg-midtfyn", "Faaborg-Midtfyn Kommune"), ("fanoe", "Fanø Kommune"),
        ("fredericia", "Fredericia Kommune"), ("haderslev", "Haderslev Kommune"),
        ("kerteminde", "Kerteminde Kommune"), ("kolding", "Kolding Kommune"),
        ("langeland", "Langeland Kommune"), ("middelfart", "Middelfart Kommune"),
        ("nordfyn", "Nordfyns Kommune"), ("nyborg", "Nyborg Kommune"),
        ("odense", "Odense Kommune"), ("svendborg", "Svendborg Kommune"),
        ("soenderborg", "Sønderborg Kommune"), ("toender", "Tønder Kommune"),
        ("varde", "Varde Kommune"), ("vejen", "Vejen Kommune"), ("vejle", "Vejle Kommune"),
        ("aeroe", "Ærø Kommune"),
    ],
    "Region Sjælland": [
        ("faxe", "Faxe Kommune"), ("greve", "Greve Kommune"),
        ("guldborgsund", "Guldborgsund Kommune"), ("holbaek", "Holbæk Kommune"),
        ("kalundborg", "Kalundborg Kommune"), ("koege", "Køge Kommune"),
        ("lejre", "Lejre Kommune"), ("lolland", "Lolland Kommune"),
        ("naestved", "Næstved Kommune"), ("odsherred", "Odsherred Kommune"),
        ("ringsted", "Ringsted Kommune"), ("roskilde", "Roskilde Kommune"),
        ("slagelse", "Slagelse Kommune"), ("solroed", "Solrød Kommune"),
        ("soroe", "Sorø Kommune"), ("stevns", "Stevns Kommune"),
        ("vordingborg", "Vordingborg Kommune"),
    ],
    "Region Hovedstaden": [
        ("albertslund", "Albertslund Kommune"), ("alleroed", "Allerød Kommune"),
        ("ballerup", "Ballerup Kommune"), ("bornholm", "Bornholms Regionskommune"),
        ("broendby", "Brøndby Kommune"), ("dragoer", "Dragør Kommune"),
        ("egedal", "Egedal Kommune"), ("fredensborg", "Fredensborg Kommune"),
        ("frederiksberg", "Frederiksberg Kommune"), ("frederikssund", "Frederikssund Kommune"),
        ("furesoe", "Furesø Kommune"), ("gentofte", "Gentofte Kommune"),
        ("gladsaxe", "Gladsaxe Kommune"), ("glostrup", "Glostrup Kommune"),
        ("gribskov", "Gribskov Kommune"), ("halsnaes", "Halsnæs Kommune"),
        ("helsingoer", "Helsingør Kommune"), ("herlev", "Herlev Kommune"),
        ("hilleroed", "Hillerød Kommune"), ("hvidovre", "Hvidovre Kommune"),
        ("hoeje-taastrup", "Høje-Taastrup Kommune"), ("hoersholm", "Hørsholm Kommune"),
        ("ishoej", "Ishøj Kommune"), ("koebenhavn", "Københavns Kommune"),
        ("lyngby-taarbaek", "Lyngby-Taarbæk Kommune"), ("rudersdal", "Rudersdal Kommune"),
        ("roedovre", "Rødovre Kommune"), ("taarnby", "Tårnby Kommune"),
        ("vallensbaek", "Vallensbæk Kommune"),
    ],
}  # fmt: skip

ENTRY_POINTS = (
    "Din Indgang", "Indgang 82", "Den Gode Modtagelse", "Det Sociale Pitstop", "Fremdrift",
    "Åben Rådgivning", "Café Kompasset", "Recovery-skolen", "Huset på Torvet", "Støttecentret",
)  # fmt: skip

# (title, paragraph, format, target groups, topic for the description)
COURSES = (
    ("Angstgruppe", "82a", "gruppe", ["psykisk-saarbarhed"], "at forstå og håndtere angst"),
    ("Angst i hverdagen – individuelt", "82b", "individuel", ["psykisk-saarbarhed"], "at tage små skridt, når angsten fylder"),
    ("Stresshåndtering", "82a", "gruppe", ["psykisk-saarbarhed", "nedsat-funktionsevne"], "at finde ro og skrue ned for stress"),
    ("Mit liv med ADHD", "82a", "gruppe", ["adhd"], "struktur og overblik, når man har ADHD"),
    ("Autismeforløb", "82a", "gruppe", ["autisme"], "at leve godt med autisme"),
    ("Psykoedukation", "82a", "gruppe", ["psykisk-saarbarhed", "udviklingshandicap"], "viden om psykiske problemer"),
    ("Nada", "82a", "gruppe", ["psykisk-saarbarhed"], "ro i kroppen med øreakupunktur"),
    ("Mindfulness for begyndere", "82a", "gruppe", ["psykisk-saarbarhed"], "at være til stede i nuet"),
    ("Søvnskolen", "82a", "gruppe", ["psykisk-saarbarhed", "nedsat-funktionsevne"], "bedre søvn og faste vaner"),
    ("Hverdagsmestring", "82b", "individuel", ["nedsat-funktionsevne", "sociale-problemer"], "at få hverdagen til at hænge sammen"),
    ("Økonomi i hverdagen", "82b", "individuel", ["sociale-problemer"], "budget, regninger og post"),
    ("Gåtur og fællesskab", "82a", "aaben", ["ensomhed"], "at komme ud og møde andre"),
    ("Åben café", "82a", "aaben", ["ensomhed", "sociale-problemer"], "et sted at komme og få en snak"),
    ("Netværksgruppe for unge", "82a", "gruppe", ["ensomhed", "psykisk-saarbarhed"], "at skabe et netværk"),
    ("Recovery-forløb", "82a", "gruppe", ["psykisk-saarbarhed", "udviklingshandicap", "senhjerneskade"], "at komme sig helt eller delvist"),
    ("Kom videre efter en hjerneskade", "82a", "gruppe", ["senhjerneskade"], "livet efter en skade på hjernen"),
    ("Træn din compassion", "82a", "gruppe", ["psykisk-saarbarhed"], "at være venlig mod dig selv"),
    ("Metakognitiv gruppe", "82a", "gruppe", ["psykisk-saarbarhed"], "at slippe bekymringer og grublerier"),
    ("Madlavning for én", "82a", "gruppe", ["nedsat-funktionsevne", "ensomhed"], "at lave nem og billig mad"),
    ("Kost og motion", "82a", "gruppe", ["nedsat-funktionsevne"], "at bevæge sig og spise sundt"),
    ("Ensomhedsgruppe", "82a", "gruppe", ["ensomhed"], "at bryde ensomheden"),
    ("Pårørendegruppe", "82a", "gruppe", ["psykisk-saarbarhed"], "at være pårørende"),
    ("Kort støtte i eget hjem", "82b", "individuel", ["nedsat-funktionsevne", "sociale-problemer"], "praktiske ting i hjemmet"),
    ("Bolig og flytning", "82b", "individuel", ["sociale-problemer"], "at finde og holde en bolig"),
    ("Struktur på dagen", "82b", "individuel", ["adhd", "autisme"], "faste rutiner og planer"),
    ("Støtte til uddannelse og job", "82b", "individuel", ["psykisk-saarbarhed", "sociale-problemer"], "at komme i gang med job eller uddannelse"),
    ("Samtaleforløb", "82b", "individuel", ["psykisk-saarbarhed"], "at tale om det, der er svært"),
    ("Akut rådgivning", "82c", "aaben", ["psykisk-saarbarhed", "sociale-problemer"], "hjælp her og nu, når det brænder på"),
    ("Akuttelefon og krisesamtale", "82c", "individuel", ["psykisk-saarbarhed"], "en samtale, når krisen er der"),
    ("Frivillig besøgsven", "82d", "aaben", ["ensomhed"], "en frivillig at tale med"),
    ("Fællesspisning med frivillige", "82d", "aaben", ["ensomhed", "sociale-problemer"], "at spise sammen med andre"),
    ("Socialpædagogisk støtte", "85", "individuel", ["psykisk-saarbarhed", "udviklingshandicap", "nedsat-funktionsevne"], "støtte over længere tid"),
    ("Bostøtte", "85", "individuel", ["udviklingshandicap", "senhjerneskade"], "at klare livet i egen bolig"),
    ("Gruppeforløb under § 85", "85", "gruppe", ["psykisk-saarbarhed"], "at lære sammen med andre"),
    ("Kreativt værksted", "82a", "aaben", ["ensomhed", "psykisk-saarbarhed"], "at male, tegne og skabe"),
    ("Musik og fællesskab", "82a", "gruppe", ["ensomhed"], "at spille og synge sammen"),
    ("Friluftsliv og natur", "82a", "gruppe", ["psykisk-saarbarhed", "nedsat-funktionsevne"], "ro og bevægelse i naturen"),
    ("Selvværdsgruppe", "82a", "gruppe", ["psykisk-saarbarhed"], "at tro mere på dig selv"),
    ("Sorggruppe", "82a", "gruppe", ["psykisk-saarbarhed", "ensomhed"], "at leve med et tab"),
    ("Digital hjælp", "82b", "individuel", ["nedsat-funktionsevne"], "MitID, e-Boks og digital post"),
    ("Hjælp til brevene", "82a", "aaben", ["sociale-problemer"], "at forstå breve fra det offentlige"),
    ("Fysisk træning i hold", "82a", "gruppe", ["nedsat-funktionsevne", "senhjerneskade"], "styrke og balance"),
    ("Forældregruppe", "82a", "gruppe", ["sociale-problemer"], "at være forælder under pres"),
    ("Ungeforløb 18-25 år", "82b", "individuel", ["psykisk-saarbarhed", "sociale-problemer"], "at finde vej som ung voksen"),
    ("Misbrug og hverdag", "82b", "individuel", ["sociale-problemer"], "at få styr på forbruget"),
    ("Læse- og skriveværksted", "82a", "gruppe", ["udviklingshandicap"], "at læse og skrive i hverdagen"),
    ("Tankemylder", "82a", "gruppe", ["adhd", "psykisk-saarbarhed"], "at få ro på tankerne"),
    ("Social træning", "82a", "gruppe", ["autisme", "udviklingshandicap"], "at øve sig i at være sammen med andre"),
)  # fmt: skip

ACCESS = {
    "gruppe": ("afklarende-samtale", "afklarende-samtale", "uvisiteret", "afgoerelse"),
    "individuel": ("afklarende-samtale", "afklarende-samtale", "afgoerelse"),
    "aaben": ("uvisiteret", "uvisiteret", "afklarende-samtale"),
}
DAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag")
STREETS = ("Torvet", "Jernbanegade", "Skolevej", "Kirkegade", "Søndergade", "Østergade", "Havnevej")


def slug(text: str) -> str:
    out = text.lower().translate(str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "§": ""}))
    out = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in out)
    return "-".join(part for part in out.split("-") if part)


def q(value: object) -> str:
    """A double-quoted YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def municipalities_in_order() -> list[tuple[str, str, str]]:
    """(id, name, region) for all 98, rule-named municipalities first, then alphabetical."""
    everything = [(mid, name, region) for region, ms in REGIONS.items() for mid, name in ms]
    rules = yaml.safe_load((DATA / "rules.yaml").read_text(encoding="utf-8")) or []
    needed = {r["municipality"] for r in rules if isinstance(r, dict) and r.get("municipality")}
    first = [m for m in everything if m[0] in needed]
    rest = sorted((m for m in everything if m[0] not in needed), key=lambda m: m[0])
    return first + rest


def required_count() -> int:
    rules = yaml.safe_load((DATA / "rules.yaml").read_text(encoding="utf-8")) or []
    return len({r["municipality"] for r in rules if isinstance(r, dict) and r.get("municipality")})


def _source_id() -> str:
    sources = yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8"))
    return sources[0]["id"]


def _hours(rng: random.Random) -> list[str]:
    lines = ["    hours:"]
    lines += [
        "      - channel: telefon",
        "        days: [hverdage]",
        f'        opens: "{rng.choice(("08:00", "09:00"))}"',
        f'        closes: "{rng.choice(("12:00", "14:00", "15:00"))}"',
    ]
    if rng.random() < 0.7:
        day = rng.choice(DAYS)
        lines += [
            "      - channel: fremmoede",
            f"        days: [{day}]",
            '        opens: "09:00"',
            '        closes: "11:00"',
            f"        note: {q('Du behøver ikke en aftale, men du må regne med ventetid.')}",
        ]
    return lines


def municipality_yaml(
    mid: str, name: str, region: str, eps: list[tuple[str, str]], rng: random.Random, source: str
) -> str:
    town = name.replace(" Kommune", "").replace("s Regionskommune", "")
    if town.endswith("s") and not mid.endswith("s"):
        town = town[:-1]  # "Københavns" -> "København"
    lines = [
        f"# {name} (syntetiske data til benchmark og test)",
        f"id: {mid}",
        f"name: {q(name)}",
        f"region: {q(region)}",
        f"website: https://www.{mid}.dk",
        f"website_source: {source}",
        f"source: {source}",
        "entry_points:",
    ]
    for eid, ename in eps:
        lines += [
            f"  - id: {eid}",
            f"    name: {q(ename)}",
            "    description: |",
            f"      {ename} er stedet i {town}, hvor du kan få råd og støtte uden lang ventetid. "
            "Du kan komme forbi, ringe eller skrive. Sammen finder I ud af, hvilken hjælp der passer til dig.",
            f"    address: {q(f'{rng.choice(STREETS)} {rng.randint(1, 80)}, {town}')}",
            f'    phone: "{rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}"',
            f"    email: {eid}@{mid}.dk",
            '    paragraphs: [82a, 82b, 82c, 82d, "85"]',
            *_hours(rng),
            "    public_holidays: lukket",
            f"    source: {source}",
        ]
    return "\n".join(lines) + "\n"


def _range_text(rng: random.Random, low: int, high: int) -> str:
    a = rng.randint(low, high)
    if rng.random() < 0.5:
        return str(a)
    return f"{a}-{a + rng.randint(1, 6)}"


def course_yaml(
    cid: str, spec: tuple, ep: str, rng: random.Random, today: date, source: str, suffix: str
) -> list[str]:
    title, paragraph, fmt, groups, topic = spec
    access = rng.choice(ACCESS[fmt])
    reviewed = today - timedelta(days=rng.randint(1, 300))
    lines = [
        f"- id: {cid}",
        f"  title: {q(title + suffix)}",
        f'  paragraph: "{paragraph}"',
        f"  format: {fmt}",
        f"  entry_point: {ep}",
        f"  target_groups: [{', '.join(groups)}]",
        "  description: |",
        f"    Et forløb om {topic}. Du møder medarbejdere, der kender til det, og I arbejder "
        "med små mål, som du selv vælger. *Spørg gerne*, hvis du er i tvivl om, forløbet passer til dig.",
        "  duration:",
    ]
    kind = rng.random()
    if kind < 0.35:
        lines.append(f'    weeks: "{_range_text(rng, 4, 16)}"')
    elif kind < 0.7:
        lines.append(f'    sessions: "{_range_text(rng, 4, 12)}"')
    else:
        lines.append(f"    note: {q('Varigheden aftales med dig. Højst 6 måneder.')}")
    if rng.random() < 0.4:
        days = sorted(rng.sample(DAYS, rng.randint(1, 2)), key=DAYS.index)
        hour = rng.randint(9, 14)
        lines += [
            "  schedule:",
            f"    - days: [{', '.join(days)}]",
            f'      opens: "{hour:02d}:00"',
            f'      closes: "{hour + 2:02d}:00"',
        ]
    if fmt == "gruppe":
        low = rng.randint(3, 8)
        lines.append(f'  group_size: "{low}-{low + rng.randint(2, 6)}"')
    lines.append(f"  access: {access}")
    roll = rng.random()
    if roll < 0.08:  # ended: left out of the finder, page marked as ended
        lines.append(f"  active_from: {today - timedelta(days=rng.randint(200, 500))}")
        lines.append(f"  active_to: {today - timedelta(days=rng.randint(1, 150))}")
    elif roll < 0.13:  # starts later
        lines.append(f"  active_from: {today + timedelta(days=rng.randint(10, 120))}")
    elif roll < 0.25:  # ends later this year or next
        lines.append(f"  active_from: {today - timedelta(days=rng.randint(30, 300))}")
        lines.append(f"  active_to: {today + timedelta(days=rng.randint(0, 300))}")
    lines += [f"  source: {source}", f"  reviewed: {reviewed}", ""]
    return lines


def make_catalogue(
    target_dir: Path | str,
    municipalities: int = 98,
    courses_per: int = 40,
    *,
    today: date | None = None,
    seed: int = 82,
) -> Path:
    """Write a valid synthetic data folder to `target_dir` (created; must not exist or be empty).

    `today` (default: the build date, INDGANG_TODAY) anchors `reviewed`, ended and upcoming
    courses, so validation on that date passes. Returns the folder.
    """
    from macros.domain import buildinfo  # here, so `python bench/synth.py` works from anywhere

    today = today or buildinfo.build_date()
    every = municipalities_in_order()
    if not required_count() <= municipalities <= len(every):
        raise ValueError(f"municipalities must be {required_count()}..{len(every)}")
    target = Path(target_dir)
    target.mkdir(parents=True, exist_ok=True)
    if any(target.iterdir()):
        raise ValueError(f"{target} is not empty")
    for name in COPIED:
        src = DATA / name
        if src.is_dir():
            shutil.copytree(src, target / name)
        else:
            shutil.copy(src, target / name)
    # The shipped facts name the real entry points; the synthetic ones have other names.
    (target / "facts.yaml").write_text("[]\n", encoding="utf-8")
    (target / "municipalities").mkdir()
    (target / "courses").mkdir()
    rng = random.Random(seed)
    source = _source_id()
    for mid, name, region in every[:municipalities]:
        names = rng.sample(ENTRY_POINTS, rng.randint(1, 3))
        eps = [(slug(n), n) for n in names]
        (target / "municipalities" / f"{mid}.yaml").write_text(
            municipality_yaml(mid, name, region, eps, rng, source), encoding="utf-8"
        )
        lines = [f"# Kurser i {name} (syntetiske data)", ""]
        specs = list(COURSES)
        rng.shuffle(specs)
        used: set[str] = set()
        for i in range(courses_per):
            spec = specs[i % len(specs)]
            round_ = i // len(specs)
            suffix = f" (hold {round_ + 1})" if round_ else ""
            cid = slug(spec[0] + suffix)
            assert cid not in used, cid
            used.add(cid)
            lines += course_yaml(cid, spec, rng.choice(eps)[0], rng, today, source, suffix)
        (target / "courses" / f"{mid}.yaml").write_text("\n".join(lines), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("target", help="mappen, der skal skrives (tom eller ny)")
    p.add_argument("--municipalities", type=int, default=98)
    p.add_argument("--courses-per", type=int, default=40)
    p.add_argument("--today", type=date.fromisoformat, default=None)
    args = p.parse_args(argv)
    out = make_catalogue(args.target, args.municipalities, args.courses_per, today=args.today)
    print(out)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
