CREATE TABLE "job_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "usage_overage_charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" text NOT NULL,
	"metric" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"quantity" bigint NOT NULL,
	"unit_price" numeric(20, 10) NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"stripe_invoice_id" text NOT NULL,
	"stripe_invoice_item_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usage_overage_charges_stripe_invoice_item_id_unique" UNIQUE("stripe_invoice_item_id"),
	CONSTRAINT "usage_overage_charges_amounts_check" CHECK ("usage_overage_charges"."quantity" > 0 and "usage_overage_charges"."amount" >= 0)
);
--> statement-breakpoint
ALTER TABLE "billing_customers" ADD COLUMN "stripe_event_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_methods" ADD COLUMN "detached_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_methods" ADD COLUMN "stripe_event_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "usage_overage_charges_invoice_metric_key" ON "usage_overage_charges" USING btree ("stripe_invoice_id","organization_id","metric","period_start");--> statement-breakpoint
CREATE INDEX "usage_overage_charges_org_period_idx" ON "usage_overage_charges" USING btree ("organization_id","metric","period_start");