/** Where each end-to-end server writes its output (outside the data directories it wipes at start). */
export const E2E_SERVER_LOGS = ['.data/e2e-logs/local.log', '.data/e2e-logs/clerk.log'];
