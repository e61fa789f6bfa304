// Shared pieces of the route schemas.
import { CLASSES_BEST_FIRST } from '../../runtime/index.js';
export const date = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } as const;
export const region = { type: 'string', pattern: '^[0-9]{6}$' } as const;
export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;
export const errorResponse = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, messageEn: { type: 'string' }, details: {} } } },
} as const;
export const classes = { type: 'string', enum: [...CLASSES_BEST_FIRST] } as const;
