import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectMojibake, encodeMojibake, parsePlan, repairLine, repairText } from '../../src/index.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
/**
 * 0x80–0x9F of windows-1252 as the WHATWG Encoding Standard indexes them. Node 20's TextDecoder('windows-1252')
 * decodes these bytes as C1 controls (latin1), so for them the standard's index is the reference; 0xA0–0xFF are
 * compared with TextDecoder itself.
 */
const WHATWG_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const latin = new TextDecoder('windows-1252');
const asCp1252 = (s: string) =>
  [...utf8(s)].map((b) => (b >= 0x80 && b < 0xa0 ? String.fromCharCode(WHATWG_1252_HIGH[b - 0x80]!) : latin.decode(new Uint8Array([b])))).join('');
const asMacRoman = (s: string) => new TextDecoder('macintosh').decode(utf8(s));
/** cp1252 has no character for 0x81 0x8D 0x8F 0x90 0x9D: editors drop them. */
const asCp1252Dropped = (s: string) => asCp1252(s).replace(/[\u0081\u008d\u008f\u0090\u009d]/g, '');

const SYMBOLS = ['✅', '❌', '⏳', '🔄', '🎯', '🚦', '🔴', '🟡', '🟢', '⚡', '→', '—', '…', '“', '”', '≠', '✔️', '⚠️', '📊', '🔒', '🧠', '🔥', '🦅'];

describe('repairLine: mojibake read back as the symbols they were', () => {
  it('should repair UTF-8 read as Windows-1252 (as Node’s TextDecoder spells it)', () => {
    for (const s of SYMBOLS) expect(repairLine(`- ${asCp1252(s)} Done`).text).toBe(`- ${s} Done`);
  });

  it('should repair UTF-8 read as Mac Roman', () => {
    for (const s of SYMBOLS) expect(repairLine(`- ${asMacRoman(s)} Done`).text).toBe(`- ${s} Done`);
  });

  it('should repair the dropped-byte forms: âŒ → ❌ and â³ → ⏳', () => {
    expect(repairLine('- âŒ Blocked: x').text).toBe('- ❌ Blocked: x');
    expect(repairLine('- â³ Waiting: y').text).toBe('- ⏳ Waiting: y');
    for (const s of ['❌', '⏳', '✅', '🔄']) expect(repairLine(asCp1252Dropped(s)).text).toBe(s);
  });

  it('should keep ASCII, positions and line count: from[] maps every repaired character to the original column', () => {
    const raw = `a ${asCp1252('✅')} b #145`;
    const r = repairLine(raw);
    expect(r.text).toBe('a ✅ b #145');
    const at = r.text.indexOf('#145');
    expect(raw.slice(r.from[at]!, r.from[at + 4]!)).toBe('#145');
    expect(repairText(`x\r\n${asCp1252('✅')}\ny`).split(/\r\n|\n/)).toHaveLength(3);
    expect(repairText(`x\r\n${asCp1252('✅')}\n`)).toBe('x\r\n✅\n');
  });

  it('should leave clean text untouched: accents, café, CJK, real emoji, typographic quotes, math', () => {
    for (const clean of ['café', 'naïve façade', 'Ærøskøbing', '日本語のテキスト', '✅ 🔄 ❌ ⏳ 🎯', '“quoted” — dash…', 'Ω ≠ ≤ ∀ ℂ', 'Größe 5 µm', '¿Qué? ¡Sí!', '£20 €30', 'señor Müller']) {
      const r = repairLine(clean);
      expect(r.text).toBe(clean);
      expect(r.changed).toBe(false);
    }
  });

  it('should round-trip any run of symbols through either mojibake style', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SYMBOLS), { minLength: 1, maxLength: 8 }), fc.constantFrom('cp1252', 'macroman'), (parts, charset) => {
        const s = parts.join(' ');
        const bad = encodeMojibake(s, { charset: charset as 'cp1252' | 'macroman', undefinedBytes: 'c1' });
        expect(repairLine(bad).text).toBe(s);
      }),
      { numRuns: 200 },
    );
  });
});

describe('encodeMojibake tables', () => {
  it('should spell every character as windows-1252 does (TextDecoder for 0xA0–0xFF, the WHATWG index for 0x80–0x9F)', () => {
    for (const s of [...SYMBOLS, 'é', 'ü', '£', '日']) expect(encodeMojibake(s, { charset: 'cp1252', undefinedBytes: 'c1' })).toBe(asCp1252(s));
  });

  it('should spell every character exactly as TextDecoder("macintosh") does', () => {
    for (const s of [...SYMBOLS, 'é', 'ü', '£', '日']) expect(encodeMojibake(s, { charset: 'macroman', undefinedBytes: 'c1' })).toBe(asMacRoman(s));
  });

  it('should agree with the decoders on every two-byte character', () => {
    const all = String.fromCodePoint(...Array.from({ length: 0x7ff - 0x80 }, (_, i) => 0x80 + i));
    expect(encodeMojibake(all, { charset: 'cp1252', undefinedBytes: 'c1' })).toBe(asCp1252(all));
    expect(encodeMojibake(all, { charset: 'macroman', undefinedBytes: 'c1' })).toBe(asMacRoman(all));
  });
});

describe('detectMojibake and the BOM', () => {
  it('should tell cp1252 from Mac Roman, and say nothing for clean text', () => {
    expect(detectMojibake(`- ${asCp1252('✅')} Done\n- ${asCp1252('🔄')} WIP`)).toMatchObject({ charset: 'cp1252' });
    expect(detectMojibake(`- ${asMacRoman('❌')} Blocked\n- ${asMacRoman('✅')} Done`)).toMatchObject({ charset: 'macroman' });
    expect(detectMojibake('- ✅ Done\n- café')).toBeNull();
  });

  it('should keep the BOM out of line 1 and say so in the encoding', () => {
    const f = parsePlan('b.md', `\uFEFF# Title\n- [x] ${asCp1252('✅')} done\n`);
    expect(f.title).toBe('Title');
    expect(f.encoding).toMatchObject({ bom: true, mojibake: true, eol: 'lf', finalNewline: true });
    expect(repairLine('\uFEFF# T').text).toBe('\uFEFF# T');
  });
});

describe('encoding of a file', () => {
  it('should tell whether the text ends with a newline', () => {
    expect(parsePlan('a.md', 'a\n').encoding.finalNewline).toBe(true);
    expect(parsePlan('a.md', 'a').encoding.finalNewline).toBe(false);
    expect(parsePlan('a.md', 'a\r\nb\r\n').encoding).toMatchObject({ eol: 'crlf', finalNewline: true });
    expect(parsePlan('a.md', '').encoding).toMatchObject({ eol: 'none', finalNewline: false });
  });
});
