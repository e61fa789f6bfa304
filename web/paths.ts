// Where a page may send the browser next: only a path of this server (never //host or a scheme).
export const localPath = (next: unknown): string => (typeof next === 'string' && /^\/(?![/\\])[^\s\\]*$/.test(next) ? next : '/');
