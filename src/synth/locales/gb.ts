import type { Locale } from '../locales.js';

// biome-ignore format: a data table reads better packed than one entry per line.
export const GB: Locale = {
  country: 'GB',
  language: 'en',
  currency: 'GBP',
  callingCode: '44',
  femaleNames: [
    'Olivia', 'Amelia', 'Emily', 'Sophie', 'Jessica', 'Charlotte', 'Lucy', 'Hannah', 'Emma', 'Chloe',
    'Sarah', 'Rebecca', 'Laura', 'Rachel', 'Claire', 'Helen', 'Karen', 'Susan', 'Margaret', 'Elizabeth',
    'Victoria', 'Katie', 'Megan', 'Holly', 'Ellie', 'Grace', 'Gemma', 'Siobhan', 'Niamh', 'Isla',
    'Eilidh', 'Zoë',
  ],
  maleNames: [
    'Oliver', 'Jack', 'Harry', 'George', 'Charlie', 'Thomas', 'James', 'William', 'Daniel', 'Joshua',
    'Samuel', 'Matthew', 'David', 'Paul', 'Mark', 'Andrew', 'Richard', 'Christopher', 'Michael', 'Peter',
    'Stephen', 'Robert', 'John', 'Gareth', 'Rhys', 'Callum', 'Liam', 'Connor', 'Ryan', 'Jamie', 'Alistair',
    'Ewan', 'Mohammed',
  ],
  surnames: [
    'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
    'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall',
    'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward',
    'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott',
    'Phillips', 'Watson', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Khan',
    'Singh', "O'Brien", "O'Neill", 'McDonald', 'MacLeod', 'Fitzgerald', 'Ashworth-Jones', 'Hussain',
  ],
  doubleSurname: 0,
  cities: [
    { name: 'London', region: 'Greater London', postcodes: ['EC1A', 'EC2A', 'WC1A', 'WC2H', 'N1', 'N7', 'N16', 'NW1', 'NW3', 'NW6', 'E1', 'E2', 'E8', 'E14', 'SE1', 'SE5', 'SE15', 'SW3', 'SW11', 'SW18', 'W2', 'W11'], landline: { area: '207', length: 10 } },
    { name: 'Manchester', region: 'Greater Manchester', postcodes: ['M1', 'M2', 'M3', 'M4', 'M13', 'M14', 'M15', 'M16', 'M20', 'M21'], landline: { area: '161', length: 10 } },
    { name: 'Birmingham', region: 'West Midlands', postcodes: ['B1', 'B2', 'B3', 'B4', 'B5', 'B13', 'B15', 'B16', 'B29'], landline: { area: '1214', length: 10 } },
    { name: 'Leeds', region: 'West Yorkshire', postcodes: ['LS1', 'LS2', 'LS6', 'LS7', 'LS8', 'LS11', 'LS17'], landline: { area: '1132', length: 10 } },
    { name: 'Glasgow', region: 'Scotland', postcodes: ['G1', 'G2', 'G3', 'G11', 'G12', 'G20', 'G31', 'G41'], landline: { area: '141', length: 10 } },
    { name: 'Liverpool', region: 'Merseyside', postcodes: ['L1', 'L2', 'L3', 'L8', 'L15', 'L17', 'L18'], landline: { area: '151', length: 10 } },
    { name: 'Edinburgh', region: 'Scotland', postcodes: ['EH1', 'EH2', 'EH3', 'EH6', 'EH7', 'EH10', 'EH11'], landline: { area: '1312', length: 10 } },
    { name: 'Bristol', region: 'Bristol', postcodes: ['BS1', 'BS2', 'BS3', 'BS6', 'BS7', 'BS8'], landline: { area: '1179', length: 10 } },
    { name: 'Sheffield', region: 'South Yorkshire', postcodes: ['S1', 'S2', 'S7', 'S10', 'S11'], landline: { area: '1142', length: 10 } },
    { name: 'Newcastle upon Tyne', region: 'Tyne and Wear', postcodes: ['NE1', 'NE2', 'NE4', 'NE6'], landline: { area: '191', length: 10 } },
    { name: 'Nottingham', region: 'Nottinghamshire', postcodes: ['NG1', 'NG2', 'NG3', 'NG5', 'NG7'], landline: { area: '1159', length: 10 } },
    { name: 'Leicester', region: 'Leicestershire', postcodes: ['LE1', 'LE2', 'LE3', 'LE4', 'LE5'], landline: { area: '1162', length: 10 } },
    { name: 'Cardiff', region: 'Wales', postcodes: ['CF10', 'CF11', 'CF14', 'CF23', 'CF24'], landline: { area: '2920', length: 10 } },
    { name: 'Belfast', region: 'Northern Ireland', postcodes: ['BT1', 'BT2', 'BT5', 'BT7', 'BT9'], landline: { area: '2890', length: 10 } },
    { name: 'Southampton', region: 'Hampshire', postcodes: ['SO14', 'SO15', 'SO16', 'SO17'], landline: { area: '2380', length: 10 } },
    { name: 'Brighton', region: 'East Sussex', postcodes: ['BN1', 'BN2'], landline: { area: '1273', length: 10 } },
    { name: 'Oxford', region: 'Oxfordshire', postcodes: ['OX1', 'OX2', 'OX3', 'OX4'], landline: { area: '1865', length: 10 } },
    { name: 'Cambridge', region: 'Cambridgeshire', postcodes: ['CB1', 'CB2', 'CB3', 'CB4'], landline: { area: '1223', length: 10 } },
    { name: 'York', region: 'North Yorkshire', postcodes: ['YO1', 'YO10', 'YO24', 'YO30', 'YO31'], landline: { area: '1904', length: 10 } },
    { name: 'Aberdeen', region: 'Scotland', postcodes: ['AB10', 'AB11', 'AB15', 'AB24', 'AB25'], landline: { area: '1224', length: 10 } },
    { name: 'Norwich', region: 'Norfolk', postcodes: ['NR1', 'NR2', 'NR3'], landline: { area: '1603', length: 10 } },
    { name: 'Plymouth', region: 'Devon', postcodes: ['PL1', 'PL4'], landline: { area: '1752', length: 10 } },
  ],
  streetTypes: [['Road', 34], ['Street', 22], ['Lane', 10], ['Avenue', 8], ['Close', 7], ['Drive', 6], ['Way', 4], ['Gardens', 3], ['Crescent', 3], ['Place', 2], ['Grove', 2], ['Terrace', 2]],
  streetNames: [
    'High', 'Station', 'Church', 'Park', 'Victoria', 'Green', 'Manor', 'Kings', 'Queens', 'London', 'Mill',
    'School', 'Elm', 'Oak', 'Chestnut', 'Windsor', 'Albert', 'York', 'Springfield', 'Highfield', 'Richmond',
    'Grange', "St John's", 'Mount Pleasant',
  ],
  composeStreet: (type, name) => `${name} ${type}`,
  addressLine: (street, houseNumber) => `${houseNumber} ${street}`,
  houseNumber: (rng) => {
    const n = String(rng.int(1, rng.chance(0.85) ? 80 : 260));
    return rng.chance(0.12) ? `Flat ${rng.int(1, 12)}, ${n}` : n;
  },
  mobiles: [
    '741xxxxxxx', '742xxxxxxx', '743xxxxxxx', '745xxxxxxx', '746xxxxxxx', '747xxxxxxx', '748xxxxxxx',
    '749xxxxxxx', '751xxxxxxx', '752xxxxxxx', '753xxxxxxx', '754xxxxxxx', '756xxxxxxx', '757xxxxxxx',
    '758xxxxxxx', '759xxxxxxx', '771xxxxxxx', '772xxxxxxx', '773xxxxxxx', '774xxxxxxx', '775xxxxxxx',
    '776xxxxxxx', '777xxxxxxx', '779xxxxxxx', '780xxxxxxx', '783xxxxxxx', '784xxxxxxx', '785xxxxxxx',
    '786xxxxxxx', '787xxxxxxx', '788xxxxxxx', '790xxxxxxx', '792xxxxxxx', '793xxxxxxx', '794xxxxxxx',
    '795xxxxxxx', '796xxxxxxx', '798xxxxxxx', '799xxxxxxx',
  ],
  emailDomains: [
    ['gmail.com', 35], ['hotmail.co.uk', 15], ['yahoo.co.uk', 10], ['outlook.com', 8], ['btinternet.com', 7],
    ['icloud.com', 6], ['live.co.uk', 5], ['sky.com', 4], ['googlemail.com', 3], ['aol.com', 2],
  ],
  // BT and Virgin Media consumer ranges.
  ipBlocks: ['86.128.0.0/10', '81.128.0.0/11', '86.0.0.0/11'],
};
