import type { ColumnParams, FieldKind, Normalized, RowContext } from '../../core/types.js';
import { normalizeHouseNumber, normalizePlace, normalizeStreet, splitAddress } from './address.js';
import { normalizeCard } from './card.js';
import { normalizeCountry } from './country.js';
import { normalizeDate } from './date.js';
import { normalizeEmail } from './email.js';
import { normalizeIp } from './ip.js';
import { normalizeName, splitFullName } from './name.js';
import { normalizePhone } from './phone.js';
import { normalizePostcode } from './postcode.js';
import {
  normalizeAmount,
  normalizeCurrency,
  normalizeGender,
  normalizeId,
  normalizePassword,
  normalizePasswordHash,
  normalizeText,
  normalizeUsername,
} from './simple.js';
import { fail } from './text.js';

export { normalizeHouseNumber, normalizePlace, normalizeStreet, splitAddress } from './address.js';
export { type CardBrand, cardBrand, normalizeCard } from './card.js';
export { countryCodeOf, normalizeCountry } from './country.js';
export { type DateOptions, guessDateOrder, normalizeDate } from './date.js';
export { normalizeEmail, providerVariant } from './email.js';
export { type IpClass, ipClass, normalizeIp } from './ip.js';
export { nameKeys, normalizeName, splitFullName } from './name.js';
export { guessPhoneRegion, normalizePhone, type PhoneValidity, validatePhone } from './phone.js';
export { normalizePostcode, POSTCODE_RULES } from './postcode.js';
export {
  normalizeAmount,
  normalizeCurrency,
  normalizeGender,
  normalizeId,
  normalizePassword,
  normalizePasswordHash,
  normalizeText,
  normalizeUsername,
} from './simple.js';
export { foldText, MAX_INPUT_CHARS } from './text.js';

/**
 * Normalises one raw value of a column of the given kind. The row's country (ctx) comes
 * before the column's (params) for phones, postcodes and addresses: a mixed-country sample
 * writes each number in its own country's way. Never throws; card numbers get no `hash` key
 * here (the protect stage calls normalizeCard with its keyed hash).
 * @example normalizeValue('phone', '06 1234 5678', { phoneRegion: 'IT' }).value === '+390612345678'
 */
export function normalizeValue(
  kind: FieldKind,
  raw: string,
  params: ColumnParams = {},
  ctx: RowContext = {},
): Normalized {
  if (typeof raw !== 'string') return fail('not text');
  const country = ctx.country ?? params.country;
  switch (kind) {
    case 'email':
      return normalizeEmail(raw);
    case 'phone':
      return normalizePhone(raw, ctx.country ?? params.phoneRegion);
    case 'first_name':
    case 'last_name':
      return normalizeName(raw);
    case 'full_name':
      return splitFullName(raw);
    case 'username':
      return normalizeUsername(raw);
    case 'date_of_birth':
      return normalizeDate(raw, params.dateOrder, { birth: true });
    case 'date':
      return normalizeDate(raw, params.dateOrder);
    case 'street':
      return normalizeStreet(raw, country);
    case 'house_number':
      return normalizeHouseNumber(raw);
    case 'address':
      return splitAddress(raw, country);
    case 'postcode':
      return normalizePostcode(raw, country);
    case 'city':
    case 'region':
      return normalizePlace(raw);
    case 'country':
      return normalizeCountry(raw);
    case 'ip':
      return normalizeIp(raw);
    case 'internal_id':
    case 'national_id':
    case 'order_id':
      return normalizeId(raw);
    case 'amount':
      return normalizeAmount(raw);
    case 'currency':
      return normalizeCurrency(raw);
    case 'password':
      return normalizePassword(raw);
    case 'password_hash':
      return normalizePasswordHash(raw);
    case 'card_number':
      return normalizeCard(raw);
    case 'gender':
      return normalizeGender(raw);
    case 'text':
    case 'unknown':
      return normalizeText(raw);
    default:
      // Kinds arrive from mapping files too; an unknown one is a bad value, not a crash.
      return fail('unknown kind');
  }
}
