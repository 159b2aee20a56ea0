import type { Metadata } from 'next';
import { openApiDocument } from '@/server/rest/openapi';
import { OperationView, type Operation } from './operation-view';
import { Paragraphs } from './rich-text';
import { Fields, type JsonSchema } from './schema-view';

export const metadata: Metadata = { title: 'REST API' };

/**
 * The REST API reference, rendered on the server from the same OpenAPI document `/api/openapi.json`
 * serves: no client script, nothing loaded from elsewhere.
 */
export default function ApiReferencePage() {
  const document = openApiDocument();
  const schemas = document.components.schemas as Record<string, JsonSchema>;
  const errors = document.components.responses as Record<string, { description: string }>;
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation & { tags: string[] }>).map(([method, operation]) => ({
      path,
      method,
      operation,
    })),
  );
  const named = Object.entries(schemas).filter(([name]) => !/(Request|Response)$/.test(name) && name !== 'Error');
  return (
    <article className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold tracking-tight">{document.info.title}</h1>
        <Paragraphs text={document.info.description} />
        <p className="text-sm text-slate-700">
          Send <code>Authorization: Bearer &lt;token&gt;</code> with a session token or a service API key. The
          machine-readable document is at{' '}
          <a className="text-indigo-700 underline" href="/api/openapi.json">
            /api/openapi.json
          </a>{' '}
          (OpenAPI {document.openapi}).
        </p>
      </header>
      <nav aria-label="Routes" className="grid gap-4 sm:grid-cols-2">
        {document.tags.map(({ name }) => (
          <div key={name}>
            <h2 className="text-sm font-semibold">{name}</h2>
            <ul className="font-mono text-xs">
              {operations
                .filter(({ operation }) => operation.tags.includes(name))
                .map(({ path, method, operation }) => (
                  <li key={operation.operationId}>
                    <a className="text-indigo-700 hover:underline" href={`#${operation.operationId}`}>
                      {method.toUpperCase()} {path}
                    </a>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </nav>
      {document.tags.map(({ name }) => (
        <section key={name} className="space-y-4">
          <h2 className="text-xl font-semibold">{name}</h2>
          {operations
            .filter(({ operation }) => operation.tags.includes(name))
            .map(({ path, method, operation }) => (
              <OperationView
                key={operation.operationId}
                method={method}
                path={path}
                operation={operation}
                schemas={schemas}
                errors={errors}
              />
            ))}
        </section>
      ))}
      <section className="space-y-4">
        <h2 className="text-xl font-semibold">Shapes</h2>
        {[...named, ['Error', schemas.Error!] as const].map(([name, schema]) => (
          <div key={name} id={`schema-${name}`} className="scroll-mt-6 rounded-lg border border-slate-200 bg-white p-5">
            <h3 className="mb-2 font-mono font-semibold">{name}</h3>
            <Fields schema={schema} />
          </div>
        ))}
      </section>
    </article>
  );
}
