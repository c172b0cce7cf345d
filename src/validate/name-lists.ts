// Word lists for splitting full names (names.ts). Data, not rules: adding a name here changes no code path.

const words = (text: string): readonly string[] => text.trim().split(/\s+/u);

/**
 * Given names that are also Spanish surnames or come second in a compound first name ("José Luis", "Maria
 * Grazia", "Karl Heinz"), per language: a word listed here, just before the surname, stays with the first name
 * where the Spanish double-surname rule would otherwise take it ("Juan Martín López" is Juan Martín, López).
 * Compared without accents or case.
 */
export const GIVEN_NAMES: Record<"fr" | "it" | "de" | "es" | "en", readonly string[]> = {
  fr: words(`
    Alain Alexandre Amélie André Anne Antoine Arnaud Aurélie Baptiste Benoît Bernard Camille Caroline
    Catherine Cécile Céline Charles Chloé Christine Christophe Claire Claude Clément Denis Didier Dominique
    Édouard Élise Élodie Émilie Emmanuel Éric Étienne Fabrice Florence France Francis François Françoise
    Frédéric Gabriel Gaëlle Georges Gérard Gilles Guillaume Henri Hélène Hervé Hugo Inès Isabelle Jacques Jean
    Jeanne Jérôme Joseph Julien Laure Laurent Léa Louis Louise Luc Lucas Lucie Manon Marc Margaux Marie Marthe
    Mathieu Michel Nathalie Nicolas Noël Noëlle Odile Olivier Pascal Patrick Paul Philippe Pierre Rémy Robert
    Sandrine Sébastien Simon Sophie Stéphane Sylvie Théo Thérèse Thierry Thomas Valérie Vincent Xavier Yves
  `),
  it: words(`
    Alessandra Alessandro Alessia Andrea Angela Angelo Anna Antonietta Antonio Assunta Aurelio Beatrice Carla
    Carlo Chiara Cristina Daniela Davide Domenico Elena Elisa Emanuele Enrico Fabio Federica Federico
    Francesca Francesco Franco Gabriele Giacomo Gianni Giorgia Giorgio Giovanna Giovanni Giulia Giuliano
    Giuseppe Grazia Ilaria Laura Lisa Lorenzo Luca Luigi Luisa Marco Maria Mario Marta Martina Massimo Matteo
    Michele Paola Paolo Pia Piero Pietro Raffaele Riccardo Rita Roberta Roberto Rosa Salvatore Sara Silvia
    Simona Simone Stefano Teresa Valentina Vincenzo Vittoria
  `),
  de: words(`
    Andreas Anja August Bernd Birgit Christian Claudia Dieter Elisabeth Ernst Eva Felix Frank Franz Friedrich
    Georg Gerhard Günter Hannah Hans Heike Heinrich Heinz Helga Helmut Jan Joachim Johann Johannes Jonas Jörg
    Josef Julia Jürgen Karin Karl Kathrin Katrin Klaus Lena Leon Ludwig Luise Lukas Manfred Markus Martin
    Maximilian Michael Monika Otto Peter Petra Ralf Rolf Sabine Stefan Susanne Thomas Ulrich Ursula Uwe Walter
    Werner Wilhelm Wolfgang
  `),
  es: words(`
    Adrián Agustín Alberto Alejandro Alfonso Alicia Álvaro Ana Andrés Ángel Ángeles Antonio Beatriz Belén
    Carlos Carmen Concepción Cristina Cruz Daniel David Diego Dolores Domingo Eduardo Elena Emilio Enrique
    Esteban Eugenia Felipe Fernando Francisco Gabriel Gloria Gonzalo Guillermo Ignacio Inés Inmaculada Irene
    Isabel Javier Jesús Jorge José Josefa Juan Julia Julián Laura León Lorenzo Lucía Luis Luisa Manuel Mar
    Marcos María Marta Martín Mercedes Miguel Montserrat Nuria Pablo Pascual Patricia Paula Paz Pedro Pilar
    Rafael Ramón Raquel Raúl Ricardo Roberto Rocío Román Rosa Rosario Salvador Santiago Sebastián Sergio
    Silvia Sofía Soledad Teresa Tomás Vicente Victoria
  `),
  en: words(`
    Amelia Andrew Ann Anne Beth Charles Charlotte Christopher Daniel David Edward Elizabeth Emily Emma George
    Grace Harry Henry Jack James Jane Jennifer Jessica John Joseph Karen Kate Kevin Lee Linda Lucy Mae
    Margaret Mark Mary Matthew Michael Oliver Olivia Paul Rachel Rebecca Richard Robert Sarah Sophia Steven
    Susan Thomas William
  `),
};

/**
 * Common Spanish surnames: one of them just before or as the last word of a name of three words or more makes the
 * last two a double surname ("José García López"). Surnames ending in -ez need no listing (names.ts).
 * Compared without accents or case.
 */
export const SPANISH_SURNAMES: readonly string[] = words(`
  Aguilar Alonso Aranda Arias Blanco Bravo Caballero Cabrera Calvo Campos Cano Carmona Carrasco Castillo
  Castro Cortés Crespo Delgado Díaz Diez Durán Espinosa Ferrer Flores Franco Fuentes Gallardo Gallego García
  Garrido Gil Guerrero Herrera Herrero Hidalgo Ibáñez Iglesias Lozano Marín Medina Molina Montero Mora
  Morales Moreno Moya Muñoz Navarro Nieto Ortega Ortiz Pardo Parra Pastor Peña Prieto Ramos Reyes Rojas
  Romero Rubio Ruiz Salazar Santana Santos Sanz Serrano Soler Sosa Soto Torres Vargas Vega Velasco Vidal
  Zamora
`);

/** Marian given names that follow "María" with a particle ("María del Carmen", "María de los Ángeles"). */
export const MARIAN_NAMES: readonly string[] = words(`
  Ángeles Carmen Consuelo Dolores Fátima Jesús Lourdes Luz Mar Mercedes Pilar Remedios Rocío Rosario Socorro
  Soledad
`);
