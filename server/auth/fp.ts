// Marks a plugin as not encapsulated (its hooks and decorators apply to the parent), as
// fastify-plugin does, without another dependency.
import type { FastifyPluginAsync } from 'fastify';

export default function fp<T extends Record<string, unknown>>(plugin: FastifyPluginAsync<T>): FastifyPluginAsync<T> {
  (plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
  return plugin;
}
