import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldKind } from '../core/types.js';
import { foldHeader, matchHeader } from './headers.js';

const topKind = (header: string): FieldKind | undefined => matchHeader(header).matches[0]?.kind;

describe('foldHeader', () => {
  it.each([
    ['firstName', 'first name'],
    ['dateOfBirth', 'date of birth'],
    ['customer_id', 'customer id'],
    ['IPAddress', 'ip address'],
    ['N° de commande', 'n de commande'],
    ['n. ordine', 'n ordine'],
    ['Straße', 'strasse'],
    ['Código Postal', 'codigo postal'],
    ["nom d'utilisateur", 'nom d utilisateur'],
    ['  E-Mail  ', 'e mail'],
    ['Währung', 'wahrung'],
  ])('%s → %s', (raw, folded) => {
    expect(foldHeader(raw)).toBe(folded);
  });
});

describe('matchHeader', () => {
  const expected: Readonly<Partial<Record<FieldKind, readonly string[]>>> = {
    phone: [
      'telefono',
      'cellulare',
      'tel',
      'portable',
      'téléphone',
      'mobile',
      'Handynummer',
      'Telefonnummer',
      'móvil',
      'phoneNumber',
      'customer.phone.number',
    ],
    order_id: [
      'n. ordine',
      'numero ordine',
      'order_no',
      'n° de commande',
      'Bestellnummer',
      'número de pedido',
      'orderId',
    ],
    date_of_birth: [
      'date de naissance',
      'data di nascita',
      'Geburtstag',
      'Geburtsdatum',
      'fecha de nacimiento',
      'dob',
      'birthdate',
      'dateOfBirth',
      'DOB',
    ],
    postcode: [
      'código postal',
      'cap',
      'code postal',
      'PLZ',
      'Postleitzahl',
      'zip',
      'postcode',
      'address.zip',
      'zip_code',
    ],
    first_name: ['nome', 'prénom', 'Vorname', 'nombre', 'firstName', 'first_name', 'given name'],
    last_name: ['cognome', 'apellidos', 'nom', 'Nachname', 'surname', 'lastName'],
    street: ['via', 'Straße', 'street', 'calle', 'address_line_1'],
    city: ['città', 'ville', 'Ort', 'Stadt', 'ciudad', 'localidad', 'comune', 'address.city'],
    region: ['provincia', 'regione', 'région', 'Bundesland', 'estado', 'state', 'county'],
    country: ['paese', 'nazione', 'pays', 'Land', 'país', 'country', 'country_code'],
    ip: ['ip', 'ip_address', 'last_login_ip', 'indirizzo ip', 'IP-Adresse', 'adresse IP'],
    internal_id: ['id', 'customer_id', 'user_id', '_id', 'uid', 'Kundennummer', 'user.id', 'codice cliente'],
    amount: ['importo', 'montant', 'Betrag', 'importe', 'amount', 'total'],
    currency: ['valuta', 'devise', 'Währung', 'moneda', 'currency'],
    password: ['password', 'pass', 'pwd', 'Passwort', 'contraseña', 'mot de passe'],
    password_hash: ['hash', 'password_hash', 'pwd_hash', 'passwordHash', 'nt_hash'],
    card_number: ['carta', 'card', 'cc_number', 'numero carta', 'Kartennummer', 'tarjeta'],
    username: ['username', 'login', 'utente', "nom d'utilisateur", 'Benutzername', 'usuario', 'nickname'],
    gender: ['sesso', 'sexe', 'Geschlecht', 'sexo', 'gender'],
    date: ['created_at', 'data ordine', 'date', 'Datum', 'fecha', 'registered', 'createdAt', 'last_login'],
    email: [
      'email',
      'e-mail',
      'mail',
      'courriel',
      'correo',
      'posta elettronica',
      'E-Mail-Adresse',
      'customer_email',
    ],
    full_name: [
      'full name',
      'nome completo',
      'nom complet',
      'vollständiger Name',
      'nombre completo',
      'name',
      'customer.name',
    ],
  };
  for (const [kind, headers] of Object.entries(expected)) {
    it(`recognises ${kind} headers`, () => {
      for (const h of headers!) expect(`${h} → ${topKind(h)}`).toBe(`${h} → ${kind}`);
    });
  }

  it('keeps both readings of ambiguous address headers', () => {
    const kinds = matchHeader('indirizzo').matches.map((m) => m.kind);
    expect(kinds).toContain('street');
    expect(kinds).toContain('address');
  });

  it('gives exact synonyms more strength than a word inside a longer header', () => {
    const exact = matchHeader('email').matches[0]!;
    const partial = matchHeader('secondary_contact_email').matches.find((m) => m.kind === 'email')!;
    expect(exact.strength).toBe(1);
    expect(partial.strength).toBeGreaterThan(0.3);
    expect(partial.strength).toBeLessThan(exact.strength);
    // German compounds match on their tail.
    expect(matchHeader('Kundenemail').matches[0]).toMatchObject({ kind: 'email', strength: 0.5 });
  });

  it('weighs generic words such as "date" less than a precise synonym', () => {
    expect(matchHeader('date').matches[0]!.strength).toBeLessThan(
      matchHeader('date of birth').matches[0]!.strength,
    );
  });

  it('names the language of the synonym', () => {
    expect(matchHeader('cellulare').matches[0]!.lang).toBe('it');
    expect(matchHeader('Handynummer').matches[0]!.lang).toBe('de');
    expect(matchHeader('telefono').matches[0]!.lang).toBe('it/es');
  });

  it('treats numbering-only headers as no header', () => {
    for (const h of ['col_1', 'column12', 'field 3', '', '  ', '7', 'Unnamed: 0']) {
      const info = matchHeader(h);
      expect(info.generic, h).toBe(true);
      expect(info.matches).toEqual([]);
    }
  });

  it('flags national identifiers instead of typing them', () => {
    for (const h of ['codice fiscale', 'Cod. Fiscale', 'SSN', 'DNI', 'Steuer-ID']) {
      expect(matchHeader(h).nationalId, h).toBe(true);
    }
  });

  it('never throws and keeps strengths in (0, 1]', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (raw) => {
        const info = matchHeader(raw);
        for (const m of info.matches) {
          expect(m.strength).toBeGreaterThan(0);
          expect(m.strength).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
