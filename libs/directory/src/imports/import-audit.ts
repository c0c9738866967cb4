import type { AuditEntry } from '@enlace/core';
import { inPersonNetworks, personSnapshot } from '../people/person-rules';
import type { ImportWrites } from './import-plan';

/**
 * The audit entries of an applied import (action `import`), one per thing written but terms (the
 * writer of memberships audits those): organisations created, given an acronym or custom field
 * values; people created or changed, their field values and contacts; member states added. An
 * existing person's changes are audited in each of their networks (`networksByPerson`), as their
 * edits are (issue 14).
 */
export function importAuditEntries(
  networkId: string,
  w: ImportWrites,
  networksByPerson: ReadonlyMap<string, readonly string[]>,
): AuditEntry[] {
  // Custom field values, audited in the importing network (they are its fields).
  const fieldEntries = (entityType: string, rows: ImportWrites['fieldValues']): AuditEntry[] =>
    rows.map((f) => ({
      networkId,
      entityType,
      entityId: f.id,
      action: 'import',
      before: { fields: f.before },
      after: { fields: f.values },
    }));
  return [
    ...w.organisations.map((o) => ({
      entityType: 'organisation',
      entityId: o.id,
      action: 'import',
      after: { type: o.type, name: o.name, acronym: o.acronym, countryCode: o.countryCode },
    })),
    ...fieldEntries('organisation', w.orgFieldValues),
    ...w.acronyms.map((a) => ({
      entityType: 'organisation',
      entityId: a.id,
      action: 'import',
      before: { acronym: null },
      after: { acronym: a.acronym },
    })),
    ...w.newPeople.map((p) => ({
      networkId,
      entityType: 'person',
      entityId: p.id,
      action: 'import',
      after: personSnapshot(p),
    })),
    ...inPersonNetworks(
      w.changedPeople.map((c) => ({
        entityType: 'person',
        entityId: c.after.id,
        action: 'import',
        before: personSnapshot(c.before),
        after: personSnapshot(c.after),
      })),
      networksByPerson,
      networkId,
    ),
    ...fieldEntries('person', w.fieldValues),
    ...inPersonNetworks(
      w.contacts.map((c) => ({
        entityType: 'person_contact',
        entityId: c.personId,
        action: 'import',
        after: { kind: c.kind, value: c.value },
      })),
      networksByPerson,
      networkId,
    ),
    ...[...w.memberStates].map((code) => ({
      networkId,
      entityType: 'member_state',
      entityId: `${networkId}:${code}`,
      action: 'import',
      after: { countryCode: code },
    })),
  ];
}

/** The people whose networks their audit entries go to: those changed, and those given a contact, not new. */
export function peopleAuditedInTheirNetworks(w: ImportWrites): string[] {
  const newIds = new Set(w.newPeople.map((p) => p.id));
  return [
    ...w.changedPeople.map((c) => c.after.id),
    ...w.contacts.filter((c) => !newIds.has(c.personId)).map((c) => c.personId),
  ];
}
