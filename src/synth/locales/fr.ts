import type { Locale } from '../locales.js';

// biome-ignore format: a data table reads better packed than one entry per line.
export const FR: Locale = {
  country: 'FR',
  language: 'fr',
  currency: 'EUR',
  callingCode: '33',
  femaleNames: [
    'Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Sophie', 'Valérie', 'Christine', 'Céline',
    'Stéphanie', 'Julie', 'Camille', 'Léa', 'Manon', 'Chloé', 'Emma', 'Inès', 'Sarah', 'Laura', 'Aurélie',
    'Émilie', 'Élodie', 'Claire', 'Anne', 'Hélène', 'Mathilde', 'Pauline', 'Océane', 'Justine', 'Margaux',
    'Marie-Claire', 'Anne-Sophie', 'Zoé',
  ],
  maleNames: [
    'Jean', 'Pierre', 'Michel', 'Philippe', 'Nicolas', 'Alain', 'Christophe', 'Stéphane', 'David',
    'Julien', 'Thomas', 'Sébastien', 'Laurent', 'Éric', 'Frédéric', 'Olivier', 'Antoine', 'Maxime',
    'Alexandre', 'Hugo', 'Lucas', 'Théo', 'Louis', 'Nathan', 'Clément', 'Romain', 'Guillaume', 'Jérôme',
    'François', 'Benoît', 'Jean-Pierre', 'Jean-Baptiste', 'Loïc',
  ],
  surnames: [
    'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
    'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
    'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefebvre', 'Faure',
    'André', 'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand',
    'Gauthier', 'Garcia', 'Perrin', 'Robin', 'Clément', 'Morin', 'Mathieu', 'Masson', 'Marchand', 'Duval',
    'Dumont', 'Noël', 'Rivière', 'Brunet', 'Le Gall', 'Le Goff', 'Da Silva', 'Prévost', 'Lemaître',
    'Barthélemy', "D'Almeida", 'Ménard', 'Hoarau', 'Leclercq',
  ],
  doubleSurname: 0.01,
  cities: [
    { name: 'Paris', region: 'Île-de-France', postcodes: ['75001-75020'], landline: { area: '14', length: 9 } },
    { name: 'Marseille', region: "Provence-Alpes-Côte d'Azur", postcodes: ['13001-13016'], landline: { area: '491', length: 9 } },
    { name: 'Lyon', region: 'Auvergne-Rhône-Alpes', postcodes: ['69001-69009'], landline: { area: '478', length: 9 } },
    { name: 'Toulouse', region: 'Occitanie', postcodes: ['31000', '31100', '31200', '31300', '31400', '31500'], landline: { area: '561', length: 9 } },
    { name: 'Nice', region: "Provence-Alpes-Côte d'Azur", postcodes: ['06000', '06100', '06200', '06300'], landline: { area: '493', length: 9 } },
    { name: 'Nantes', region: 'Pays de la Loire', postcodes: ['44000', '44100', '44200', '44300'], landline: { area: '240', length: 9 } },
    { name: 'Strasbourg', region: 'Grand Est', postcodes: ['67000', '67100', '67200'], landline: { area: '388', length: 9 } },
    { name: 'Montpellier', region: 'Occitanie', postcodes: ['34000', '34070', '34080', '34090'], landline: { area: '467', length: 9 } },
    { name: 'Bordeaux', region: 'Nouvelle-Aquitaine', postcodes: ['33000', '33100', '33200', '33300', '33800'], landline: { area: '556', length: 9 } },
    { name: 'Lille', region: 'Hauts-de-France', postcodes: ['59000', '59160', '59260', '59800'], landline: { area: '320', length: 9 } },
    { name: 'Rennes', region: 'Bretagne', postcodes: ['35000', '35200', '35700'], landline: { area: '299', length: 9 } },
    { name: 'Reims', region: 'Grand Est', postcodes: ['51100'], landline: { area: '326', length: 9 } },
    { name: 'Le Havre', region: 'Normandie', postcodes: ['76600', '76610', '76620'], landline: { area: '235', length: 9 } },
    { name: 'Saint-Étienne', region: 'Auvergne-Rhône-Alpes', postcodes: ['42000', '42100'], landline: { area: '477', length: 9 } },
    { name: 'Toulon', region: "Provence-Alpes-Côte d'Azur", postcodes: ['83000', '83100', '83200'], landline: { area: '494', length: 9 } },
    { name: 'Grenoble', region: 'Auvergne-Rhône-Alpes', postcodes: ['38000', '38100'], landline: { area: '476', length: 9 } },
    { name: 'Dijon', region: 'Bourgogne-Franche-Comté', postcodes: ['21000'], landline: { area: '380', length: 9 } },
    { name: 'Angers', region: 'Pays de la Loire', postcodes: ['49000', '49100'], landline: { area: '241', length: 9 } },
    { name: 'Nîmes', region: 'Occitanie', postcodes: ['30000', '30900'], landline: { area: '466', length: 9 } },
    { name: 'Villeurbanne', region: 'Auvergne-Rhône-Alpes', postcodes: ['69100'], landline: { area: '478', length: 9 } },
    { name: 'Clermont-Ferrand', region: 'Auvergne-Rhône-Alpes', postcodes: ['63000', '63100'], landline: { area: '473', length: 9 } },
    { name: 'Aix-en-Provence', region: "Provence-Alpes-Côte d'Azur", postcodes: ['13090', '13100'], landline: { area: '442', length: 9 } },
    { name: 'Brest', region: 'Bretagne', postcodes: ['29200'], landline: { area: '298', length: 9 } },
    { name: 'Tours', region: 'Centre-Val de Loire', postcodes: ['37000', '37100', '37200'], landline: { area: '247', length: 9 } },
  ],
  streetTypes: [['rue', 62], ['avenue', 14], ['boulevard', 7], ['place', 4], ['allée', 4], ['impasse', 4], ['chemin', 3], ['quai', 1], ['route', 1]],
  streetNames: [
    'de la Paix', 'Victor Hugo', 'Jean Jaurès', 'de la République', 'Pasteur', 'du Général de Gaulle',
    'Gambetta', 'Voltaire', 'de la Gare', 'des Écoles', 'du Moulin', "de l'Église", 'Émile Zola',
    'Jules Ferry', 'des Lilas', 'du Château', 'Carnot', 'de Verdun', 'Foch', 'Aristide Briand',
    'Jean Moulin', 'des Tilleuls', 'Saint-Michel',
  ],
  composeStreet: (type, name) => `${type} ${name}`,
  addressLine: (street, houseNumber) => `${houseNumber} ${street}`,
  houseNumber: (rng) => {
    const n = String(rng.int(1, rng.chance(0.8) ? 60 : 220));
    return rng.chance(0.06) ? `${n} ${rng.pick(['bis', 'ter'])}` : n;
  },
  mobiles: [
    '61xxxxxxx', '62xxxxxxx', '630xxxxxx', '631xxxxxx', '632xxxxxx', '633xxxxxx', '634xxxxxx', '635xxxxxx', '636xxxxxx', '637xxxxxx', '638xxxxxx', '64xxxxxxx', '65xxxxxxx', '66xxxxxxx', '67xxxxxxx', '68xxxxxxx', '73xxxxxxx',
    '74xxxxxxx', '75xxxxxxx', '76xxxxxxx', '77xxxxxxx', '78xxxxxxx',
  ],
  emailDomains: [
    ['gmail.com', 35], ['orange.fr', 12], ['hotmail.fr', 12], ['yahoo.fr', 8], ['free.fr', 7], ['laposte.net', 6],
    ['sfr.fr', 5], ['outlook.fr', 4], ['icloud.com', 4], ['wanadoo.fr', 4], ['live.fr', 3],
  ],
  // Orange, Free and Bouygues Telecom consumer ranges.
  ipBlocks: ['90.0.0.0/9', '86.192.0.0/10', '88.160.0.0/11', '176.128.0.0/11'],
};
