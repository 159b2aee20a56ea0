ALTER TABLE "billing_customers" DROP COLUMN "name";--> statement-breakpoint
ALTER TABLE "billing_customers" DROP COLUMN "billing_email";