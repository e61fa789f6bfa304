// The language server's background verifier keeps to its time limit: on a province built to be
// slow it publishes "unknown" (FL4003) with the elapsed time the verifier measured, within 10 %
// of the limit, and the verifier thread does not keep a core busy afterwards.
import { describe, expect, it } from 'vitest';
import { LspClient, uriOf } from './client.js';
import { slowProvince } from '../verify/slow-rules.js';

describe('the background verifier', () => {
  it('answers unknown at its time limit, with the elapsed time and the reason', async () => {
    const c = new LspClient();
    try {
      await c.initialize({ verifier: { delayMs: 0, timeLimitMs: 2000 } });
      const uri = uriOf('test-output/lsp/time-limit/slow.yaml');
      await c.open(uri, slowProvince());
      const p = await c.nextDiagnostics(uri, 1, (x) => x.diagnostics.some((d) => d.code === 'FL4003'));
      const d = p.diagnostics.find((x) => x.code === 'FL4003')!;
      const data = d.data as { stats: { ms: number }; reason: { zh: string } };
      expect(data.reason.zh).toMatch(/^超过时间限制：按条件区分后已有 [\d,]+ 种以上可区分的情形（企业信息 涉及行政许可 2 类、持有生产许可证 2 类、指标1 2 类 等 22 组/);
      expect(data.stats.ms).toBeLessThanOrEqual(2200);
      const stats = await c.request<{ verifier: { started: number; published: number } }>('fenlei/stats', {});
      expect([stats.verifier.started, stats.verifier.published]).toEqual([1, 1]);
    } finally {
      await c.close();
    }
  });
});
