import { Paragraphs, RichText } from './rich-text';
import { Fields, schemaName, TypeLabel, type JsonSchema } from './schema-view';

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  parameters: Parameter[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { $ref?: string; description?: string; content?: Record<string, { schema: JsonSchema }> }>;
}

const METHOD_COLOURS: Record<string, string> = {
  get: 'bg-sky-100 text-sky-800',
  post: 'bg-emerald-100 text-emerald-800',
  put: 'bg-amber-100 text-amber-800',
  delete: 'bg-rose-100 text-rose-800',
};

const schemaOf = (content: Record<string, { schema: JsonSchema }> | undefined) => content?.['application/json']?.schema;

/** One route: who may call it, what it takes, what it answers. */
export function OperationView(props: {
  method: string;
  path: string;
  operation: Operation;
  schemas: Record<string, JsonSchema>;
  errors: Record<string, { description: string }>;
}) {
  const { method, path, operation, schemas, errors } = props;
  const resolve = (schema: JsonSchema | undefined) => (schema?.$ref ? schemas[schemaName(schema.$ref)] : schema);
  const body = resolve(schemaOf(operation.requestBody?.content));
  const [successStatus, success] = Object.entries(operation.responses).find(([status]) => status.startsWith('2'))!;
  const data = resolve(schemaOf(success.content))?.properties?.data;
  return (
    <section
      id={operation.operationId}
      className="scroll-mt-6 space-y-3 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h3 className="flex flex-wrap items-center gap-3 font-mono text-base">
        <span className={`rounded px-2 py-0.5 text-xs font-bold uppercase ${METHOD_COLOURS[method] ?? ''}`}>
          {method}
        </span>
        <span>{path}</span>
      </h3>
      <p className="font-medium">{operation.summary}</p>
      <Paragraphs text={operation.description} />
      {operation.parameters.length > 0 && (
        <div>
          <h4 className="text-sm font-semibold">Parameters</h4>
          <Fields
            schema={{
              properties: Object.fromEntries(
                operation.parameters.map((p) => [
                  p.name,
                  { ...p.schema, description: `(${p.in}) ${p.description ?? ''}`.trim() },
                ]),
              ),
              required: operation.parameters.filter((p) => p.required).map((p) => p.name),
            }}
          />
        </div>
      )}
      {body && (
        <div>
          <h4 className="text-sm font-semibold">Body {operation.requestBody?.required ? '' : '(optional)'}</h4>
          <Fields schema={body} />
        </div>
      )}
      <div>
        <h4 className="text-sm font-semibold">
          {successStatus} <code className="font-normal">{'{"status": "success", "data": …}'}</code>, data:{' '}
          {data && (
            <span className="font-mono text-xs font-normal">
              <TypeLabel schema={data} />
            </span>
          )}
        </h4>
        {data && resolve(data)?.properties && !data.$ref && <Fields schema={data} />}
      </div>
      <div>
        <h4 className="text-sm font-semibold">Errors</h4>
        <ul className="space-y-0.5 text-sm text-slate-700">
          {Object.entries(operation.responses)
            .filter(([status]) => !status.startsWith('2'))
            .map(([status, response]) => (
              <li key={status}>
                <span className="font-mono">{status}</span>{' '}
                <RichText
                  text={errors[response.$ref?.split('/').pop() ?? '']?.description ?? response.description ?? ''}
                />
              </li>
            ))}
        </ul>
      </div>
    </section>
  );
}
