/**
 * A compact binary encoding for the index cache: plain data (what JSON.stringify keeps), laid out so that
 * reading it back needs almost no parsing: a small JSON header (key lists, non-integer numbers), every distinct
 * string once in one UTF-8 blob, and the structure as 32-bit integers read straight from the buffer. Decoding
 * is one walk over the integers; key order is kept.
 *
 * Layout: "PSPK" u32(version) u32(headerBytes) header u32(stringCount) u32(blobBytes) blob, padding to 4,
 * u32(intCount) int32[stringCount string lengths (UTF-16 units), then the code].
 * Codes: -1 - n for the integer 0 ≤ n < 2^31 - 1; 0 null, 1 false, 2 true, 3 n: array of n values,
 * 4 i: numbers[i]; 6 + 2i: strings[i]; 7 + 2s: an object with the keys of shapes[s], then its values;
 * 5 n (n ≥ 0): a non-empty array of n primitives, kept as lists[lists.length]; 5 -1 - k: lists[k] again.
 */
const MAGIC = 0x4b505350; // "PSPK" little-endian
const VERSION = 2;
const MAX_INT = 2 ** 31 - 2;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

interface Header {
  shapes: string[][];
  numbers: number[];
}

/** The index of `value` in `list`, added at the end the first time its `key` is seen. */
function intern<T>(ids: Map<string, number>, list: T[], key: string, value: T): number {
  let n = ids.get(key);
  if (n === undefined) {
    n = list.push(value) - 1;
    ids.set(key, n);
  }
  return n;
}

export function pack(value: unknown): Uint8Array {
  const shapes: string[][] = [];
  const shapeIds = new Map<string, number>();
  const strings: string[] = [];
  const stringIds = new Map<string, number>();
  const numbers: number[] = [];
  const code: number[] = [];
  // Arrays of primitives by their JSON (what they decode to): a repeated one is written once.
  const listIds = new Map<string, number>();
  const enc = (v: unknown): void => {
    if (typeof v === 'string') {
      code.push(6 + 2 * intern(stringIds, strings, v, v));
    } else if (typeof v === 'number') {
      if (Number.isInteger(v) && v >= 0 && v <= MAX_INT && !Object.is(v, -0)) code.push(-1 - v);
      else if (Number.isFinite(v)) code.push(4, numbers.push(v) - 1);
      else code.push(0);
    } else if (v === null || v === undefined || typeof v === 'function' || typeof v === 'symbol') code.push(0);
    else if (typeof v === 'boolean') code.push(v ? 2 : 1);
    else if (typeof v === 'bigint') throw new TypeError('cannot pack a BigInt');
    else {
      const json = (v as { toJSON?: () => unknown }).toJSON;
      if (typeof json === 'function') return enc(json.call(v));
      if (Array.isArray(v)) {
        if (v.length > 0 && v.every(isPrimitive)) {
          const key = JSON.stringify(v);
          const k = listIds.get(key);
          if (k !== undefined) {
            code.push(5, -1 - k);
            return;
          }
          listIds.set(key, listIds.size);
          code.push(5, v.length);
          for (const x of v) enc(x);
          return;
        }
        code.push(3, v.length);
        for (const x of v) enc(x);
        return;
      }
      const keys: string[] = [];
      for (const k of Object.keys(v)) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined && typeof x !== 'function' && typeof x !== 'symbol') keys.push(k);
      }
      // JSON of the key list: `{}` and `{"": …}`, or keys holding the separator, never share a shape.
      code.push(7 + 2 * intern(shapeIds, shapes, JSON.stringify(keys), keys));
      for (const k of keys) enc((v as Record<string, unknown>)[k]);
    }
  };
  enc(value);
  const utf8 = new TextEncoder();
  const header = utf8.encode(JSON.stringify({ shapes, numbers } satisfies Header));
  const blob = utf8.encode(strings.join(''));
  let size = 12 + header.length + 8 + blob.length;
  size += (4 - (size % 4)) % 4;
  const ints = strings.length + code.length;
  const out = new Uint8Array(size + 4 + 4 * ints);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, header.length, true);
  out.set(header, 12);
  const at = 12 + header.length;
  view.setUint32(at, strings.length, true);
  view.setUint32(at + 4, blob.length, true);
  out.set(blob, at + 8);
  view.setUint32(size, ints, true);
  // `size + 4` is a multiple of 4 in a fresh buffer: the integers can be written through an aligned view.
  const body = LITTLE_ENDIAN ? new Int32Array(out.buffer, size + 4, ints) : null;
  let k = 0;
  const put = body ? (x: number) => (body[k++] = x) : (x: number) => view.setInt32(size + 4 + 4 * k++, x, true);
  for (const s of strings) put(s.length);
  for (const c of code) put(c);
  return out;
}

export interface UnpackOptions {
  /**
   * Every empty array decodes to one shared frozen array, and arrays of primitives written once (repeated
   * ones) to one frozen array each: for values that are read, never changed in place (a snapshot's parsed
   * files). On a 10k vault snapshot that is 300k of 670k allocations.
   */
  sharedArrays?: boolean;
}

const EMPTY: readonly unknown[] = Object.freeze([]);

/** What `enc` writes without recursing, so that an array of them decodes to the same array wherever it appears. */
function isPrimitive(x: unknown): boolean {
  return x === null || (typeof x !== 'object' && typeof x !== 'bigint');
}

/** The value `pack` was given (as JSON would have kept it). Throws on input `pack` did not make. */
export function unpack(buf: Uint8Array, options: UnpackOptions = {}): unknown {
  const share = options.sharedArrays === true;
  const fail = (why: string): never => {
    throw new Error(`not a packed value: ${why}`);
  };
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const u32 = (at: number): number => (at + 4 <= buf.length ? view.getUint32(at, true) : fail('truncated'));
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  if (buf.length < 20 || u32(0) !== MAGIC || u32(4) !== VERSION) fail('wrong magic or version');
  const headerBytes = u32(8);
  if (12 + headerBytes > buf.length) fail('truncated');
  const header = JSON.parse(utf8.decode(buf.subarray(12, 12 + headerBytes))) as Header;
  if (!header || !Array.isArray(header.shapes) || !Array.isArray(header.numbers)) fail('bad header');
  let at = 12 + headerBytes;
  const stringCount = u32(at);
  const blobBytes = u32(at + 4);
  if (at + 8 + blobBytes > buf.length) fail('truncated');
  const blob = utf8.decode(buf.subarray(at + 8, at + 8 + blobBytes));
  at += 8 + blobBytes;
  at += (4 - (at % 4)) % 4;
  const intCount = u32(at);
  at += 4;
  if (at + 4 * intCount !== buf.length || stringCount > intCount) fail('truncated');
  const ints = intsOf(buf, at, intCount);
  const strings = new Array<string>(stringCount);
  let from = 0;
  for (let i = 0; i < stringCount; i++) {
    const to = from + ints[i]!;
    strings[i] = blob.slice(from, to);
    from = to;
  }
  if (from !== blob.length) fail('string lengths do not match');
  const { numbers } = header;
  const lists: (readonly unknown[])[] = [];
  let pos = stringCount;
  const next = (): unknown => {
    const c = ints[pos++]!;
    if (c < 0) return -1 - c;
    if (c >= 6) {
      if ((c & 1) === 0) {
        const s = strings[(c - 6) >> 1];
        return s === undefined ? fail(`string out of range at ${pos - 1}`) : s;
      }
      const make = makers[(c - 7) >> 1];
      return make ? make(next) : fail(`shape out of range at ${pos - 1}`);
    }
    switch (c) {
      case 0:
        return null;
      case 1:
        return false;
      case 2:
        return true;
      case 3: {
        const n = ints[pos++]!;
        if (!(n >= 0 && pos + n <= intCount)) fail(`bad array length at ${pos - 1}`);
        if (n === 0 && share) return EMPTY;
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = next();
        return out;
      }
      case 4:
        return numbers[ints[pos++]!] ?? fail(`number out of range at ${pos - 1}`);
      case 5: {
        const n = ints[pos++]!;
        if (n < 0) {
          const list = lists[-1 - n] ?? fail(`list out of range at ${pos - 1}`);
          return share ? list : list.slice();
        }
        if (!(n > 0 && pos + n <= intCount)) fail(`bad list length at ${pos - 1}`);
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = next();
        // Shared, the list is frozen; unshared, later copies are taken before the caller sees any of them.
        lists.push(share ? Object.freeze(out) : out);
        return out;
      }
      default:
        return fail(`bad code ${c} at ${pos - 1}`);
    }
  };
  const makers = header.shapes.map(maker);
  const value = next();
  if (pos !== intCount) fail('trailing data');
  return value;
}

/** The 32-bit little-endian integers at `at`: a view when aligned on a little-endian machine, else a copy. */
function intsOf(buf: Uint8Array, at: number, count: number): Int32Array {
  if (LITTLE_ENDIAN) {
    if ((buf.byteOffset + at) % 4 === 0) return new Int32Array(buf.buffer, buf.byteOffset + at, count);
    return new Int32Array(buf.slice(at, at + 4 * count).buffer);
  }
  const view = new DataView(buf.buffer, buf.byteOffset + at, 4 * count);
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i, true);
  return out;
}

type Maker = (next: () => unknown) => Record<string, unknown>;

/** An object literal per shape: V8 builds it with one hidden class, values read in key order. */
function maker(keys: string[]): Maker {
  if (keys.includes('__proto__')) {
    return (next) => {
      const o: Record<string, unknown> = {};
      for (const k of keys) Object.defineProperty(o, k, { value: next(), enumerable: true, writable: true, configurable: true });
      return o;
    };
  }
  return new Function('next', `return {${keys.map((k) => `${JSON.stringify(k)}: next()`).join(', ')}};`) as Maker;
}
