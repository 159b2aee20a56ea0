import { and, desc, eq, inArray, lte } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { plans, promoCodes, type BillingCycle } from '@/db/schema';
import { AppError, isAppError, NotFoundError, ValidationError } from '../../errors';
import { recordAudit } from '../audit.service';
import { ensurePromoInStripe, normalizeCode, type PromoCodeRow } from '../promo-codes.service';
import { isUniqueViolation } from '../subscribe.service';
import type { CatalogCaller, CatalogDeps } from './catalog.deps';
import { definedOnly } from './catalog.rules';
import { versionedKey } from './stripe-keys';

/** Who may redeem a code, and when: editable at any time, enforced by our database at redemption. */
export interface PromoRestrictions {
  description: string | null;
  maxRedemptions: number | null;
  oncePerOrganization: boolean;
  firstTimeOnly: boolean;
  /** Empty: every plan. */
  planIds: string[];
  billingCycle: BillingCycle | null;
  validFrom: Date | null;
  validUntil: Date | null;
  isActive: boolean;
}

/** What a code takes off: fixed at creation, as a Stripe coupon is. */
export interface PromoTerms {
  code: string;
  discountType: 'percent' | 'amount';
  percentOff: number | null;
  amountOff: number | null;
  currency: string | null;
  duration: 'once' | 'repeating' | 'forever';
  durationInMonths: number | null;
}

export type CreatePromoInput = PromoTerms & PromoRestrictions;

/** Every promo code, newest first. */
export async function listPromoCodes(db: Database): Promise<PromoCodeRow[]> {
  return db.select().from(promoCodes).orderBy(desc(promoCodes.createdAt), desc(promoCodes.code));
}

export async function getPromoCode(db: Database, id: string): Promise<PromoCodeRow> {
  const [row] = await db.select().from(promoCodes).where(eq(promoCodes.id, id));
  if (!row) throw new NotFoundError('Promo code');
  return row;
}

async function assertRestrictions(db: Database, r: Partial<PromoRestrictions>, current?: PromoCodeRow) {
  const from = r.validFrom !== undefined ? r.validFrom : (current?.validFrom ?? null);
  const until = r.validUntil !== undefined ? r.validUntil : (current?.validUntil ?? null);
  if (from && until && from >= until) {
    throw new ValidationError('The code must start before it ends', { validUntil: ['must be after valid from'] });
  }
  if (r.planIds?.length) {
    const found = await db.select({ id: plans.id }).from(plans).where(inArray(plans.id, r.planIds));
    if (found.length !== new Set(r.planIds).size) {
      throw new ValidationError('Unknown plan', { planIds: ['one of the plans does not exist'] });
    }
  }
}

const codeTaken = (code: string) =>
  new AppError('CONFLICT', `The code ${code} already exists`, { fieldErrors: { code: ['already exists'] } });

/**
 * Creates a promo code, then its Stripe coupon and promotion code (synced; if Stripe is down the code
 * is saved and reaches Stripe on the next edit or at its first redemption).
 */
export async function createPromoCode(
  deps: CatalogDeps,
  caller: CatalogCaller,
  input: CreatePromoInput,
): Promise<PromoCodeRow> {
  await assertRestrictions(deps.db, input);
  const code = normalizeCode(input.code);
  let row: PromoCodeRow;
  try {
    row = await deps.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(promoCodes)
        .values({ ...input, code, percentOff: input.percentOff === null ? null : String(input.percentOff) })
        .returning();
      await recordAudit(tx, {
        organizationId: null,
        actor: caller.actor,
        action: 'promo_code.created',
        targetType: 'promo_code',
        targetId: created!.id,
        after: { ...input, code },
        requestId: caller.requestId,
      });
      return created!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(code);
    throw error;
  }
  await trySyncToStripe(deps, row);
  return getPromoCode(deps.db, row.id);
}

/** Creates the Stripe side if missing and mirrors the active flag onto the promotion code. */
async function syncToStripe(deps: CatalogDeps, promo: PromoCodeRow, previous: PromoCodeRow | null) {
  if (!promo.stripePromotionCodeId) {
    if (!promo.isActive) return; // created in Stripe when it is switched on
    await ensurePromoInStripe(deps.db, deps.payments, promo);
    return;
  }
  if (previous && previous.isActive === promo.isActive) return;
  const params = { active: promo.isActive };
  await deps.payments.setPromotionCodeActive(
    promo.stripePromotionCodeId,
    promo.isActive,
    versionedKey(`promo:${promo.id}:active`, (previous ?? promo).updatedAt, params),
  );
}

async function trySyncToStripe(deps: CatalogDeps, promo: PromoCodeRow) {
  try {
    await syncToStripe(deps, promo, null);
  } catch (error) {
    if (!(isAppError(error) && error.code === 'STRIPE_ERROR')) throw error;
  }
}

/**
 * Edits who may redeem a code and when. The active flag goes to Stripe first, then the row; a cap
 * below the redemptions already counted is refused (checked in the update itself, so a redemption
 * racing this edit cannot slip past it).
 */
export async function updatePromoCode(
  deps: CatalogDeps,
  caller: CatalogCaller,
  id: string,
  changes: Partial<PromoRestrictions>,
  action = 'promo_code.updated',
): Promise<PromoCodeRow> {
  const current = await getPromoCode(deps.db, id);
  changes = definedOnly(changes);
  await assertRestrictions(deps.db, changes, current);
  const capTooLow = () =>
    new ValidationError('The cap is below the redemptions so far', {
      maxRedemptions: [`at least ${current.timesRedeemed}, the redemptions so far`],
    });
  if (changes.maxRedemptions != null && changes.maxRedemptions < current.timesRedeemed) throw capTooLow();
  const next = { ...current, ...changes };
  if (current.stripePromotionCodeId && current.isActive !== next.isActive) {
    await syncToStripe(deps, next, current);
  }
  const updated = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(promoCodes)
      .set({ ...changes, updatedAt: new Date() })
      .where(
        and(
          eq(promoCodes.id, id),
          changes.maxRedemptions != null ? lte(promoCodes.timesRedeemed, changes.maxRedemptions) : undefined,
        ),
      )
      .returning();
    if (!row) throw capTooLow(); // a redemption counted since we read the row
    const keys = Object.keys(changes) as Array<keyof PromoRestrictions>;
    await recordAudit(tx, {
      organizationId: null,
      actor: caller.actor,
      action,
      targetType: 'promo_code',
      targetId: id,
      before: Object.fromEntries(keys.map((k) => [k, current[k]])),
      after: Object.fromEntries(keys.map((k) => [k, row[k]])),
      requestId: caller.requestId,
    });
    return row;
  });
  if (!updated.stripePromotionCodeId && updated.isActive) await trySyncToStripe(deps, updated);
  return getPromoCode(deps.db, id);
}

/** Stops a code from being redeemed, here and in Stripe; existing discounts run their course. */
export function deactivatePromoCode(deps: CatalogDeps, caller: CatalogCaller, id: string): Promise<PromoCodeRow> {
  return updatePromoCode(deps, caller, id, { isActive: false }, 'promo_code.deactivated');
}

/** Redemptions left under the cap, or null when there is none. */
export const redemptionsLeft = (row: Pick<PromoCodeRow, 'maxRedemptions' | 'timesRedeemed'>) =>
  row.maxRedemptions === null ? null : Math.max(row.maxRedemptions - row.timesRedeemed, 0);
