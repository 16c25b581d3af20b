import assert from 'node:assert/strict';
import { test } from 'vitest';
import { z } from 'zod';
import { exerciseJsonSchema } from './json-schema.ts';

const probeSpecs = {
  canI: z.strictObject({ as: z.string(), verb: z.string(), resource: z.string(), expect: z.enum(['allowed', 'denied']) }),
  ready: z.strictObject({ kind: z.string(), namespace: z.string(), name: z.string() }),
};

test('the JSON Schema is draft 2020-12 and describes objectives with every probe kind', () => {
  const schema = exerciseJsonSchema(probeSpecs);
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  const properties = schema.properties as Record<string, any>;
  assert.ok(properties.objectives);
  assert.deepEqual(schema.required, ['apiVersion', 'kind', 'metadata', 'objectives']);
  const probes = properties.objectives.items.properties.pass.items.anyOf as Array<{ required: string[]; additionalProperties: boolean }>;
  assert.deepEqual(probes.map((p) => p.required), [['canI'], ['ready']]);
  assert.ok(probes.every((p) => p.additionalProperties === false), 'a probe names exactly one kind');
  const text = JSON.stringify(schema);
  for (const kind of Object.keys(probeSpecs)) assert.ok(text.includes(`"${kind}"`), `${kind} is missing from the schema`);
});

test('the JSON Schema has input types: defaults are optional and flag values may be scalars', () => {
  const properties = exerciseJsonSchema(probeSpecs).properties as Record<string, any>;
  assert.deepEqual(properties.requires.default, ['api']);
  assert.deepEqual(properties.cluster.properties.apiServer.properties.flags.additionalProperties, { type: ['string', 'number', 'boolean'] });
});

test('an empty probe registry still yields a schema', () => {
  assert.ok((exerciseJsonSchema({}).properties as Record<string, unknown>).objectives);
});
