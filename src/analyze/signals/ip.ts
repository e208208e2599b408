import type { Signal } from '../../core/report.js';
import type { SampleView } from '../sample-view.js';
import { excessWeight, MIN_VALUES, makeSignal, percent, tally } from './common.js';
import { ipCountry } from './ip-country.js';

/**
 * IP addresses: customers sign up from public addresses of their country's ISPs. Private,
 * loopback, CGNAT, documentation and multicast addresses are what random generators and
 * careless fabricators produce; a public address in another country than the row's
 * address is common for travellers and VPN users, but not for most rows.
 */

/** Share of reserved addresses genuine signup logs show (proxies, internal tests). */
const RESERVED_BASELINE = 0.01;
/** Share of rows genuine data shows with an IP abroad (VPNs, travel, mobile carriers, database error). */
const ABROAD_BASELINE = 0.2;

export function ipSignals(view: SampleView): Signal[] {
  const column = view.first('ip');
  if (!column) return [];
  const signals: Signal[] = [];
  const reserved = tally(
    view.signalRows,
    (i) => column.key(i, 'class'),
    (cls) => cls !== 'public',
  );
  if (reserved.n >= MIN_VALUES) {
    const share = reserved.x / reserved.n;
    signals.push(
      makeSignal(
        'reserved-ip-addresses',
        'fabrication',
        excessWeight(reserved.x, reserved.n, RESERVED_BASELINE),
        share,
        `${percent(share)} of IP addresses are private, loopback, multicast or otherwise reserved (real signups come from public addresses)`,
      ),
    );
  }
  const abroad = tally(
    view.signalRows,
    (i) => {
      if (column.key(i, 'class') !== 'public') return undefined;
      const country = view.countryAt(i);
      const ip = column.value(i);
      if (country === undefined || ip === undefined) return undefined;
      const located = ipCountry(ip);
      return located === undefined ? undefined : { located, country };
    },
    (v) => v.located !== v.country,
  );
  if (abroad.n >= MIN_VALUES) {
    const share = abroad.x / abroad.n;
    signals.push(
      makeSignal(
        'ip-country-mismatch',
        'fabrication',
        excessWeight(abroad.x, abroad.n, ABROAD_BASELINE),
        share,
        `${percent(share)} of public IP addresses are registered in another country than the row's address`,
      ),
    );
  }
  return signals;
}
