import type { FastifyRequest } from 'fastify';
import { DocumentNode, getOperationAST, OperationTypeNode } from 'graphql';

/** The GraphQL operation an HTTP request ran, as the metrics label it. */
export interface RequestOperation {
  /** The operation's name as the document gives it; null for an anonymous operation. */
  readonly name: string | null;
  readonly type: OperationTypeNode;
  /** Whether the result carried errors; undefined until it is known (the request stopped before it). */
  errors?: boolean;
}

const operations = new WeakMap<FastifyRequest, RequestOperation>();

/** Notes the operation a request is about to execute (its document parsed and valid). */
export function noteOperation(request: FastifyRequest | undefined, document: DocumentNode, operationName?: string) {
  if (!request) return;
  const operation = getOperationAST(document, operationName);
  if (operation) operations.set(request, { name: operation.name?.value ?? null, type: operation.operation });
}

/** Notes whether the executed operation's result carried errors. */
export function noteResolution(request: FastifyRequest | undefined, errors: boolean): void {
  const operation = request ? operations.get(request) : undefined;
  if (operation) operation.errors = errors;
}

/** The operation a request executed, if it got that far (undefined for a document that never ran). */
export function operationOf(request: FastifyRequest): RequestOperation | undefined {
  return operations.get(request);
}
