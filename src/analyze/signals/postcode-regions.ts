/**
 * Where postcodes of large cities start, hand-written from the national postal systems:
 * IT and ES by province (two digits), FR by département, DE by postal region (two digits),
 * GB by postcode area (letters), NL by the first two digits, US by state from the ZIP's
 * first three digits. Deliberately generous (whole provinces, both states of a border
 * city) and limited to places whose name is not shared with another large place: a row
 * is only judged when its city is listed here, so a miss costs coverage, never a false alarm.
 */

// biome-ignore format: a table
export const CITY_PREFIXES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  IT: {
    'roma|rome': '00', 'milano|milan': '20', 'napoli|naples': '80', 'torino|turin': '10', palermo: '90',
    'genova|genoa': '16', bologna: '40', 'firenze|florence': '50', bari: '70', catania: '95',
    'venezia|venice|mestre': '30', verona: '37', 'padova|padua': '35', trieste: '34', brescia: '25',
    bergamo: '24', cagliari: '09', parma: '43', modena: '41', perugia: '06', pescara: '65', lecce: '73',
    monza: '20', como: '22', messina: '98', taranto: '74', 'reggio calabria': '89', livorno: '57',
    salerno: '84', ravenna: '48', rimini: '47', ferrara: '44', sassari: '07', latina: '04', trento: '38',
    bolzano: '39', vicenza: '36', treviso: '31', udine: '33', ancona: '60', pisa: '56', siena: '53',
    novara: '28', piacenza: '29', alessandria: '15', 'la spezia': '19', lucca: '55', arezzo: '52',
    foggia: '71', caserta: '81', cosenza: '87', potenza: '85', campobasso: '86', "l aquila|laquila": '67',
    aosta: '11',
  },
  FR: {
    paris: '75', marseille: '13', lyon: '69', toulouse: '31', nice: '06', nantes: '44', strasbourg: '67',
    montpellier: '34', bordeaux: '33', lille: '59', rennes: '35', reims: '51', 'le havre': '76',
    'saint etienne': '42', toulon: '83', grenoble: '38', dijon: '21', angers: '49', nimes: '30',
    villeurbanne: '69', 'clermont ferrand': '63', 'aix en provence': '13', brest: '29', tours: '37',
    'le mans': '72', amiens: '80', limoges: '87', metz: '57', besancon: '25', perpignan: '66',
    orleans: '45', rouen: '76', caen: '14', nancy: '54', avignon: '84', poitiers: '86', pau: '64',
    'la rochelle': '17', mulhouse: '68', 'boulogne billancourt': '92', argenteuil: '95',
  },
  DE: {
    berlin: '10|12|13|14', hamburg: '20|21|22', 'munchen|muenchen|munich': '80|81|85',
    'koln|koeln|cologne': '50|51', 'frankfurt am main|frankfurt': '60|65', stuttgart: '70',
    'dusseldorf|duesseldorf': '40', leipzig: '04', dortmund: '44', essen: '45', bremen: '28', dresden: '01',
    hannover: '30', 'nurnberg|nuernberg|nuremberg': '90', duisburg: '47', bochum: '44', wuppertal: '42',
    bielefeld: '33', bonn: '53', 'munster|muenster': '48', mannheim: '68', karlsruhe: '76', augsburg: '86',
    wiesbaden: '65', 'freiburg im breisgau|freiburg': '79', kiel: '24', aachen: '52', magdeburg: '39',
    rostock: '18', mainz: '55', kassel: '34', erfurt: '99', potsdam: '14', 'saarbrucken|saarbruecken': '66',
    'lubeck|luebeck': '23', chemnitz: '09', braunschweig: '38', regensburg: '93', ulm: '89',
    heidelberg: '69', 'wurzburg|wuerzburg': '97',
  },
  ES: {
    madrid: '28', barcelona: '08', valencia: '46', 'sevilla|seville': '41', zaragoza: '50', malaga: '29',
    murcia: '30', 'palma|palma de mallorca': '07', 'las palmas de gran canaria|las palmas': '35',
    bilbao: '48', 'alicante|alacant': '03', cordoba: '14', valladolid: '47', vigo: '36', gijon: '33',
    'a coruna|la coruna': '15', granada: '18', 'vitoria gasteiz|vitoria|gasteiz': '01', oviedo: '33',
    'pamplona|iruna': '31', santander: '39', 'san sebastian|donostia': '20', salamanca: '37', elche: '03',
    almeria: '04', burgos: '09', albacete: '02', logrono: '26', badajoz: '06', huelva: '21', cadiz: '11',
    jaen: '23', leon: '24', tarragona: '43', lleida: '25', girona: '17', 'castellon de la plana': '12',
    'santa cruz de tenerife': '38', toledo: '45', caceres: '10', huesca: '22', teruel: '44', soria: '42',
    segovia: '40', avila: '05', zamora: '49', palencia: '34', cuenca: '16', guadalajara: '19',
    ourense: '32', pontevedra: '36', lugo: '27', sabadell: '08', terrassa: '08', badalona: '08',
    'l hospitalet de llobregat|hospitalet de llobregat': '08', mostoles: '28', 'alcala de henares': '28',
    fuenlabrada: '28', leganes: '28', getafe: '28', marbella: '29', 'jerez de la frontera': '11',
  },
  GB: {
    london: 'E|EC|N|NW|SE|SW|W|WC|BR|CR|DA|EN|HA|IG|KT|RM|SM|TW|UB|WD', manchester: 'M',
    birmingham: 'B', leeds: 'LS', glasgow: 'G', liverpool: 'L', edinburgh: 'EH', bristol: 'BS',
    sheffield: 'S', 'newcastle upon tyne|newcastle': 'NE', nottingham: 'NG', leicester: 'LE',
    cardiff: 'CF', belfast: 'BT', southampton: 'SO', 'brighton|brighton and hove': 'BN', oxford: 'OX',
    cambridge: 'CB', york: 'YO', aberdeen: 'AB', norwich: 'NR', plymouth: 'PL', coventry: 'CV',
    bradford: 'BD', 'hull|kingston upon hull': 'HU', 'stoke on trent': 'ST', wolverhampton: 'WV',
    derby: 'DE', swansea: 'SA', reading: 'RG', portsmouth: 'PO', 'milton keynes': 'MK', luton: 'LU',
    sunderland: 'SR', exeter: 'EX', bath: 'BA', dundee: 'DD', inverness: 'IV',
  },
  NL: {
    amsterdam: '10|11', rotterdam: '30|31', 'den haag|the hague|s gravenhage': '24|25', utrecht: '34|35',
    eindhoven: '56', groningen: '97', tilburg: '50', almere: '13', breda: '48', nijmegen: '65',
    haarlem: '20', arnhem: '68', enschede: '75', amersfoort: '38', apeldoorn: '73', zwolle: '80',
    leiden: '23', maastricht: '62', delft: '26', dordrecht: '33',
  },
};

// biome-ignore format: a table
export const US_CITY_STATES: Readonly<Record<string, string>> = {
  'new york|new york city|brooklyn|bronx': 'NY', 'los angeles': 'CA', chicago: 'IL', houston: 'TX',
  phoenix: 'AZ', philadelphia: 'PA', 'san antonio': 'TX', 'san diego': 'CA', dallas: 'TX', austin: 'TX',
  jacksonville: 'FL|NC|AR|TX|IL', columbus: 'OH|GA|IN|MS', charlotte: 'NC', 'san francisco': 'CA',
  indianapolis: 'IN', seattle: 'WA', denver: 'CO', boston: 'MA', nashville: 'TN', portland: 'OR|ME',
  atlanta: 'GA', miami: 'FL', minneapolis: 'MN', detroit: 'MI', baltimore: 'MD', 'las vegas': 'NV|NM',
  milwaukee: 'WI', albuquerque: 'NM', tucson: 'AZ', sacramento: 'CA', 'oklahoma city': 'OK',
  louisville: 'KY|CO|OH', memphis: 'TN', 'new orleans': 'LA', pittsburgh: 'PA', cincinnati: 'OH',
  cleveland: 'OH|TN', 'salt lake city': 'UT', honolulu: 'HI', anchorage: 'AK', omaha: 'NE',
  raleigh: 'NC', tampa: 'FL', orlando: 'FL', 'st louis|saint louis': 'MO|IL', 'kansas city': 'MO|KS',
};

/** ZIP3 ranges per state (inclusive), with the exceptions of the USPS table folded into their own entries. */
// biome-ignore format: a table
const US_ZIP3: readonly (readonly [number, number, string])[] = [
  [5, 5, 'NY'], [6, 9, 'PR'], [10, 27, 'MA'], [28, 29, 'RI'], [30, 38, 'NH'], [39, 49, 'ME'], [50, 54, 'VT'],
  [55, 55, 'MA'], [56, 59, 'VT'], [60, 69, 'CT'], [70, 89, 'NJ'], [100, 149, 'NY'], [150, 196, 'PA'],
  [197, 199, 'DE'], [200, 200, 'DC'], [201, 201, 'VA'], [202, 205, 'DC'], [206, 219, 'MD'], [220, 246, 'VA'],
  [247, 268, 'WV'], [270, 289, 'NC'], [290, 299, 'SC'], [300, 319, 'GA'], [320, 349, 'FL'], [350, 369, 'AL'],
  [370, 385, 'TN'], [386, 397, 'MS'], [398, 399, 'GA'], [400, 427, 'KY'], [430, 459, 'OH'], [460, 479, 'IN'],
  [480, 499, 'MI'], [500, 528, 'IA'], [530, 549, 'WI'], [550, 567, 'MN'], [569, 569, 'DC'], [570, 577, 'SD'],
  [580, 588, 'ND'], [590, 599, 'MT'], [600, 629, 'IL'], [630, 658, 'MO'], [660, 679, 'KS'], [680, 693, 'NE'],
  [700, 715, 'LA'], [716, 729, 'AR'], [730, 749, 'OK'], [750, 799, 'TX'], [800, 816, 'CO'], [820, 831, 'WY'],
  [832, 838, 'ID'], [840, 847, 'UT'], [850, 865, 'AZ'], [870, 884, 'NM'], [885, 885, 'TX'], [889, 898, 'NV'],
  [900, 961, 'CA'], [967, 968, 'HI'], [969, 969, 'GU'], [970, 979, 'OR'], [980, 994, 'WA'], [995, 999, 'AK'],
];

/** The state of a five-digit ZIP code, or undefined for unassigned and military ranges. */
export function zipState(zip: string): string | undefined {
  const zip3 = Number(zip.slice(0, 3));
  if (!/^\d{3}/.test(zip)) return undefined;
  for (const [lo, hi, state] of US_ZIP3) if (zip3 >= lo && zip3 <= hi) return state;
  return undefined;
}

// biome-ignore format: a table
export const US_STATE_NAMES: Readonly<Record<string, string>> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO',
  connecticut: 'CT', delaware: 'DE', 'district of columbia': 'DC', florida: 'FL', georgia: 'GA',
  hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA', kansas: 'KS', kentucky: 'KY',
  louisiana: 'LA', maine: 'ME', maryland: 'MD', massachusetts: 'MA', michigan: 'MI', minnesota: 'MN',
  mississippi: 'MS', missouri: 'MO', montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH',
  'new jersey': 'NJ', 'new mexico': 'NM', 'new york': 'NY', 'north carolina': 'NC', 'north dakota': 'ND',
  ohio: 'OH', oklahoma: 'OK', oregon: 'OR', pennsylvania: 'PA', 'puerto rico': 'PR', 'rhode island': 'RI',
  'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN', texas: 'TX', utah: 'UT', vermont: 'VT',
  virginia: 'VA', washington: 'WA', 'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY', guam: 'GU',
};

/** Lower case, no accents, punctuation as single spaces: `Saint-Étienne` → `saint etienne`. */
export function foldPlace(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

type CityIndex = ReadonlyMap<string, readonly string[]>;

function indexOf(table: Readonly<Record<string, string>>): CityIndex {
  const map = new Map<string, string[]>();
  for (const [names, prefixes] of Object.entries(table)) {
    for (const name of names.split('|')) map.set(foldPlace(name), prefixes.split('|'));
  }
  return map;
}

const CITY_INDEX = new Map<string, CityIndex>(Object.entries(CITY_PREFIXES).map(([c, t]) => [c, indexOf(t)]));
const US_INDEX = indexOf(US_CITY_STATES);

/**
 * Whether a canonical postcode can belong to the city: true, false, or undefined when the
 * city is not one we know (then nothing is claimed).
 * @example postcodeFitsCity('IT', '20121', 'Milano') === true
 */
export function postcodeFitsCity(country: string, postcode: string, city: string): boolean | undefined {
  const folded = foldPlace(city);
  if (country === 'US') {
    const states = US_INDEX.get(folded);
    const state = zipState(postcode);
    return states === undefined || state === undefined ? undefined : states.includes(state);
  }
  const prefixes = CITY_INDEX.get(country)?.get(folded);
  if (prefixes === undefined) return undefined;
  if (country === 'GB') {
    const area = /^[A-Z]{1,2}/.exec(postcode.toUpperCase())?.[0];
    return area === undefined ? undefined : prefixes.includes(area);
  }
  return prefixes.some((p) => postcode.startsWith(p));
}

/** Whether a ZIP code belongs to the state written in the row (abbreviation or name), or undefined. */
export function zipFitsState(zip: string, region: string): boolean | undefined {
  const folded = foldPlace(region);
  const state = /^[a-z]{2}$/.test(folded) ? folded.toUpperCase() : US_STATE_NAMES[folded];
  const zipped = zipState(zip);
  return state === undefined || zipped === undefined ? undefined : state === zipped;
}
