import { allLocales } from '@faker-js/faker';

/**
 * Word lists that tell names, cities, regions and countries apart, built once on first use
 * from the faker locale data (real first names, surnames and city names of each country)
 * plus a few hand lists. Every entry is folded with `foldValue`, and so must lookups be.
 */
export interface Dictionaries {
  readonly firstNames: ReadonlySet<string>;
  readonly lastNames: ReadonlySet<string>;
  readonly cities: ReadonlySet<string>;
  /** Folded region name or abbreviation → ISO 3166-1 alpha-2 of its country. */
  readonly regions: ReadonlyMap<string, string>;
  /** Words that introduce or end a street name: via, rue, straße, calle, road... */
  readonly streetWords: ReadonlySet<string>;
  /** German and Dutch street names are compounds ending in one of these: Ackerweg, Hauptstr. */
  readonly streetSuffixes: readonly string[];
  readonly genders: ReadonlySet<string>;
  /** ISO 4217 codes (upper case). */
  readonly currencies: ReadonlySet<string>;
  readonly commonPasswords: ReadonlySet<string>;
}

/** Lowercase, without diacritics, single spaces: `  Müller-Lüdenscheidt ` → `muller-ludenscheidt`. */
export function foldValue(raw: string): string {
  const lower = raw.trim().toLowerCase();
  // Plain ASCII is the common case; skip the Unicode work for it.
  const ascii = /^[\x20-\x7e]*$/.test(lower)
    ? lower
    : lower
        .replace(/ß/g, 'ss')
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '');
  return ascii.includes('  ') ? ascii.replace(/\s+/g, ' ') : ascii;
}

const NAME_LOCALES = [
  'en',
  'it',
  'fr',
  'de',
  'es',
  'pt_PT',
  'pt_BR',
  'nl',
  'pl',
  'de_AT',
  'de_CH',
  'fr_CH',
  'es_MX',
];
const CITY_LOCALES = [
  'en',
  'en_CA',
  'it',
  'fr',
  'fr_CH',
  'de',
  'de_AT',
  'de_CH',
  'es',
  'es_MX',
  'pl',
  'pt_PT',
];
const REGION_LOCALES: Readonly<Record<string, string>> = {
  en: 'US',
  en_CA: 'CA',
  en_AU: 'AU',
  en_GB: 'GB',
  it: 'IT',
  fr: 'FR',
  de: 'DE',
  de_AT: 'AT',
  de_CH: 'CH',
  es: 'ES',
  pt_BR: 'BR',
  nl: 'NL',
};

const MAJOR_CITIES =
  'london|birmingham|manchester|leeds|glasgow|liverpool|bristol|sheffield|edinburgh|cardiff|leicester|nottingham|newcastle|belfast|' +
  'brighton|southampton|oxford|cambridge|york|dublin|cork|new york|los angeles|chicago|houston|' +
  'roma|rome|milano|milan|napoli|naples|torino|turin|palermo|genova|bologna|firenze|florence|bari|catania|venezia|venice|' +
  'verona|messina|padova|trieste|brescia|parma|taranto|prato|modena|reggio calabria|reggio emilia|perugia|ravenna|livorno|' +
  'cagliari|foggia|rimini|salerno|ferrara|sassari|latina|monza|siracusa|pescara|bergamo|vicenza|trento|novara|piacenza|' +
  'ancona|arezzo|udine|lecce|pisa|lucca|treviso|varese|como|bolzano|' +
  'paris|parigi|marseille|lyon|toulouse|nice|nantes|strasbourg|montpellier|lille|rennes|reims|toulon|grenoble|dijon|' +
  'berlin|hamburg|munchen|munich|koln|cologne|frankfurt|frankfurt am main|stuttgart|dusseldorf|leipzig|dortmund|essen|' +
  'bremen|dresden|hannover|nurnberg|duisburg|wien|vienna|graz|linz|salzburg|zurich|geneve|geneva|basel|bern|lausanne|' +
  'madrid|barcelona|valencia|sevilla|zaragoza|malaga|murcia|palma|bilbao|alicante|cordoba|valladolid|vigo|gijon|granada|' +
  'lisboa|lisbon|porto|amsterdam|rotterdam|den haag|utrecht|eindhoven|bruxelles|brussels|antwerpen|gent|liege|' +
  'luxembourg|warszawa|krakow|praha|budapest|bucuresti|athens|stockholm|copenhagen|oslo|helsinki';

const IT_REGIONS =
  'abruzzo|basilicata|calabria|campania|emilia-romagna|emilia romagna|friuli-venezia giulia|friuli venezia giulia|lazio|liguria|' +
  "lombardia|marche|molise|piemonte|puglia|sardegna|sicilia|toscana|trentino-alto adige|trentino alto adige|umbria|valle d'aosta|veneto";

const STREET_WORDS =
  'via|viale|piazza|piazzale|corso|largo|vicolo|strada|contrada|borgo|localita|lungomare|traversa|salita|' +
  'rue|avenue|av|boulevard|bd|bld|blvd|chemin|allee|impasse|place|pl|quai|route|rte|passage|square|cours|voie|' +
  'strasse|str|weg|platz|gasse|allee|ring|damm|ufer|chaussee|' +
  'calle|c|avenida|avda|plaza|pza|paseo|camino|carrera|carretera|ronda|travesia|rambla|glorieta|' +
  'street|st|road|rd|ave|lane|ln|drive|dr|court|ct|way|terrace|close|crescent|highway|hwy|parkway|pkwy|circle|' +
  'trail|grove|gardens|mews|row|walk|rua|travessa|alameda|estrada|straat|laan|gracht|plein|dijk|ul|ulica|aleja';

const STREET_SUFFIXES = [
  'strasse',
  'str.',
  'weg',
  'gasse',
  'platz',
  'allee',
  'ring',
  'damm',
  'straat',
  'laan',
  'gracht',
  'plein',
];

const GENDERS =
  'm|f|male|female|man|woman|men|women|maschio|femmina|uomo|donna|homme|femme|masculin|feminin|h|mannlich|weiblich|mann|' +
  'frau|herr|w|d|divers|hombre|mujer|masculino|femenino|varon|x|other|altro|autre|andere|otro|non-binary|nonbinary|nb|' +
  'mr|mrs|ms|miss|mme|mlle|sig|sig.ra|signor|signora|sr|sra|srta';

const COMMON_PASSWORDS =
  '123456|123456789|12345678|12345|1234567|1234567890|password|password1|qwerty|qwerty123|abc123|111111|123123|' +
  'iloveyou|admin|welcome|monkey|dragon|letmein|football|baseball|sunshine|princess|master|shadow|passw0rd|' +
  '000000|654321|superman|trustno1|michael|jordan23|azerty|azertyuiop|ciao|ciaociao|juventus|hallo|hallo123|' +
  'passwort|schatz|contrasena|tequiero|soleil|doudou|amore|forzainter|forzamilan|123qwe|1q2w3e4r|zaq12wsx|!qaz2wsx';

function flatten(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(flatten);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(flatten);
  return [];
}

function addAll(target: Set<string>, values: Iterable<string>): void {
  for (const v of values) if (!v.includes('{{')) target.add(foldValue(v));
}

type LocaleData = { person?: Record<string, unknown>; location?: Record<string, unknown> };

function locale(code: string): LocaleData {
  return ((allLocales as Record<string, unknown>)[code] ?? {}) as LocaleData;
}

function buildDictionaries(): Dictionaries {
  const firstNames = new Set<string>();
  const lastNames = new Set<string>();
  for (const code of NAME_LOCALES) {
    addAll(firstNames, flatten(locale(code).person?.['first_name']));
    addAll(lastNames, flatten(locale(code).person?.['last_name']));
  }
  const cities = new Set<string>(MAJOR_CITIES.split('|'));
  for (const code of CITY_LOCALES) addAll(cities, flatten(locale(code).location?.['city_name']));
  // Italian provinces are named after their chief towns, which are among the largest cities.
  addAll(cities, flatten(locale('it').location?.['state']));

  const regions = new Map<string, string>();
  for (const [code, country] of Object.entries(REGION_LOCALES)) {
    const loc = locale(code).location ?? {};
    for (const key of ['state', 'state_abbr', 'county']) {
      // Spanish abbreviations in faker ("And", "Ara") are not used in real exports, and the
      // base English locale's counties are British, which en_GB already lists.
      if ((key === 'state_abbr' && code === 'es') || (key === 'county' && code === 'en')) continue;
      for (const name of flatten(loc[key]))
        if (!regions.has(foldValue(name))) regions.set(foldValue(name), country);
    }
  }
  for (const name of IT_REGIONS.split('|')) regions.set(name, 'IT');

  return {
    firstNames,
    lastNames,
    cities,
    regions,
    streetWords: new Set(STREET_WORDS.split('|')),
    streetSuffixes: STREET_SUFFIXES,
    genders: new Set(GENDERS.split('|')),
    currencies: new Set(Intl.supportedValuesOf('currency')),
    commonPasswords: new Set(COMMON_PASSWORDS.split('|')),
  };
}

let cached: Dictionaries | undefined;

/** The dictionaries, built on the first call (about 30 ms) and shared afterwards. */
export function getDictionaries(): Dictionaries {
  cached ??= buildDictionaries();
  return cached;
}
