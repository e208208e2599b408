import type { Locale } from '../locales.js';

// biome-ignore format: a data table reads better packed than one entry per line.
export const IT: Locale = {
  country: 'IT',
  language: 'it',
  currency: 'EUR',
  callingCode: '39',
  femaleNames: [
    'Giulia', 'Francesca', 'Sara', 'Chiara', 'Martina', 'Valentina', 'Federica', 'Alessia', 'Elisa',
    'Laura', 'Silvia', 'Elena', 'Anna', 'Maria', 'Paola', 'Giorgia', 'Roberta', 'Simona', 'Alessandra',
    'Ilaria', 'Veronica', 'Claudia', 'Serena', 'Beatrice', 'Sofia', 'Aurora', 'Noemi', 'Cristina',
    'Daniela', 'Rosa', 'Lucia', 'Maria Grazia', 'Annalisa', 'Giuseppina',
  ],
  maleNames: [
    'Marco', 'Andrea', 'Luca', 'Francesco', 'Alessandro', 'Matteo', 'Giuseppe', 'Davide', 'Simone',
    'Lorenzo', 'Federico', 'Stefano', 'Roberto', 'Giovanni', 'Antonio', 'Paolo', 'Riccardo', 'Fabio',
    'Daniele', 'Michele', 'Nicola', 'Emanuele', 'Salvatore', 'Vincenzo', 'Gabriele', 'Massimo',
    'Alberto', 'Pietro', 'Niccolò', 'Mattia', 'Tommaso', 'Domenico', 'Gian Marco', 'Carmine',
  ],
  surnames: [
    'Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
    'Bruno', 'Gallo', 'Conti', 'De Luca', 'Mancini', 'Costa', 'Giordano', 'Rizzo', 'Lombardi', 'Moretti',
    'Barbieri', 'Fontana', 'Santoro', 'Mariani', 'Rinaldi', 'Caruso', 'Ferrara', 'Galli', 'Martini',
    'Leone', 'Longo', 'Gentile', 'Martinelli', 'Vitale', 'Lombardo', 'Serra', 'Coppola', 'De Santis',
    "D'Angelo", 'Marchetti', 'Parisi', 'Villa', 'Conte', 'Ferraro', 'Fabbri', 'Bianco', 'Marini',
    'Grasso', 'Valentini', 'Messina', 'Sala', 'De Angelis', 'Gatti', 'Pellegrini', 'Palumbo', 'Sanna',
    'Farina', 'Cattaneo', "D'Amico", 'Di Stefano', 'Lo Presti', "Dell'Acqua", 'Zanetti', 'Brambilla',
  ],
  doubleSurname: 0,
  cities: [
    { name: 'Roma', region: 'Lazio', postcodes: ['00151-00159', '00161-00169', '00181-00189', '00191-00199'], landline: { area: '06', length: 10 } },
    { name: 'Milano', region: 'Lombardia', postcodes: ['20121-20162'], landline: { area: '02', length: 10 } },
    { name: 'Napoli', region: 'Campania', postcodes: ['80121-80147'], landline: { area: '081', length: 10 } },
    { name: 'Torino', region: 'Piemonte', postcodes: ['10121-10156'], landline: { area: '011', length: 10 } },
    { name: 'Palermo', region: 'Sicilia', postcodes: ['90121-90151'], landline: { area: '091', length: 10 } },
    { name: 'Genova', region: 'Liguria', postcodes: ['16121-16167'], landline: { area: '010', length: 10 } },
    { name: 'Bologna', region: 'Emilia-Romagna', postcodes: ['40121-40141'], landline: { area: '051', length: 10 } },
    { name: 'Firenze', region: 'Toscana', postcodes: ['50121-50145'], landline: { area: '055', length: 10 } },
    { name: 'Bari', region: 'Puglia', postcodes: ['70121-70132'], landline: { area: '080', length: 10 } },
    { name: 'Catania', region: 'Sicilia', postcodes: ['95121-95131'], landline: { area: '095', length: 10 } },
    { name: 'Venezia', region: 'Veneto', postcodes: ['30121-30126', '30171-30175'], landline: { area: '041', length: 10 } },
    { name: 'Verona', region: 'Veneto', postcodes: ['37121-37142'], landline: { area: '045', length: 10 } },
    { name: 'Padova', region: 'Veneto', postcodes: ['35121-35143'], landline: { area: '049', length: 10 } },
    { name: 'Trieste', region: 'Friuli-Venezia Giulia', postcodes: ['34121-34151'], landline: { area: '040', length: 10 } },
    { name: 'Brescia', region: 'Lombardia', postcodes: ['25121-25136'], landline: { area: '030', length: 10 } },
    { name: 'Bergamo', region: 'Lombardia', postcodes: ['24121-24129'], landline: { area: '035', length: 10 } },
    { name: 'Cagliari', region: 'Sardegna', postcodes: ['09121-09134'], landline: { area: '070', length: 10 } },
    { name: 'Parma', region: 'Emilia-Romagna', postcodes: ['43121-43126'], landline: { area: '0521', length: 10 } },
    { name: 'Modena', region: 'Emilia-Romagna', postcodes: ['41121-41126'], landline: { area: '059', length: 10 } },
    { name: 'Perugia', region: 'Umbria', postcodes: ['06121-06135'], landline: { area: '075', length: 10 } },
    { name: 'Pescara', region: 'Abruzzo', postcodes: ['65121-65129'], landline: { area: '085', length: 10 } },
    { name: 'Lecce', region: 'Puglia', postcodes: ['73100'], landline: { area: '0832', length: 10 } },
    { name: 'Monza', region: 'Lombardia', postcodes: ['20900'], landline: { area: '039', length: 10 } },
    { name: 'Como', region: 'Lombardia', postcodes: ['22100'], landline: { area: '031', length: 10 } },
  ],
  streetTypes: [['Via', 70], ['Viale', 10], ['Corso', 6], ['Piazza', 6], ['Largo', 2], ['Vicolo', 2], ['Piazzale', 1], ['Strada', 2]],
  streetNames: [
    'Roma', 'Garibaldi', 'Giuseppe Mazzini', 'Cavour', 'Vittorio Emanuele II', 'Dante Alighieri',
    'Giuseppe Verdi', 'Guglielmo Marconi', 'XX Settembre', 'IV Novembre', 'della Repubblica', 'dei Mille',
    'della Libertà', 'Umberto I', 'Nazionale', 'San Francesco', 'Alessandro Manzoni', 'Giacomo Matteotti',
    'Antonio Gramsci', 'Aldo Moro', 'Europa', 'delle Rose', 'dei Tigli', 'Cesare Battisti', 'Trieste',
  ],
  composeStreet: (type, name) => `${type} ${name}`,
  addressLine: (street, houseNumber) => `${street} ${houseNumber}`,
  houseNumber: (rng) => {
    const n = String(rng.int(1, rng.chance(0.8) ? 60 : 240));
    return rng.chance(0.08) ? `${n}/${rng.pick(['A', 'B', 'C'])}` : n;
  },
  mobiles: [
    '320xxxxxxx', '324xxxxxxx', '327xxxxxxx', '328xxxxxxx', '329xxxxxxx', '330xxxxxxx', '331xxxxxxx', '333xxxxxxx', '334xxxxxxx',
    '335xxxxxxx', '336xxxxxxx', '337xxxxxxx', '338xxxxxxx', '339xxxxxxx', '340xxxxxxx', '342xxxxxxx', '345xxxxxxx', '346xxxxxxx',
    '347xxxxxxx', '348xxxxxxx', '349xxxxxxx', '350xxxxxxx', '351xxxxxxx', '366xxxxxxx', '368xxxxxxx', '371xxxxxxx', '377xxxxxxx',
    '380xxxxxxx', '388xxxxxxx', '389xxxxxxx', '391xxxxxxx', '392xxxxxxx', '393xxxxxxx',
  ],
  emailDomains: [
    ['gmail.com', 40], ['libero.it', 15], ['hotmail.it', 9], ['yahoo.it', 6], ['outlook.it', 5], ['virgilio.it', 5],
    ['alice.it', 4], ['tiscali.it', 3], ['icloud.com', 4], ['live.it', 3], ['fastwebnet.it', 2], ['tim.it', 1],
  ],
  // Telecom Italia (TIM), Vodafone Italia and Wind Tre consumer ranges.
  ipBlocks: ['79.0.0.0/10', '95.224.0.0/11', '2.32.0.0/12', '151.18.0.0/15'],
};
