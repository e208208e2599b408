/**
 * Check-digit schemes house identifiers carry. A fabricator who imitates an id's shape
 * ("SC-" and eight digits) without knowing its check digit gets it right one time in ten
 * (Luhn), eleven (mod 11) or ninety-seven (mod 97-10): a format that validates on all of
 * our records and on few of a sample's values is strong evidence against the sample.
 */

export type CheckScheme = 'luhn' | 'mod11' | 'mod11-positional' | 'mod97-10';

export const CHECK_SCHEMES: readonly CheckScheme[] = ['luhn', 'mod11', 'mod11-positional', 'mod97-10'];

/** How often a random value passes the scheme: what "validates on ~all values" is compared with. */
export const CHANCE_PASS: Readonly<Record<CheckScheme, number>> = {
  luhn: 0.1,
  mod11: 1 / 11,
  'mod11-positional': 1 / 11,
  'mod97-10': 1 / 97,
};

function digitsOf(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 48 && c <= 57) out += value[i];
  }
  return out;
}

/** Luhn (ISO/IEC 7812) over all the digits of the value, the last being the check digit. */
export function passesLuhn(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length < 2) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Mod 11 with weights 2..7 repeating from the right of the payload (banking and many ERP
 * systems); check = (11 - sum mod 11) mod 11, and a remainder asking for 10 is not issued.
 */
export function passesMod11(value: string): boolean {
  const digits = digitsOf(value);
  if (digits.length < 2) return false;
  let sum = 0;
  for (let i = 0; i < digits.length - 1; i++) {
    sum += (digits.charCodeAt(digits.length - 2 - i) - 48) * (2 + (i % 6));
  }
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === digits.charCodeAt(digits.length - 1) - 48;
}

/**
 * Mod 11 with positional weights (ISBN-10, NHS number): the digit i places from the right
 * weighs i + 1, the check digit (X for 10) weighs 1, and the total is divisible by 11.
 */
export function passesMod11Positional(value: string): boolean {
  const compact = value.replace(/[^0-9Xx]/g, '');
  if (compact.length < 2 || /[Xx]/.test(compact.slice(0, -1))) return false;
  let sum = 0;
  for (let i = 0; i < compact.length; i++) {
    const ch = compact[compact.length - 1 - i]!;
    sum += (ch === 'X' || ch === 'x' ? 10 : ch.charCodeAt(0) - 48) * (i + 1);
  }
  return sum % 11 === 0;
}

/** ISO 7064 MOD 97-10 over the alphanumeric characters (A=10 … Z=35), as IBANs and LEIs use it. */
export function passesMod97(value: string): boolean {
  const compact = value.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (compact.length < 3) return false;
  let remainder = 0;
  for (let i = 0; i < compact.length; i++) {
    const c = compact.charCodeAt(i);
    const n = c <= 57 ? c - 48 : c - 55;
    remainder = n < 10 ? (remainder * 10 + n) % 97 : (remainder * 100 + n) % 97;
  }
  return remainder === 1;
}

export function passesCheck(scheme: CheckScheme, value: string): boolean {
  switch (scheme) {
    case 'luhn':
      return passesLuhn(value);
    case 'mod11':
      return passesMod11(value);
    case 'mod11-positional':
      return passesMod11Positional(value);
    case 'mod97-10':
      return passesMod97(value);
  }
}

/** Appends the digit that makes `payload` pass Luhn: `withLuhn('0001234')` → `'00012348'`. */
export function withLuhn(payload: string): string {
  for (let d = 0; d <= 9; d++) if (passesLuhn(`${payload}${d}`)) return `${payload}${d}`;
  throw new Error('unreachable');
}
