import type { OrgRole } from './principal';

/** Demo organizations and people for local sign-in: each role, two tenants, and a platform admin. */
export interface DemoOrganization {
  id: string;
  slug: string;
  name: string;
}

export interface DemoUser {
  id: string;
  name: string;
  email: string;
  memberships: Array<{ orgId: string; role: OrgRole }>;
}

export const DEMO_PLATFORM_ORG_ID = 'org_demo_platform';

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { id: 'org_demo_acme', slug: 'acme', name: 'Acme Inc.' },
  { id: 'org_demo_globex', slug: 'globex', name: 'Globex Corporation' },
  { id: DEMO_PLATFORM_ORG_ID, slug: 'platform', name: 'Platform operators' },
];

export const DEMO_USERS: DemoUser[] = [
  {
    id: 'user_demo_alice',
    name: 'Alice Admin',
    email: 'alice@acme.test',
    memberships: [
      { orgId: 'org_demo_acme', role: 'org:admin' },
      { orgId: 'org_demo_globex', role: 'org:member' },
    ],
  },
  {
    id: 'user_demo_bob',
    name: 'Bob Billing',
    email: 'bob@acme.test',
    memberships: [{ orgId: 'org_demo_acme', role: 'org:billing' }],
  },
  {
    id: 'user_demo_carol',
    name: 'Carol Member',
    email: 'carol@acme.test',
    memberships: [{ orgId: 'org_demo_acme', role: 'org:member' }],
  },
  {
    id: 'user_demo_dave',
    name: 'Dave Admin',
    email: 'dave@globex.test',
    memberships: [{ orgId: 'org_demo_globex', role: 'org:admin' }],
  },
  {
    id: 'user_demo_petra',
    name: 'Petra Platform',
    email: 'petra@platform.test',
    memberships: [{ orgId: DEMO_PLATFORM_ORG_ID, role: 'org:admin' }],
  },
];

export const findDemoUser = (id: string) => DEMO_USERS.find((u) => u.id === id);
export const findDemoOrganization = (id: string) => DEMO_ORGANIZATIONS.find((o) => o.id === id);
