/**
 * Month and weekday words in en/it/fr/de/es, folded (lowercase, no diacritics, no dots), as
 * `foldText` leaves them. Abbreviations are the ones printed by the locales' own date formats.
 */
const MONTHS: readonly (readonly string[])[] = [
  ['january', 'jan', 'gennaio', 'gen', 'janvier', 'janv', 'januar', 'janner', 'jaenner', 'enero', 'ene'],
  ['february', 'feb', 'febbraio', 'fevrier', 'fevr', 'fev', 'februar', 'febrero'],
  ['march', 'mar', 'marzo', 'mars', 'marz', 'maerz', 'mrz'],
  ['april', 'apr', 'aprile', 'avril', 'avr', 'abril', 'abr'],
  ['may', 'maggio', 'mag', 'mai', 'mayo'],
  ['june', 'jun', 'giugno', 'giu', 'juin', 'juni', 'junio'],
  ['july', 'jul', 'luglio', 'lug', 'juillet', 'juil', 'juli', 'julio'],
  ['august', 'aug', 'agosto', 'ago', 'aout'],
  ['september', 'sep', 'sept', 'settembre', 'set', 'septembre', 'septiembre', 'setiembre'],
  ['october', 'oct', 'ottobre', 'ott', 'octobre', 'oktober', 'okt', 'octubre'],
  ['november', 'nov', 'novembre', 'noviembre'],
  ['december', 'dec', 'dicembre', 'dic', 'decembre', 'dezember', 'dez', 'diciembre'],
];

export const MONTH_BY_WORD: ReadonlyMap<string, number> = new Map(
  MONTHS.flatMap((words, i) => words.map((w): [string, number] => [w, i + 1])),
);

// biome-ignore format: a word list
/**
 * Words a written-out date may carry that say nothing about the day: weekdays, articles and
 * prepositions ("le 12 mars", "12 de marzo de 1985", "am 12. März", "the 12th of March").
 */
export const DATE_NOISE: ReadonlySet<string> = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'lunedi', 'martedi', 'mercoledi', 'giovedi', 'venerdi', 'sabato', 'domenica',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonnabend', 'sonntag',
  'lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'domingo',
  'the', 'of', 'on', 'il', 'le', 'am', 'den', 'de', 'del', 'el', 'a',
]);

/** Day numbers written as ordinals: 1st, 2nd, 3rd, 12th, 1er, 1o / 1º (folded to "1o"), 2eme. */
export const ORDINAL_DAY = /^(\d{1,2})(?:st|nd|rd|th|er|re|o|a|eme|e)$/;
