// Events: one at a time (a trigger between reviews lowers the class at once, D11), or a CSV
// of events (统一社会信用代码, 类型, 日期, 级别, 说明) read by the project's CSV reader.
import type { FastifyInstance } from 'fastify';
import { CsvReader } from '../../cli/io/csv.js';
import { detectEncoding, EncodingError, makeDecoder } from '../../cli/io/encoding.js';
import type { ServerContext } from '../context.js';
import { requireRole, WRITERS } from '../domain/access.js';
import { ApiError, invalid } from '../domain/errors.js';
import { addEvent, type EventResult } from '../domain/events.js';
import { date } from './schemas.js';

const COLUMNS: Record<string, 'creditCode' | 'type' | 'date' | 'level' | 'note' | 'enterpriseId'> = {
  统一社会信用代码: 'creditCode', 信用代码: 'creditCode', creditcode: 'creditCode',
  企业: 'enterpriseId', 企业编号: 'enterpriseId', enterpriseid: 'enterpriseId',
  类型: 'type', 事件类型: 'type', type: 'type',
  日期: 'date', 事件日期: 'date', date: 'date',
  级别: 'level', 抽查级别: 'level', level: 'level',
  说明: 'note', 备注: 'note', note: 'note',
};

const eventBody = {
  type: 'object',
  required: ['enterpriseId', 'type', 'date'],
  additionalProperties: false,
  properties: {
    enterpriseId: { type: 'integer', minimum: 1 },
    type: { type: 'string', minLength: 1, description: '规则集的事件类型（名称或英文名），如 抽查不合格 / samplingFailure' },
    date,
    level: { type: ['string', 'null'], description: '抽查级别：国家、省级、市级、县级（national, provincial, municipal, county）' },
    note: { type: 'string' },
  },
} as const;

export default async function eventRoutes(app: FastifyInstance, { db, rules }: ServerContext): Promise<void> {
  app.post<{ Body: { enterpriseId: number; type: string; date: string; level?: string | null; note?: string } }>(
    '/api/events',
    { schema: { summary: '登记一个事件；调整周期之间的降级情形立即降级并保存判定（D11）/ record an event; a trigger lowers the class at once', tags: ['events'], body: eventBody } },
    async (req) => {
      requireRole(req.user!, ...WRITERS);
      return db.transaction((tx) => addEvent(tx, req.user!, rules, req.body));
    },
  );

  app.register(async (im) => {
    im.addContentTypeParser('text/csv', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    im.post<{ Body: Buffer }>(
      '/api/events/import',
      { schema: { summary: '导入事件 CSV（一个事务）/ import a CSV of events (one transaction)', tags: ['events'], consumes: ['text/csv'] } },
      async (req) => {
        requireRole(req.user!, ...WRITERS);
        let text: string;
        try {
          // The register's encoding rules: UTF-8 or GB18030, bytes of neither refused with their place.
          const decoder = makeDecoder(detectEncoding(req.body), true);
          text = (decoder.write(req.body) + decoder.end()).replace(/^\uFEFF/, '');
        } catch (e) {
          if (e instanceof EncodingError) throw invalid(e.message, e.message);
          throw e;
        }
        const reader = new CsvReader();
        const rows = [...reader.push(text), ...reader.end()].filter((r) => r.cells.some((c) => c.trim() !== ''));
        if (rows.length < 2) throw invalid('事件表没有数据行', 'the events CSV has no data rows');
        const header = rows[0]!.cells.map((h) => COLUMNS[h.trim()] ?? COLUMNS[h.trim().toLowerCase()]);
        if (!header.includes('type') || !header.includes('date') || !(header.includes('creditCode') || header.includes('enterpriseId'))) throw invalid('事件表须有 统一社会信用代码（或 企业编号）、类型、日期 列', 'the events CSV needs creditCode (or enterpriseId), type and date columns');
        return db.transaction(async (tx) => {
          const results: ({ row: number } & (EventResult | { error: { code: string; message: string; messageEn: string } }))[] = [];
          for (const r of rows.slice(1)) {
            const cell = (k: string) => {
              const i = header.indexOf(k as never);
              return i < 0 ? '' : (r.cells[i] ?? '').trim();
            };
            await tx.query('SAVEPOINT fenlei_event');
            try {
              let enterpriseId = Number(cell('enterpriseId'));
              if (!enterpriseId) {
                const [e] = await tx.query<{ id: number }>('SELECT id FROM enterprises WHERE credit_code = $1', [cell('creditCode').toUpperCase()]);
                if (!e) throw invalid(`找不到统一社会信用代码为 ${cell('creditCode')} 的企业`, `no enterprise with credit code ${cell('creditCode')}`);
                enterpriseId = e.id;
              }
              const out = await addEvent(tx, req.user!, rules, { enterpriseId, type: cell('type'), date: cell('date'), level: cell('level') || null, note: cell('note') });
              await tx.query('RELEASE SAVEPOINT fenlei_event');
              results.push({ row: r.row, ...out });
            } catch (e) {
              if (!(e instanceof ApiError) || e.status === 403) throw e;
              await tx.query('ROLLBACK TO SAVEPOINT fenlei_event');
              results.push({ row: r.row, error: { code: e.code, message: e.message, messageEn: e.messageEn } });
            }
          }
          return { rows: results.length, stored: results.filter((x) => 'eventId' in x).length, results };
        });
      },
    );
  });
}
