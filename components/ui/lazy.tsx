'use client';

import { lazy, Suspense, type ComponentProps, type ComponentType } from 'react';

/**
 * A component whose code loads only when it first renders, with React's own `lazy` (next/dynamic
 * would add its ~8 kB runtime to every page's first load).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any props: the wrapper passes them through
export function lazyComponent<T extends ComponentType<any>>(load: () => Promise<T>) {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function LazyComponent(props: ComponentProps<T>) {
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  };
}
