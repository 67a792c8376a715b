/**
 * Turns every error into the catalogue's shape `{ error: { code, message, details } }`:
 * AppErrors as they are, schema validation failures as 400 `validation-failed` naming
 * the field, anything else as a logged 500.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CATALOGUE, isAppError, type ErrorCode } from '../domain/errors.js';
import { databaseErrorCode } from './database-errors.js';

interface ValidationIssue { instancePath?: string; params?: Record<string, unknown>; message?: string }

/** `/phones/0/value` + missingProperty → `phones.0.value`. */
export function fieldOf(issue: ValidationIssue): string {
  const path = (issue.instancePath ?? '').split('/').filter(Boolean);
  const extra = issue.params?.missingProperty ?? issue.params?.additionalProperty;
  if (typeof extra === 'string') path.push(extra);
  return path.join('.') || '(body)';
}

export function errorBody(code: ErrorCode, message: string, details?: Record<string, unknown>) {
  return { error: { code, message, details: details ?? {} } };
}

/**
 * Errors the router raises before any route or hook runs (a path parameter over the
 * router's length limit, a malformed URL): Fastify's `frameworkErrors` option. Without it
 * they answer in Fastify's own shape, outside the catalogue.
 */
export function frameworkError(err: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const field = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path parameter is too long' : 'the URL is malformed';
  void reply.status(400).send(errorBody('validation-failed', `Bad URL: ${field}`, { field: '(path)', in: 'params' }));
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (isAppError(err)) {
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    }
    const fe = err as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
    if (fe.validation && fe.validation.length > 0) {
      const issue = fe.validation[0] as ValidationIssue;
      const field = fieldOf(issue);
      const where = fe.validationContext ?? 'body';
      const message = issue.params?.additionalProperty
        ? `Unknown field ${field} in ${where}`
        : `${field} ${issue.message ?? 'is not valid'}`;
      return reply.status(400).send(errorBody('validation-failed', message, { field, in: where }));
    }
    if (fe.statusCode === 415 || fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(400).send(errorBody('validation-failed', 'Send JSON (Content-Type: application/json)', { field: '(body)' }));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      const code: ErrorCode = fe.statusCode === 404 ? 'not-found' : fe.statusCode === 429 ? 'rate-limited' : 'validation-failed';
      return reply.status(ERROR_CATALOGUE[code].status).send(errorBody(code, fe.message, { field: '(body)' }));
    }
    const dbCode = databaseErrorCode(err);
    if (dbCode !== null) {
      request.log.warn({ err }, 'database refused a value of the request');
      return reply.status(ERROR_CATALOGUE[dbCode].status).send(errorBody(dbCode, 'The database refused a value of the request', { field: '(request)' }));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('internal-error', 'Internal error'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(errorBody('not-found', `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}
