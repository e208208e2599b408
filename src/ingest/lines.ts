/**
 * Line-level helpers shared by sniffing and the line-oriented parsers. A physical line ends
 * at LF, CRLF or a lone CR, everywhere in ingestion, so line numbers agree between the
 * sniffer (which says where a paste's data block starts) and the parsers.
 */

const LINE_BREAK = /\r\n|\r|\n/;

export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

export function isBlank(line: string): boolean {
  return line.trim().length === 0;
}

// Rules and comment markers: `=====`, `-----`, `# ...`, `-- ...`, `// ...`, `[+] ...`.
const RULE_OR_COMMENT = /^\s*(?:[=*_~+#-]{3,}|#|--(?:\s|$)|\/\/|;;|\[[+!*-]\])/;
// Forum boilerplate: "Leaked by x", "Total: 87,000,000 records", "Source: ...", "Contact: @x".
const BANNER_WORDS =
  /^\s*(?:(?:leaked|dumped|hacked|breached|cracked|shared|uploaded|posted|compiled|sold)\s+by\b|(?:total(?:\s+(?:records|rows|lines|users|entries|accounts))?|records|rows|lines|entries|source|contact|telegram|jabber|xmpp|tox|discord|download|price|format|database|db|dump|leak|date|dumped|enjoy|credits?|thanks?|greetz|note)\s*[:=])/i;

/** True for banner and comment lines of forum pastes; only meaningful around a data block. */
export function isBannerLine(line: string): boolean {
  return RULE_OR_COMMENT.test(line) || BANNER_WORDS.test(line);
}

/** Physical line ends in `value` (CRLF counts once), e.g. inside a quoted CSV field. */
export function countBreaks(value: string): number {
  if (value.indexOf('\n') === -1 && value.indexOf('\r') === -1) return 0;
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 10 || (c === 13 && value.charCodeAt(i + 1) !== 10)) count++;
  }
  return count;
}

/**
 * Makes text safe to print on one line: control and bidi characters escaped, then truncated.
 * @example printable('a\u0000b', 200) // 'a\\x00b'
 */
export function printable(text: string, max = 200): string {
  const head = text.length > max * 4 ? text.slice(0, max * 4) : text;
  const escaped = head.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g,
    (c) => {
      const code = c.charCodeAt(0);
      if (c === '\t') return '\\t';
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      return code < 0x100
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
    },
  );
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped;
}

/**
 * Cuts text into physical lines across chunk boundaries, for the line-oriented formats
 * (combolists). A line longer than `maxChars` is reported once through `onTooLong` and then
 * skipped to its end without being buffered, so one 50 MB line costs one chunk of memory.
 */
export interface LineReader {
  feed(text: string): void;
  end(): void;
}

export function createLineReader(
  maxChars: number,
  onLine: (line: string, lineNumber: number) => void,
  onTooLong: (preview: string, lineNumber: number) => void,
): LineReader {
  let rest = '';
  let lineNumber = 1;
  let skipping = false;
  // A CR ending one chunk may be the first half of a CRLF; its LF must not end another line.
  let pendingCR = false;

  function scan(text: string, final: boolean): void {
    let pos = 0;
    if (pendingCR && text.charCodeAt(0) === 10) pos = 1;
    pendingCR = false;
    const n = text.length;
    // Cached like the delimited parser's: searching for a CR that is not there on every line
    // would rescan the rest of the chunk each time.
    let lf = text.indexOf('\n', pos);
    let cr = text.indexOf('\r', pos);
    while (pos < n) {
      if (lf !== -1 && lf < pos) lf = text.indexOf('\n', pos);
      if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
      let end = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
      if (end === -1) {
        if (final) end = n;
        else break;
      }
      let next = end + 1;
      if (text.charCodeAt(end) === 13) {
        if (text.charCodeAt(next) === 10) next++;
        else if (next === n && !final) pendingCR = true;
      }
      if (skipping) skipping = false;
      else if (end - pos > maxChars) onTooLong(text.slice(pos, pos + 200), lineNumber);
      else onLine(text.slice(pos, end), lineNumber);
      lineNumber++;
      pos = next;
    }
    rest = pos < n ? text.slice(pos) : '';
    if (rest.length > maxChars) {
      if (!skipping) onTooLong(rest.slice(0, 200), lineNumber);
      skipping = true;
      rest = '';
    }
  }

  return {
    feed(text) {
      if (text.length === 0) return;
      if (skipping) {
        scan(text, false);
        return;
      }
      scan(rest + text, false);
    },
    end() {
      if (rest.length > 0) scan(rest, true);
      rest = '';
    },
  };
}
