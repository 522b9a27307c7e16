// The few typed errors the platform knows; the HTTP layer maps each once to problem+json.

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldError[];

  constructor(status: number, code: string, message: string, errors: FieldError[] = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
  }
}

export const validationError = (message: string, errors: FieldError[] = []) =>
  new AppError(400, 'validation', message, errors);
export const unauthenticated = (message = 'authentication required') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'not allowed') => new AppError(403, 'forbidden', message);
export const notFound = (message = 'not found') => new AppError(404, 'not-found', message);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const preconditionFailed = (message: string) => new AppError(412, 'precondition-failed', message);
export const unprocessable = (message: string, errors: FieldError[] = []) =>
  new AppError(422, 'unprocessable', message, errors);
export const rateLimited = (message = 'too many requests') => new AppError(429, 'rate-limited', message);
export const unavailable = (message = 'a dependency is unavailable') => new AppError(503, 'unavailable', message);
