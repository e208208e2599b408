export {
  BloomEncoder,
  type BloomLayout,
  bigrams,
  bloomBytes,
  bloomEncode,
  bloomFromBytes,
  CLK_LAYOUT,
  dice,
  diceWithCounts,
  fieldLayout,
  kForHalfFill,
  popcount,
  TYPICAL_BIGRAMS,
} from './bloom.js';
export { bigramsSql, bloomPositionsSql, bloomStepsSql, diceSql } from './bloom-sql.js';
export { fingerprint, fingerprintLabel, hmacHexSql, hmacSql } from './fingerprint.js';
export { deriveSubkey, generateKey, KEY_ENV, keyCheckValue, keyToHex, loadKey, SecretKey } from './key.js';
export { checkKey } from './key-check.js';
