import type { Database } from '@/db/client';
import type { Actor } from '../audit.service';
import type { PaymentsGateway } from '../payments.port';

/** What the catalog admin needs: the database and the payment provider (through the port). */
export interface CatalogDeps {
  db: Database;
  payments: PaymentsGateway;
}

/** Who makes a catalog change, for the audit trail. */
export interface CatalogCaller {
  actor: Actor;
  requestId: string;
  now: Date;
}
