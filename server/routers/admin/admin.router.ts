import { router } from '../../trpc/init';
import { adminOrganizationsRouter } from './organizations.router';
import { adminPlansRouter } from './plans.router';
import { adminPromoCodesRouter } from './promo-codes.router';

/** The platform admin's console API: only platform admins pass any of it (platformAdminProcedure). */
export const adminRouter = router({
  plans: adminPlansRouter,
  promoCodes: adminPromoCodesRouter,
  organizations: adminOrganizationsRouter,
});
