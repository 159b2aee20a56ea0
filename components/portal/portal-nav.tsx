import Link from 'next/link';
import type { OrgRole } from '@/server/auth/principal';
import { roleAtLeast } from '@/server/auth/roles';

const LINKS: Array<{ href: string; label: string; minimum: OrgRole }> = [
  { href: '/billing', label: 'Overview', minimum: 'org:member' },
  { href: '/billing/plans', label: 'Plans', minimum: 'org:member' },
  { href: '/billing/payment-methods', label: 'Payment methods', minimum: 'org:member' },
  { href: '/billing/invoices', label: 'Invoices', minimum: 'org:member' },
  { href: '/billing/usage', label: 'Usage', minimum: 'org:member' },
  { href: '/billing/api-keys', label: 'API keys', minimum: 'org:admin' },
  { href: '/billing/settings', label: 'Settings', minimum: 'org:billing' },
  { href: '/billing/audit', label: 'Audit log', minimum: 'org:admin' },
];

export function PortalNav({ role }: { role: OrgRole }) {
  return (
    <nav aria-label="Billing sections" className="flex flex-wrap gap-1 border-b border-slate-200 text-sm">
      {LINKS.filter((link) => roleAtLeast(role, link.minimum)).map((link) => (
        <Link
          key={link.href}
          href={link.href}
          className="rounded-t-md px-3 py-2 text-slate-600 hover:bg-white hover:text-slate-900"
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
