import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TranslatableText, Tx } from '@enlace/core';
import type { FieldChoice, FieldDefinition, FieldEntity, FieldType, FieldValues } from './field-rules';

interface FieldRow {
  id: string;
  network_id: string;
  entity: FieldEntity;
  key: string;
  type: FieldType;
  label: TranslatableText;
  choices: FieldChoice[];
  required: boolean;
  position: number;
  version: number;
}

function toField(r: FieldRow): FieldDefinition {
  return {
    id: r.id,
    networkId: r.network_id,
    entity: r.entity,
    key: r.key,
    type: r.type,
    label: r.label,
    choices: r.choices ?? [],
    required: r.required,
    position: r.position,
    version: r.version,
  };
}

const COLUMNS = `id, network_id, entity, key, type, label, choices, required, position, version`;

/** The table holding a record kind's values (`fields` jsonb: `{ "<network id>": { "<key>": value } }`). */
export const FIELD_TABLES: Readonly<Record<FieldEntity, 'person' | 'organisation'>> = {
  PERSON: 'person',
  ORGANISATION: 'organisation',
};

export interface NewField {
  readonly networkId: string;
  readonly entity: FieldEntity;
  readonly key: string;
  readonly type: FieldType;
  readonly label: TranslatableText;
  readonly choices: readonly FieldChoice[];
  readonly required: boolean;
  readonly position: number;
}

/** Custom field definitions of networks and the values records hold for them. */
@Injectable()
export class FieldRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(tx?: Tx) {
    return tx ?? this.dataSource.manager;
  }

  /** A network's definitions (of one record kind, or both), in their order. */
  async list(networkId: string, entity?: FieldEntity, tx?: Tx): Promise<FieldDefinition[]> {
    const rows = (await this.manager(tx).query(
      `SELECT ${COLUMNS} FROM directory_field WHERE network_id = $1 AND ($2::text IS NULL OR entity = $2)
        ORDER BY entity, position, key`,
      [networkId, entity ?? null],
    )) as FieldRow[];
    return rows.map(toField);
  }

  /** One definition, locked until `tx` ends. */
  async findForUpdate(tx: Tx, networkId: string, entity: FieldEntity, key: string): Promise<FieldDefinition | null> {
    const rows = (await tx.query(
      `SELECT ${COLUMNS} FROM directory_field WHERE network_id = $1 AND entity = $2 AND key = $3 FOR UPDATE`,
      [networkId, entity, key],
    )) as FieldRow[];
    return rows[0] ? toField(rows[0]) : null;
  }

  async count(tx: Tx, networkId: string, entity: FieldEntity): Promise<number> {
    const [row] = (await tx.query(
      `SELECT count(*)::int AS n FROM directory_field WHERE network_id = $1 AND entity = $2`,
      [networkId, entity],
    )) as { n: number }[];
    return row.n;
  }

  /** One definition per network, record kind and key: a concurrent definition of the same key waits. */
  async lockKey(tx: Tx, networkId: string, entity: FieldEntity, key: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`directory-field:${networkId}:${entity}:${key}`]);
  }

  async insert(tx: Tx, field: NewField): Promise<FieldDefinition> {
    const [row] = (await tx.query(
      `INSERT INTO directory_field (network_id, entity, key, type, label, choices, required, position)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [
        field.networkId,
        field.entity,
        field.key,
        field.type,
        JSON.stringify(field.label),
        JSON.stringify(field.choices),
        field.required,
        field.position,
      ],
    )) as FieldRow[];
    return toField(row);
  }

  async update(tx: Tx, id: string, field: NewField): Promise<FieldDefinition> {
    const [row] = (await tx.query(
      `UPDATE directory_field SET label = $2, choices = $3, required = $4, position = $5, version = version + 1,
              updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, JSON.stringify(field.label), JSON.stringify(field.choices), field.required, field.position],
    )) as FieldRow[];
    return toField(row);
  }

  /** Removes a definition and the values records held for it. */
  async delete(tx: Tx, field: FieldDefinition): Promise<void> {
    await tx.query(`DELETE FROM directory_field WHERE id = $1`, [field.id]);
    const table = FIELD_TABLES[field.entity];
    await tx.query(
      `UPDATE ${table} SET fields = fields #- ARRAY[$1::text, $2::text] WHERE fields -> $1::text ? $2::text`,
      [field.networkId, field.key],
    );
  }

  /** The values of one network's fields on these records, by record id (records without any are left out). */
  async values(
    entity: FieldEntity,
    networkId: string,
    ids: readonly string[],
    tx?: Tx,
  ): Promise<Map<string, FieldValues>> {
    if (ids.length === 0) return new Map();
    const table = FIELD_TABLES[entity];
    const rows = (await this.manager(tx).query(
      `SELECT id, fields -> $1::text AS "values" FROM ${table}
        WHERE id = ANY($2::uuid[]) AND fields ? $1::text ${tx ? 'FOR UPDATE' : ''}`,
      [networkId, [...new Set(ids)]],
    )) as { id: string; values: FieldValues }[];
    return new Map(rows.map((r) => [r.id, r.values]));
  }

  /** Replaces one network's values on each record (an empty set removes the network's entry). */
  async setValues(
    tx: Tx,
    entity: FieldEntity,
    networkId: string,
    rows: readonly { id: string; values: FieldValues }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const table = FIELD_TABLES[entity];
    await tx.query(
      `UPDATE ${table} t
          SET fields = CASE WHEN x.doc = '{}'::jsonb THEN t.fields - $1::text
                            ELSE jsonb_set(t.fields, ARRAY[$1::text], x.doc, true) END
         FROM unnest($2::uuid[], $3::jsonb[]) AS x (id, doc)
        WHERE t.id = x.id`,
      [networkId, rows.map((r) => r.id), rows.map((r) => JSON.stringify(r.values))],
    );
  }
}
