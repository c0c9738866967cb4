import { Lexer, Source, TokenKind } from 'graphql';
import { limitError } from './limit-error';
import type { GraphqlLimits } from './limits.config';

/**
 * Counts the lexical tokens of a document, stopping as soon as `stopAfter` is passed, so that a huge
 * document costs no more than the limit to reject. A lexing error stops the count: the parser
 * reports it properly right after.
 */
export function countTokens(source: string, stopAfter = Infinity): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      count += 1;
      if (count > stopAfter) break;
    }
  } catch {
    // syntax error: leave it to the parser
  }
  return count;
}

/** Length and token limits, checked before mercurius parses (and caches) the document. */
export function assertDocumentSize(
  source: string,
  limits: Pick<GraphqlLimits, 'maxTokens' | 'maxDocumentLength'>,
): void {
  if (source.length > limits.maxDocumentLength) {
    throw limitError(
      `Document has ${source.length} characters; at most ${limits.maxDocumentLength} are allowed.`,
      'graphql:documentTooLong',
      { length: source.length, max: limits.maxDocumentLength },
    );
  }
  if (countTokens(source, limits.maxTokens) > limits.maxTokens) {
    throw limitError(`Document has more than ${limits.maxTokens} tokens.`, 'graphql:tooManyTokens', {
      max: limits.maxTokens,
    });
  }
}
