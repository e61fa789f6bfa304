// Errors a request can meet, each with an HTTP status and a message in Chinese and English.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageEn: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const forbidden = (what: string, whatEn: string) => new ApiError(403, 'forbidden', `无权访问：${what}`, `Forbidden: ${whatEn}`);
export const notFound = (what: string, whatEn: string) => new ApiError(404, 'notFound', `找不到${what}`, `${whatEn} not found`);
export const conflict = (message: string, messageEn: string, details?: unknown) => new ApiError(409, 'conflict', message, messageEn, details);
export const invalid = (message: string, messageEn: string, details?: unknown) => new ApiError(422, 'invalid', message, messageEn, details);
