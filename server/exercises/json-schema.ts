import { z } from 'zod';
import { exerciseInputSchema, type ProbeSpecs } from './schema.ts';

/** JSON Schema (draft 2020-12) of exercise.yaml for editors, published as
 * `exercises/schema.json`; an exercise.yaml can point at it with the comment
 * `# yaml-language-server: $schema=../schema.json`. The loader stays the authority:
 * cross-field rules (duplicate ids, hint costs, capabilities) are not expressible here. */
export function exerciseJsonSchema(probeSpecs: ProbeSpecs): Record<string, unknown> {
  const schema = z.toJSONSchema(exerciseInputSchema(probeSpecs), {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  });
  const { $schema, ...rest } = schema;
  return {
    $schema,
    title: 'Batten exercise (exercise.yaml)',
    description: 'An exercise: metadata, cluster options, objectives with probes, guards and hints.',
    ...rest,
  };
}
