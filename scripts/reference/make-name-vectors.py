#!/usr/bin/python3
"""Name vectors for splitFullName (issue 17): generated full names, what python-nameparser makes of each, and
what the generator meant.

Run from the project root (see test/fixtures/reference/names/README.md):

    /usr/bin/python3 scripts/reference/make-name-vectors.py
    npx prettier --write test/fixtures/reference/names/vectors.json

Nothing here uses qonto-import's code or word lists: the pools below are typed independently, and they hold
names the importer's lists do not know, so that agreement is measured, not built in.
"""

import json
import platform
import random
import re
import sys
import unicodedata
from collections import OrderedDict

import nameparser
from nameparser import HumanName
from nameparser.config import Constants

OUT = "test/fixtures/reference/names/vectors.json"
SEED = 17
PER_CLASS = 300

# ---------------------------------------------------------------------------------------------------------------
# nameparser, configured for five languages. Its defaults are English: French, Italian, German and Spanish titles,
# particles and quotes are added; a fresh Constants per name, because parsing adds entries to the one it is given.

TITLES = {
    "fr": ["Monsieur", "Madame", "Mademoiselle", "M.", "MM.", "Mme", "Mmes", "Mlle", "Me", "Maître", "Dr",
           "Docteur", "Pr", "Professeur"],
    "it": ["Sig.", "Sig.ra", "Sig.na", "Signor", "Signora", "Signorina", "Dott.", "Dott.ssa", "Avv.", "Ing.",
           "Geom.", "Rag.", "Arch.", "Prof.", "Prof.ssa", "Dr."],
    "de": ["Herr", "Frau", "Dr.", "Prof.", "Dr.-Ing.", "Dipl.-Ing.", "Dipl.-Kfm.", "Mag."],
    "es": ["Don", "Doña", "Sr.", "Sra.", "Srta.", "D.", "Dña.", "Dr.", "Dra.", "Señor", "Señora", "Lic."],
    "en": ["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Mister"],
}
# Particles of the five languages (and Portuguese), added to nameparser's prefixes.
PARTICLES = ["de", "du", "des", "d'", "di", "da", "dal", "del", "della", "dei", "degli", "van", "der", "den",
             "von", "vom", "zu", "ten", "ter", "dos", "das", "le", "la", "lo", "los", "las"]
QUOTES_SINGLE = "'‘’‚‹›"
QUOTES_DOUBLE_OPEN = "\"“”„«"
QUOTES_DOUBLE_CLOSE = "\"“”»"


def constants():
    c = Constants()
    for titles in TITLES.values():
        c.titles.add(*titles)
        # nameparser compares titles lower-cased, dots stripped at the ends only: "Dott.ssa" and "Dottssa" differ.
        c.titles.add(*[t.replace(".", "") for t in titles])
    # A default of nameparser's that reads the Italian Sig.ra as a suffix.
    c.suffix_not_acronyms.remove("sig.ra")
    c.prefixes.add(*PARTICLES)
    c.regexes.quoted_word = re.compile(r"(?<!\w)[%s]([^\s]*?)[%s](?!\w)" % (QUOTES_SINGLE, QUOTES_SINGLE))
    c.regexes.double_quotes = re.compile(r"[%s](.*?)[%s]" % (QUOTES_DOUBLE_OPEN, QUOTES_DOUBLE_CLOSE))
    return c


def nameparser_view(full):
    """(first, last) as Qonto would get them: first and middle names are the first name; titles, suffixes and
    nicknames are no part of either. None when either is empty (the importer refuses such a row)."""
    h = HumanName(full, constants=constants())
    first = " ".join(p for p in (h.first, h.middle) if p)
    last = h.last
    if not first or not last:
        return None
    return [first, last]


# ---------------------------------------------------------------------------------------------------------------
# Pools. Deliberately wider than the importer's lists.

GIVEN = {
    "fr": ["Jean", "Pierre", "Marie", "Sophie", "Julien", "Camille", "Nicolas", "Isabelle", "Philippe", "Nathalie",
           "François", "Hélène", "Thomas", "Céline", "Laurent", "Émilie", "Olivier", "Claire", "Antoine", "Aurélie",
           "Mathieu", "Sandrine", "Guillaume", "Valérie", "Benoît", "Élodie", "Stéphane", "Amélie", "Sébastien",
           "Margaux", "Louis", "Chloé", "Hugo", "Manon", "Lucas", "Léa", "Théo", "Inès", "Yves", "Gaëlle"],
    "it": ["Marco", "Giuseppe", "Giovanni", "Antonio", "Francesco", "Luca", "Alessandro", "Andrea", "Matteo",
           "Lorenzo", "Paolo", "Stefano", "Roberto", "Davide", "Simone", "Federico", "Riccardo", "Fabio", "Massimo",
           "Maria", "Anna", "Giulia", "Francesca", "Chiara", "Sara", "Laura", "Valentina", "Elena", "Alessia",
           "Martina", "Silvia", "Federica", "Paola", "Roberta", "Giorgia", "Elisa", "Cristina", "Beatrice",
           "Ilaria", "Simona"],
    "de": ["Hans", "Peter", "Klaus", "Wolfgang", "Jürgen", "Michael", "Thomas", "Andreas", "Stefan", "Frank",
           "Markus", "Uwe", "Bernd", "Ralf", "Sabine", "Petra", "Monika", "Ursula", "Claudia", "Susanne", "Andrea",
           "Birgit", "Karin", "Heike", "Anja", "Katrin", "Julia", "Lukas", "Jonas", "Leon", "Felix", "Maximilian",
           "Paul", "Sophie", "Lena", "Hannah", "Jörg", "Günter", "Dieter", "Helga"],
    "es": ["José", "Antonio", "Manuel", "Francisco", "Juan", "David", "Javier", "Daniel", "Carlos", "Jesús",
           "Alejandro", "Miguel", "Rafael", "Pedro", "Pablo", "Ángel", "Sergio", "Fernando", "Jorge", "Luis",
           "Alberto", "Álvaro", "Adrián", "Diego", "Raúl", "María", "Carmen", "Ana", "Isabel", "Laura", "Cristina",
           "Marta", "Lucía", "Elena", "Pilar", "Paula", "Sara", "Rosa", "Raquel", "Beatriz", "Patricia", "Silvia",
           "Nuria", "Rocío", "Irene", "Andrea", "Mercedes", "Alicia", "Inés", "Dolores"],
    "en": ["John", "Michael", "David", "James", "Robert", "William", "Richard", "Thomas", "Christopher", "Daniel",
           "Matthew", "Andrew", "Mark", "Paul", "Steven", "Mary", "Jennifer", "Linda", "Elizabeth", "Susan",
           "Jessica", "Sarah", "Karen", "Emily", "Emma", "Olivia", "Charlotte", "Oliver", "George", "Harry", "Jack",
           "Amelia", "Sophia", "Grace", "Lucy", "Hannah", "Rachel", "Rebecca", "Laura", "Kevin"],
}

SURNAMES = {
    "fr": ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
           "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
           "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez",
           "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas",
           "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin",
           "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer", "Denis", "Lemaire", "Duval", "Joly", "Gautier",
           "Roger", "Roche", "Roy", "Noël", "Meyer", "Lucas", "Meunier", "Perez", "Marchand", "Dufour", "Blanchard",
           "Barbier", "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez", "Renard", "Arnaud",
           "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud", "Lemoine", "Picard",
           "Gaillard", "Lacroix", "Fabre", "Dupuis", "Hubert", "Guillot", "Rivière", "Moulin", "Berger", "Lecomte",
           "Ménard", "Fleury", "Deschamps", "Carpentier", "Maillard", "Aubry", "Vasseur", "Renault", "Jacquet",
           "Prévost", "Poirier", "Charpentier", "Royer", "Huet", "Dupuy", "Pons", "Carré", "Breton", "Rémy",
           "Perrot", "Guyot", "Marty", "Cousin", "Martin-Duval", "Lefort-Roussel"],
    "it": ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
           "Bruno", "Gallo", "Conti", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti", "Barbieri",
           "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini", "Leone", "Longo",
           "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "Marchetti", "Parisi", "Villa",
           "Conte", "Ferraro", "Ferri", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini", "Messina", "Sala",
           "Gatti", "Pellegrini", "Palumbo", "Sanna", "Farina", "Rizzi", "Monti", "Cattaneo", "Morelli", "Amato",
           "Silvestri", "Mazza", "Testa", "Grassi", "Pellegrino", "Carbone", "Giuliani", "Benedetti", "Barone",
           "Rossetti", "Caputo", "Montanari", "Guerra", "Palmieri", "Bernardi", "Martino", "Fiore", "Ferretti",
           "Bellini", "Basile", "Riva", "Donati", "Piras", "Vitali", "Battaglia", "Sartori", "Neri", "Costantini",
           "Milani", "Pagano", "Ruggiero", "Sorrentino", "Orlando", "Negri"],
    "de": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
           "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann",
           "Braun", "Krüger", "Hofmann", "Hartmann", "Lange", "Schmitt", "Werner", "Schmitz", "Krause", "Meier",
           "Lehmann", "Schmid", "Schulze", "Maier", "Köhler", "Herrmann", "König", "Walter", "Mayer", "Huber",
           "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Schubert", "Vogel",
           "Friedrich", "Keller", "Günther", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Franke",
           "Albrecht", "Schuster", "Simon", "Ludwig", "Böhm", "Winter", "Kraus", "Schumacher", "Krämer", "Vogt",
           "Stein", "Jäger", "Otto", "Sommer", "Groß", "Seidel", "Heinrich", "Brandt", "Haas", "Schreiber",
           "Schulte", "Dietrich", "Ziegler", "Kuhn", "Kühn", "Pohl", "Engel", "Horn", "Busch", "Bergmann", "Voigt",
           "Sauer", "Arnold", "Wolff", "Pfeiffer", "Müller-Lüdenscheidt", "Schulze-Delitzsch"],
    "es": ["García", "Rodríguez", "González", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
           "Martín", "Jiménez", "Hernández", "Ruiz", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Gutiérrez",
           "Alonso", "Navarro", "Torres", "Domínguez", "Ramos", "Vázquez", "Ramírez", "Gil", "Serrano", "Morales",
           "Molina", "Blanco", "Suárez", "Castro", "Ortega", "Delgado", "Ortiz", "Marín", "Rubio", "Núñez",
           "Medina", "Sanz", "Castillo", "Iglesias", "Cortés", "Garrido", "Santos", "Guerrero", "Lozano", "Cano",
           "Cruz", "Méndez", "Flores", "Prieto", "Herrera", "Peña", "León", "Márquez", "Cabrera", "Gallego",
           "Calvo", "Vidal", "Campos", "Reyes", "Vega", "Fuentes", "Carrasco", "Diez", "Aguilar", "Caballero",
           "Nieto", "Santana", "Vargas", "Pascual", "Giménez", "Herrero", "Hidalgo", "Montero", "Lorenzo",
           "Santiago", "Benítez", "Durán", "Ibáñez", "Arias", "Mora", "Ferrer", "Carmona", "Vicente", "Rojas",
           "Soto", "Crespo", "Román", "Pastor", "Velasco", "Parra", "Sáez", "Moya", "Bravo", "Rivera", "Gallardo",
           "Soler", "Esteban", "Pardo", "Sosa", "Franco", "Espinosa", "Aranda", "Bermúdez", "Zamora", "Luque",
           "Ochoa", "Valdés", "Olmedo", "Quintana", "Salazar", "Villanueva", "Ibarra", "Echeverría", "Aguirre",
           "Urrutia", "Etxeberria", "Goikoetxea", "Zubizarreta", "Olabarrieta", "Arrieta", "Beltrán", "Mejía",
           "Cuesta", "Robles", "Solís", "Cisneros", "Palacios", "Barrios", "Toledo", "Vallejo", "Pacheco"],
    "en": ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
           "Moore", "Jackson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
           "Wright", "Scott", "Hill", "Green", "Adams", "Baker", "Nelson", "Carter", "Mitchell", "Roberts",
           "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins", "Stewart", "Morris",
           "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Cox",
           "Ward", "Richardson", "Watson", "Brooks", "Wood", "Hughes", "Price", "Bennett", "Gray", "O'Brien",
           "O'Connor", "McDonald", "MacLeod", "Smith-Jones"],
}

# Compound first names written with a space, the way exports often lose the hyphen.
COMPOUND_GIVEN = {
    "fr": ["Jean Pierre", "Marie Claire", "Anne Sophie", "Jean Marc", "Marie Christine", "Jean Luc",
           "Marie Hélène", "Jean François", "Pierre Yves", "Anne Marie", "Marie Laure", "Jean Claude",
           "Jean Michel", "Marie France", "Jean Paul", "Paul Henri", "Louis Philippe", "Marie Thérèse",
           "Jean Baptiste", "Marie Noëlle", "Pierre Alain", "Anne Laure", "Jean Louis", "Marie Odile"],
    "it": ["Maria Grazia", "Gian Luca", "Gian Paolo", "Anna Maria", "Maria Teresa", "Pier Luigi", "Gian Marco",
           "Maria Rosa", "Anna Rita", "Maria Luisa", "Gian Carlo", "Maria Cristina", "Pier Paolo", "Maria Elena",
           "Anna Lisa", "Maria Chiara", "Gian Franco", "Maria Pia", "Rosa Maria", "Maria Antonietta",
           "Pier Giorgio", "Maria Vittoria", "Gian Piero", "Maria Assunta"],
    "de": ["Karl Heinz", "Hans Peter", "Hans Jürgen", "Klaus Dieter", "Hans Joachim", "Anna Lena", "Eva Maria",
           "Hans Georg", "Ernst August", "Lisa Marie", "Marie Luise", "Hans Werner", "Karl Otto", "Hans Dieter",
           "Heinz Jürgen", "Anne Kathrin", "Hans Ulrich", "Franz Josef", "Karl Friedrich", "Rolf Dieter"],
    "es": ["José Luis", "María José", "Juan Carlos", "José Antonio", "María Carmen", "Juan José", "José Manuel",
           "Francisco Javier", "Miguel Ángel", "Ana María", "María Isabel", "Juan Pablo", "María Teresa",
           "Luis Miguel", "José Ramón", "María Pilar", "María Dolores", "Ana Belén", "María Luisa", "José María",
           "María Ángeles", "Juan Antonio", "María Jesús", "José Ignacio", "María Elena", "Juan Manuel",
           "María Victoria", "José Carlos", "María Rosa", "Juan Ramón"],
    "en": ["Mary Ann", "John Paul", "Sarah Jane", "Anna Mae", "Mary Kate", "Mary Beth", "Lee Ann", "Ann Marie"],
}
HYPHENATED_GIVEN = ["Jean-Pierre", "Marie-Claire", "Anne-Sophie", "Jean-Luc", "Hans-Peter", "Karl-Heinz",
                    "Anna-Lena", "Jean-Baptiste", "Marie-Ève", "Jean-François", "Pier-Luigi", "Gian-Luca",
                    "Eva-Maria", "Klaus-Dieter", "Marie-Hélène", "José-Luis"]

PARTICLE_SURNAMES = {
    "fr": ["de Gaulle", "de Villepin", "de La Fontaine", "de la Tour", "du Pont", "du Bellay", "des Forges",
           "des Rosiers", "d'Ormesson", "d'Alembert", "d’Arcy", "de Montfort", "de Saint-Exupéry", "Le Gall",
           "Le Pen", "Le Goff", "Le Roux", "La Fontaine", "Le Bihan", "de Lattre", "du Guesclin", "de Rohan",
           "de Broglie", "Des Moulins", "de la Motte", "De Smet"],
    "it": ["De Luca", "De Rosa", "De Santis", "Di Stefano", "Di Maio", "Del Piero", "Della Valle", "Dei Rossi",
           "D'Angelo", "D'Amico", "Lo Russo", "La Rosa", "Lo Bianco", "Di Giovanni", "De Angelis", "Dal Molin",
           "della Robbia", "Da Ponte", "Degli Esposti", "di Montezemolo", "De Sica", "Lo Presti", "La Russa"],
    "de": ["von Braun", "von der Leyen", "von Weizsäcker", "zu Guttenberg", "van Beethoven", "van der Rohe",
           "van den Berg", "van Dijk", "ten Brink", "ter Stegen", "von Trapp", "von Bismarck", "van der Meer",
           "von Stauffenberg", "van den Broek", "ter Horst", "vom Bruch", "von der Heyden", "van Gogh"],
    "es": ["de la Vega", "del Bosque", "de los Santos", "de León", "de la Cruz", "del Río", "dos Santos",
           "das Neves", "da Costa", "de Souza", "del Castillo", "de Oliveira", "de la Fuente", "de las Heras",
           "del Valle", "de Miguel", "de la Rosa", "da Silva", "del Olmo", "de Castro"],
    "en": ["Van Buren", "de Vries", "Van Halen", "De Niro", "Du Bois", "La Salle", "Le Blanc"],
}

SUFFIXES = ["Jr.", "Jr", "Sr.", "II", "III", "IV", "Jnr", "jr."]
NICKNAMES = {
    "fr": ["Pierrot", "Jeannot", "Manu", "Fred", "Steph", "Nico", "Seb", "Babette", "Coco", "Juju"],
    "it": ["Beppe", "Gigi", "Pino", "Tonino", "Betta", "Fede", "Ciccio", "Lele", "Vale", "Totò"],
    "de": ["Hansi", "Sepp", "Jupp", "Uli", "Steffi", "Kalle", "Lutz", "Gabi", "Bärbel", "Franzl"],
    "es": ["Paco", "Pepe", "Nacho", "Quique", "Lola", "Pili", "Charo", "Chema", "Manolo", "Lupe"],
    "en": ["Bob", "Bill", "Jim", "Bobby", "Liz", "Kate", "Tom", "Bud", "Sandy", "Chuck"],
}
NICKNAME_QUOTES = [("(", ")"), ('"', '"'), ("“", "”"), ("« ", " »"), ("«", "»"), ("„", "“"), ("’", "’"),
                   ("'", "'"), ("‘", "’")]
LANGS = ["fr", "it", "de", "es", "en"]
# Titles that are also a first name or an initial: the importer reads "Don Johnson" and "D. Smith" as names.
NAME_LIKE_TITLES = ["Don", "D."]

rng = random.Random(SEED)


def pick(seq):
    return seq[rng.randrange(len(seq))]


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def title_variant(title):
    """A title as people write it: as listed, without its dots, in capitals or in small letters."""
    v = pick(["as is", "as is", "no dot", "upper", "lower"])
    if v == "no dot" and title.endswith("."):
        return title[:-1]
    if v == "upper":
        return title.upper()
    if v == "lower":
        return title.lower()
    return title


def given(lang):
    return pick(GIVEN[lang])


def first_name(lang):
    """A first name, sometimes a compound one."""
    r = rng.random()
    if r < 0.15:
        return pick(COMPOUND_GIVEN[lang])
    if r < 0.22:
        return pick(HYPHENATED_GIVEN)
    return given(lang)


def surname(lang):
    return pick(PARTICLE_SURNAMES[lang]) if rng.random() < 0.15 else pick(SURNAMES[lang])


def plain_surname(lang):
    return pick(SURNAMES[lang])


def spaced(*parts):
    return " ".join(p for p in parts if p)


# ---------------------------------------------------------------------------------------------------------------
# Classes: each makes (input, intended) where intended is [first, last] or None (refused).


def c_plain():
    lang = pick(LANGS)
    f, l = given(lang), plain_surname(lang)
    case = pick(["title", "title", "title", "title", "lower", "upper"])
    if case == "lower":
        f, l = f.lower(), l.lower()
    elif case == "upper":
        f, l = f.upper(), l.upper()
    sep = pick([" ", " ", " ", "  ", "\u00a0"])
    return f"{f}{sep}{l}", [f, l]


def c_given_middle():
    lang = pick(["en", "en", "en", "fr", "it", "de"])
    f, m, l = given(lang), given(lang), plain_surname(lang)
    if f == m:
        return None
    return spaced(f, m, l), [spaced(f, m), l]


def c_compound_first():
    lang = pick(LANGS)
    f = pick(HYPHENATED_GIVEN) if rng.random() < 0.3 else pick(COMPOUND_GIVEN[lang])
    l = plain_surname(lang) if lang != "es" else pick(SURNAMES["es"])
    return spaced(f, l), [f, l]


def c_particles():
    lang = pick(LANGS)
    f, l = (first_name(lang) if rng.random() < 0.3 else given(lang)), pick(PARTICLE_SURNAMES[lang])
    return spaced(f, l), [f, l]


def titled(lang):
    titles = TITLES[lang]
    t = title_variant(pick(titles))
    # Two titles in a row, as German and Italian write them ("Prof. Dr.", "Dott. Ing.").
    if lang in ("de", "it") and rng.random() < 0.15:
        t = spaced(title_variant(pick(["Prof.", "Dr."])), title_variant(pick(titles)))
    f, l = first_name(lang), surname(lang)
    return spaced(t, f, l), [f, l]


def c_titles_fr():
    return titled("fr")


def c_titles_it():
    return titled("it")


def c_titles_de():
    return titled("de")


def c_titles_es():
    return titled("es")


def c_titles_en():
    return titled("en")


def c_title_one_word():
    lang = pick(LANGS)
    t = title_variant(pick([t for t in TITLES[lang] if t not in NAME_LIKE_TITLES]))
    return spaced(t, plain_surname(lang)), None


def c_title_alone():
    lang = pick(LANGS)
    t = title_variant(pick(TITLES[lang]))
    if rng.random() < 0.2:
        t = spaced(t, title_variant(pick(TITLES[lang])))
    return t, None


def c_name_like_title_one_word():
    t = pick(NAME_LIKE_TITLES)
    lang = pick(["en", "es"])
    # The importer's reading: a first name or an initial before a lone surname.
    l = plain_surname(lang)
    return spaced(t, l), [t, l]


def c_suffixes():
    lang = pick(["en", "en", "en", "es", "fr", "de"])
    f, l = first_name(lang), plain_surname(lang)
    s = pick(SUFFIXES)
    form = pick(["end", "end", "end", "comma end", "inverted before", "inverted after"])
    if form == "end":
        full = spaced(f, l, s)
    elif form == "comma end":
        full = f"{f} {l}, {s}"
    elif form == "inverted before":
        full = f"{l} {s}, {f}"
    else:
        full = f"{l}, {f} {s}"
    return full, [f, l]


def c_nicknames():
    lang = pick(LANGS)
    f, l = first_name(lang), surname(lang)
    o, c = pick(NICKNAME_QUOTES)
    nick = pick(NICKNAMES[lang])
    quoted = f"{o}{nick}{c}"
    where = pick(["middle", "middle", "middle", "end"])
    full = spaced(f, quoted, l) if where == "middle" else spaced(f, l, quoted)
    return full, [f, l]


def caps(s):
    return s.upper()


def c_surname_caps_first():
    lang = pick(["fr", "fr", "fr", "it", "de", "es"])
    f = first_name(lang)
    l = surname(lang)
    # Particles are sometimes left in small letters ("de LA TOUR").
    L = caps(l) if rng.random() < 0.8 else " ".join(w if w.lower() in PARTICLES else w.upper() for w in l.split())
    if not any(w.isupper() and len(w) > 1 and w.lower() not in PARTICLES for w in L.split()):
        return None
    t = title_variant(pick(TITLES["fr"])) if rng.random() < 0.15 else ""
    return spaced(t, L, f), [f, L]


def c_surname_caps_last():
    lang = pick(LANGS)
    f = first_name(lang)
    l = caps(plain_surname(lang)) if rng.random() < 0.85 else caps(pick(PARTICLE_SURNAMES[lang]))
    return spaced(f, l), [f, l]


def c_all_caps():
    lang = pick(LANGS)
    f, l = given(lang), surname(lang)
    return caps(spaced(f, l)), [caps(f), caps(l)]


def c_inverted_comma():
    lang = pick(LANGS)
    f, l = first_name(lang), surname(lang)
    if lang == "es" and rng.random() < 0.4:
        l = spaced(pick(SURNAMES["es"]), pick(SURNAMES["es"]))
    if rng.random() < 0.2:
        l = caps(l)
    sep = pick([", ", ", ", ",", " , "])
    t = title_variant(pick(TITLES[lang])) + " " if rng.random() < 0.1 else ""
    return f"{l}{sep}{t}{f}", [f, l]


def c_inverted_trailing_particle():
    lang = pick(["fr", "de", "es"])
    l = pick([p for p in PARTICLE_SURNAMES[lang] if " " in p and p.split()[0].islower()])
    particle, rest = l.rsplit(" ", 1)
    f = first_name(lang)
    return f"{rest}, {f} {particle}", [f, l]


def c_spanish_double():
    f = pick(COMPOUND_GIVEN["es"]) if rng.random() < 0.3 else given("es")
    s1, s2 = pick(SURNAMES["es"]), pick(SURNAMES["es"])
    if s1 == s2:
        return None
    if rng.random() < 0.1:
        s1 = pick([p for p in PARTICLE_SURNAMES["es"] if p.startswith("de") or p.startswith("del")])
    r = rng.random()
    if r < 0.25:
        f, s1, s2 = fold(f), fold(s1), fold(s2)
    elif r < 0.35:
        s1, s2 = caps(s1), caps(s2)
    elif r < 0.4:
        f, s1, s2 = caps(f), caps(s1), caps(s2)
    l = spaced(s1, s2)
    return spaced(f, l), [f, l]


def c_single_word():
    lang = pick(LANGS)
    w = pick([given(lang), plain_surname(lang), pick(HYPHENATED_GIVEN), caps(plain_surname(lang))])
    return pick(["", " "]) + w, None


def c_mixed():
    lang = pick(LANGS)
    t = title_variant(pick(TITLES[lang]))
    f, l = first_name(lang), surname(lang)
    o, c = pick(NICKNAME_QUOTES)
    nick = f"{o}{pick(NICKNAMES[lang])}{c}" if rng.random() < 0.5 else ""
    suffix = pick(SUFFIXES) if lang in ("en", "es") and rng.random() < 0.4 else ""
    if not nick and not suffix:
        nick = f"({pick(NICKNAMES[lang])})"
    return spaced(t, f, nick, l, suffix), [f, l]


CLASSES = OrderedDict(
    [
        ("plain", (c_plain, "two words, any case, any of the five languages")),
        ("given_middle", (c_given_middle, "first, middle and last name: the middle name goes with the first")),
        ("compound_first", (c_compound_first, "compound first names, hyphenated or with a space")),
        ("particles", (c_particles, "de, du, d', di, della, von der, van den, ten, dos... with the last name")),
        ("titles_fr", (c_titles_fr, "French civilities and honorifics before the name")),
        ("titles_it", (c_titles_it, "Italian titles before the name")),
        ("titles_de", (c_titles_de, "German titles before the name")),
        ("titles_es", (c_titles_es, "Spanish titles before the name")),
        ("titles_en", (c_titles_en, "English titles before the name")),
        ("title_one_word", (c_title_one_word, "a title and one word: refused")),
        ("title_alone", (c_title_alone, "titles only: refused")),
        ("name_like_title_one_word", (c_name_like_title_one_word, "Don or D. before one word")),
        ("suffixes", (c_suffixes, "Jr., Sr., II, III, IV at the end, with or without a comma")),
        ("nicknames", (c_nicknames, "a nickname in parentheses or quotes of any kind")),
        ("surname_caps_first", (c_surname_caps_first, "SURNAME First, the French convention")),
        ("surname_caps_last", (c_surname_caps_last, "First SURNAME")),
        ("all_caps", (c_all_caps, "FIRST LAST in capitals")),
        ("inverted_comma", (c_inverted_comma, "Last, First")),
        ("inverted_trailing_particle", (c_inverted_trailing_particle, "Last, First particle")),
        ("spanish_double", (c_spanish_double, "Spanish first name(s) and two surnames")),
        ("single_word", (c_single_word, "one word: refused")),
        ("mixed", (c_mixed, "title, nickname, particle and suffix together")),
    ]
)


def main():
    out = OrderedDict()
    out["generator"] = "scripts/reference/make-name-vectors.py"
    out["seed"] = SEED
    out["versions"] = {"python": platform.python_version(), "nameparser": nameparser.__version__}
    out["vector"] = ["input", "intended", "nameparser"]
    out["projection"] = (
        "nameparser: first = first + middle, last = last; title, suffix and nickname dropped; "
        "null when first or last is empty (a refused row)"
    )
    out["classes"] = OrderedDict()
    for name, (make, description) in CLASSES.items():
        seen = set()
        vectors = []
        attempts = 0
        while len(vectors) < PER_CLASS and attempts < PER_CLASS * 50:
            attempts += 1
            made = make()
            if made is None:
                continue
            full, intended = made
            if full in seen:
                continue
            seen.add(full)
            vectors.append([full, intended, nameparser_view(full)])
        out["classes"][name] = OrderedDict([("description", description), ("vectors", vectors)])

    # prettier then puts each vector on one line (see the README).
    text = json.dumps(out, ensure_ascii=False, indent=2)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    total = sum(len(c["vectors"]) for c in out["classes"].values())
    print(f"{total} vectors in {len(out['classes'])} classes → {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
