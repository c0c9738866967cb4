import { negotiateResponseType } from './media-type';

describe('negotiateResponseType', () => {
  it.each([
    [undefined, 'application/json'],
    ['', 'application/json'],
    ['application/json', 'application/json'],
    ['application/graphql-response+json', 'application/graphql-response+json'],
    ['*/*', 'application/json'],
    ['application/*', 'application/json'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'application/json'],
    ['application/graphql-response+json, application/json;q=0.9', 'application/graphql-response+json'],
    ['application/json, application/graphql-response+json', 'application/json'],
    ['application/graphql-response+json, application/json', 'application/graphql-response+json'],
    ['application/json;q=0.5, application/graphql-response+json;q=0.8', 'application/graphql-response+json'],
    ['application/graphql-response+json;q=0, */*', 'application/json'],
    ['APPLICATION/GRAPHQL-RESPONSE+JSON; charset=utf-8', 'application/graphql-response+json'],
    ['*/*, application/graphql-response+json', 'application/graphql-response+json'],
  ])('Accept %p gives %p', (header, expected) => {
    expect(negotiateResponseType(header)).toBe(expected);
  });

  it.each([['text/html'], ['application/xml, text/plain'], ['application/json;q=0'], ['garbage'], [';;;,']])(
    'Accept %p accepts neither type',
    (header) => {
      expect(negotiateResponseType(header)).toBeNull();
    },
  );

  it('reads a header given several times', () => {
    expect(negotiateResponseType(['text/html', 'application/graphql-response+json'])).toBe(
      'application/graphql-response+json',
    );
  });
});
