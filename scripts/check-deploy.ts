import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validate } from 'dockerfile-utils';
import { parseAllDocuments } from 'yaml';
import { loadConfig } from '../server/config/config';

/**
 * Static checks of the deployment files, since Docker and Kubernetes do not run here: the Dockerfile
 * is linted (dockerfile-utils) and checked for what we rely on; the compose file and the Kubernetes
 * manifest must parse as YAML and wire the probes, the migrations and the environment as documented.
 */
export function checkDeployFiles(root = process.cwd()): string[] {
  const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
  return [
    ...checkDockerfile(read('Dockerfile')),
    ...checkCompose(read('docker-compose.yml')),
    ...checkKubernetes(read('kubernetes.yml')),
  ];
}

export function checkDockerfile(text: string): string[] {
  const problems = validate(text).map((d) => `Dockerfile:${d.range.start.line + 1}: ${d.message}`);
  const instructions = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages = instructions.filter((l) => /^FROM\s/i.test(l));
  const final = instructions.slice(instructions.lastIndexOf(stages[stages.length - 1] ?? ''));
  if (stages.length < 2) problems.push('Dockerfile: must be multi-stage (build apart from the runtime image)');
  if (!final.some((l) => /^USER\s+(?!root\b|0\b)\S+/i.test(l)))
    problems.push('Dockerfile: the final stage must run as a non-root USER');
  if (!final.some((l) => /^HEALTHCHECK\s/i.test(l))) problems.push('Dockerfile: the final stage needs a HEALTHCHECK');
  if (!final.some((l) => /^CMD\s+\[\s*"node",\s*"server\.js"\s*\]/.test(l))) {
    problems.push('Dockerfile: CMD must run the standalone server in exec form (signals reach node)');
  }
  if (!text.includes('.next/standalone')) problems.push('Dockerfile: the runtime stage must copy .next/standalone');
  return problems;
}

type Doc = Record<string, unknown> & { kind?: string };
const get = (value: unknown, ...keys: Array<string | number>): unknown =>
  keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), value);

function parseYaml(text: string, file: string): { docs: Doc[]; problems: string[] } {
  const parsed = parseAllDocuments(text);
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const problems = list.flatMap((doc) => doc.errors.map((e) => `${file}: ${e.message}`));
  return { docs: list.map((d) => d.toJS() as Doc).filter(Boolean), problems };
}

export function checkCompose(text: string): string[] {
  const { docs, problems } = parseYaml(text, 'docker-compose.yml');
  const services = get(docs[0], 'services') as Record<string, unknown> | undefined;
  for (const name of ['postgres', 'redis', 'migrate', 'app']) {
    if (!get(services, name)) problems.push(`docker-compose.yml: service ${name} is missing`);
  }
  if (get(services, 'app', 'depends_on', 'migrate', 'condition') !== 'service_completed_successfully') {
    problems.push('docker-compose.yml: app must start only after migrate completed successfully');
  }
  const env = get(services, 'app', 'environment') as Record<string, string> | undefined;
  try {
    // The values must pass the service's own validation, as a start-up would (interpolations left empty).
    loadConfig({
      NODE_ENV: 'production',
      ...Object.fromEntries(
        Object.entries(env ?? {}).map(([k, v]) => [k, String(v).startsWith('${') ? '' : String(v)]),
      ),
    });
  } catch (error) {
    problems.push(`docker-compose.yml: app environment is invalid: ${(error as Error).message}`);
  }
  return problems;
}

export function checkKubernetes(text: string): string[] {
  const { docs, problems } = parseYaml(text, 'kubernetes.yml');
  const byKind = (kind: string) => docs.find((d) => d.kind === kind);
  for (const kind of ['Deployment', 'Service', 'HorizontalPodAutoscaler', 'Job', 'ConfigMap', 'Secret']) {
    if (!byKind(kind)) problems.push(`kubernetes.yml: no ${kind}`);
  }
  const web = get(byKind('Deployment'), 'spec', 'template', 'spec', 'containers', 0);
  if (get(web, 'livenessProbe', 'httpGet', 'path') !== '/health')
    problems.push('kubernetes.yml: liveness must probe /health');
  if (get(web, 'readinessProbe', 'httpGet', 'path') !== '/ready')
    problems.push('kubernetes.yml: readiness must probe /ready');
  const job = get(byKind('Job'), 'spec', 'template', 'spec', 'containers', 0, 'command');
  if (JSON.stringify(job) !== JSON.stringify(['node', 'scripts/db-migrate.mjs'])) {
    problems.push('kubernetes.yml: the Job must run node scripts/db-migrate.mjs');
  }
  if (
    get(byKind('HorizontalPodAutoscaler'), 'spec', 'scaleTargetRef', 'name') !==
    get(byKind('Deployment'), 'metadata', 'name')
  ) {
    problems.push('kubernetes.yml: the autoscaler must target the Deployment');
  }
  return problems;
}

if (process.argv[1]?.endsWith('check-deploy.ts')) {
  const problems = checkDeployFiles();
  for (const problem of problems) console.error(problem);
  console.log(
    problems.length
      ? `${problems.length} problem(s) in the deployment files`
      : 'deployment files: Dockerfile lint, compose and Kubernetes YAML ok',
  );
  process.exit(problems.length ? 1 : 0);
}
