import type { Operation } from './test-app';

/** Operation builders for networks, memberships, partnerships and the audit log: each returns `{ query, variables }`. */

export const TEXT_FIELDS = `text language status translations { language text status }`;
export const NETWORK_FIELDS = `id slug name { ${TEXT_FIELDS} } description { ${TEXT_FIELDS} }
  kind defaultLanguage workingLanguages visibility version`;
export const MEMBERSHIP_FIELDS = `id role memberState startsOn endsOn visibility person { id name } network { id slug }`;
const PAGE_INFO = `pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount`;

export interface NetworkData {
  id: string;
  slug: string;
  name: {
    text: string;
    language: string;
    status: string;
    translations: { language: string; text: string; status: string }[];
  };
  description: { text: string; language: string } | null;
  kind: string;
  defaultLanguage: string;
  workingLanguages: string[];
  visibility: string;
  version: number;
}

export interface ConnectionData<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export interface MembershipData {
  id: string;
  role: string;
  memberState: string | null;
  startsOn: string;
  endsOn: string | null;
  visibility: string;
  person: { id: string; name: string };
  network: { id: string; slug: string };
}

export interface AuditEntryData {
  id: string;
  at: string;
  networkId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: string | null;
  after: string | null;
  actor: { id: string; name: string } | null;
}

export function networks(args: { first?: number; after?: string; kind?: string } = {}, fields = 'id slug'): Operation {
  return {
    query: `query Networks($first: Int, $after: String, $kind: NetworkKind) {
      networks(first: $first, after: $after, kind: $kind) { edges { cursor node { ${fields} } } ${PAGE_INFO} } }`,
    variables: args,
  };
}

export function network(by: { id?: string; slug?: string }, fields = NETWORK_FIELDS): Operation {
  return {
    query: `query Network($id: ID, $slug: String) { network(id: $id, slug: $slug) { ${fields} } }`,
    variables: by,
  };
}

export function networkPartners(id: string): Operation {
  return network({ id }, 'id partners { id slug }');
}

export function networkMemberships(
  id: string,
  args: { first?: number; after?: string; role?: string; memberState?: string; currentOnly?: boolean } = {},
  fields = MEMBERSHIP_FIELDS,
): Operation {
  return {
    query: `query Memberships($id: ID!, $first: Int, $after: String, $role: NetworkRole, $memberState: String, $currentOnly: Boolean) {
      network(id: $id) { id memberships(first: $first, after: $after, role: $role, memberState: $memberState, currentOnly: $currentOnly) {
        edges { cursor node { ${fields} } } ${PAGE_INFO} } } }`,
    variables: { id, ...args },
  };
}

export interface TranslationArg {
  language: string;
  text: string;
  status?: string;
}

export function createNetwork(input: {
  slug: string;
  name: TranslationArg[];
  description?: TranslationArg[];
  kind: string;
  defaultLanguage: string;
  workingLanguages: string[];
  visibility: string;
}): Operation {
  return {
    query: `mutation CreateNetwork($input: CreateNetworkInput!) { createNetwork(input: $input) { ${NETWORK_FIELDS} } }`,
    variables: { input },
  };
}

export function updateNetwork(input: {
  id: string;
  expectedVersion: number;
  name?: TranslationArg[];
  removeNameLanguages?: string[];
  description?: TranslationArg[];
  removeDescriptionLanguages?: string[];
  kind?: string;
  defaultLanguage?: string;
  workingLanguages?: string[];
  visibility?: string;
}): Operation {
  return {
    query: `mutation UpdateNetwork($input: UpdateNetworkInput!) { updateNetwork(input: $input) { ${NETWORK_FIELDS} } }`,
    variables: { input },
  };
}

export function addNetworkPartner(networkId: string, partnerId: string): Operation {
  return {
    query: `mutation AddPartner($input: NetworkPartnerInput!) { addNetworkPartner(input: $input) { id partners { id slug } } }`,
    variables: { input: { networkId, partnerId } },
  };
}

export function removeNetworkPartner(networkId: string, partnerId: string): Operation {
  return {
    query: `mutation RemovePartner($input: NetworkPartnerInput!) { removeNetworkPartner(input: $input) { id partners { id slug } } }`,
    variables: { input: { networkId, partnerId } },
  };
}

export function addMembership(input: {
  networkId: string;
  personId: string;
  role: string;
  memberState?: string;
  startsOn?: string;
  endsOn?: string;
  visibility?: string;
}): Operation {
  return {
    query: `mutation AddMembership($input: AddMembershipInput!) { addMembership(input: $input) { ${MEMBERSHIP_FIELDS} } }`,
    variables: { input },
  };
}

export function endMembership(input: { id: string; endsOn?: string }): Operation {
  return {
    query: `mutation EndMembership($input: EndMembershipInput!) { endMembership(input: $input) { ${MEMBERSHIP_FIELDS} } }`,
    variables: { input },
  };
}

export function auditLog(
  args: { networkId?: string; entityType?: string; entityId?: string; first?: number; after?: string } = {},
): Operation {
  return {
    query: `query AuditLog($networkId: ID, $entityType: String, $entityId: String, $first: Int, $after: String) {
      auditLog(networkId: $networkId, entityType: $entityType, entityId: $entityId, first: $first, after: $after) {
        edges { cursor node { id at networkId entityType entityId action before after actor { id name } } } ${PAGE_INFO} } }`,
    variables: args,
  };
}
