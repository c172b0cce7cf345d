import { describe, expect, it } from "vitest";
import { droppedNote, readFullName, splitFullName } from "../src/validate/names.js";

describe("splitFullName", () => {
  it.each([
    // Plain order, whitespace collapsed
    { full: "Jean Dupont", first: "Jean", last: "Dupont" },
    { full: "  Jean \t  Dupont\u00a0 ", first: "Jean", last: "Dupont" },
    { full: "John Smith", first: "John", last: "Smith" },
    { full: "Mario Rossi", first: "Mario", last: "Rossi" },

    // A name-like title before a lone surname is the first name or an initial
    { full: "Don Johnson", first: "Don", last: "Johnson" },
    { full: "Mr Don Draper", first: "Don", last: "Draper" },
    { full: "D. Smith", first: "D.", last: "Smith" },
    { full: "Me Dupont", first: "", last: "Dupont" }, // Maître: still a title

    // Titles, one or several, with or without a dot, any case
    { full: "M. Jean Dupont", first: "Jean", last: "Dupont" },
    { full: "m jean dupont", first: "jean", last: "dupont" },
    { full: "MM. Jean Dupont", first: "Jean", last: "Dupont" },
    { full: "Mme Marie Curie", first: "Marie", last: "Curie" },
    { full: "MLLE Sophie Martin", first: "Sophie", last: "Martin" },
    { full: "Me Jacques Vergès", first: "Jacques", last: "Vergès" },
    { full: "Pr. Luc Montagnier", first: "Luc", last: "Montagnier" },
    { full: "Mrs. Jane Doe", first: "Jane", last: "Doe" },
    { full: "Miss Jane Marple", first: "Jane", last: "Marple" },
    { full: "Prof. Dr. Hans Müller", first: "Hans", last: "Müller" },
    { full: "Dr. med. Eva Schmidt", first: "Eva", last: "Schmidt" },
    { full: "Dr.med. Eva Schmidt", first: "Eva", last: "Schmidt" },
    { full: "Sig.ra Maria Rossi", first: "Maria", last: "Rossi" },
    { full: "Sig.na Giulia Verdi", first: "Giulia", last: "Verdi" },
    { full: "Sig. Paolo Conte", first: "Paolo", last: "Conte" },
    { full: "Dott.ssa Anna Bianchi", first: "Anna", last: "Bianchi" },
    { full: "Avv. Luca Neri", first: "Luca", last: "Neri" },
    { full: "Ing. Marco Galli", first: "Marco", last: "Galli" },
    { full: "Frau Anna Schulz", first: "Anna", last: "Schulz" },
    { full: "Sra. Ana López", first: "Ana", last: "López" },
    { full: "Srta. Lucía Gómez", first: "Lucía", last: "Gómez" },
    { full: "Doña Carmen Ruiz", first: "Carmen", last: "Ruiz" },
    { full: "Dña. Carmen Ruiz", first: "Carmen", last: "Ruiz" },
    { full: "Don Diego de la Vega", first: "Diego", last: "de la Vega" },
    { full: "D. Pedro Sánchez", first: "Pedro", last: "Sánchez" },
    { full: "Monsieur Jean Dupont", first: "Jean", last: "Dupont" },
    { full: "MADAME Marie Curie", first: "Marie", last: "Curie" },
    { full: "mademoiselle Inès Lemaire", first: "Inès", last: "Lemaire" },
    { full: "Maître Jacques Vergès", first: "Jacques", last: "Vergès" },
    { full: "Docteur Inès Rousseau", first: "Inès", last: "Rousseau" },
    { full: "Professeur Louis Dumas", first: "Louis", last: "Dumas" },
    { full: "Signor Alessandro Di Giovanni", first: "Alessandro", last: "Di Giovanni" },
    { full: "SIGNORA Martina Testa", first: "Martina", last: "Testa" },
    { full: "Prof.ssa Maria Pia Della Valle", first: "Maria Pia", last: "Della Valle" },
    { full: "Geom. Paolo Neri", first: "Paolo", last: "Neri" },
    { full: "Rag. Anna Sala", first: "Anna", last: "Sala" },
    { full: "Arch Renzo Piano", first: "Renzo", last: "Piano" },
    { full: "Dr.-Ing. Karl Weber", first: "Karl", last: "Weber" },
    { full: "Dipl.-Ing. Eva Lang", first: "Eva", last: "Lang" },
    { full: "Prof. Dipl.-Kfm. Maximilian Werner", first: "Maximilian", last: "Werner" },
    { full: "Mag. Hans Ulrich Schuster", first: "Hans Ulrich", last: "Schuster" },
    { full: "Señora Carmen Ruiz", first: "Carmen", last: "Ruiz" },
    { full: "Dra. Sara Cuesta", first: "Sara", last: "Cuesta" },
    { full: "Lic. Jorge Ramos", first: "Jorge", last: "Ramos" },
    { full: "Mx Sam Taylor", first: "Sam", last: "Taylor" },

    // Titles that are also names: never dropped when they would leave no name
    { full: "Don", first: "", last: "Don" },
    { full: "M. Don", first: "", last: "Don" },
    { full: "Me", first: "", last: "Me" },
    { full: "D.", first: "", last: "D." },
    { full: "Draper, Don", first: "Don", last: "Draper" },
    { full: "M. DUPONT", first: "", last: "DUPONT" },

    // "LAST, First"
    { full: "Dupont, Jean", first: "Jean", last: "Dupont" },
    { full: "Dupont, M. Jean", first: "Jean", last: "Dupont" },
    { full: "M. Dupont, Jean", first: "Jean", last: "Dupont" },
    { full: "Van Gogh, Vincent", first: "Vincent", last: "Van Gogh" },
    { full: "García Márquez,Gabriel", first: "Gabriel", last: "García Márquez" },
    { full: "Gaulle, Charles de", first: "Charles", last: "de Gaulle" },
    { full: "Dupont, M.", first: "", last: "Dupont" },
    { full: "Jean Dupont,", first: "Jean", last: "Dupont" },

    // Surname in capitals first (French convention), original case kept
    { full: "DUPONT Jean", first: "Jean", last: "DUPONT" },
    { full: "DUPONT Jean-Pierre", first: "Jean-Pierre", last: "DUPONT" },
    { full: "LE GALL Marie", first: "Marie", last: "LE GALL" },
    { full: "DE LA FONTAINE Jean", first: "Jean", last: "DE LA FONTAINE" },
    { full: "de LA TOUR Marie", first: "Marie", last: "de LA TOUR" },
    { full: "D'ARTAGNAN Charles", first: "Charles", last: "D'ARTAGNAN" },
    { full: "MARTIN-DUVAL Anne Sophie", first: "Anne Sophie", last: "MARTIN-DUVAL" },
    { full: "ÉMERY Hélène", first: "Hélène", last: "ÉMERY" },
    { full: "GROß Hans", first: "Hans", last: "GROß" },
    { full: "DUPONT J.", first: "J.", last: "DUPONT" },
    { full: "Mme DUPONT Marie", first: "Marie", last: "DUPONT" },
    { full: "MAÎTRE GÉRARD Philippe", first: "Philippe", last: "GÉRARD" },

    // Surname in capitals last
    { full: "Jean DUPONT", first: "Jean", last: "DUPONT" },
    { full: "Jean-Pierre DUPONT", first: "Jean-Pierre", last: "DUPONT" },
    { full: "Gabriel GARCÍA MÁRQUEZ", first: "Gabriel", last: "GARCÍA MÁRQUEZ" },
    { full: "Juan GARCÍA y PÉREZ", first: "Juan", last: "GARCÍA y PÉREZ" },
    { full: "Ludwig van der ROHE", first: "Ludwig", last: "van der ROHE" },
    { full: "Sean O'BRIEN", first: "Sean", last: "O'BRIEN" },
    { full: "J. DUPONT", first: "J.", last: "DUPONT" },

    // Everything in capitals: the last word (with its particles)
    { full: "JEAN DUPONT", first: "JEAN", last: "DUPONT" },
    { full: "JEAN PIERRE DUPONT", first: "JEAN PIERRE", last: "DUPONT" },
    { full: "JEAN DE LA FONTAINE", first: "JEAN", last: "DE LA FONTAINE" },

    // Particles kept with the surname; the first word stays the first name
    { full: "Jean-Pierre de La Fontaine", first: "Jean-Pierre", last: "de La Fontaine" },
    { full: "Charles de Gaulle", first: "Charles", last: "de Gaulle" },
    { full: "Jean le Rond d'Alembert", first: "Jean le Rond", last: "d'Alembert" },
    { full: "Jean d’Ormesson", first: "Jean", last: "d’Ormesson" },
    { full: "Jean d' Ormesson", first: "Jean", last: "d' Ormesson" },
    { full: "Louis du Pont", first: "Louis", last: "du Pont" },
    { full: "Mario De Rossi", first: "Mario", last: "De Rossi" },
    { full: "Lorenzo della Robbia", first: "Lorenzo", last: "della Robbia" },
    { full: "Luca di Montezemolo", first: "Luca", last: "di Montezemolo" },
    { full: "Anna Lo Bianco", first: "Anna", last: "Lo Bianco" },
    { full: "Ludwig Mies van der Rohe", first: "Ludwig Mies", last: "van der Rohe" },
    { full: "Joost van den Vondel", first: "Joost", last: "van den Vondel" },
    { full: "Jan ter Horst", first: "Jan", last: "ter Horst" },
    { full: "Dieter vom Bruch", first: "Dieter", last: "vom Bruch" },
    { full: "Karl-Theodor zu Guttenberg", first: "Karl-Theodor", last: "zu Guttenberg" },
    { full: "Chiara Dal Molin", first: "Chiara", last: "Dal Molin" },
    { full: "Luca Degli Esposti", first: "Luca", last: "Degli Esposti" },
    { full: "Raúl de las Heras", first: "Raúl", last: "de las Heras" },
    { full: "JAVIER DE LOS SANTOS", first: "JAVIER", last: "DE LOS SANTOS" },
    { full: "Santos, Juan Manuel de los", first: "Juan Manuel", last: "de los Santos" },
    { full: "Herr Hans von Braun", first: "Hans", last: "von Braun" },
    { full: "Frau Anna von der Leyen", first: "Anna", last: "von der Leyen" },
    { full: "Juan García y Pérez", first: "Juan", last: "García y Pérez" },
    { full: "João dos Santos", first: "João", last: "dos Santos" },
    { full: "Mohammed bin Salman", first: "Mohammed", last: "bin Salman" },
    { full: "Maria del Carmen", first: "Maria", last: "del Carmen" },
    { full: "Al Pacino", first: "Al", last: "Pacino" },
    { full: "La Toya Jackson", first: "La Toya", last: "Jackson" },

    // Compound first names and surnames
    { full: "Marie-Claire Martin", first: "Marie-Claire", last: "Martin" },
    { full: "Jean Pierre Dupont", first: "Jean Pierre", last: "Dupont" },
    { full: "Anne Martin-Duval", first: "Anne", last: "Martin-Duval" },
    { full: "J. Dupont", first: "J.", last: "Dupont" },

    // Spanish double surnames: Qonto's last name is both
    { full: "José García López", first: "José", last: "García López" },
    { full: "Jose Garcia Lopez", first: "Jose", last: "Garcia Lopez" },
    { full: "José Luis Rodríguez Zapatero", first: "José Luis", last: "Rodríguez Zapatero" },
    { full: "María José Vázquez Castro", first: "María José", last: "Vázquez Castro" },
    { full: "Sara Mejía Franco", first: "Sara", last: "Mejía Franco" }, // the last word is Spanish
    { full: "Patricia del Rio Gutierrez", first: "Patricia", last: "del Rio Gutierrez" },
    { full: "Ana María de la Rosa Caballero", first: "Ana María", last: "de la Rosa Caballero" },
    { full: "María del Carmen García López", first: "María del Carmen", last: "García López" },
    { full: "María del Carmen García", first: "María del Carmen", last: "García" },
    { full: "JOSÉ GARCÍA LÓPEZ", first: "JOSÉ", last: "GARCÍA LÓPEZ" },
    { full: "Sra. Lucía Gómez Ruiz", first: "Lucía", last: "Gómez Ruiz" },
    // A given name before the surname stays a given name; unknown words fall back to the last word
    { full: "Juan Martín López", first: "Juan Martín", last: "López" },
    { full: "María Rosa Sánchez", first: "María Rosa", last: "Sánchez" },
    { full: "José Antonio Garcia", first: "José Antonio", last: "Garcia" },
    { full: "Miren Etxeberria Urrutia", first: "Miren Etxeberria", last: "Urrutia" },
    // Other languages' three-word names are untouched
    { full: "Maria Grazia Rossi", first: "Maria Grazia", last: "Rossi" },
    { full: "Anne Sophie Martin", first: "Anne Sophie", last: "Martin" },
    { full: "Karl Heinz Müller", first: "Karl Heinz", last: "Müller" },
    { full: "John Michael Smith", first: "John Michael", last: "Smith" },
    { full: "Jean Marc Fernandez", first: "Jean Marc", last: "Fernandez" },

    // Suffixes at the end are no part of the last name, with or without a comma
    { full: "John Smith Jr.", first: "John", last: "Smith" },
    { full: "John Smith jr", first: "John", last: "Smith" },
    { full: "John Smith, Jr.", first: "John", last: "Smith" },
    { full: "Smith Jr., John", first: "John", last: "Smith" },
    { full: "Smith, John Jr", first: "John", last: "Smith" },
    { full: "Henry Ford II", first: "Henry", last: "Ford" },
    { full: "Martin Luther King III", first: "Martin Luther", last: "King" },
    { full: "Pedro Gómez Sr.", first: "Pedro", last: "Gómez" },
    { full: "Sr. Pedro Gómez", first: "Pedro", last: "Gómez" }, // Señor where it leads
    { full: "Smith Jr.", first: "", last: "Smith" },

    // Nicknames in parentheses or quotes are no part of the first name
    { full: "Pierre (Pierrot) Dubois", first: "Pierre", last: "Dubois" },
    { full: 'Jean "Jeannot" Martin', first: "Jean", last: "Martin" },
    { full: "Jean « Jeannot » Martin", first: "Jean", last: "Martin" },
    { full: "Jean «Jeannot» Martin", first: "Jean", last: "Martin" },
    { full: "Robert “Bob” Smith", first: "Robert", last: "Smith" },
    { full: "Johannes „Hans“ Müller", first: "Johannes", last: "Müller" },
    { full: "Jean ’Jeannot’ Martin", first: "Jean", last: "Martin" },
    { full: "Jean 'Jeannot' Martin", first: "Jean", last: "Martin" },
    { full: "Giuseppe Rossi (Beppe)", first: "Giuseppe", last: "Rossi" },
    { full: "Marie Dupont (née Martin)", first: "Marie", last: "Dupont" },
    { full: "Sean O'Brien", first: "Sean", last: "O'Brien" },
    { full: '"Jean Dupont"', first: "Jean", last: "Dupont" },
    { full: "(Jean Dupont)", first: "Jean", last: "Dupont" },
    { full: "Jean () Dupont", first: "Jean", last: "Dupont" },

    // A single word is a surname; the caller reports the missing first name
    { full: "Madonna", first: "", last: "Madonna" },
    { full: " Dupont ", first: "", last: "Dupont" },
  ])("$full → first $first, last $last", ({ full, first, last }) => {
    expect(splitFullName(full)).toEqual({ first_name: first, last_name: last });
  });

  it.each([
    "",
    "   ",
    ",",
    "Mme",
    "M.",
    "Dr. med.",
    "Prof. Dr.",
    " Sig.ra ",
    "Professeur Maître",
    "SEÑOR Srta",
  ])("%j → undefined", (full) => {
    expect(splitFullName(full)).toBeUndefined();
  });

  describe("what is dropped from the name", () => {
    it.each([
      { full: "Jean Dupont", dropped: [] },
      { full: "Dr. Jean Dupont", dropped: [{ kind: "title", text: "Dr." }] },
      { full: "Prof. Dr. Hans Müller", dropped: [{ kind: "title", text: "Prof. Dr." }] },
      { full: "Dupont, M. Jean", dropped: [{ kind: "title", text: "M." }] },
      { full: "Mr Don Draper", dropped: [{ kind: "title", text: "Mr" }] },
      { full: "Don Johnson", dropped: [] },
      { full: "M. Don", dropped: [{ kind: "title", text: "M." }] },
      { full: "Mme", dropped: [{ kind: "title", text: "Mme" }] },
      { full: "John Smith, Jr.", dropped: [{ kind: "suffix", text: "Jr." }] },
      { full: "Henry Ford II", dropped: [{ kind: "suffix", text: "II" }] },
      { full: "Pierre (Pierrot) Dubois", dropped: [{ kind: "nickname", text: "(Pierrot)" }] },
      { full: "Jean «  Jeannot » Martin", dropped: [{ kind: "nickname", text: "« Jeannot »" }] },
      {
        full: 'Sig. Giuseppe "Beppe" Rossi Jr.',
        dropped: [
          { kind: "nickname", text: '"Beppe"' },
          { kind: "title", text: "Sig." },
          { kind: "suffix", text: "Jr." },
        ],
      },
    ])("$full", ({ full, dropped }) => {
      expect(readFullName(full).dropped).toEqual(dropped);
    });

    it.each([
      {
        full: "Dr. Jean Dupont",
        note: 'the title "Dr." in "Dr. Jean Dupont" is not sent: no part of a first or last name',
      },
      {
        full: "Mme Marie (Mimi) Curie Jr.",
        note: 'the title "Mme", the words in parentheses (Mimi) and the suffix "Jr." in "Mme Marie (Mimi) Curie Jr." are not sent: no part of a first or last name',
      },
      {
        full: "Jean « Jeannot » Martin",
        note: 'the nickname « Jeannot » in "Jean « Jeannot » Martin" is not sent: no part of a first or last name',
      },
    ])("the note for $full", ({ full, note }) => {
      expect(droppedNote(full, readFullName(full).dropped)).toBe(note);
    });
  });
});
