import type { ReactNode } from 'react';
import { RichText } from './rich-text';

/** The parts of JSON Schema 2020-12 that zod's generator emits for our shapes. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
}

export const schemaName = (ref: string) => ref.replace('#/components/schemas/', '');

/** A type as people read it: `Plan[]`, `string (date-time) | null`, `"monthly" | "yearly"`. */
export function TypeLabel({ schema }: { schema: JsonSchema }): ReactNode {
  if (schema.$ref) {
    const name = schemaName(schema.$ref);
    return (
      <a href={`#schema-${name}`} className="text-indigo-700 underline">
        {name}
      </a>
    );
  }
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return join(variants.map((variant, i) => <TypeLabel key={i} schema={variant} />));
  if (schema.const !== undefined) return <code>{JSON.stringify(schema.const)}</code>;
  if (schema.enum) return <code>{schema.enum.map((v) => JSON.stringify(v)).join(' | ')}</code>;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'any'];
  return join(
    types.map((type, i) => {
      if (type === 'array' && schema.items) {
        return (
          <span key={i}>
            <TypeLabel schema={schema.items} />
            []
          </span>
        );
      }
      return <span key={i}>{type === 'string' && schema.format ? `string (${schema.format})` : type}</span>;
    }),
  );
}

function join(nodes: ReactNode[]): ReactNode {
  return nodes.flatMap((node, i) => (i === 0 ? [node] : [<span key={`or-${i}`}> | </span>, node]));
}

function constraints(schema: JsonSchema): string {
  const parts = [
    schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : null,
    schema.minimum !== undefined && schema.minimum > Number.MIN_SAFE_INTEGER ? `≥ ${schema.minimum}` : null,
    schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER ? `≤ ${schema.maximum}` : null,
    schema.maxLength !== undefined ? `at most ${schema.maxLength} characters` : null,
  ];
  return parts.filter(Boolean).join(', ');
}

/** The nested object a field holds inline (an object, or an array of objects), if any. */
const inlineObject = (schema: JsonSchema): JsonSchema | null =>
  schema.properties ? schema : schema.items?.properties ? schema.items : null;

/** A table of an object's fields; inline objects nest below their field. */
export function Fields({ schema }: { schema: JsonSchema }) {
  const required = new Set(schema.required ?? []);
  return (
    <table className="w-full table-fixed border-collapse text-left text-sm">
      <tbody>
        {Object.entries(schema.properties ?? {}).map(([name, field]) => {
          const nested = inlineObject(field);
          const notes = constraints(field);
          return (
            <tr key={name} className="border-t border-slate-100 align-top">
              <td className="w-1/4 py-1.5 pr-3 font-mono break-words text-slate-900">
                {name}
                {!required.has(name) && <span className="text-slate-400">?</span>}
              </td>
              <td className="w-1/4 py-1.5 pr-3 font-mono text-xs break-words text-slate-600">
                <TypeLabel
                  schema={nested && nested === field.items ? { type: 'array', items: { type: 'object' } } : field}
                />
              </td>
              <td className="py-1.5 text-slate-700">
                {field.description && <RichText text={field.description} />}
                {notes && <span className="text-slate-500"> {notes}</span>}
                {nested && (
                  <div className="mt-2 border-l-2 border-slate-200 pl-3">
                    <Fields schema={nested} />
                  </div>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
