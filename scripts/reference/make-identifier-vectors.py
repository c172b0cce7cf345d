#!/usr/bin/python3
"""Reference vectors for VAT numbers and tax identification numbers (issue 17), as python-stdnum judges them.

Nothing here uses qonto-import's code: numbers are generated from random digits and their check characters are
found by asking python-stdnum which ones it accepts, so a vector's verdict is python-stdnum's, not ours.

Each vector is what a user may write in a cell (`input`), with the client's country (`country`, or null), and
the number the generator put in it (`number`): the same characters without the label, the separators or the
odd characters it was dressed in. The verdict (`valid`, and `value`: the compact form to send) is what
python-stdnum says of `number`, asked of the module the issue's rules name:
  - a VAT number with a prefix: stdnum.eu.vat (EU-27 and XI), else the country's module (CH, GB, NO);
  - a VAT number without one: the module of the client's country, the prefix added to the compact form;
  - a tax id: the module of the country's format (it.codicefiscale, it.iva, es.nif, fr.siren / fr.siret,
    de.idnr / de.stnr).
Greece's prefix is written EL in `value` (stdnum keeps GR when the input has GR; the issue sends EL). Where
python-stdnum reads the input as typed differently (it keeps no labels, strips only its own separators per
country, maps fullwidth digits but not letters), `raw` holds that verdict, for information.

Usage (from the project root): /usr/bin/python3 scripts/reference/make-identifier-vectors.py
"""

import datetime
import json
import os
import random
import sys
import unicodedata

import stdnum
from stdnum import get_cc_module
from stdnum.ch import vat as ch_vat
from stdnum.de import idnr as de_idnr
from stdnum.de import stnr as de_stnr
from stdnum.es import dni as es_dni
from stdnum.es import nie as es_nie
from stdnum.es import nif as es_nif
from stdnum.eu import vat as eu_vat
from stdnum.exceptions import ValidationError
from stdnum.fr import siren as fr_siren
from stdnum.fr import siret as fr_siret
from stdnum.gb import vat as gb_vat
from stdnum.it import codicefiscale as it_cf
from stdnum.it import iva as it_iva
from stdnum.no import mva as no_mva

SEED = 17
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "fixtures", "reference", "identifiers")
rng = random.Random(SEED)

DIGITS = "0123456789"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# EU-27 VAT prefixes and the python-stdnum module that checks each.
EU = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU",
    "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
]  # fmt: skip


def module_of(prefix):
    return get_cc_module("gr" if prefix == "EL" else prefix.lower(), "vat")


def d(n):
    return "".join(rng.choice(DIGITS) for _ in range(n))


def nz():
    return rng.choice("123456789")


def day_month_year():
    date = datetime.date(1930, 1, 1) + datetime.timedelta(days=rng.randrange(80 * 365))
    return date


# Each EU state's number shapes, bare: "?" marks the check characters the generator tries (from the alphabet given).
def shapes(prefix):
    if prefix == "AT":
        return [("U" + d(7) + "?", DIGITS)]
    if prefix == "BE":
        return [(rng.choice("01") + d(7) + "??", DIGITS)]
    if prefix == "BG":
        return [(nz() + d(7) + "?", DIGITS), (d(9) + "?", DIGITS)]
    if prefix == "CY":
        return [(rng.choice("01345") + d(7) + "?", LETTERS)]
    if prefix == "CZ":
        birth = day_month_year()
        while birth.year < 1954:  # 10-digit birth numbers were given from 1954
            birth = day_month_year()
        month = birth.month + rng.choice([0, 50])
        rc = "%02d%02d%02d" % (birth.year % 100, month, birth.day)
        return [(rng.choice("12345678") + d(6) + "?", DIGITS), ("6" + d(7) + "?", DIGITS), (rc + d(3) + "?", DIGITS)]
    if prefix == "DE":
        return [(nz() + d(7) + "?", DIGITS)]
    if prefix == "DK":
        return [(nz() + d(6) + "?", DIGITS)]
    if prefix == "EE":
        return [("10" + d(6) + "?", DIGITS)]
    if prefix == "EL":
        return [(d(8) + "?", DIGITS)]
    if prefix == "ES":
        return [
            (d(8) + "?", LETTERS),
            (rng.choice("XYZ") + d(7) + "?", LETTERS),
            (rng.choice("ABCDEFGHJNPQRSUVW") + d(7) + "?", DIGITS + "JABCDEFGHI"),
            (rng.choice("KLM") + d(7) + "?", LETTERS),
        ]
    if prefix == "FI":
        return [(d(7) + "?", DIGITS)]
    if prefix == "FR":
        siren = pick(nz() + d(7) + "?", DIGITS, fr_siren.is_valid)
        keys = DIGITS if rng.random() < 0.85 else "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
        return [("??" + siren, keys)]
    if prefix == "HR":
        return [(nz() + d(9) + "?", DIGITS)]
    if prefix == "HU":
        return [(nz() + d(6) + "?", DIGITS)]
    if prefix == "IE":
        if rng.random() < 0.2:  # old style: a letter or symbol second
            return [(nz() + rng.choice(LETTERS) + d(5) + "?", "WABCDEFGHIJKLMNOPQRSTUV")]
        return [(d(7) + "?" + rng.choice(["", "", "A", "H", "W"]), "WABCDEFGHIJKLMNOPQRSTUV")]
    if prefix == "IT":
        office = rng.choice(["%03d" % rng.randint(1, 100), "120", "121", "888", "999"])
        return [(nz() + d(6) + office + "?", DIGITS)]
    if prefix == "LT":
        return [(d(7) + "1" + "?", DIGITS), (d(10) + "1" + "?", DIGITS)]
    if prefix == "LU":
        return [(nz() + d(5) + "??", DIGITS)]
    if prefix == "LV":
        birth = day_month_year()
        century = "1" if birth.year < 2000 else "2"
        person = "%02d%02d%02d" % (birth.day, birth.month, birth.year % 100) + century + d(3) + "?"
        return [(rng.choice("456789") + d(9) + "?", DIGITS), (person, DIGITS)]
    if prefix == "MT":
        return [(nz() + d(5) + "??", DIGITS)]
    if prefix == "NL":
        # the BSN check (older numbers) or, since 2020, mod 97 over the whole number with its suffix
        if rng.random() < 0.7:
            return [(d(8) + "?B" + "%02d" % rng.randint(1, 99), DIGITS)]
        return [(d(9) + "B??", DIGITS)]
    if prefix == "PL":
        return [(nz() + d(8) + "?", DIGITS)]
    if prefix == "PT":
        return [(rng.choice("12356789") + d(7) + "?", DIGITS)]
    if prefix == "RO":
        return [(nz() + d(rng.randint(1, 8)) + "?", DIGITS)]
    if prefix == "SE":
        return [(d(9) + "?01", DIGITS)]
    if prefix == "SI":
        return [(nz() + d(6) + "?", DIGITS)]
    if prefix == "SK":
        return [(nz() + d(1) + rng.choice("2347 89".replace(" ", "")) + d(6) + "?", DIGITS)]
    raise ValueError(prefix)


def fill(template, alphabet):
    """Every way to fill the template's "?" from the alphabet."""
    holes = template.count("?")
    if holes == 0:
        yield template
        return
    for c in alphabet:
        yield from fill(template.replace("?", c, 1), alphabet)


def pick(template, alphabet, is_valid):
    options = [n for n in fill(template, alphabet) if is_valid(n)]
    return rng.choice(options) if options else None


def valid_vat(prefix):
    """A bare number of the state that python-stdnum accepts."""
    module = module_of(prefix)
    while True:
        template, alphabet = rng.choice(shapes(prefix))
        number = pick(template, alphabet, module.is_valid)
        if number is not None:
            return number


def verdict(validate, number, prefix=""):
    """python-stdnum's verdict: (valid, value, error)."""
    try:
        value = validate(number)
    except ValidationError as e:
        return False, None, type(e).__name__
    if prefix and not value.startswith(prefix):
        value = prefix + value
    return True, value, None


def eu_verdict(number):
    valid, value, error = verdict(eu_vat.validate, number)
    if value is not None and value.startswith("GR"):
        value = "EL" + value[2:]  # the rule: Greece's VAT prefix is EL
    return valid, value, error


def bare_verdict(number, country):
    prefix = "EL" if country == "GR" else country
    return verdict(module_of(prefix).validate, number, prefix)


NON_EU = {
    "CH": lambda n: verdict(ch_vat.validate, n),
    "GB": lambda n: verdict(gb_vat.validate, n, "GB"),
    "XI": lambda n: verdict(gb_vat.validate, n, "XI"),
    # A Norwegian VAT number is written with MVA after it: stdnum's compact form drops the prefix only.
    "NO": lambda n: verdict(no_mva.validate, n, "NO"),
}


def prefixed_verdict(number):
    cc = number[:2]
    if cc in NON_EU:
        return NON_EU[cc](number)
    return eu_verdict(number)


vectors = {"vat": [], "tax-id": []}


def add(kind, cls, input_, country, number, result, raw=None):
    valid, value, error = result
    vector = {"class": cls, "input": input_, "country": country, "number": number, "valid": valid}
    if valid:
        vector["value"] = value
    else:
        vector["error"] = error
    if raw is not None and raw != result:
        vector["raw"] = {"valid": raw[0], **({"value": raw[1]} if raw[0] else {"error": raw[2]})}
    vectors[kind].append(vector)


def corrupt(number, positions=None):
    """One digit changed, at a random digit position."""
    positions = positions if positions is not None else [i for i, c in enumerate(number) if c.isdigit()]
    i = rng.choice(positions)
    old = number[i]
    new = rng.choice([c for c in DIGITS if c != old]) if old.isdigit() else rng.choice([c for c in LETTERS if c != old])
    return number[:i] + new + number[i + 1 :]


def wrong_check(number):
    """The last character changed (the check character in most formats)."""
    last = number[-1]
    alphabet = DIGITS if last.isdigit() else LETTERS
    return number[:-1] + rng.choice([c for c in alphabet if c != last])


# ---- how people write numbers -----------------------------------------------------------------------------------

FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in DIGITS + LETTERS}


def group(number, sep, size):
    return sep.join(number[i : i + size] for i in range(0, len(number), size))


def dress(prefix, bare, style):
    """The number as someone may write it. Returns the input."""
    if style == "spaces":
        return prefix + " " + group(bare, " ", 3)
    if style == "dots":
        return prefix + " " + group(bare, ".", 3)
    if style == "hyphens":
        return prefix + "-" + group(bare, "-", 3)
    if style == "en-dash":
        return prefix + "\u2013" + group(bare, "\u2013", 3)
    if style == "em-dash":
        return prefix + " \u2014 " + bare
    if style == "minus":
        return prefix + "\u2212" + bare
    if style == "nbsp":
        return prefix + "\u00a0" + group(bare, "\u00a0", 3)
    if style == "thin-space":
        return prefix + "\u2009" + group(bare, "\u2009", 3)
    if style == "narrow-nbsp":
        return prefix + "\u202f" + group(bare, "\u202f", 3)
    if style == "slash":
        return prefix + group(bare, "/", 3)
    if style == "lowercase":
        return (prefix + bare).lower()
    if style == "padded":
        return "  " + prefix + bare + " \t"
    if style == "fullwidth-digits":
        return prefix + "".join(FULLWIDTH[c] if c.isdigit() else c for c in bare)
    if style == "fullwidth":
        return "".join(FULLWIDTH.get(c, c) for c in prefix + bare)
    raise ValueError(style)


STYLES = [
    "spaces", "dots", "hyphens", "en-dash", "em-dash", "minus", "nbsp", "thin-space", "narrow-nbsp", "slash",
    "lowercase", "padded", "fullwidth-digits", "fullwidth",
]  # fmt: skip

# Labels written before a VAT number, in the languages of the files we read.
LABELS = [
    "TVA", "TVA:", "N° TVA", "N° TVA intracom :", "N° TVA intracommunautaire:", "Numéro de TVA", "TVA intra.",
    "VAT", "VAT:", "VAT No.", "VAT no:", "VAT Number", "VAT Reg. No.", "VAT ID:",
    "P.IVA", "P. IVA", "P.IVA:", "Partita IVA", "Partita IVA:", "IVA", "IVA:",
    "USt-IdNr.", "USt-IdNr.:", "USt-ID", "UID", "UID:", "UID-Nr.", "MwSt", "MwSt.-Nr.",
    "NIF", "NIF:", "CIF", "CIF:", "NIF-IVA", "NIF-IVA:", "BTW", "BTW:", "BTW-nr", "BTW nr.",
]  # fmt: skip



# ---- VAT numbers -------------------------------------------------------------------------------------------------

PER_STATE = 50
valid_numbers = {prefix: [valid_vat(prefix) for _ in range(PER_STATE)] for prefix in EU}

for prefix in EU:
    country = "GR" if prefix == "EL" else prefix
    module = module_of(prefix)
    for bare in valid_numbers[prefix]:
        number = prefix + bare
        add("vat", "vat-valid", number, None, number, eu_verdict(number))
        bad = prefix + corrupt(bare)
        add("vat", "vat-corrupt", bad, None, bad, eu_verdict(bad))
        bad = prefix + wrong_check(bare)
        add("vat", "vat-check-character", bad, None, bad, eu_verdict(bad))
        # the client's own country: no mismatch, the same verdict
        add("vat", "vat-own-country", number, country, number, eu_verdict(number))
    for bare in valid_numbers[prefix][:20]:
        style = rng.choice(STYLES)
        input_ = dress(prefix, bare, style)
        add("vat", "vat-reformatted", input_, None, prefix + bare, eu_verdict(prefix + bare), raw=eu_verdict(input_))
    # without the prefix: the client's country gives it
    for bare in valid_numbers[prefix][:30]:
        add("vat", "vat-unprefixed", bare, country, bare, bare_verdict(bare, country))
        bad = corrupt(bare)
        add("vat", "vat-unprefixed-corrupt", bad, country, bad, bare_verdict(bad, country))
    for bare in valid_numbers[prefix][30:40]:
        style = rng.choice(STYLES)
        input_ = dress("", bare, style)
        add("vat", "vat-unprefixed-reformatted", input_, country, bare, bare_verdict(bare, country))
    # without the prefix and without a country: no way to know the state
    for bare in valid_numbers[prefix][40:45]:
        add("vat", "vat-unprefixed-no-country", bare, None, bare, eu_verdict(bare))
    # a label before the number
    for bare in valid_numbers[prefix][:12]:
        label = rng.choice(LABELS)
        sep = rng.choice([" ", " ", "  ", "\u00a0", " : ", ""]) if not label.endswith(":") else rng.choice([" ", ""])
        if sep == "" and label[-1].isalpha():
            sep = " "
        if rng.random() < 0.75:
            number = prefix + bare if rng.random() < 0.5 else prefix + wrong_check(bare)
            input_ = label + sep + dress(prefix, number[2:], rng.choice(["spaces", "dots", "spaces"]))
            add("vat", "vat-labelled", input_, None, number, eu_verdict(number), raw=eu_verdict(input_))
        else:
            input_ = label + sep + bare
            add("vat", "vat-labelled-unprefixed", input_, country, bare, bare_verdict(bare, country))

# Greece: GR written for EL, with or without the client's country
for bare in valid_numbers["EL"]:
    for input_, country in [("GR" + bare, None), ("GR " + bare, "GR"), ("EL" + bare, "GR"), ("gr" + bare, None)]:
        number = "GR" + bare
        add("vat", "vat-greece", input_, country, number, eu_verdict(number))
    bad = "GR" + wrong_check(bare)
    add("vat", "vat-greece", bad, "GR", bad, eu_verdict(bad))

# a prefix of a number from an EU state given to a client elsewhere: valid (a warning for us)
for prefix in EU:
    bare = valid_numbers[prefix][45]
    add("vat", "vat-other-country", prefix + bare, rng.choice(["FR", "IT", "DE", "ES", "US", "CH"]), prefix + bare,
        eu_verdict(prefix + bare))  # fmt: skip

# prefixes that are no EU state: the OSS scheme's EU, made-up ones
for _ in range(60):
    prefix = rng.choice(["EU", "XX", "ZZ", "QQ", "XA", "EU", "UE"])
    number = prefix + d(9)
    add("vat", "vat-not-a-state", number, rng.choice([None, "FR"]), number, eu_verdict(number))

# Non-EU numbers python-stdnum knows: Switzerland, the United Kingdom (and Northern Ireland's XI), Norway.
for _ in range(80):
    uid = pick("CHE" + d(8) + "?", DIGITS, lambda n: get_cc_module("ch", "uid").is_valid(n))
    if uid is None:
        continue
    suffix = rng.choice(["MWST", "TVA", "IVA", "TPV"])
    number = uid + suffix
    style = rng.choice(["compact", "formatted", "formatted", "corrupt", "no-suffix"])
    if style == "corrupt":
        number = wrong_check(uid) + suffix
        input_ = number
    elif style == "no-suffix":
        number = uid
        input_ = uid
    elif style == "formatted":
        input_ = "CHE-%s.%s.%s %s" % (uid[3:6], uid[6:9], uid[9:12], suffix)
    else:
        input_ = number
    add("vat", "vat-switzerland", input_, rng.choice([None, "CH"]), number, NON_EU["CH"](number))

for _ in range(100):
    shape = rng.random()
    if shape < 0.7:
        bare = pick(nz() + d(6) + "??", DIGITS, gb_vat.is_valid)
    elif shape < 0.8:
        bare = pick(nz() + d(6) + "??" + d(3), DIGITS, gb_vat.is_valid)  # a branch
    elif shape < 0.9:
        bare = rng.choice(["GD", "HA"]) + "%03d" % rng.randint(0, 999)  # government, health authority
    else:
        bare = wrong_check(nz() + d(8))
    if bare is None:
        continue
    prefix = "XI" if rng.random() < 0.15 else "GB"
    number = prefix + bare
    input_ = number if rng.random() < 0.5 else prefix + " " + group(bare, " ", 3)
    add("vat", "vat-united-kingdom", input_, rng.choice([None, "GB"]), number, NON_EU[prefix](number))

for _ in range(80):
    orgnr = pick(rng.choice("89") + d(7) + "?", DIGITS, get_cc_module("no", "orgnr").is_valid)
    if orgnr is None:
        continue
    if rng.random() < 0.2:
        orgnr = wrong_check(orgnr)
    number = "NO" + orgnr + "MVA"
    input_ = number if rng.random() < 0.5 else "NO " + group(orgnr, " ", 3) + " MVA"
    add("vat", "vat-norway", input_, rng.choice([None, "NO"]), number, NON_EU["NO"](number))

# Countries python-stdnum has no VAT module for: nothing can be checked (the vector says so).
for cc in ["US", "AE", "SA", "HK", "QA", "KW", "BH", "OM", "JO", "LB"]:
    assert get_cc_module(cc.lower(), "vat") is None, cc
    for _ in range(6):
        number = cc + d(rng.randint(6, 12))
        vectors["vat"].append(
            {"class": "vat-unchecked-country", "input": number, "country": cc, "number": number, "valid": True,
             "value": number, "unchecked": True}  # fmt: skip
        )

# ---- tax identification numbers ----------------------------------------------------------------------------------

MONTHS = "ABCDEHLMPRST"
OMOCODIA = "LMNPQRSTUV"
CF_DIGITS = [6, 7, 9, 10, 12, 13, 14]  # positions of the digits that omocodia may replace


def codice_fiscale(birth=None, woman=None):
    birth = birth or day_month_year()
    woman = rng.random() < 0.5 if woman is None else woman
    front = "".join(rng.choice(LETTERS) for _ in range(6))
    front += "%02d" % (birth.year % 100) + MONTHS[birth.month - 1] + "%02d" % (birth.day + (40 if woman else 0))
    front += rng.choice(LETTERS) + d(3)
    return front + it_cf.calc_check_digit(front)


def with_check(front):
    return front + it_cf.calc_check_digit(front)


def cf_verdict(number):
    return verdict(it_cf.validate, number)


for _ in range(300):
    cf = codice_fiscale()
    input_ = cf if rng.random() < 0.7 else rng.choice([cf.lower(), group(cf, " ", 4), cf[:6] + " " + cf[6:11] + " " + cf[11:]])
    add("tax-id", "taxid-it-cf", input_, "IT", cf, cf_verdict(cf))
for _ in range(150):
    cf = codice_fiscale()
    positions = rng.sample(CF_DIGITS, rng.randint(1, 7))
    omocode = "".join(OMOCODIA[int(c)] if i in positions else c for i, c in enumerate(cf[:15]))
    number = with_check(omocode)
    add("tax-id", "taxid-it-cf-omocodia", number, "IT", number, cf_verdict(number))
for _ in range(100):
    cf = codice_fiscale()
    number = with_check(cf[:8] + rng.choice([c for c in LETTERS if c not in MONTHS]) + cf[9:15])
    add("tax-id", "taxid-it-cf-bad-month", number, "IT", number, cf_verdict(number))
BAD_DAYS = ["00", "32", "33", "35", "39", "40", "72", "75", "79", "80"]
for _ in range(150):
    cf = codice_fiscale()
    if rng.random() < 0.5:
        day = rng.choice(BAD_DAYS)
    else:  # a day the month does not have: 30 February, 31 April, 29 February of a common year
        month, day = rng.choice([("B", 30), ("B", 31), ("D", 31), ("H", 31), ("P", 31), ("S", 31), ("B", 29)])
        year = "%02d" % (rng.choice([1, 2, 3]) + 4 * rng.randint(0, 24)) if day == 29 else cf[6:8]
        cf = cf[:6] + year + month + cf[9:]
        day = "%02d" % (day + rng.choice([0, 40]))
    number = with_check(cf[:9] + day + cf[11:15])
    add("tax-id", "taxid-it-cf-bad-day", number, "IT", number, cf_verdict(number))
for _ in range(40):  # days 81-99: no one's (41-71 for women), but stdnum reads the day modulo 40
    cf = codice_fiscale()
    number = with_check(cf[:9] + "%02d" % rng.randint(81, 99) + cf[11:15])
    add("tax-id", "taxid-it-cf-day-81-99", number, "IT", number, cf_verdict(number))
for _ in range(40):  # 29 February of a leap year is a birthday
    cf = codice_fiscale(birth=datetime.date(rng.choice([1952, 1968, 1984, 2000, 2004]), 2, 29))
    add("tax-id", "taxid-it-cf", cf, "IT", cf, cf_verdict(cf))
for _ in range(150):
    cf = codice_fiscale()
    number = wrong_check(cf) if rng.random() < 0.5 else corrupt(cf) if rng.random() < 0.5 else cf[:15]
    add("tax-id", "taxid-it-cf-corrupt", number, "IT", number, cf_verdict(number))

for bare in valid_numbers["IT"]:
    add("tax-id", "taxid-it-partita-iva", bare, "IT", bare, cf_verdict(bare))
    bad = corrupt(bare)
    add("tax-id", "taxid-it-partita-iva", bad, "IT", bad, cf_verdict(bad))
    # with its IT prefix, as the VAT number is written: the partita IVA, sent without the prefix
    number = bare if rng.random() < 0.8 else wrong_check(bare)
    input_ = rng.choice(["IT" + number, "IT " + number, "it" + number, "IT-" + number, "IT " + group(number, " ", 4)])
    add("tax-id", "taxid-it-partita-iva-prefixed", input_, "IT", "IT" + number, verdict(it_iva.validate, "IT" + number),
        raw=cf_verdict(input_))  # fmt: skip

for _ in range(250):
    template, alphabet = rng.choice(shapes("ES"))
    number = pick(template, alphabet, es_nif.is_valid)
    if number is None:
        continue
    style = rng.random()
    input_ = number if style < 0.6 else number.lower() if style < 0.7 else number[:-1] + "-" + number[-1] if style < 0.85 else number[0] + "-" + number[1:]
    add("tax-id", "taxid-es-nif", input_, "ES", number, verdict(es_nif.validate, number))
    bad = corrupt(number)
    add("tax-id", "taxid-es-nif-corrupt", bad, "ES", bad, verdict(es_nif.validate, bad))
# Placeholders people type when the real number is unknown: the textbook DNI, and all-zero bodies.
dummies = ["12345678Z", "00000000T", "X0000000T", "Y0000000Z", "Z0000000M"]
dummies += [c + "0000000" + k for c in "ABCDEFGHJNPQRSUVW" for k in "0J"]
dummies += [c + "0000000T" for c in "KLM"]
for number in dummies:
    for input_ in [number, number.lower(), "ES" + number]:
        add("tax-id", "taxid-es-nif-dummy", input_, "ES", number, verdict(es_nif.validate, number))
    add("vat", "vat-es-dummy", "ES" + number, rng.choice([None, "ES"]), "ES" + number, eu_verdict("ES" + number))

for _ in range(200):
    siren = pick(nz() + d(7) + "?", DIGITS, fr_siren.is_valid)
    siret = pick(siren + d(4) + "?", DIGITS, fr_siret.is_valid)
    for number, module in [(siren, fr_siren), (siret, fr_siret)]:
        if rng.random() < 0.25:
            number = wrong_check(number)
        sep = rng.choice([" ", ".", "\u00a0", "\u202f", "\u2009", "-", "\u2013", "/", ""])
        input_ = group(number[:9], sep, 3) + (sep + number[9:] if len(number) > 9 else "")
        cls = "taxid-fr-siren" if len(number) == 9 else "taxid-fr-siret"
        add("tax-id", cls, input_, "FR", number, verdict(module.validate, number), raw=verdict(module.validate, input_))
for _ in range(30):  # La Poste's establishments: a SIRET whose digits add up to a multiple of 5, not Luhn
    number = pick("356000000" + d(4) + "?", DIGITS, fr_siret.is_valid)
    if rng.random() < 0.3:
        number = wrong_check(number)
    add("tax-id", "taxid-fr-siret", number, "FR", number, verdict(fr_siret.validate, number))


def de_verdict(number):
    """A German tax id is the person's Steuer-ID (IdNr) or a Steuernummer; stdnum checks the former's check digit
    and the latter's format (per Land, or the 13-digit country-wide form)."""
    idnr = verdict(de_idnr.validate, number)
    return idnr if idnr[0] else verdict(de_stnr.validate, number)


for _ in range(150):
    while True:
        idnr = pick(nz() + d(9) + "?", DIGITS, de_idnr.is_valid)
        if idnr is not None:
            break
    number = idnr if rng.random() < 0.7 else wrong_check(idnr)
    input_ = number if rng.random() < 0.5 else "%s %s %s %s" % (number[:2], number[2:5], number[5:8], number[8:])
    add("tax-id", "taxid-de-idnr", input_, "DE", number, de_verdict(number))
for _ in range(150):
    fmt = rng.choice(["FFBBBUUUUP", "FFFBBBUUUUP", "0FFBBBUUUUP", "FFFBBBBUUUP", "9FFF0BBBUUUUP", "28FF0BBBUUUUP",
                      "5FFF0BBBBUUUP", "2FFBBBUUUUP", "1FFBBBUUUUP", "FFBBBUUU", "FFFFFFFFFFFFFF"])  # fmt: skip
    number = "".join(c if c.isdigit() else rng.choice(DIGITS) for c in fmt)
    input_ = number if rng.random() < 0.5 else number[:-8] + "/" + number[-8:-4] + "/" + number[-4:]
    add("tax-id", "taxid-de-steuernummer", input_, "DE", number, de_verdict(number))

# ---- output ------------------------------------------------------------------------------------------------------

os.makedirs(OUT, exist_ok=True)
for kind, items in vectors.items():
    with open(os.path.join(OUT, kind + ".jsonl"), "w", encoding="utf-8") as f:
        for vector in items:
            f.write(json.dumps(vector, ensure_ascii=False) + "\n")
counts = {}
for kind, items in vectors.items():
    for vector in items:
        counts[vector["class"]] = counts.get(vector["class"], 0) + 1
meta = {
    "generator": "scripts/reference/make-identifier-vectors.py",
    "python": "%d.%d.%d" % sys.version_info[:3],
    "python-stdnum": stdnum.__version__,
    "seed": SEED,
    "classes": counts,
}
with open(os.path.join(OUT, "meta.json"), "w", encoding="utf-8") as f:
    json.dump(meta, f, indent=2, ensure_ascii=False)
    f.write("\n")
print("%d VAT vectors, %d tax-id vectors" % (len(vectors["vat"]), len(vectors["tax-id"])), file=sys.stderr)
