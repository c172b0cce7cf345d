#!/usr/bin/python3
"""Phone vectors for test/phones-reference.test.ts, with Google's phonenumbers (Debian's python3-phonenumbers) as
the reference. Nothing here uses qonto-import's code.

Each vector is a cell as a person writes it, the client's country (the default region; "" for a row without one),
the organization's country, and phonenumbers' verdict under the importer's documented order:

  1. the client's country (or, without one, the organization's) as the default region;
  2. if the number is written internationally (+ or 00), as an international number whatever the region's
     international prefix (a US client's "0041 ..." is Swiss);
  3. the organization's country as the default region (a French org's "01 42 ..." for a client abroad).

The first attempt phonenumbers finds valid (is_valid_number) wins; the vector records its country code and its
national significant number (Italy's leading zero included), which is what Qonto's phone object is sent, and the
extension. When phonenumbers cannot read a form that the importer must (an extension word it does not know, several
numbers in a cell: the first part it finds valid, thin spaces, a label), it is given an equivalent form, recorded
as `reference_input`.

Run from the project root: /usr/bin/python3 scripts/reference/make-phone-vectors.py
"""

import json
import platform
import random
import re
import sys
from pathlib import Path

import phonenumbers as pn
from phonenumbers import PhoneNumberFormat as F
from phonenumbers import PhoneNumberType as T

COUNTRIES = ["FR", "IT", "ES", "DE", "BE", "CH", "GB", "US", "NL", "PT", "LU"]
BASES_PER_TYPE = 6
OUT = Path(__file__).resolve().parents[2] / "test/fixtures/reference/phones/vectors.json"

rng = random.Random(17)


def parse(text, region):
    try:
        return pn.parse(text, region or None)
    except pn.NumberParseException:
        return None


def verdict(text, client, org):
    """phonenumbers' reading of one number under the importer's order of default regions."""
    first = client or org
    attempts = [first]
    digits_start = re.sub(r"^[^0-9+]*", "", text)
    if digits_start.startswith("+") or digits_start.startswith("00"):
        attempts.append("+")
    if org != first:
        attempts.append(org)
    for region in attempts:
        if region == "+":
            n = parse("+" + digits_start.lstrip("+")[2 if digits_start.startswith("00") else 0 :], None)
        else:
            n = parse(text, region)
        if n is not None and pn.is_valid_number(n):
            return {
                "valid": True,
                "country_code": f"+{n.country_code}",
                "number": pn.national_significant_number(n),
                "extension": n.extension or None,
            }
    return {"valid": False}


def bases(region, kind):
    """The example number and variations on its last digits that phonenumbers still finds valid."""
    example = pn.example_number_for_type(region, kind)
    nsn = pn.national_significant_number(example)
    found = [example]
    seen = {nsn}
    tries = 0
    while len(found) < BASES_PER_TYPE and tries < 500:
        tries += 1
        k = rng.randint(2, min(5, len(nsn) - 2))
        candidate = nsn[:-k] + "".join(rng.choice("0123456789") for _ in range(k))
        if candidate in seen:
            continue
        n = parse(f"+{example.country_code}{candidate}", None)
        if n is not None and pn.is_valid_number(n) and pn.number_type(n) in (kind, T.FIXED_LINE_OR_MOBILE):
            seen.add(candidate)
            found.append(n)
    return found


def fmt(n):
    national = pn.format_number(n, F.NATIONAL)
    international = pn.format_number(n, F.INTERNATIONAL)
    return national, international, pn.format_number(n, F.E164)


vectors = {}


def add(cls, text, client, org, reference_input=None, note=None):
    """One vector: [cell, client's country, organization's country, verdict, extra?], the verdict written
    "+33 612345678", "+33 612345678 ext. 12", or null when phonenumbers finds no valid number."""
    v = verdict(reference_input if reference_input is not None else text, client, org)
    expected = None
    if v["valid"]:
        expected = f'{v["country_code"]} {v["number"]}' + (f' ext. {v["extension"]}' if v["extension"] else "")
    row = [text, client, org, expected]
    extra = {}
    if reference_input is not None and reference_input != text:
        extra["reference_input"] = reference_input
    if note:
        extra["note"] = note
    if extra:
        row.append(extra)
    vectors.setdefault(cls, []).append(row)


def add_multi(text, parts, client, org, note=None):
    """phonenumbers reads one number: it is given the first part it finds valid, the importer's choice."""
    chosen = next((p for p in parts if verdict(p, client, org)["valid"]), parts[0])
    add("multi", text, client, org, reference_input=chosen, note=note)


SPACES = {"nbsp": "\u00a0", "thin": "\u2009", "narrow_nbsp": "\u202f"}
EXTENSION_WORDS = [
    "poste {}",
    "Poste {}",
    "ext. {}",
    "ext {}",
    "Ext. {}",
    "x{}",
    "x {}",
    "int. {}",
    "interno {}",
    "int {}",
    "Durchwahl {}",
    "DW {}",
    "Apparat {}",
    "App. {}",
    "#{}",
    "extensión {}",
    "extension {}",
    "(poste {})",
    "- poste {}",
    ", ext. {}",
]
LABELS = ["Tél. : ", "Tél : ", "tél. ", "Tel. ", "Tel: ", "tel:", "Tél. ", "Mob. ", "Mobile : ", "cell. ", "Tel.: ", "Phone: ", "Fax/Tél. "]
JOINERS = [" / ", " /", "/", " ; ", "; ", ", ", " ou ", " et ", " o ", " oder ", " or ", " - ", " | ", "\n"]
JUNK = ["12", "hello", "N/A", "n/a", "-", "--", "0", "00", "?", "+", "+33", "+33 1 2", "06 12 34", "non communiqué", "aucun", "0000000000", "123456789012345678", "1234", "xxxxxx", "tel:", "Tél. :", "+0 123 456 789", "+999 123 456 789", "abc 12 de"]

all_bases = {}
for region in COUNTRIES:
    for kind in (T.MOBILE, T.FIXED_LINE):
        all_bases[(region, kind)] = bases(region, kind)


def national_prefix(region):
    return pn.PhoneMetadata.metadata_for_region(region).national_prefix


for (region, kind), ns in all_bases.items():
    for i, n in enumerate(ns):
        national, international, e164 = fmt(n)
        cc = str(n.country_code)
        nsn = pn.national_significant_number(n)
        after_cc = international[len(cc) + 2 :]
        # The organization's country is the client's unless a class says otherwise; 1 in 3 rows has no country.
        no_country = i % 3 == 2
        client = "" if no_country else region

        add("national", national, client, region)
        add("national", national.replace(" ", "").replace("(", "").replace(")", "").replace("-", ""), client, region)
        add("international", international, client, region)
        add("international", international, rng.choice(COUNTRIES), region)
        add("e164", e164, client, region)
        add("e164", e164, rng.choice(COUNTRIES), rng.choice(COUNTRIES))
        add("idd00", f"00{cc} {after_cc}", client, region)
        add("idd00", f"00 {cc} {after_cc}", client, region)
        add("idd00", f"00{cc}{nsn}", rng.choice(COUNTRIES), region)
        add("idd00", f"(00{cc}) {after_cc}", client, region)

        prefix = national_prefix(region)
        if prefix == "0" and national.startswith("0"):
            rest = national[1:]
            add("trunk0", f"+{cc} (0){rest}", client, region)
            add("trunk0", f"+{cc} (0) {rest}", client, region)
            add("trunk0", f"+{cc} 0{rest}", client, region)
            add("trunk0", f"+{cc} 0 {rest}", client, region)
            add("trunk0", f"00{cc} (0){rest}", client, region)
            add("trunk0", f"(+{cc}) {national}", client, region)
            add("trunk0", f"(+{cc}) {rest}", client, region)
            add("trunk0", f"+{cc}(0){nsn}", rng.choice(COUNTRIES), region)
        elif nsn.startswith("0"):
            # Italy: the 0 is part of the number, written in brackets as if it were a trunk prefix.
            rest = after_cc[1:]
            add("trunk0", f"+{cc} (0){rest}", client, region)
            add("trunk0", f"+{cc} (0) {rest}", client, region)
            add("trunk0", f"00{cc} (0){rest}", client, region)
            add("trunk0", f"(+{cc}) {after_cc}", client, region)
            add("trunk0", f"+{cc} {rest}", client, region, note="the leading 0 dropped: not a number")

        for name, space in SPACES.items():
            text = international.replace(" ", space)
            add("separators", text, client, region, reference_input=text.replace(space, " "), note=name)
        for sep in [".", "-", "/"]:
            add("separators", national.replace(" ", sep), client, region)
        add("separators", international.replace(" ", "."), client, region)
        add("separators", international.replace(" ", "-"), client, region)
        if " " in national:
            first, rest = national.split(" ", 1)
            add("separators", f"{first}/{rest.replace(' ', '')}", client, region)
            add("separators", f"{first}/{rest}", client, region)
            add("separators", f"{first}-{rest.replace(' ', '.')}", client, region)
        digits = re.sub(r"\D", "", national)
        add("separators", " ".join(digits[j : j + 2] for j in range(0, len(digits), 2)), client, region)

        for k in range(3):
            word = rng.choice(EXTENSION_WORDS)
            ext = str(rng.randint(1, 9999))
            base = rng.choice([national, international])
            add("extension", f"{base} {word.format(ext)}", client, region, reference_input=f"{base} ext. {ext}")

        for k in range(2):
            label = rng.choice(LABELS)
            base = rng.choice([national, international])
            add("label", f"{label}{base}", client, region, reference_input=base)

        if prefix is not None and national.startswith(prefix):
            lost = national[len(prefix) :]
            add("excel_lost_zero", re.sub(r"\D", "", lost), client, region)
        elif nsn.startswith("0"):
            add("excel_lost_zero", nsn[1:], client, region)
        add("excel_lost_zero", f"{cc}{nsn}", client or region, region)

        for k in range(2):
            d = [j for j, c in enumerate(national) if c.isdigit()]
            j = rng.choice(d)
            if k == 0:
                broken = national[:j] + national[j + 1 :]
            else:
                broken = national[:j] + rng.choice("0123456789") + national[j:]
            add("corrupted", broken, client, region)

        other = rng.choice([c for c in COUNTRIES if c != region])
        # A foreign client's number written internationally.
        add("wrong_region", international, other, rng.choice(COUNTRIES))
        add("wrong_region", f"00{cc} {after_cc}", other, rng.choice(COUNTRIES))
        # The organization's own national form for a client abroad.
        add("wrong_region", national, other, region)
        # Another country's national form with neither the client's nor the org's country.
        add("wrong_region", national, other, other)

        second = rng.choice(ns)
        s_nat, s_int, _ = fmt(second)
        for k in range(2):
            joiner = rng.choice(JOINERS)
            a = rng.choice([national, international])
            b = rng.choice([s_nat, s_int])
            add_multi(f"{a}{joiner}{b}", [a, b], client, region)
        # The first cut short: phonenumbers may still find it valid (a shorter German or Italian number).
        broken = national[: len(national) - 3]
        add_multi(f"{broken} / {s_nat}", [broken, s_nat], client, region, note="first cut short")

# Random digits after a real number's first two: where phonenumbers' metadata and libphonenumber-js's, of other
# versions, may part.
for region in COUNTRIES:
    md = pn.PhoneMetadata.metadata_for_region(region)
    lengths = list(md.general_desc.possible_length)
    heads = [pn.national_significant_number(n)[:2] for kind in (T.MOBILE, T.FIXED_LINE) for n in all_bases[(region, kind)]]
    for i in range(40):
        length = rng.choice(lengths)
        head = rng.choice(heads) if i % 4 else str(rng.randint(1, 9))
        nsn = (head + "".join(rng.choice("0123456789") for _ in range(length)))[:length]
        prefix = md.national_prefix if md.national_prefix and not nsn.startswith("0") else ""
        add("random_digits", prefix + nsn, region, region)

for text in JUNK:
    add("junk", text, "FR", "FR")
    add("junk", text, "IT", "DE")

meta = {
    "generator": "scripts/reference/make-phone-vectors.py",
    "python": platform.python_version(),
    "phonenumbers": pn.__version__,
    "seed": 17,
    "count": sum(len(rows) for rows in vectors.values()),
    "row": ["cell", "client's country ('' for none)", "organization's country", "verdict or null", "extra?"],
}
# Prettier keeps each vector on one line (npx prettier --write afterwards changes nothing but spacing).
with OUT.open("w", encoding="utf-8") as f:
    json.dump({"meta": meta, "vectors": vectors}, f, ensure_ascii=False)
print(f"{meta['count']} vectors -> {OUT}", file=sys.stderr)
