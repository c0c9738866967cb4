import type { Operation } from './test-app';

/** Operation builders for the directory: each returns `{ query, variables }`. */

const PAGE_INFO = `pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount`;
export const TERM_FIELDS = `id role memberState startsOn endsOn visibility person { id name } network { id }`;
export const PERSON_FIELDS = `id name honorific jobTitle languages preferredLanguage externalRef erased version
  organisation { id name { text } acronym type } country { code name } contactDetails { kind value visibility }`;

export interface SearchFilters {
  text?: string;
  networkId?: string;
  memberState?: string;
  role?: string;
  organisationType?: string;
  organisationId?: string;
  countryCode?: string;
  language?: string;
  activeOnly?: boolean;
  first?: number;
  after?: string;
}

export function people(filters: SearchFilters, fields = 'id name'): Operation {
  return {
    query: `query People($text: String, $networkId: ID, $memberState: String, $role: NetworkRole,
      $organisationType: OrganisationType, $organisationId: ID, $countryCode: String, $language: Language,
      $activeOnly: Boolean, $first: Int, $after: String) {
      people(text: $text, networkId: $networkId, memberState: $memberState, role: $role,
        organisationType: $organisationType, organisationId: $organisationId, countryCode: $countryCode,
        language: $language, activeOnly: $activeOnly, first: $first, after: $after) {
        edges { cursor node { ${fields} } } ${PAGE_INFO} } }`,
    variables: { ...filters },
  };
}

export function searchDirectory(filters: SearchFilters): Operation {
  const { first, ...rest } = filters;
  return {
    query: `query Search($text: String, $networkId: ID, $memberState: String, $role: NetworkRole, $first: Int) {
      searchDirectory(text: $text, networkId: $networkId, memberState: $memberState, role: $role) {
        countries(first: $first) { totalCount edges { node { code name } } }
        organisations(first: $first) { totalCount edges { node { id name { text } } } }
        people(first: $first) { totalCount edges { node { id name } } } } }`,
    variables: { ...rest, first: first ?? 20 },
  };
}

export function person(id: string, fields = PERSON_FIELDS): Operation {
  return { query: `query Person($id: ID!) { person(id: $id) { ${fields} } }`, variables: { id } };
}

export function focalPoint(args: { networkId: string; memberState: string; role?: string; on?: string }): Operation {
  return {
    query: `query FocalPoint($networkId: ID!, $memberState: String!, $role: HandoverRole, $on: String) {
      focalPoint(networkId: $networkId, memberState: $memberState, role: $role, on: $on) { ${TERM_FIELDS} } }`,
    variables: args,
  };
}

export function focalPointHistory(args: { networkId: string; memberState: string; role?: string }): Operation {
  return {
    query: `query History($networkId: ID!, $memberState: String!, $role: HandoverRole) {
      focalPointHistory(networkId: $networkId, memberState: $memberState, role: $role) { ${TERM_FIELDS} } }`,
    variables: args,
  };
}

export function vacancies(networkId: string): Operation {
  return {
    query: `query Vacancies($networkId: ID!) { vacancies(networkId: $networkId, first: 100) {
      totalCount edges { node { joinedOn country { code name } } } } }`,
    variables: { networkId },
  };
}

export function memberStates(networkId: string): Operation {
  return {
    query: `query MemberStates($id: ID!) { network(id: $id) { id memberStates(first: 100) { totalCount edges { node {
      joinedOn leftOn country { code name } focalPoint { ${TERM_FIELDS} } alternate { id person { name } }
      focalPointHistory { id startsOn endsOn person { name } } } } } } }`,
    variables: { id: networkId },
  };
}

export function designateFocalPoint(input: {
  networkId: string;
  memberState: string;
  personId: string;
  role?: string;
  startsOn?: string;
  visibility?: string;
}): Operation {
  return {
    query: `mutation Designate($input: DesignateFocalPointInput!) { designateFocalPoint(input: $input) {
      membership { ${TERM_FIELDS} } predecessor { ${TERM_FIELDS} } } }`,
    variables: { input },
  };
}

export function addMemberState(input: { networkId: string; countryCode: string; joinedOn?: string }): Operation {
  return {
    query: `mutation AddMemberState($input: MemberStateInput!) { addMemberState(input: $input) { joinedOn leftOn country { code } } }`,
    variables: { input },
  };
}

export function createPerson(input: Record<string, unknown>): Operation {
  return {
    query: `mutation CreatePerson($input: CreatePersonInput!) { createPerson(input: $input) {
      person { ${PERSON_FIELDS} } handover { membership { ${TERM_FIELDS} } predecessor { id endsOn } } } }`,
    variables: { input },
  };
}

export function updatePerson(input: Record<string, unknown>): Operation {
  return {
    query: `mutation UpdatePerson($input: UpdatePersonInput!) { updatePerson(input: $input) { ${PERSON_FIELDS} } }`,
    variables: { input },
  };
}

export function erasePerson(id: string): Operation {
  return {
    query: `mutation Erase($id: ID!) { erasePerson(id: $id) { id name erased contactDetails { value } memberships { id role } } }`,
    variables: { id },
  };
}

export function createOrganisation(input: Record<string, unknown>): Operation {
  return {
    query: `mutation CreateOrganisation($input: CreateOrganisationInput!) { createOrganisation(input: $input) {
      id type acronym version name { text language } country { code } parent { id } } }`,
    variables: { input },
  };
}

export function createRelationship(input: Record<string, unknown>): Operation {
  return {
    query: `mutation CreateRelationship($input: CreateRelationshipInput!) { createRelationship(input: $input) {
      id type startsOn endsOn visibility fromPerson { id name } toOrganisation { id } } }`,
    variables: { input },
  };
}

export function importDirectory(input: { networkId: string; csv: string; dryRun?: boolean }): Operation {
  return {
    query: `mutation Import($input: ImportDirectoryInput!) { importDirectory(input: $input) {
      dryRun applied message summary { created updated unchanged rejected }
      errors { line message } rows { line outcome personId errors { field message } } } }`,
    variables: { input },
  };
}

export const myPersonalData: Operation = { query: `query { myPersonalData }` };
