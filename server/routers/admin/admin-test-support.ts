import type { TRPCError } from '@trpc/server';
import { describeError, type DescribedError } from '../../trpc/error-table';

/** What a caller over HTTP would read from a refused call (our code, message, field errors). */
export async function refusal(call: Promise<unknown>): Promise<DescribedError> {
  const error = await call.then(
    () => {
      throw new Error('expected the call to be refused');
    },
    (e: unknown) => e as TRPCError,
  );
  return describeError(error);
}
