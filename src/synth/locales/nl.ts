import type { Locale } from '../locales.js';

// biome-ignore format: a data table reads better packed than one entry per line.
export const NL: Locale = {
  country: 'NL',
  language: 'nl',
  currency: 'EUR',
  callingCode: '31',
  femaleNames: [
    'Emma', 'Julia', 'Sophie', 'Anna', 'Lotte', 'Sanne', 'Lisa', 'Eva', 'Fleur', 'Iris', 'Femke', 'Anouk',
    'Esther', 'Marieke', 'Ingrid', 'Linda', 'Monique', 'Petra', 'Saskia', 'Wendy', 'Annemarie', 'Willemijn',
    'Noor', 'Tess', 'Maud', 'Evi', 'Mila', 'Yvonne', 'Marloes', 'Ilse', 'Loes', 'Anne-Marie',
  ],
  maleNames: [
    'Jan', 'Pieter', 'Kees', 'Johannes', 'Hendrik', 'Willem', 'Dirk', 'Bram', 'Daan', 'Sem', 'Lucas',
    'Thijs', 'Jeroen', 'Bas', 'Ruud', 'Sander', 'Niels', 'Maarten', 'Stijn', 'Joost', 'Wouter', 'Tim',
    'Rick', 'Mark', 'Arjen', 'Gert', 'Henk', 'Bart', 'Koen', 'Jesse', 'Ruben', 'Lars', 'Jasper', 'Teun',
  ],
  surnames: [
    'de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit',
    'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker',
    'Brouwer', 'de Wit', 'Dijkstra', 'Smits', 'de Graaf', 'van der Meer', 'van der Linden', 'Kok', 'Jacobs',
    'de Haan', 'Vermeulen', 'van den Heuvel', 'van der Veen', 'van den Broek', 'de Bruijn', 'van der Heijden',
    'Schouten', 'van Beek', 'Willems', 'van Vliet', 'van de Ven', 'Hoekstra', 'Maas', 'Verhoeven', 'Koster',
    'van Dam', 'van der Wal', 'Prins', 'Blom', 'Huisman', 'Peeters', 'de Leeuw', 'Kuipers', 'van Wijk',
    'Postma', 'Kramer', 'van der Berg', 'Timmermans', 'Groen', 'Bosman', "van 't Hof", 'Yılmaz',
  ],
  doubleSurname: 0,
  cities: [
    { name: 'Amsterdam', region: 'Noord-Holland', postcodes: ['1011-1019', '1051-1059', '1071-1079', '1091-1098'], landline: { area: '20', length: 9 } },
    { name: 'Rotterdam', region: 'Zuid-Holland', postcodes: ['3011-3016', '3031-3039', '3061-3068', '3071-3086'], landline: { area: '10', length: 9 } },
    { name: 'Den Haag', region: 'Zuid-Holland', postcodes: ['2511-2518', '2521-2526', '2531-2548', '2561-2597'], landline: { area: '70', length: 9 } },
    { name: 'Utrecht', region: 'Utrecht', postcodes: ['3511-3515', '3521-3544', '3561-3585'], landline: { area: '30', length: 9 } },
    { name: 'Eindhoven', region: 'Noord-Brabant', postcodes: ['5611-5658'], landline: { area: '40', length: 9 } },
    { name: 'Groningen', region: 'Groningen', postcodes: ['9711-9747'], landline: { area: '50', length: 9 } },
    { name: 'Tilburg', region: 'Noord-Brabant', postcodes: ['5011-5049'], landline: { area: '13', length: 9 } },
    { name: 'Almere', region: 'Flevoland', postcodes: ['1311-1363'], landline: { area: '36', length: 9 } },
    { name: 'Breda', region: 'Noord-Brabant', postcodes: ['4811-4839'], landline: { area: '76', length: 9 } },
    { name: 'Nijmegen', region: 'Gelderland', postcodes: ['6511-6546'], landline: { area: '24', length: 9 } },
    { name: 'Haarlem', region: 'Noord-Holland', postcodes: ['2011-2037'], landline: { area: '23', length: 9 } },
    { name: 'Arnhem', region: 'Gelderland', postcodes: ['6811-6846'], landline: { area: '26', length: 9 } },
    { name: 'Enschede', region: 'Overijssel', postcodes: ['7511-7548'], landline: { area: '53', length: 9 } },
    { name: 'Amersfoort', region: 'Utrecht', postcodes: ['3811-3829'], landline: { area: '33', length: 9 } },
    { name: 'Apeldoorn', region: 'Gelderland', postcodes: ['7311-7339'], landline: { area: '55', length: 9 } },
    { name: 'Zwolle', region: 'Overijssel', postcodes: ['8011-8046'], landline: { area: '38', length: 9 } },
    { name: 'Leiden', region: 'Zuid-Holland', postcodes: ['2311-2334'], landline: { area: '71', length: 9 } },
    { name: 'Maastricht', region: 'Limburg', postcodes: ['6211-6229'], landline: { area: '43', length: 9 } },
    { name: 'Delft', region: 'Zuid-Holland', postcodes: ['2611-2629'], landline: { area: '15', length: 9 } },
    { name: 'Dordrecht', region: 'Zuid-Holland', postcodes: ['3311-3319'], landline: { area: '78', length: 9 } },
  ],
  streetTypes: [['straat', 55], ['weg', 15], ['laan', 14], ['plein', 5], ['gracht', 3], ['kade', 3], ['singel', 3], ['dijk', 2]],
  streetNames: [
    'Kerk', 'Dorps', 'School', 'Molen', 'Stations', 'Juliana', 'Beatrix', 'Wilhelmina', 'Oranje', 'Prinsen',
    'Heeren', 'Keizers', 'Van Gogh', 'Rembrandt', 'Spoor', 'Linden', 'Eiken', 'Berken', 'Mark', 'Vondel',
    'Nieuwe', 'Hoofd',
  ],
  composeStreet: (type, name) => `${name}${type}`,
  addressLine: (street, houseNumber) => `${street} ${houseNumber}`,
  houseNumber: (rng) => {
    const n = String(rng.int(1, rng.chance(0.85) ? 90 : 300));
    if (rng.chance(0.1)) return `${n}${rng.pick(['A', 'B', 'C'])}`;
    return rng.chance(0.06) ? `${n}-${rng.pick(['I', 'II', 'III', 'hs'])}` : n;
  },
  mobiles: ['61xxxxxxx', '62xxxxxxx', '63xxxxxxx', '64xxxxxxx', '65xxxxxxx', '68xxxxxxx'],
  emailDomains: [
    ['gmail.com', 35], ['hotmail.com', 15], ['outlook.com', 8], ['ziggo.nl', 8], ['kpnmail.nl', 6], ['live.nl', 6],
    ['home.nl', 4], ['planet.nl', 3], ['xs4all.nl', 3], ['icloud.com', 5],
  ],
  // Ziggo and KPN consumer ranges.
  ipBlocks: ['94.208.0.0/12', '84.24.0.0/13', '77.160.0.0/12'],
};
