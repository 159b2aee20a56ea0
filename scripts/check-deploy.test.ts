import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkCompose, checkDeployFiles, checkDockerfile, checkKubernetes } from './check-deploy';

const file = (name: string) => readFileSync(name, 'utf8');

describe('deployment files (checked statically: Docker does not run here)', () => {
  it('the Dockerfile, docker-compose.yml and kubernetes.yml pass', () => {
    expect(checkDeployFiles()).toEqual([]);
  });

  it('catches a Dockerfile that runs as root, lacks a health check, or does not parse', () => {
    const dockerfile = file('Dockerfile');
    expect(checkDockerfile(dockerfile.replace(/^USER .*$/m, ''))).toContain(
      'Dockerfile: the final stage must run as a non-root USER',
    );
    expect(checkDockerfile(dockerfile.replace(/^HEALTHCHECK[\s\S]*?\n(?=#|CMD)/m, ''))).toContain(
      'Dockerfile: the final stage needs a HEALTHCHECK',
    );
    expect(checkDockerfile(`${dockerfile}\nEXPOSE not-a-port\n`).join()).toMatch(/Invalid containerPort/);
  });

  it('catches a manifest without its probes or migration job, and invalid YAML', () => {
    const manifest = file('kubernetes.yml');
    expect(checkKubernetes(manifest.replace('path: /ready', 'path: /health'))).toContain(
      'kubernetes.yml: readiness must probe /ready',
    );
    expect(checkKubernetes(manifest.replace('kind: Job', 'kind: CronJob'))).toContain('kubernetes.yml: no Job');
    expect(checkCompose('services: [unclosed').length).toBeGreaterThan(0);
    expect(
      checkCompose(file('docker-compose.yml').replace('service_completed_successfully', 'service_started')),
    ).toContain('docker-compose.yml: app must start only after migrate completed successfully');
  });
});
