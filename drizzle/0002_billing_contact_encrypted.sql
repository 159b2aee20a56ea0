ALTER TABLE "billing_customers" ADD COLUMN "name_encrypted" text;--> statement-breakpoint
ALTER TABLE "billing_customers" ADD COLUMN "billing_email_encrypted" text;--> statement-breakpoint
ALTER TABLE "billing_customers" ADD COLUMN "address_encrypted" text;--> statement-breakpoint
ALTER TABLE "billing_customers" ADD COLUMN "tax_id_encrypted" text;--> statement-breakpoint
ALTER TABLE "billing_customers" ADD COLUMN "contact_key_id" text;--> statement-breakpoint
ALTER TABLE "billing_customers" ADD COLUMN "personal_data_erased_at" timestamp with time zone;