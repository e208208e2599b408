import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email.js';

describe('normalizeEmail', () => {
  it.each([
    [' Mario.Rossi@Libero.IT ', 'mario.rossi@libero.it'],
    ['jean.dupont@orange.fr', 'jean.dupont@orange.fr'],
    ['Hans.Müller@web.de', 'hans.müller@web.de'],
    ['maria@bücher.de', 'maria@xn--bcher-kva.de'],
    ['maria@xn--bcher-kva.de', 'maria@xn--bcher-kva.de'],
    ['josé@correo.es', 'josé@correo.es'],
    ['Mario Rossi <mario.rossi@gmail.com>', 'mario.rossi@gmail.com'],
    ['mailto:info@example.co.uk', 'info@example.co.uk'],
    ['info@example.com.', 'info@example.com'],
  ])('canonicalises %j', (raw, value) => {
    expect(normalizeEmail(raw)).toMatchObject({ ok: true, value });
  });

  it.each([
    ['mario.rossi', 'no @'],
    ['mario rossi@gmail.com', 'contains spaces'],
    ['.mario@gmail.com', 'invalid local part'],
    ['mario..rossi@gmail.com', 'invalid local part'],
    ['mario@localhost', 'invalid domain'],
    ['mario@-gmail.com', 'invalid domain'],
    ['mario@gmail.c0m', 'invalid domain'],
    ['mario@[127.0.0.1]', 'invalid domain'],
    ['@gmail.com', 'invalid local part'],
    ['', 'empty'],
  ])('rejects %j', (raw, reason) => {
    expect(normalizeEmail(raw)).toEqual({ ok: false, reason });
  });

  it.each([
    ['M.Rossi+promo@GoogleMail.com', 'mrossi@gmail.com'],
    ['m.rossi@gmail.com', 'mrossi@gmail.com'],
    ['jean+shop@outlook.fr', 'jean@outlook.fr'],
    ['hans+x@hotmail.de', 'hans@hotmail.de'],
    ['ana+a@icloud.com', 'ana@icloud.com'],
    ['ana+a@protonmail.ch', 'ana@protonmail.ch'],
    ['luca-spesa@yahoo.it', 'luca@yahoo.it'],
    ['luca.bianchi@yahoo.it', 'luca.bianchi@yahoo.it'],
    // Unknown domains keep their tags: merging them would be a guess.
    ['m.rossi+promo@libero.it', 'm.rossi+promo@libero.it'],
  ])('provider variant of %j is %j', (raw, provider) => {
    const n = normalizeEmail(raw);
    expect(n.ok && n.keys?.provider).toBe(provider);
  });

  it('returns local part and domain keys', () => {
    expect(normalizeEmail('A.B@Example.org')).toEqual({
      ok: true,
      value: 'a.b@example.org',
      keys: { exact: 'a.b@example.org', provider: 'a.b@example.org', local: 'a.b', domain: 'example.org' },
    });
  });
});
