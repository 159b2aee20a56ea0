import Link from 'next/link';

const LINKS = [
  { href: '/admin/plans', label: 'Plans' },
  { href: '/admin/promo-codes', label: 'Promo codes' },
  { href: '/admin/organizations', label: 'Organizations' },
];

export function AdminNav() {
  return (
    <nav aria-label="Admin sections" className="flex flex-wrap gap-1 border-b border-slate-200 text-sm">
      {LINKS.map((link) => (
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
