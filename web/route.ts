// What a page file is given: `pages.get(path, handler)` / `pages.post(path, handler)`. A handler
// gets the signed-in user, the session's CSRF token, the server's context, the JSON API as this
// user (`api`: the same routes, access checks and audit as any client) and `render` for the
// layout; it returns a page (text), a redirect, or a download.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../server/context.js';
import { ApiError } from '../server/domain/errors.js';
import type { Role, User } from '../server/domain/user.js';
import { page, type PageOptions } from './layout.js';

export type Result = string | { redirect: string } | { download: Buffer | Uint8Array; type: string; fileName: string };

export interface PageRequest<Q = Record<string, string | undefined>, P = Record<string, string>> {
  req: FastifyRequest;
  reply: FastifyReply;
  user: User;
  csrf: string;
  ctx: ServerContext;
  query: Q;
  params: P;
  /** The form fields of a POST (application/x-www-form-urlencoded), _csrf removed. */
  form: Record<string, string>;
  /** Every value of a field the form repeats (checkboxes of one name), in the form's order. */
  formAll(name: string): string[];
  /** A file of a multipart/form-data form, when one was chosen. */
  file(name: string): FormFile | undefined;
  /** Calls the JSON API as the signed-in user; a non-2xx answer throws its ApiError. */
  api<T = unknown>(method: 'GET' | 'POST', url: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  /** The layout around a body, with this user and CSRF token. */
  render(o: Omit<PageOptions, 'user' | 'csrf'>): string;
}

export interface FormFile {
  /** The file's name on the user's computer, as the browser sends it. */
  name: string;
  bytes: Buffer;
}

export type PageHandler<Q = Record<string, string | undefined>, P = Record<string, string>> = (p: PageRequest<Q, P>) => Promise<Result> | Result;

export interface RouteOptions {
  /** Roles allowed (default: every signed-in user). Others get the 403 page. */
  roles?: readonly Role[];
  /** Reachable signed out (the sign-in page only): `user` is then `req.user`, possibly null. */
  public?: boolean;
}

export interface Pages {
  get<Q = Record<string, string | undefined>, P = Record<string, string>>(path: string, handler: PageHandler<Q, P>, o?: RouteOptions): void;
  post<Q = Record<string, string | undefined>, P = Record<string, string>>(path: string, handler: PageHandler<Q, P>, o?: RouteOptions): void;
}

/** A page file's default export: it adds its routes. */
export type PageModule = (pages: Pages) => void;

export const apiError = (status: number, body: string): ApiError => {
  try {
    const e = (JSON.parse(body) as { error?: { code: string; message: string; messageEn: string; details?: unknown } }).error;
    if (e) return new ApiError(status, e.code, e.message, e.messageEn, e.details);
  } catch {
    // not JSON: said as it is below
  }
  return new ApiError(status, 'internal', `服务器返回 ${status}`, `server answered ${status}`);
};

export { page };
