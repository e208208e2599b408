import type { Locale } from '../locales.js';

// biome-ignore format: a data table reads better packed than one entry per line.
export const DE: Locale = {
  country: 'DE',
  language: 'de',
  currency: 'EUR',
  callingCode: '49',
  femaleNames: [
    'Anna', 'Maria', 'Ursula', 'Monika', 'Petra', 'Sabine', 'Andrea', 'Claudia', 'Susanne', 'Stefanie',
    'Julia', 'Katharina', 'Laura', 'Lena', 'Lea', 'Sarah', 'Hannah', 'Sophie', 'Nicole', 'Melanie',
    'Sandra', 'Christina', 'Jessica', 'Birgit', 'Karin', 'Renate', 'Gisela', 'Anja', 'Heike', 'Lisa',
    'Jennifer', 'Anne-Kathrin', 'Bärbel',
  ],
  maleNames: [
    'Peter', 'Michael', 'Thomas', 'Andreas', 'Wolfgang', 'Klaus', 'Jürgen', 'Günter', 'Stefan',
    'Christian', 'Uwe', 'Werner', 'Horst', 'Frank', 'Dieter', 'Manfred', 'Markus', 'Matthias',
    'Alexander', 'Daniel', 'Jan', 'Tobias', 'Florian', 'Sebastian', 'Lukas', 'Jonas', 'Leon', 'Felix',
    'Maximilian', 'Paul', 'Jörg', 'Björn', 'Ralf', 'Karl-Heinz', 'Hans-Peter',
  ],
  surnames: [
    'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz',
    'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz',
    'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Schmitz',
    'Krause', 'Meier', 'Lehmann', 'Schmid', 'Schulze', 'Maier', 'Köhler', 'Herrmann', 'König', 'Walter',
    'Mayer', 'Huber', 'Kaiser', 'Fuchs', 'Peters', 'Lang', 'Scholz', 'Möller', 'Weiß', 'Jung', 'Hahn',
    'Schubert', 'Vogel', 'Friedrich', 'Keller', 'Günther', 'Groß', 'Jäger', 'Böhm', 'von Berg',
    'Meyer-Lindner', 'Schulte-Berge', 'Özdemir', 'Yılmaz',
  ],
  doubleSurname: 0,
  cities: [
    { name: 'Berlin', region: 'Berlin', postcodes: ['10115', '10117', '10119', '10178', '10179', '10243', '10245', '10247', '10249', '10405', '10435', '10437', '10551', '10553', '10585', '10623', '10627', '10707', '10713', '10777', '10785', '10827', '10961', '10963', '10965', '10967', '10997', '10999', '12043', '12047', '12049', '12053', '13347', '13353'], landline: { area: '30', length: 10 } },
    { name: 'Hamburg', region: 'Hamburg', postcodes: ['20095', '20097', '20099', '20144', '20146', '20148', '20249', '20251', '20253', '20255', '20257', '20259', '22041', '22043', '22081', '22083', '22085', '22087', '22089', '22303', '22305', '22761', '22763', '22765', '22767', '22769'], landline: { area: '40', length: 10 } },
    { name: 'München', region: 'Bayern', postcodes: ['80331', '80333', '80335', '80336', '80337', '80339', '80469', '80538', '80539', '80634', '80636', '80637', '80638', '80639', '80796', '80797', '80798', '80799', '80801', '80802', '80803', '80804', '80805', '80807', '80809', '81369', '81371', '81373', '81539', '81541', '81543', '81667', '81669', '81671', '81675', '81677', '81679'], landline: { area: '89', length: 10 } },
    { name: 'Köln', region: 'Nordrhein-Westfalen', postcodes: ['50667', '50668', '50670', '50672', '50674', '50676', '50677', '50678', '50733', '50735', '50737', '50739', '50823', '50825', '50827', '50931', '50933', '50935', '50937', '50939', '50968', '50969', '51063', '51065', '51103', '51105'], landline: { area: '221', length: 10 } },
    { name: 'Frankfurt am Main', region: 'Hessen', postcodes: ['60306', '60308', '60311', '60313', '60314', '60316', '60318', '60320', '60322', '60323', '60325', '60326', '60327', '60329', '60385', '60386', '60388', '60389', '60431', '60433', '60435', '60437', '60486', '60487', '60489', '60528', '60594', '60596', '60598', '60599'], landline: { area: '69', length: 10 } },
    { name: 'Stuttgart', region: 'Baden-Württemberg', postcodes: ['70173', '70174', '70176', '70178', '70180', '70182', '70184', '70186', '70188', '70190', '70191', '70192', '70193', '70195', '70197', '70199'], landline: { area: '711', length: 10 } },
    { name: 'Düsseldorf', region: 'Nordrhein-Westfalen', postcodes: ['40210', '40211', '40212', '40213', '40215', '40217', '40219', '40221', '40223', '40225', '40227', '40229', '40231', '40233', '40235', '40237', '40239'], landline: { area: '211', length: 10 } },
    { name: 'Leipzig', region: 'Sachsen', postcodes: ['04103', '04105', '04107', '04109', '04155', '04157', '04159', '04177', '04179', '04229', '04249', '04275', '04277', '04279', '04289', '04299', '04315', '04317', '04318', '04319', '04347', '04349', '04356', '04357'], landline: { area: '341', length: 10 } },
    { name: 'Dortmund', region: 'Nordrhein-Westfalen', postcodes: ['44135', '44137', '44139', '44141', '44143', '44145', '44147', '44149'], landline: { area: '231', length: 10 } },
    { name: 'Essen', region: 'Nordrhein-Westfalen', postcodes: ['45127', '45128', '45130', '45131', '45133', '45134', '45136', '45138', '45139', '45141', '45143', '45144', '45145', '45147', '45149'], landline: { area: '201', length: 10 } },
    { name: 'Bremen', region: 'Bremen', postcodes: ['28195', '28197', '28199', '28201', '28203', '28205', '28207', '28209', '28211', '28213', '28215', '28217', '28219'], landline: { area: '421', length: 10 } },
    { name: 'Dresden', region: 'Sachsen', postcodes: ['01067', '01069', '01097', '01099', '01127', '01129', '01139', '01157', '01159', '01169', '01187', '01189', '01217', '01219', '01237', '01239', '01257', '01259', '01277', '01279', '01307', '01309'], landline: { area: '351', length: 10 } },
    { name: 'Hannover', region: 'Niedersachsen', postcodes: ['30159', '30161', '30163', '30165', '30167', '30169', '30171', '30173', '30175', '30177', '30179'], landline: { area: '511', length: 10 } },
    { name: 'Nürnberg', region: 'Bayern', postcodes: ['90402', '90403', '90408', '90409', '90411', '90419', '90425', '90427', '90429', '90431', '90439', '90441', '90443', '90449', '90451', '90453', '90459', '90461', '90469', '90471', '90478', '90480', '90482', '90489', '90491'], landline: { area: '911', length: 10 } },
    { name: 'Bochum', region: 'Nordrhein-Westfalen', postcodes: ['44787', '44789', '44791', '44793', '44795', '44797', '44799', '44801', '44803', '44805', '44807', '44809'], landline: { area: '234', length: 10 } },
    { name: 'Bonn', region: 'Nordrhein-Westfalen', postcodes: ['53111', '53113', '53115', '53117', '53119', '53121', '53123', '53125', '53127', '53129'], landline: { area: '228', length: 10 } },
    { name: 'Münster', region: 'Nordrhein-Westfalen', postcodes: ['48143', '48145', '48147', '48149', '48151', '48153', '48155', '48157', '48159', '48161', '48163', '48165', '48167'], landline: { area: '251', length: 10 } },
    { name: 'Mannheim', region: 'Baden-Württemberg', postcodes: ['68159', '68161', '68163', '68165', '68167', '68169'], landline: { area: '621', length: 10 } },
    { name: 'Karlsruhe', region: 'Baden-Württemberg', postcodes: ['76131', '76133', '76135', '76137', '76139'], landline: { area: '721', length: 10 } },
    { name: 'Augsburg', region: 'Bayern', postcodes: ['86150', '86152', '86153', '86154', '86156', '86157', '86159', '86161', '86163', '86165', '86167', '86169', '86179', '86199'], landline: { area: '821', length: 10 } },
    { name: 'Freiburg im Breisgau', region: 'Baden-Württemberg', postcodes: ['79098', '79100', '79102', '79104', '79106', '79108', '79110', '79111', '79112', '79114', '79115', '79117'], landline: { area: '761', length: 10 } },
    { name: 'Kiel', region: 'Schleswig-Holstein', postcodes: ['24103', '24105', '24106', '24107', '24109', '24111', '24113', '24114', '24116', '24118'], landline: { area: '431', length: 10 } },
  ],
  streetTypes: [['Straße', 60], ['Weg', 14], ['Allee', 6], ['Platz', 5], ['Ring', 6], ['Gasse', 3], ['Str.', 6]],
  streetNames: [
    'Haupt', 'Bahnhof', 'Schul', 'Garten', 'Dorf', 'Berg', 'Kirch', 'Linden', 'Goethe', 'Schiller',
    'Mozart', 'Beethoven', 'Friedrich-Ebert-', 'Rosen', 'Birken', 'Wald', 'Wiesen', 'Berliner',
    'Münchner', 'Kaiser-Wilhelm-', 'Eichen', 'Mühlen', 'Am Markt',
  ],
  composeStreet: (type, name) => {
    // Place names as adjectives stand apart ("Berliner Straße"); a fixed name has no type.
    if (name.startsWith('Am ')) return name;
    if (name.endsWith('er')) return `${name} ${type}`;
    if (name.endsWith('-')) return `${name}${type}`;
    return `${name}${type.toLowerCase()}`;
  },
  addressLine: (street, houseNumber) => `${street} ${houseNumber}`,
  houseNumber: (rng) => {
    const n = String(rng.int(1, rng.chance(0.8) ? 60 : 180));
    return rng.chance(0.08) ? `${n}${rng.pick(['a', 'b', 'c'])}` : n;
  },
  mobiles: [
    '1511xxxxxxx', '1512xxxxxxx', '1514xxxxxxx', '1515xxxxxxx', '1516xxxxxxx', '1517xxxxxxx', '1520xxxxxxx',
    '1521xxxxxxx', '1522xxxxxxx', '1523xxxxxxx', '1525xxxxxxx', '1573xxxxxxx', '1575xxxxxxx', '1577xxxxxxx',
    '1578xxxxxxx', '160xxxxxxx', '162xxxxxxx', '163xxxxxxx', '170xxxxxxx', '171xxxxxxx', '172xxxxxxx',
    '173xxxxxxx', '174xxxxxxx', '175xxxxxxx', '176xxxxxxxx', '177xxxxxxx', '178xxxxxxx', '179xxxxxxx',
  ],
  emailDomains: [
    ['gmail.com', 25], ['gmx.de', 18], ['web.de', 18], ['t-online.de', 10], ['gmx.net', 5], ['yahoo.de', 5],
    ['outlook.de', 4], ['hotmail.de', 4], ['icloud.com', 4], ['freenet.de', 3], ['posteo.de', 1],
  ],
  // Deutsche Telekom consumer ranges.
  ipBlocks: ['79.192.0.0/10', '84.128.0.0/10', '87.128.0.0/10', '91.0.0.0/10', '93.192.0.0/10'],
};
