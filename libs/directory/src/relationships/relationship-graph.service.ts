import { Injectable } from '@nestjs/common';
import { Actor, DomainError, I18nParams, I18nService, resolveText, Translator, writeCsv } from '@enlace/core';
import { OrganisationRepository } from '../organisations/organisation.repository';
import type { Relationship } from './relationship.repository';
import { ListRelationshipsCommand, RelationshipService } from './relationship.service';

export const GRAPH_FORMATS = ['csv', 'graphml', 'json'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];
/** An export holds at most this many relationships (a network's map is hundreds to a few thousand). */
export const MAX_GRAPH_EDGES = 50_000;

export interface GraphFile {
  readonly contentType: string;
  readonly filename: string;
  readonly body: string;
}

/** A node of the graph: a person or an organisation, as the reader may see it. */
interface GraphNode {
  readonly id: string;
  readonly kind: 'person' | 'organisation';
  readonly label: string;
  readonly countryCode: string | null;
}

/** The edge columns: Gephi and Cytoscape read Source, Target, Type (Directed) and Label as such. */
const EDGE_COLUMNS = [
  'Id',
  'Source',
  'Target',
  'Type',
  'Label',
  'relationship',
  'source_name',
  'target_name',
  'source_kind',
  'target_kind',
  'starts_on',
  'ends_on',
  'note',
  'reference',
  'visibility',
] as const;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** May XML 1.0 hold this code point (tab, newlines, and no other control character; not U+FFFE/U+FFFF)? */
const xmlAllowed = (c: number) => c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c !== 0xfffe && c !== 0xffff);

/** XML text and attribute escaping; characters XML 1.0 cannot hold (controls) are dropped. */
export function xmlEscape(value: string): string {
  return value
    .split('')
    .filter((ch) => xmlAllowed(ch.charCodeAt(0)))
    .join('')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

/** BAD_USER_INPUT whose message is the field's own (an HTTP answer carries the message only). */
function fieldError(field: string, key: string, params: I18nParams): DomainError {
  return new DomainError('BAD_USER_INPUT', key, params, [{ field, key, params }]);
}

const nodeId = (kind: 'person' | 'organisation', id: string) => `${kind}:${id}`;

/**
 * The relationship graph of a network, for network-analysis tools: a CSV of edges (Gephi's and
 * Cytoscape's edge-table columns), GraphML, or a JSON graph (JSON Graph Format v2). Built from the
 * same query as the `relationships` list — what `actor` may see, both ends included — so an export
 * never holds more than the screen shows. Names are served in the caller's language (organisations),
 * relationship types are labelled in it, node ids are `person:<id>` and `organisation:<id>`.
 */
@Injectable()
export class RelationshipGraphService {
  constructor(
    private readonly relationships: RelationshipService,
    private readonly organisations: OrganisationRepository,
    private readonly i18n: I18nService,
  ) {}

  async export(actor: Actor, format: string, command: ListRelationshipsCommand): Promise<GraphFile> {
    if (!(GRAPH_FORMATS as readonly string[]).includes(format)) {
      throw fieldError('format', 'directory:relationship.unknownFormat', { value: format });
    }
    const filter = await this.relationships.filter(actor, command);
    const edges = filter === null ? [] : await this.relationships.graph(actor, filter, MAX_GRAPH_EDGES + 1);
    if (edges.length > MAX_GRAPH_EDGES) {
      throw fieldError('networkId', 'directory:relationship.tooMany', { max: MAX_GRAPH_EDGES });
    }
    const t = this.i18n.translator(actor.lang);
    const nodes = await this.nodes(actor, edges, t);
    const stamp = new Date().toISOString().slice(0, 10);
    const name = `relationships-${stamp}`;
    if (format === 'csv') return this.csv(edges, nodes, t, name);
    if (format === 'graphml') return this.graphml(edges, nodes, t, name);
    return this.json(edges, nodes, t, name);
  }

  private async nodes(actor: Actor, edges: readonly Relationship[], t: Translator): Promise<Map<string, GraphNode>> {
    const personIds = edges.flatMap((e) => [e.fromPersonId, e.toPersonId]).filter((id): id is string => id !== null);
    const orgIds = edges
      .flatMap((e) => [e.fromOrganisationId, e.toOrganisationId])
      .filter((id): id is string => id !== null);
    const nodes = new Map<string, GraphNode>();
    for (const p of await this.relationships.peopleOf(personIds)) {
      const label = p.erased ? t.t('directory:erasedName') : p.name;
      nodes.set(nodeId('person', p.id), {
        id: nodeId('person', p.id),
        kind: 'person',
        label,
        countryCode: p.countryCode,
      });
    }
    for (const o of await this.organisations.findByIds([...new Set(orgIds)])) {
      const name = resolveText(o.name, actor.lang)?.text ?? '';
      const label = o.acronym && !name.includes(o.acronym) ? `${name} (${o.acronym})` : name;
      nodes.set(nodeId('organisation', o.id), {
        id: nodeId('organisation', o.id),
        kind: 'organisation',
        label,
        countryCode: o.countryCode,
      });
    }
    return nodes;
  }

  private ends(e: Relationship): [string, string] {
    return [
      e.fromPersonId ? nodeId('person', e.fromPersonId) : nodeId('organisation', e.fromOrganisationId as string),
      e.toPersonId ? nodeId('person', e.toPersonId) : nodeId('organisation', e.toOrganisationId as string),
    ];
  }

  private csv(edges: readonly Relationship[], nodes: Map<string, GraphNode>, t: Translator, name: string): GraphFile {
    const rows = edges.map((e) => {
      const [from, to] = this.ends(e);
      return [
        e.id,
        from,
        to,
        'Directed',
        t.t(`directory:relationship.type.${e.type}`),
        e.type,
        nodes.get(from)?.label ?? '',
        nodes.get(to)?.label ?? '',
        nodes.get(from)?.kind ?? '',
        nodes.get(to)?.kind ?? '',
        e.startsOn ?? '',
        e.endsOn ?? '',
        e.note ?? '',
        e.source ?? '',
        e.visibility,
      ];
    });
    return {
      contentType: 'text/csv; charset=utf-8',
      filename: `${name}.csv`,
      body: writeCsv([[...EDGE_COLUMNS], ...rows], { bom: true }),
    };
  }

  private graphml(
    edges: readonly Relationship[],
    nodes: Map<string, GraphNode>,
    t: Translator,
    name: string,
  ): GraphFile {
    const data = (key: string, value: string | null) =>
      value === null || value === '' ? '' : `<data key="${key}">${xmlEscape(value)}</data>`;
    const keys = [
      ['label', 'node', 'label'],
      ['kind', 'node', 'kind'],
      ['country', 'node', 'country'],
      ['relationship', 'edge', 'relationship'],
      ['elabel', 'edge', 'label'],
      ['starts_on', 'edge', 'starts_on'],
      ['ends_on', 'edge', 'ends_on'],
      ['note', 'edge', 'note'],
      ['reference', 'edge', 'reference'],
      ['visibility', 'edge', 'visibility'],
    ].map(([id, on, attr]) => `  <key id="${id}" for="${on}" attr.name="${attr}" attr.type="string"/>`);
    const nodeLines = [...nodes.values()].map(
      (n) =>
        `    <node id="${xmlEscape(n.id)}">${data('label', n.label)}${data('kind', n.kind)}${data('country', n.countryCode)}</node>`,
    );
    const edgeLines = edges.map((e) => {
      const [from, to] = this.ends(e);
      return (
        `    <edge id="${e.id}" source="${xmlEscape(from)}" target="${xmlEscape(to)}">` +
        data('relationship', e.type) +
        data('elabel', t.t(`directory:relationship.type.${e.type}`)) +
        data('starts_on', e.startsOn) +
        data('ends_on', e.endsOn) +
        data('note', e.note) +
        data('reference', e.source) +
        data('visibility', e.visibility) +
        `</edge>`
      );
    });
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"',
      '    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
      '    xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
      ...keys,
      '  <graph id="relationships" edgedefault="directed">',
      ...nodeLines,
      ...edgeLines,
      '  </graph>',
      '</graphml>',
      '',
    ].join('\n');
    return { contentType: 'application/graphml+xml; charset=utf-8', filename: `${name}.graphml`, body };
  }

  private json(edges: readonly Relationship[], nodes: Map<string, GraphNode>, t: Translator, name: string): GraphFile {
    const graph = {
      graph: {
        id: 'relationships',
        directed: true,
        type: 'enlace-relationships',
        nodes: Object.fromEntries(
          [...nodes.values()].map((n) => [
            n.id,
            { label: n.label, metadata: { kind: n.kind, country: n.countryCode } },
          ]),
        ),
        edges: edges.map((e) => {
          const [from, to] = this.ends(e);
          return {
            id: e.id,
            source: from,
            target: to,
            relation: e.type,
            directed: true,
            label: t.t(`directory:relationship.type.${e.type}`),
            metadata: {
              startsOn: e.startsOn,
              endsOn: e.endsOn,
              note: e.note,
              source: e.source,
              visibility: e.visibility,
            },
          };
        }),
      },
    };
    return { contentType: 'application/json; charset=utf-8', filename: `${name}.json`, body: JSON.stringify(graph) };
  }
}
