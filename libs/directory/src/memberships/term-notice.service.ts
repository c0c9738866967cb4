import { Injectable } from '@nestjs/common';
import { Actor, resolveText, Tx } from '@enlace/core';
import { NotificationService } from '@enlace/notifications';
import type { Membership } from './membership.entity';

/** What a notice needs of a term. */
export type NoticeTerm = Pick<Membership, 'id' | 'personId' | 'role' | 'memberState' | 'startsOn' | 'endsOn'>;
import { TermNoticeRepository } from './term-notice.repository';

/** What a term notice says of a term (codes and ISO dates: each reader gets them in their language). */
function termParams(term: NoticeTerm): Record<string, string> {
  return {
    role: term.role,
    ...(term.memberState ? { memberState: term.memberState } : {}),
    startsOn: term.startsOn,
    ...(term.endsOn ? { endsOn: term.endsOn } : {}),
  };
}

/**
 * Tells people of the terms that change, in the transaction of the change (outbox): the person
 * whose term opened (`membershipAdded`) or ended (`membershipEnded`), the network's secretariat
 * (`termChanged`; one `directoryImported` per import), each in their own language when they read it,
 * pushed live once the change commits. Nobody is told of what they did themselves, and changes made
 * by the system (demo seeds, erasure) tell no one.
 */
@Injectable()
export class TermNoticeService {
  constructor(
    private readonly notifications: NotificationService,
    private readonly notices: TermNoticeRepository,
  ) {}

  /**
   * A term was opened (addMembership, a designation, a new person's record, an accepted
   * invitation); `predecessor` is the term it handed over from, ended the day it starts. `quietFor`
   * are people the caller tells in its own words (the sender of an accepted invitation).
   */
  async opened(
    tx: Tx,
    actor: Actor,
    term: Membership,
    predecessor: Membership | null,
    quietFor: readonly string[] = [],
  ): Promise<void> {
    if (!actor.personId) return;
    const base = await this.base(tx, actor, term.networkId);
    if (!base) return;
    const names = await this.notices.names(tx, [
      actor.personId,
      term.personId,
      ...(predecessor ? [predecessor.personId] : []),
    ]);
    const personName = names.get(term.personId);
    if (personName === undefined) return;
    const subject = { type: 'membership', id: term.id };
    const told = new Set<string>([actor.personId, ...quietFor]);
    if (!told.has(term.personId)) {
      await this.notifications.notify(tx, {
        personId: term.personId,
        kind: 'membershipAdded',
        subject,
        networkId: term.networkId,
        params: { ...base, ...termParams(term) },
      });
    }
    told.add(term.personId);
    const predecessorName = predecessor ? names.get(predecessor.personId) : undefined;
    if (predecessor && predecessorName !== undefined && !told.has(predecessor.personId)) {
      await this.notifications.notify(tx, {
        personId: predecessor.personId,
        kind: 'membershipEnded',
        subject: { type: 'membership', id: predecessor.id },
        networkId: term.networkId,
        params: {
          ...base,
          ...termParams(predecessor),
          endsOn: term.startsOn,
          // No successorName: MembershipNoticeTexts names the successor when read, to readers who may see them.
          context: 'handover',
        },
      });
    }
    if (predecessor) told.add(predecessor.personId);
    const context = predecessorName !== undefined ? 'handover' : actor.personId === term.personId ? 'joined' : 'opened';
    await this.toSecretariat(tx, term.networkId, told, {
      kind: 'termChanged',
      subject,
      params: {
        ...base,
        ...termParams(term),
        personName,
        ...(predecessorName !== undefined ? { predecessorName } : {}),
        context,
      },
    });
  }

  /** A term was ended by hand (endMembership): its holder and the secretariat hear of it. */
  async ended(tx: Tx, actor: Actor, term: Membership): Promise<void> {
    if (!actor.personId) return;
    const base = await this.base(tx, actor, term.networkId);
    if (!base) return;
    const personName = (await this.notices.names(tx, [term.personId])).get(term.personId);
    if (personName === undefined) return;
    const subject = { type: 'membership', id: term.id };
    const params = { ...base, ...termParams(term) };
    if (term.personId !== actor.personId) {
      await this.notifications.notify(tx, {
        personId: term.personId,
        kind: 'membershipEnded',
        subject,
        networkId: term.networkId,
        params,
      });
    }
    await this.toSecretariat(tx, term.networkId, new Set([actor.personId, term.personId]), {
      kind: 'termChanged',
      subject,
      params: { ...params, personName, context: 'ended' },
    });
  }

  /**
   * An import changed terms of one network: each person concerned hears once (of their new term, or
   * else of the end of their term), and each other member of the secretariat gets one summary.
   */
  async imported(
    tx: Tx,
    actor: Actor,
    networkId: string,
    opened: readonly NoticeTerm[],
    ended: readonly NoticeTerm[],
  ): Promise<void> {
    if (!actor.personId || (opened.length === 0 && ended.length === 0)) return;
    const base = await this.base(tx, actor, networkId);
    if (!base) return;
    const byPerson = new Map<string, { term: NoticeTerm; kind: 'membershipAdded' | 'membershipEnded' }>();
    for (const term of opened)
      if (!byPerson.has(term.personId)) byPerson.set(term.personId, { term, kind: 'membershipAdded' });
    for (const term of ended)
      if (!byPerson.has(term.personId)) byPerson.set(term.personId, { term, kind: 'membershipEnded' });
    const names = await this.notices.names(tx, [...byPerson.keys()]);
    // One set of statements for the whole import, however many people it concerns.
    await this.notifications.notifyEach(
      tx,
      [...byPerson]
        .filter(([personId]) => personId !== actor.personId && names.has(personId))
        .map(([personId, { term, kind }]) => ({
          personId,
          kind,
          subject: { type: 'membership', id: term.id },
          networkId,
          params: { ...base, ...termParams(term) },
        })),
    );
    await this.toSecretariat(tx, networkId, new Set([actor.personId]), {
      kind: 'directoryImported',
      subject: { type: 'network', id: networkId },
      params: { ...base, count: byPerson.size },
    });
  }

  private async toSecretariat(
    tx: Tx,
    networkId: string,
    exclude: ReadonlySet<string>,
    notice: {
      kind: 'termChanged' | 'directoryImported';
      subject: { type: string; id: string };
      params: Record<string, string | number>;
    },
  ): Promise<void> {
    const secretariat = (await this.notices.secretariat(tx, networkId)).filter((id) => !exclude.has(id));
    if (secretariat.length === 0) return;
    await this.notifications.notifyMany(tx, secretariat, { ...notice, networkId });
  }

  /** The params every notice of the network has: its name (a fallback: readers get theirs) and who acted. */
  private async base(tx: Tx, actor: Actor, networkId: string): Promise<Record<string, string> | null> {
    const network = await this.notices.network(tx, networkId);
    if (!network) return null;
    const actorName =
      actor.name ??
      (actor.personId ? (await this.notices.names(tx, [actor.personId])).get(actor.personId) : undefined) ??
      '';
    return {
      networkName: resolveText(network.name, network.defaultLanguage, network.defaultLanguage)?.text ?? network.slug,
      actorName,
    };
  }
}
