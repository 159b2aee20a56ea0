import { baseProcedure } from './init';

/** Anyone may call: the public catalog. */
export const publicProcedure = baseProcedure;
