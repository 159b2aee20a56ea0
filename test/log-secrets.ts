/**
 * Shapes of the credentials this service handles: any match in a log is a leak, whoever wrote the line.
 * Used on the logs of the integration run (log-secrets.int.test.ts) and of the end-to-end servers.
 */
export const SECRET_SHAPES: ReadonlyArray<{ name: string; pattern: RegExp }> = [
  { name: 'API key', pattern: /\bbsk_[\w-]{20,}/ },
  { name: 'session token (JWT)', pattern: /\beyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/ },
  { name: 'Stripe or Clerk secret key', pattern: /\b(?:sk|rk)_(?:test|live)_\w{8,}/ },
  { name: 'webhook signing secret', pattern: /\bwhsec_\w{8,}/ },
];

/** What leaked: the shapes found in `text`, and which of the `known` secrets appear in it verbatim. */
export function findSecrets(text: string, known: Record<string, string> = {}): string[] {
  return [
    ...SECRET_SHAPES.filter(({ pattern }) => pattern.test(text)).map(({ name, pattern }) => {
      const match = pattern.exec(text)![0];
      return `${name}: ${match.slice(0, 8)}…`;
    }),
    ...Object.entries(known)
      .filter(([, value]) => value.length >= 8 && text.includes(value))
      .map(([name]) => name),
  ];
}
