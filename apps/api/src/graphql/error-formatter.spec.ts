import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { DomainError, I18nService } from '@enlace/core';
import { TransportError } from '../http/transport-error';
import { formatExecution } from './error-formatter';
import { APPLICATION_JSON, GRAPHQL_RESPONSE_JSON } from './media-type';

const i18n = new I18nService();
const en = i18n.translator('en');
const es = i18n.translator('es');

/** What mercurius throws around a list of errors (validation, GET mutation). */
function mercuriusError(code: string, statusCode: number, errors: unknown[]): GraphQLError {
  const wrapper = Object.assign(new Error(code), { code, statusCode, errors });
  return new GraphQLError(wrapper.message, { originalError: wrapper });
}

function fastifyError(code: string, statusCode: number): GraphQLError {
  return new GraphQLError('fastify says', {
    originalError: Object.assign(new Error('fastify says'), { code, statusCode }),
  });
}

describe('formatExecution', () => {
  it('keeps data and answers 200 once execution has started, translating field errors', () => {
    const error = new GraphQLError('not found', { path: ['network'], originalError: DomainError.notFound() });
    const result = formatExecution({ data: { network: null }, errors: [error] }, es, {
      mediaType: GRAPHQL_RESPONSE_JSON,
    });
    expect(result.statusCode).toBe(200);
    expect(result.response).toEqual({
      data: { network: null },
      errors: [
        { message: 'No encontrado.', path: ['network'], locations: undefined, extensions: { code: 'NOT_FOUND' } },
      ],
    });
  });

  it('flattens a validation failure: 200 without data for application/json, 400 for graphql-response+json', () => {
    const errors = [
      mercuriusError('MER_ERR_GQL_VALIDATION', 400, [new GraphQLError('Cannot query field "pong" on type "Query".')]),
    ];
    const json = formatExecution({ errors }, en, { mediaType: APPLICATION_JSON });
    expect(json.statusCode).toBe(200);
    expect(json.response).toEqual({
      errors: [expect.objectContaining({ message: 'The field "pong" does not exist on type "Query".' })],
    });
    expect(json.response).not.toHaveProperty('data');
    expect(formatExecution({ errors }, en, { mediaType: GRAPHQL_RESPONSE_JSON }).statusCode).toBe(400);
  });

  it('translates our limit errors from their i18n extension', () => {
    const error = new GraphQLError('Operation depth 12 exceeds the maximum of 10.', {
      extensions: { i18nKey: 'graphql:tooDeep', i18nParams: { depth: 12, max: 10 } },
    });
    const result = formatExecution({ errors: [error] }, en);
    expect(result.response.errors).toEqual([
      expect.objectContaining({
        message: 'The query is nested too deeply (12 levels; at most 10).',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
  });

  it('uses the domain code’s status for a request refused before execution (graphql-response+json)', () => {
    const error = new GraphQLError('invalidToken', {
      originalError: new DomainError('UNAUTHENTICATED', 'invalidToken'),
    });
    expect(formatExecution({ errors: [error] }, en, { mediaType: GRAPHQL_RESPONSE_JSON }).statusCode).toBe(401);
    expect(formatExecution({ errors: [error] }, en, { mediaType: APPLICATION_JSON }).statusCode).toBe(200);
  });

  it('keeps the status of request problems whatever the media type, with their headers', () => {
    const getMutation = mercuriusError('MER_ERR_METHOD_NOT_ALLOWED', 405, [
      new Error('Operation cannot be performed via a GET request'),
    ]);
    const result = formatExecution({ errors: [getMutation] }, en);
    expect(result).toEqual({
      statusCode: 405,
      headers: { allow: 'POST' },
      response: { errors: [{ message: 'Mutations must be sent with POST.', extensions: { code: 'BAD_USER_INPUT' } }] },
    });

    const tooLarge = formatExecution({ errors: [fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413)] }, es);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.response.errors?.[0].message).toBe(
      'El cuerpo de la solicitud es demasiado grande (máximo 262144 bytes).',
    );

    const ours = new GraphQLError('x', { originalError: new TransportError(400, 'graphql:batchingDisabled') });
    expect(formatExecution({ errors: [ours] }, en, { mediaType: GRAPHQL_RESPONSE_JSON }).statusCode).toBe(400);
  });

  it('answers anything unexpected with the generic message, logs it, and says 500 before execution', () => {
    const logger = { error: jest.fn() };
    const boom = new GraphQLError('connection refused to 10.0.0.1', { originalError: new Error('connection refused') });
    const result = formatExecution({ errors: [boom] }, en, { logger: logger as unknown as Logger });
    expect(result.statusCode).toBe(500);
    expect(result.response.errors).toEqual([
      expect.objectContaining({
        message: 'Something went wrong on our side. The error has been logged.',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      }),
    ]);
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ err: boom.originalError }), expect.any(String));
  });

  it('never passes on graphql-js suggestions', () => {
    const error = new GraphQLError('Cannot query field "pin" on type "Query". Did you mean "ping"?');
    const [formatted] = formatExecution({ errors: [error] }, en).response.errors ?? [];
    expect(formatted.message).toBe('The field "pin" does not exist on type "Query".');
  });
});
