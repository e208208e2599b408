import type { Locale } from '../locales.js';

// biome-ignore format: a data table reads better packed than one entry per line.
export const ES: Locale = {
  country: 'ES',
  language: 'es',
  currency: 'EUR',
  callingCode: '34',
  femaleNames: [
    'María', 'Carmen', 'Ana', 'Isabel', 'Laura', 'Cristina', 'Marta', 'Lucía', 'Elena', 'Pilar',
    'Dolores', 'Paula', 'Sara', 'Raquel', 'Rosa', 'Beatriz', 'Patricia', 'Nuria', 'Silvia', 'Andrea',
    'Julia', 'Irene', 'Alba', 'Claudia', 'Sofía', 'Noelia', 'Rocío', 'Mercedes', 'Montserrat',
    'María José', 'María del Carmen', 'Ainhoa',
  ],
  maleNames: [
    'Antonio', 'José', 'Manuel', 'Francisco', 'David', 'Juan', 'Javier', 'Daniel', 'José Luis', 'Carlos',
    'Jesús', 'Alejandro', 'Miguel', 'José Antonio', 'Rafael', 'Pablo', 'Sergio', 'Fernando', 'Pedro',
    'Jorge', 'Ángel', 'Alberto', 'Luis', 'Álvaro', 'Adrián', 'Diego', 'Raúl', 'Iván', 'Rubén', 'Óscar',
    'Jordi', 'Xavier', 'Joaquín', 'Íñigo',
  ],
  surnames: [
    'García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez',
    'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso',
    'Gutiérrez', 'Navarro', 'Torres', 'Domínguez', 'Vázquez', 'Ramos', 'Gil', 'Ramírez', 'Serrano',
    'Blanco', 'Molina', 'Morales', 'Suárez', 'Ortega', 'Delgado', 'Castro', 'Ortiz', 'Rubio', 'Marín',
    'Sanz', 'Núñez', 'Iglesias', 'Medina', 'Garrido', 'Cortés', 'Castillo', 'Santos', 'Lozano',
    'Guerrero', 'Cano', 'Prieto', 'Méndez', 'Cruz', 'Calvo', 'Gallego', 'Herrera', 'Márquez', 'León',
    'Peña', 'de la Fuente', 'del Río', 'Puig', 'Etxeberria',
  ],
  // Spaniards carry a paternal and a maternal surname; many forms only keep the first.
  doubleSurname: 0.7,
  cities: [
    { name: 'Madrid', region: 'Comunidad de Madrid', postcodes: ['28001-28055'], landline: { area: '91', length: 9 } },
    { name: 'Barcelona', region: 'Cataluña', postcodes: ['08001-08042'], landline: { area: '93', length: 9 } },
    { name: 'Valencia', region: 'Comunidad Valenciana', postcodes: ['46001-46026'], landline: { area: '96', length: 9 } },
    { name: 'Sevilla', region: 'Andalucía', postcodes: ['41001-41020'], landline: { area: '954', length: 9 } },
    { name: 'Zaragoza', region: 'Aragón', postcodes: ['50001-50018'], landline: { area: '976', length: 9 } },
    { name: 'Málaga', region: 'Andalucía', postcodes: ['29001-29018'], landline: { area: '952', length: 9 } },
    { name: 'Murcia', region: 'Región de Murcia', postcodes: ['30001-30012'], landline: { area: '968', length: 9 } },
    { name: 'Palma', region: 'Illes Balears', postcodes: ['07001-07015'], landline: { area: '971', length: 9 } },
    { name: 'Las Palmas de Gran Canaria', region: 'Canarias', postcodes: ['35001-35019'], landline: { area: '928', length: 9 } },
    { name: 'Bilbao', region: 'País Vasco', postcodes: ['48001-48015'], landline: { area: '94', length: 9 } },
    { name: 'Alicante', region: 'Comunidad Valenciana', postcodes: ['03001-03016'], landline: { area: '965', length: 9 } },
    { name: 'Córdoba', region: 'Andalucía', postcodes: ['14001-14014'], landline: { area: '957', length: 9 } },
    { name: 'Valladolid', region: 'Castilla y León', postcodes: ['47001-47016'], landline: { area: '983', length: 9 } },
    { name: 'Vigo', region: 'Galicia', postcodes: ['36201-36216'], landline: { area: '986', length: 9 } },
    { name: 'Gijón', region: 'Principado de Asturias', postcodes: ['33201-33213'], landline: { area: '985', length: 9 } },
    { name: 'A Coruña', region: 'Galicia', postcodes: ['15001-15011'], landline: { area: '981', length: 9 } },
    { name: 'Granada', region: 'Andalucía', postcodes: ['18001-18015'], landline: { area: '958', length: 9 } },
    { name: 'Vitoria-Gasteiz', region: 'País Vasco', postcodes: ['01001-01015'], landline: { area: '945', length: 9 } },
    { name: 'Oviedo', region: 'Principado de Asturias', postcodes: ['33001-33013'], landline: { area: '985', length: 9 } },
    { name: 'Pamplona', region: 'Navarra', postcodes: ['31001-31015'], landline: { area: '948', length: 9 } },
    { name: 'Santander', region: 'Cantabria', postcodes: ['39001-39012'], landline: { area: '942', length: 9 } },
    { name: 'San Sebastián', region: 'País Vasco', postcodes: ['20001-20018'], landline: { area: '943', length: 9 } },
    { name: 'Salamanca', region: 'Castilla y León', postcodes: ['37001-37008'], landline: { area: '923', length: 9 } },
  ],
  streetTypes: [['Calle', 70], ['Avenida', 12], ['Plaza', 6], ['Paseo', 5], ['Camino', 3], ['Ronda', 2], ['Travesía', 2]],
  streetNames: [
    'Mayor', 'de Alcalá', 'Real', 'del Carmen', 'San José', 'de la Constitución', 'Nueva', 'de España',
    'Goya', 'Cervantes', 'Colón', 'de Andalucía', 'Jaime I', 'Doctor Fleming', 'Miguel Hernández',
    'Santa Ana', 'del Sol', 'Príncipe de Vergara', 'de la Paz', 'Blasco Ibáñez', 'Gran Vía', 'de Gràcia',
  ],
  composeStreet: (type, name) => `${type} ${name}`,
  addressLine: (street, houseNumber) => `${street}, ${houseNumber}`,
  houseNumber: (rng) => {
    const n = String(rng.int(1, rng.chance(0.8) ? 60 : 200));
    // Most Spaniards live in flats: floor and door follow the number.
    return rng.chance(0.55) ? `${n}, ${rng.int(1, 8)}º ${rng.pick(['A', 'B', 'C', 'D', 'izq.', 'dcha.'])}` : n;
  },
  mobiles: [
    '60xxxxxxx', '61xxxxxxx', '62xxxxxxx', '63xxxxxxx', '64xxxxxxx', '65xxxxxxx', '66xxxxxxx', '67xxxxxxx',
    '68xxxxxxx', '69xxxxxxx', '71xxxxxxx', '72xxxxxxx',
  ],
  emailDomains: [
    ['gmail.com', 45], ['hotmail.com', 15], ['hotmail.es', 10], ['yahoo.es', 8], ['outlook.es', 6],
    ['telefonica.net', 3], ['icloud.com', 4], ['live.com', 3],
  ],
  // Telefónica de España consumer ranges.
  ipBlocks: ['83.32.0.0/11', '88.0.0.0/11', '81.32.0.0/12', '80.24.0.0/13'],
};
