// The tile map's two modes: print (fenlei report; words on the band colour, unchanged) and
// screen (the web pages; words on a white plate, a pattern per band, class chips with numbers).
import { describe, expect, it } from 'vitest';
import { regionMap, shareBand, SHARE_COLOURS } from '../../../cli/format/regions.js';

const T = [5, 10, 20] as const;
const tallies = [
  { key: '3301', total: 12, c: 3, byClass: { AA: 6, A: 3, B: 0, C: 3 } },
  { key: '3307', total: 8, c: 1, byClass: { AA: 3, A: 4, B: 0, C: 1 } },
  { key: '3303', total: 20, c: 1, byClass: { AA: 10, A: 5, B: 4, C: 1 } },
  { key: '3302', total: 20, c: 0, byClass: { AA: 20, A: 0, B: 0, C: 0 } },
];
const tile = (svg: string, key: string) => new RegExp(`<g data-region="${key}"[^>]*>.*?</g>`).exec(svg)![0];

describe('region map', () => {
  it('puts a C share in its band: below 5%, 5–10%, 10–20%, 20% and above', () => {
    expect([0, 0.049, 0.05, 0.099, 0.1, 0.125, 0.2, 0.25].map((s) => shareBand(s, T))).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('print mode: no patterns or plates, the words in white or dark ink on the band colour', () => {
    const svg = regionMap(tallies, 'city', T, '图');
    expect(svg).not.toContain('<pattern');
    expect(tile(svg, '3301')).toContain(`fill="${SHARE_COLOURS[3]}"`);
    expect(tile(svg, '3301')).toMatch(/fill="#fff"[^>]*>杭州市</);
    expect(tile(svg, '3301')).not.toContain('data-band');
  });

  it('screen mode: each band has its pattern, the words sit on white, the class counts are written', () => {
    const svg = regionMap(tallies, 'city', T, '图', { screen: true });
    expect(['3302', '3303', '3307', '3301'].map((k) => /data-band="(\d)"/.exec(tile(svg, k))![1])).toEqual(['0', '1', '2', '3']);
    expect(tile(svg, '3302')).not.toContain('url(#band-');
    expect(tile(svg, '3303')).toContain('url(#band-1)');
    expect(tile(svg, '3301')).toContain('url(#band-3)');
    // Every word of a tile in dark ink (on the white plate), never white on the colour.
    const inks = [...tile(svg, '3301').matchAll(/<text[^>]*fill="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(inks)).toEqual(new Set(['#1d2329']));
    const words = [...tile(svg, '3301').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(words).toEqual(['杭州市', 'C类 25.0%', '3/12 户', 'AA 6', 'A 3', 'B 0', 'C 3']);
    // The legend shows the patterns too.
    expect(svg.match(/fill="url\(#band-\d\)"/g)!.length).toBe(3 + 3);
  });
});
