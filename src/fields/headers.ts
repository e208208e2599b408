import type { FieldKind } from '../core/types.js';

/**
 * Header names in English, Italian, French, German and Spanish. Synonyms are written in
 * folded form (see `foldHeader`): lowercase, no diacritics, words separated by one space.
 * A header that *is* a synonym is an exact match; one that *contains* a synonym's words
 * (or, for German compounds, ends with a long synonym) is a partial match.
 */
type Lang = 'en' | 'it' | 'fr' | 'de' | 'es';

const SYNONYMS: readonly (readonly [FieldKind, Lang, string])[] = [
  ['email', 'en', 'email|e mail|mail|email address|e mail address|mail address|emailaddress|primary email'],
  ['email', 'it', 'posta elettronica|indirizzo email|indirizzo e mail|indirizzo mail'],
  ['email', 'fr', 'courriel|adresse email|adresse e mail|adresse mail|adresse electronique|mel'],
  ['email', 'de', 'e mail adresse|emailadresse|mailadresse'],
  ['email', 'es', 'correo|correo electronico|direccion de correo|direccion email'],
  [
    'phone',
    'en',
    'phone|telephone|phone number|phonenumber|tel|mobile|mobile number|cell|cellphone|cell phone|msisdn|phone no|contact number|mobile phone',
  ],
  [
    'phone',
    'it',
    'tel|telefono|cellulare|cell|numero di telefono|numero telefono|recapito telefonico|num tel',
  ],
  [
    'phone',
    'fr',
    'telephone|tel|mobile|portable|numero de telephone|numero de portable|tel portable|tel mobile',
  ],
  [
    'phone',
    'de',
    'tel|mobil|telefon|telefonnummer|handy|handynummer|mobilnummer|mobiltelefon|rufnummer|festnetz|mobilfunknummer',
  ],
  ['phone', 'es', 'telefono|tel|movil|celular|numero de telefono|telefono movil|numero de movil'],
  ['first_name', 'en', 'first name|firstname|given name|forename|fname|first'],
  ['first_name', 'it', 'nome|nome proprio'],
  ['first_name', 'fr', 'prenom|prenoms'],
  ['first_name', 'de', 'vorname|rufname'],
  ['first_name', 'es', 'nombre|nombres|nombre de pila'],
  ['last_name', 'en', 'last name|lastname|surname|family name|lname|last'],
  ['last_name', 'it', 'cognome'],
  ['last_name', 'fr', 'nom|nom de famille|patronyme'],
  ['last_name', 'de', 'nachname|familienname|zuname'],
  ['last_name', 'es', 'apellido|apellidos|primer apellido'],
  ['full_name', 'en', 'name|full name|fullname|customer name|display name|contact name|complete name'],
  ['full_name', 'it', 'nome completo|nominativo|nome e cognome|nome cognome'],
  ['full_name', 'fr', 'nom complet|nom et prenom|prenom et nom|nom prenom'],
  ['full_name', 'de', 'vollstandiger name|vor und nachname|kundenname'],
  ['full_name', 'es', 'nombre completo|nombre y apellidos|nombre apellidos'],
  [
    'username',
    'en',
    'username|user name|login|user|nickname|nick|handle|screen name|screenname|account name|user login',
  ],
  ['username', 'it', 'utente|nome utente|nickname'],
  ['username', 'fr', 'nom d utilisateur|identifiant|pseudo|utilisateur|login'],
  ['username', 'de', 'benutzername|benutzer|nutzername|anmeldename'],
  ['username', 'es', 'usuario|nombre de usuario|alias'],
  [
    'date_of_birth',
    'en',
    'year of birth|birth year|dob|date of birth|birth date|birthdate|birthday|born|bday|birth|d o b',
  ],
  ['date_of_birth', 'it', 'anno di nascita|data di nascita|data nascita|nato il|nascita|compleanno'],
  ['date_of_birth', 'fr', 'annee de naissance|date de naissance|naissance|ne le|anniversaire'],
  ['date_of_birth', 'de', 'geburtsjahr|geburtsdatum|geburtstag|geboren|geboren am'],
  ['date_of_birth', 'es', 'ano de nacimiento|fecha de nacimiento|fecha nacimiento|nacimiento|cumpleanos'],
  [
    'date',
    'en',
    'date~|created at|created|updated at|updated|modified|timestamp|registered|registration date|signup date|last login|order date|datetime|time~|joined|created on|registered at|last seen|purchase date',
  ],
  [
    'date',
    'it',
    'data~|data ordine|data registrazione|data iscrizione|data creazione|ultimo accesso|data acquisto',
  ],
  ['date', 'fr', 'date de commande|date d inscription|date de creation|derniere connexion|date achat'],
  [
    'date',
    'de',
    'datum~|bestelldatum|erstellt|erstellt am|registriert|registriert am|anmeldedatum|letzter login',
  ],
  ['date', 'es', 'fecha~|fecha de pedido|fecha de registro|fecha alta|fecha de compra|ultimo acceso'],
  ['house_number', 'en', 'street number|house number|house no|building number|street no|house nr'],
  ['house_number', 'it', 'civico|numero civico|n civico|num civico'],
  ['house_number', 'fr', 'numero de rue|numero de voie|no de rue'],
  ['house_number', 'de', 'hausnummer|hausnr|haus nr'],
  ['house_number', 'es', 'numero de calle|numero de portal|portal'],
  [
    'street',
    'en',
    'street|street address|address line 1|address1|address 1|addr1|line1|address line|street name',
  ],
  ['street', 'it', 'via|indirizzo|strada|indirizzo via'],
  ['street', 'fr', 'rue|voie|adresse|adresse ligne 1'],
  ['street', 'de', 'strasse|str|strasse und hausnummer|adresse'],
  ['street', 'es', 'calle|direccion|domicilio|via'],
  [
    'address',
    'en',
    'address|full address|postal address|mailing address|shipping address|billing address|addr|home address',
  ],
  ['address', 'it', 'indirizzo|indirizzo completo|indirizzo di spedizione|recapito'],
  ['address', 'fr', 'adresse|adresse postale|adresse complete|adresse de livraison'],
  ['address', 'de', 'adresse|anschrift|lieferadresse|rechnungsadresse|postanschrift'],
  ['address', 'es', 'direccion|direccion completa|direccion postal|domicilio|direccion de envio'],
  ['postcode', 'en', 'postcode|post code|postal code|postalcode|zip|zip code|zipcode|postal|zip postal code'],
  ['postcode', 'it', 'cap|codice postale|c a p'],
  ['postcode', 'fr', 'code postal|cp'],
  ['postcode', 'de', 'plz|postleitzahl'],
  ['postcode', 'es', 'codigo postal|cod postal|c postal|cp'],
  ['city', 'en', 'city|town|locality|city name|town city|suburb|suburb town'],
  ['city', 'it', 'citta|comune|localita|citta di residenza|comune di residenza'],
  ['city', 'fr', 'ville|commune|localite'],
  ['city', 'de', 'ort|stadt|wohnort|gemeinde|ortschaft'],
  ['city', 'es', 'ciudad|localidad|municipio|poblacion'],
  ['region', 'en', 'state|province|region|county|state code|state province|prefecture'],
  ['region', 'it', 'provincia|prov|regione|sigla provincia'],
  ['region', 'fr', 'region|departement|province|canton'],
  ['region', 'de', 'bundesland|kanton|landkreis|kreis|region'],
  ['region', 'es', 'provincia|estado|comunidad|comunidad autonoma|region'],
  ['country', 'en', 'country|country code|nation|country name|countrycode|country iso'],
  ['country', 'it', 'paese|nazione|stato|nazionalita|paese di residenza'],
  ['country', 'fr', 'pays|code pays'],
  ['country', 'de', 'land|staat|landercode'],
  ['country', 'es', 'pais|nacion|codigo pais'],
  [
    'ip',
    'en',
    'ip|ip address|ipaddress|ip addr|last ip|last login ip|login ip|registration ip|signup ip|remote addr|client ip|ipv4|ipv6|user ip',
  ],
  ['ip', 'it', 'indirizzo ip|ip utente'],
  ['ip', 'fr', 'adresse ip'],
  ['ip', 'de', 'ip adresse|ipadresse'],
  ['ip', 'es', 'direccion ip'],
  [
    'internal_id',
    'en',
    'id|customer id|user id|uid|client id|account id|member id|customer number|customer no|customerid|userid|record id|pk|guid|uuid|customer ref|account number|rec id',
  ],
  ['internal_id', 'it', 'id cliente|codice cliente|id utente|numero cliente|cod cliente'],
  ['internal_id', 'fr', 'identifiant client|numero client|id client|numero de client|id utilisateur'],
  ['internal_id', 'de', 'kundennummer|kunden id|kundennr|kunden nr|benutzer id|kundenid'],
  ['internal_id', 'es', 'numero de cliente|id cliente|id usuario|codigo cliente'],
  [
    'order_id',
    'en',
    'order id|order no|order number|order|order ref|orderid|order reference|invoice number|invoice no|transaction id|purchase id',
  ],
  ['order_id', 'it', 'ordine|n ordine|numero ordine|id ordine|nr ordine|codice ordine|numero d ordine'],
  ['order_id', 'fr', 'commande|n de commande|numero de commande|id commande|no commande|reference commande'],
  ['order_id', 'de', 'bestellnummer|bestellung|auftragsnummer|bestell nr|bestellnr|auftrag'],
  ['order_id', 'es', 'numero de pedido|pedido|id pedido|n pedido|numero pedido'],
  ['amount', 'en', 'amount|total|price|sum|order total|grand total|subtotal|paid|value|revenue'],
  ['amount', 'it', 'importo|totale|prezzo|importo totale|somma'],
  ['amount', 'fr', 'montant|prix|somme|total ttc|montant total'],
  ['amount', 'de', 'betrag|summe|preis|gesamtbetrag|gesamtpreis|endbetrag'],
  ['amount', 'es', 'importe|precio|monto|importe total'],
  ['currency', 'en', 'currency|curr|currency code|ccy'],
  ['currency', 'it', 'valuta|divisa'],
  ['currency', 'fr', 'devise|monnaie'],
  ['currency', 'de', 'wahrung'],
  ['currency', 'es', 'moneda|divisa'],
  ['password', 'en', 'password|pass|passwd|pwd|pw|plain password|plaintext password|pass word|secret'],
  ['password', 'it', 'parola d ordine|parola chiave|chiave di accesso'],
  ['password', 'fr', 'mot de passe|mdp'],
  ['password', 'de', 'passwort|kennwort'],
  ['password', 'es', 'contrasena|clave'],
  [
    'password_hash',
    'en',
    'hash|password hash|pwd hash|passhash|pass hash|hashed password|password digest|encrypted password|crypted password|passwordhash|password crypt|pw hash|ntlm|nt hash|md5|sha1|sha256|bcrypt',
  ],
  ['password_hash', 'it', 'hash password'],
  ['password_hash', 'fr', 'hash mot de passe|empreinte'],
  ['password_hash', 'de', 'passwort hash|passworthash'],
  ['password_hash', 'es', 'hash contrasena'],
  [
    'card_number',
    'en',
    'card|card number|cc|cc number|ccnum|cc num|credit card|creditcard|pan|card no|credit card number',
  ],
  ['card_number', 'it', 'carta|numero carta|carta di credito|numero carta di credito'],
  ['card_number', 'fr', 'carte|numero de carte|carte bancaire|numero carte'],
  ['card_number', 'de', 'kartennummer|kreditkarte|kreditkartennummer'],
  ['card_number', 'es', 'tarjeta|numero de tarjeta|tarjeta de credito'],
  ['gender', 'en', 'gender|sex|title|salutation'],
  ['gender', 'it', 'sesso|genere'],
  ['gender', 'fr', 'sexe|genre|civilite'],
  ['gender', 'de', 'geschlecht|anrede'],
  ['gender', 'es', 'sexo|genero'],
  ['text', 'en', 'notes|note|comment|comments|description|bio|message|remarks|about'],
  ['text', 'it', 'note|commento|descrizione|messaggio'],
  ['text', 'fr', 'commentaire|remarque|description|message'],
  ['text', 'de', 'bemerkung|kommentar|notiz|beschreibung|nachricht'],
  ['text', 'es', 'comentario|observaciones|nota|descripcion|mensaje'],
];

/**
 * National identifiers (tax codes, social security numbers) have no kind of their own: typed
 * as internal_id they would wrongly count as a platform-specific value, so they stay unknown.
 */
const NATIONAL_ID =
  /^(codice fiscale|cf|cod fiscale|ssn|social security number|soc sec id|soc sec|social security|social security no|national insurance number|nino|nin|national id|tax id|nif|nie|dni|steuer id|steuernummer|sozialversicherungsnummer|numero de securite sociale|nir|personalausweis|passport|passaporto)$/;

/** A header that only numbers a column (`col_3`, `field12`) says nothing about it. */
const GENERIC = /^(col|column|field|c|f|v|var|attr|unnamed|x)? ?\d+$/;

/** Tokens that say nothing alone but can qualify their parent in a dotted path (`phone.number`). */
const WEAK_LAST = new Set([
  'number',
  'value',
  'code',
  'no',
  'nr',
  'num',
  'text',
  'raw',
  'str',
  'line',
  'full',
]);

export interface HeaderMatch {
  readonly kind: FieldKind;
  /** 1 for an exact synonym, about 0.4-0.7 for a synonym's words inside the header, 0.5 in a compound word. */
  readonly strength: number;
  /** Languages the synonym belongs to: `it`, or `it/es` for `telefono`. */
  readonly lang: string;
  readonly synonym: string;
}

export interface HeaderInfo {
  /** The folded header as matched, e.g. `date of birth` for `dateOfBirth`. */
  readonly folded: string;
  /** True for empty or numbering-only headers (`col_1`), which carry no evidence. */
  readonly generic: boolean;
  /** True when the header names a national identifier (codice fiscale, SSN, DNI...). */
  readonly nationalId: boolean;
  /** Best match per kind, strongest first. */
  readonly matches: readonly HeaderMatch[];
}

/**
 * Folds a header to lowercase words without diacritics: `dateOfBirth` → `date of birth`,
 * `N° de commande` → `n de commande`, `Straße` → `strasse`.
 */
export function foldHeader(raw: string): string {
  return raw
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

interface Synonym {
  readonly kind: FieldKind;
  readonly lang: Lang;
  readonly text: string;
  readonly tokens: readonly string[];
  /** Strength of an exact match: 1, or 0.7 for generic words. */
  readonly exact: number;
}

let synonymIndex: { exact: Map<string, Synonym[]>; all: Synonym[] } | undefined;

function indexSynonyms(): { exact: Map<string, Synonym[]>; all: Synonym[] } {
  if (synonymIndex) return synonymIndex;
  const exact = new Map<string, Synonym[]>();
  const all: Synonym[] = [];
  for (const [kind, lang, list] of SYNONYMS) {
    for (const entry of list.split('|')) {
      // A trailing `~` marks a generic word ("date", "data"): exact, yet weak evidence.
      const text = entry.replace(/~$/, '');
      const syn = { kind, lang, text, tokens: text.split(' '), exact: entry.endsWith('~') ? 0.7 : 1 };
      all.push(syn);
      const bucket = exact.get(text) ?? [];
      bucket.push(syn);
      exact.set(text, bucket);
    }
  }
  synonymIndex = { exact, all };
  return synonymIndex;
}

function indexOfTokens(hay: readonly string[], needle: readonly string[]): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function matchFolded(folded: string): HeaderMatch[] {
  const { exact, all } = indexSynonyms();
  const best = new Map<FieldKind, HeaderMatch>();
  const offer = (m: HeaderMatch): void => {
    const prev = best.get(m.kind);
    if (!prev || prev.strength < m.strength) best.set(m.kind, m);
    else if (prev.strength === m.strength && prev.synonym === m.synonym && !prev.lang.includes(m.lang)) {
      best.set(m.kind, { ...prev, lang: `${prev.lang}/${m.lang}` });
    }
  };
  for (const syn of exact.get(folded) ?? []) {
    offer({ kind: syn.kind, strength: syn.exact, lang: syn.lang, synonym: syn.text });
  }
  const tokens = folded.split(' ');
  for (const syn of all) {
    if (syn.text === folded) continue;
    const at = indexOfTokens(tokens, syn.tokens);
    if (at >= 0) {
      // The more of the header a synonym covers, the more it says; English puts the head noun
      // last ("first order date" is a date), and very short synonyms are weak on their own.
      const coverage = syn.tokens.length / tokens.length;
      const atEnd = at + syn.tokens.length === tokens.length ? 0.08 : 0;
      const short = syn.text.length <= 3 ? 0.08 : 0;
      offer({
        kind: syn.kind,
        strength: 0.45 + 0.2 * coverage + atEnd - short,
        lang: syn.lang,
        synonym: syn.text,
      });
    } else if (syn.tokens.length === 1 && syn.text.length >= 5) {
      // German and Dutch compounds: "lieferadresse", "kundenemail", "mobiltelefonnummer".
      if (
        tokens.some((t) => t.length > syn.text.length + 2 && (t.endsWith(syn.text) || t.startsWith(syn.text)))
      ) {
        offer({ kind: syn.kind, strength: 0.5, lang: syn.lang, synonym: syn.text });
      }
    }
  }
  return [...best.values()].sort((a, b) => b.strength - a.strength);
}

/**
 * Matches a header against the dictionary. Dotted or slashed paths (`address.zip`,
 * `customer/phone/number`) are matched on their last segment, falling back to the last two
 * segments together and to the parent when the last one is weak.
 */
export function matchHeader(raw: string): HeaderInfo {
  const segments = raw
    .split(/[./>[\]]+/)
    .map(foldHeader)
    .filter((s) => s.length > 0);
  const folded = segments.join(' ');
  const last = segments.at(-1) ?? '';
  if (last === '' || GENERIC.test(last)) return { folded, generic: true, nationalId: false, matches: [] };
  if (NATIONAL_ID.test(last) || NATIONAL_ID.test(folded))
    return { folded, generic: false, nationalId: true, matches: [] };
  let matches = matchFolded(last);
  const parent = segments.at(-2);
  if (parent !== undefined) {
    const joined = matchFolded(`${parent} ${last}`);
    if ((joined[0]?.strength ?? 0) > (matches[0]?.strength ?? 0)) matches = joined;
    if (matches.length === 0 || WEAK_LAST.has(last)) {
      matches = matchFolded(parent).map((m) => ({ ...m, strength: m.strength * 0.8 }));
    }
  }
  return { folded: last, generic: false, nationalId: false, matches };
}
