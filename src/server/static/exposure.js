// The exposure check page. Runs in the browser (and, without a document, in the tests that
// hold its canonical forms equal to src/server/exposure.ts). It canonicalises what the
// person typed, hashes it, sends only the first 5 hex characters of the hash, and compares
// the answer locally. The canonical rules are documented in src/server/exposure.ts; any
// change here must be made there too.
((root) => {
  const MAX_EMAIL_CHARS = 254;
  const MAX_PHONE_CHARS = 64;

  /** trim, NFC, lowercase; exactly one `@` with text on both sides, no whitespace. */
  function canonicalEmail(raw) {
    const value = raw.trim().normalize('NFC').toLowerCase();
    if (value.length > MAX_EMAIL_CHARS || /\s/.test(value)) return null;
    const at = value.indexOf('@');
    if (at <= 0 || at === value.length - 1 || value.indexOf('@', at + 1) >= 0) return null;
    return value;
  }

  /** NFKC, trim, libphonenumber-js (min metadata) with the region for national numbers; E.164. */
  function canonicalPhone(raw, region, lib) {
    const value = raw.normalize('NFKC').trim();
    if (value.length === 0 || value.length > MAX_PHONE_CHARS) return null;
    const upper = typeof region === 'string' ? region.toUpperCase() : undefined;
    const parsed = lib.parsePhoneNumberFromString(
      value,
      upper !== undefined && lib.isSupportedCountry(upper) ? { defaultCountry: upper } : {},
    );
    return parsed?.isPossible() ? parsed.number : null;
  }

  const rotate = (x, n) => (x >>> n) | (x << (32 - n));

  function firstPrimes(count) {
    const primes = [];
    for (let n = 2; primes.length < count; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
    return primes;
  }
  const fraction = (x) => ((x - Math.floor(x)) * 2 ** 32) >>> 0;
  const PRIMES = firstPrimes(64);
  const K = Uint32Array.from(PRIMES, (p) => fraction(Math.cbrt(p)));
  const H0 = Uint32Array.from(PRIMES.slice(0, 8), (p) => fraction(Math.sqrt(p)));

  /** SHA-256 in plain JavaScript, for pages served over plain HTTP where crypto.subtle is absent. */
  function sha256Bytes(bytes) {
    const length = bytes.length;
    const total = Math.ceil((length + 9) / 64) * 64;
    const m = new Uint8Array(total);
    m.set(bytes);
    m[length] = 0x80;
    const view = new DataView(m.buffer);
    view.setUint32(total - 8, Math.floor(length / 2 ** 29));
    view.setUint32(total - 4, (length * 8) >>> 0);
    const h = Uint32Array.from(H0);
    const w = new Uint32Array(64);
    for (let offset = 0; offset < total; offset += 64) {
      for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
      for (let i = 16; i < 64; i++) {
        const a = w[i - 15];
        const b = w[i - 2];
        w[i] =
          w[i - 16] +
          (rotate(a, 7) ^ rotate(a, 18) ^ (a >>> 3)) +
          w[i - 7] +
          (rotate(b, 17) ^ rotate(b, 19) ^ (b >>> 10));
      }
      let [a, b, c, d, e, f, g, k] = h;
      for (let i = 0; i < 64; i++) {
        const t1 =
          (k + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0;
        const t2 = ((rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        k = g;
        g = f;
        f = e;
        e = (d + t1) | 0;
        d = c;
        c = b;
        b = a;
        a = (t1 + t2) | 0;
      }
      h[0] += a;
      h[1] += b;
      h[2] += c;
      h[3] += d;
      h[4] += e;
      h[5] += f;
      h[6] += g;
      h[7] += k;
    }
    return Array.from(h, (x) => x.toString(16).padStart(8, '0')).join('');
  }

  async function sha256Hex(text) {
    const bytes = new TextEncoder().encode(text);
    const subtle = root.crypto?.subtle;
    if (!subtle) return sha256Bytes(bytes);
    const digest = new Uint8Array(await subtle.digest('SHA-256', bytes));
    return Array.from(digest, (x) => x.toString(16).padStart(2, '0')).join('');
  }

  /** An email when the input has `@`, otherwise a phone; null when it is neither. */
  async function exposureOf(raw, region, lib) {
    const kind = raw.includes('@') ? 'email' : 'phone';
    const canonical = kind === 'email' ? canonicalEmail(raw) : canonicalPhone(raw, region, lib);
    if (canonical === null) return null;
    return { kind, canonical, hash: await sha256Hex(`${kind}:${canonical}`) };
  }

  root.LeakverifyExposure = { canonicalEmail, canonicalPhone, sha256Bytes, sha256Hex, exposureOf };
  if (typeof document === 'undefined') return;

  const $ = (id) => document.getElementById(id);

  function guessRegion(main, lib) {
    const given = main.dataset.region;
    if (given && lib.isSupportedCountry(given)) return given;
    for (const tag of navigator.languages ?? [navigator.language]) {
      const region = tag.split('-')[1]?.toUpperCase();
      if (region && lib.isSupportedCountry(region)) return region;
    }
    return '';
  }

  function fillRegions(select, lib, selected) {
    let names;
    try {
      names = new Intl.DisplayNames([navigator.language || 'en'], { type: 'region' });
    } catch {
      names = { of: (code) => code };
    }
    const regions = lib
      .getCountries()
      .map((code) => ({ code, name: `${names.of(code) ?? code} (+${lib.getCountryCallingCode(code)})` }))
      .sort((x, y) => x.name.localeCompare(y.name));
    for (const { code, name } of regions) {
      const option = document.createElement('option');
      option.value = code;
      option.textContent = name;
      option.selected = code === selected;
      select.append(option);
    }
  }

  function show(state, title, detail) {
    const result = $('result');
    result.dataset.state = state;
    result.replaceChildren();
    const strong = document.createElement('strong');
    strong.textContent = title;
    result.append(strong);
    for (const line of detail) {
      const p = document.createElement('p');
      p.textContent = line;
      result.append(p);
    }
    result.hidden = false;
  }

  async function check(main, lib) {
    const caseId = main.dataset.case;
    const caseTitle = main.dataset.title;
    const raw = $('value').value;
    const found = await exposureOf(raw, $('region').value || undefined, lib);
    if (found === null) {
      show('invalid', 'That does not look like an email address or a phone number.', [
        raw.includes('@')
          ? 'Check the address for typos.'
          : 'For a phone number, include the country code (+39 …) or choose its country.',
      ]);
      return;
    }
    const prefix = found.hash.slice(0, 5);
    $('sent').textContent = prefix;
    const url = `/api/exposure/range/${prefix}?case=${encodeURIComponent(caseId)}`;
    const response = await fetch(url, {
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    if (response.status === 429) {
      const wait = response.headers.get('Retry-After') ?? 'a few';
      show('error', 'Too many checks from your network.', [`Please try again in ${wait} seconds.`]);
      return;
    }
    if (!response.ok) {
      show('error', 'The check is unavailable right now.', [`The server answered ${response.status}.`]);
      return;
    }
    const body = await response.json();
    const label = found.kind === 'email' ? 'email address' : 'phone number';
    if (body.prefix === prefix && body.suffixes.includes(found.hash.slice(5))) {
      show('found', `Your ${label} ${found.canonical} appears in the alleged sample.`, [
        `This does not prove that the data came from ${caseTitle}: the claim is being verified.`,
        'Be wary of emails, text messages and calls that mention your account, orders or deliveries, and never give a password or a payment code to someone who contacted you.',
        'If you received such a contact, please report it with the link below.',
      ]);
    } else {
      show('not-found', `Your ${label} ${found.canonical} does not appear in the alleged sample.`, [
        'The published sample is only a part of what is claimed, so stay careful with unexpected contacts anyway.',
      ]);
    }
  }

  function setup() {
    const main = document.querySelector('main[data-case]');
    const lib = root.libphonenumber;
    if (!main || !lib) return;
    fillRegions($('region'), lib, guessRegion(main, lib));
    const button = $('check-button');
    $('check-form').addEventListener('submit', (event) => {
      event.preventDefault();
      button.disabled = true;
      check(main, lib)
        .catch(() => show('error', 'The check failed.', ['Please try again later.']))
        .finally(() => {
          button.disabled = false;
        });
    });
    $('check-form').dataset.ready = 'true';
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setup);
  else setup();
})(globalThis);
