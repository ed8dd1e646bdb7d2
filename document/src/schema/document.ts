import { z } from 'zod';

/** The document format version this code writes. Older versions are upgraded by `migrate.ts`. */
export const CURRENT_VERSION = 2;

/** Node ids become processor names and (camel-cased) variable names, so they are restricted. */
export const NODE_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
const TYPE_NAME_PATTERN = /^[A-Z][A-Za-z0-9_]*$/;

export const positionSchema = z.object({ x: z.number().int(), y: z.number().int() });
export type Position = z.infer<typeof positionSchema>;

export const nodeIdSchema = z
  .string()
  .regex(NODE_ID_PATTERN, 'a node id starts with a letter and holds only letters, digits, "-" and "_"');

export const documentNodeSchema = z.object({
  id: nodeIdSchema,
  kind: z.string().min(1),
  label: z.string().optional(),
  position: positionSchema,
  config: z.record(z.string(), z.unknown()),
});
export type DocumentNode = z.infer<typeof documentNodeSchema>;

export const documentEdgeSchema = z.object({
  id: z.string().min(1),
  source: z.string().min(1),
  sourceHandle: z.string().optional(),
  target: z.string().min(1),
  targetHandle: z.string().optional(),
});
export type DocumentEdge = z.infer<typeof documentEdgeSchema>;

/**
 * A record type: a TypeScript type expression (`{ user: string; page: string }`), or sample JSON records the
 * declaration is inferred from. Both may be present; the declaration wins.
 */
export const typeDeclarationSchema = z
  .object({
    name: z.string().regex(TYPE_NAME_PATTERN, 'a type name is a PascalCase identifier'),
    declaration: z.string().min(1).optional(),
    samples: z.array(z.unknown()).min(1).optional(),
  })
  .refine((t) => t.declaration !== undefined || t.samples !== undefined, {
    message: 'a type needs a declaration or sample records',
  });
export type TypeDeclaration = z.infer<typeof typeDeclarationSchema>;

export const sampleRecordSchema = z.object({
  key: z.unknown(),
  value: z.unknown(),
  timestamp: z.number().int().nonnegative().optional(),
});
export type SampleRecord = z.infer<typeof sampleRecordSchema>;

export const settingsSchema = z.object({
  /** Kafka Streams application.id; also prefixes repartition and changelog topics. */
  applicationId: z.string().min(1).optional(),
  /** Known topics: partition counts feed the co-partitioning check of joins. */
  topics: z.record(z.string(), z.object({ partitions: z.number().int().positive() })).optional(),
  /** Sample input records per topic: the run panel's test data and the exported project's tests. */
  testData: z.record(z.string(), z.array(sampleRecordSchema)).optional(),
  /** Expected output records per topic, checked by the exported project's tests. */
  expected: z.record(z.string(), z.array(sampleRecordSchema)).optional(),
});
export type DocumentSettings = z.infer<typeof settingsSchema>;

/** The document as the app holds it in memory (positions on the nodes, as React Flow wants them). */
export const topologyDocumentSchema = z.object({
  version: z.literal(CURRENT_VERSION),
  name: z.string().min(1),
  types: z.array(typeDeclarationSchema),
  nodes: z.array(documentNodeSchema),
  edges: z.array(documentEdgeSchema),
  settings: settingsSchema,
});
export type TopologyDocument = z.infer<typeof topologyDocumentSchema>;

/**
 * The document as it is written to disk: positions live in a separate `layout` map, one line per node, so
 * moving a node touches exactly one line and editing logic never touches layout lines.
 */
export const storedDocumentSchema = z.object({
  version: z.literal(CURRENT_VERSION),
  /** Config version of each kind past 1 the document uses (each kind migrates its own config). */
  kindVersions: z.record(z.string(), z.number().int().positive()).optional(),
  name: z.string().min(1),
  types: z.array(typeDeclarationSchema).default([]),
  nodes: z.array(documentNodeSchema.omit({ position: true })),
  edges: z.array(documentEdgeSchema).default([]),
  layout: z.record(z.string(), positionSchema).default({}),
  settings: settingsSchema.default({}),
});
export type StoredDocument = z.infer<typeof storedDocumentSchema>;

/** An empty document, the starting point of "New topology". */
export const emptyDocument = (name: string): TopologyDocument => ({
  version: CURRENT_VERSION,
  name,
  types: [],
  nodes: [],
  edges: [],
  settings: {},
});
