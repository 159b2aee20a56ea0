'use client';

import { OrganizationSwitcher, SignIn, UserButton } from '@clerk/nextjs';

/** Clerk's own widgets, used only in Clerk mode; their script loads from Clerk, so they render nothing offline. */
export function ClerkOrganizationSwitcher() {
  return (
    <div className="flex items-center gap-2">
      <OrganizationSwitcher hidePersonal afterSelectOrganizationUrl="/billing" />
      <UserButton />
    </div>
  );
}

export function ClerkSignIn() {
  return <SignIn routing="hash" forceRedirectUrl="/billing" />;
}
