/**
 * Calendar dates as plans write them in headings: `2026-11-21`, `Nov 21, 2026`, `November 21st 2026`, `21 Nov 2026`.
 * Numeric day/month orders (`11/12/2026`) are ambiguous and two-digit years too: neither is read as a date.
 */
export interface DateMatch {
  /** The date as `YYYY-MM-DD`. */
  iso: string;
  /** The matched text, and where it starts. */
  text: string;
  index: number;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = String.raw`(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/;
/** `Nov 21, 2026`, `Nov. 21st 2026`, `November 21 2026`. */
const MONTH_DAY = new RegExp(String.raw`\b${MONTH}(\.?\s+)(\d{1,2})(st|nd|rd|th)?(,?\s+)(\d{4})\b`, 'i');
/** `21 Nov 2026`, `21st November, 2026`. */
const DAY_MONTH = new RegExp(String.raw`\b(\d{1,2})(st|nd|rd|th)?(\s+)${MONTH}(\.?,?\s+)(\d{4})\b`, 'i');
/** Every month-name date holds a four-digit year: most headings have no such run and skip both expressions. */
const YEAR = /\d{4}/;

function monthIndex(name: string): number {
  const n = name.toLowerCase();
  return MONTHS.findIndex((m) => m.startsWith(n.slice(0, 3)));
}

function isoOf(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > days) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first date in the text, in any of the written forms; an ISO date wins over a month-name one. */
export function findDate(text: string): DateMatch | null {
  const iso = ISO.exec(text);
  if (iso) {
    const valid = isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    // An out-of-range ISO date (`2026-13-45`) still marks the heading as dated, as it always has: the text is kept.
    return { iso: valid ?? iso[0], text: iso[0], index: iso.index };
  }
  if (!YEAR.test(text)) return null;
  const a = MONTH_DAY.exec(text);
  const b = DAY_MONTH.exec(text);
  const md = a && dated(a, a[6]!, a[1]!, a[3]!);
  const dm = b && dated(b, b[6]!, b[4]!, b[1]!);
  // The first of the two forms in the text.
  return md && dm ? (dm.index < md.index ? dm : md) : (md ?? dm);
}

/** A month-name match as a date, or null when the day is not in that month. */
function dated(m: RegExpExecArray, year: string, month: string, day: string): DateMatch | null {
  const iso = isoOf(Number(year), monthIndex(month) + 1, Number(day));
  return iso ? { iso, text: m[0], index: m.index } : null;
}

function ordinal(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

function monthLike(written: string, month: number): string {
  const full = MONTHS[month - 1]!;
  const lower = written.toLowerCase();
  let name: string;
  if (lower.length > 4 || (lower.length === 4 && lower !== 'sept')) name = full;
  else if (lower === 'sept') name = month === 9 ? 'sept' : full.slice(0, 3);
  else name = full.slice(0, 3);
  if (written === written.toUpperCase()) return name.toUpperCase();
  if (written[0] === written[0]!.toUpperCase()) return name[0]!.toUpperCase() + name.slice(1);
  return name;
}

/**
 * `iso` written the way `like` (a DateMatch's text) is: `2026-11-21`, or with the same month form (short or long,
 * capitalised as written), separators and ordinal suffix (`Nov. 22nd, 2026`); a day is zero-padded when the
 * written one was (`Nov 05, 2026`).
 */
export function formatDateLike(like: string, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  if (ISO.exec(like)?.[0] === like) return iso;
  const a = MONTH_DAY.exec(like);
  if (a && a[0] === like) return `${monthLike(a[1]!, m)}${a[2]}${dayLike(a[3]!, d)}${a[4] ? ordinalLike(a[4], d) : ''}${a[5]}${y}`;
  const b = DAY_MONTH.exec(like);
  if (b && b[0] === like) return `${dayLike(b[1]!, d)}${b[2] ? ordinalLike(b[2], d) : ''}${b[3]}${monthLike(b[4]!, m)}${b[5]}${y}`;
  return iso;
}

/** The day, zero-padded when the written one was. */
function dayLike(written: string, day: number): string {
  return written.startsWith('0') && day < 10 ? `0${day}` : String(day);
}

function ordinalLike(written: string, day: number): string {
  const o = ordinal(day);
  return written === written.toUpperCase() ? o.toUpperCase() : o;
}
