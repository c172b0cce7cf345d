import { z } from "zod";
import { ITALIAN_PROVINCES } from "./italy.js";

// The create payload of POST /v2/clients as the contract (shared/qonto-api/create-client.openapi.md) states it,
// narrowed to what this tool sends: billing_address instead of the deprecated root-level address fields.
// It is the last gate before the network: a payload that fails here is never sent.

export const LOCALES = ["fr", "en", "it", "de", "es"] as const;

const AddressSchema = z
  .object({
    street_address: z.string().min(1).max(250).optional(),
    city: z.string().min(1).max(50).optional(),
    zip_code: z.string().min(1).max(20).optional(),
    province_code: z.string().length(2).optional(),
    country_code: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
  })
  .superRefine((address, ctx) => {
    if (address.country_code !== "IT") return;
    if (address.zip_code !== undefined && address.zip_code.length !== 5)
      ctx.addIssue({
        code: "custom",
        path: ["zip_code"],
        message: "an Italian zip code has exactly 5 characters",
      });
    if (address.province_code !== undefined && !ITALIAN_PROVINCES.has(address.province_code))
      ctx.addIssue({
        code: "custom",
        path: ["province_code"],
        message: `"${address.province_code}" is not an Italian province code`,
      });
  });

const common = {
  email: z.email().max(250).optional(),
  extra_emails: z.array(z.email().max(250)).min(1).max(100).optional(),
  phone: z
    .object({ country_code: z.string().regex(/^\+\d{1,4}$/), number: z.string().regex(/^\d{2,15}$/) })
    .optional(),
  vat_number: z.string().max(20).optional(),
  tax_identification_number: z.string().max(20).optional(),
  e_invoicing_address: z.string().min(1).optional(),
  recipient_code: z.string().min(1).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  locale: z.enum(LOCALES).optional(),
  billing_address: AddressSchema.optional(),
  delivery_address: AddressSchema.optional(),
};

const CompanySchema = z.strictObject({
  kind: z.literal("company"),
  name: z.string().trim().min(1).max(250),
  // The contract's company payload takes a contact person's names too.
  first_name: z.string().trim().min(1).max(60).optional(),
  last_name: z.string().trim().min(1).max(60).optional(),
  ...common,
});

const PersonSchema = z.strictObject({
  kind: z.enum(["individual", "freelancer"]),
  first_name: z.string().trim().min(1).max(60),
  last_name: z.string().trim().min(1).max(60),
  ...common,
});

export const ClientCreatePayloadSchema = z.discriminatedUnion("kind", [CompanySchema, PersonSchema]);

export type ClientCreatePayload = z.infer<typeof ClientCreatePayloadSchema>;
export type ClientKind = ClientCreatePayload["kind"];
export type ClientAddress = z.infer<typeof AddressSchema>;
export type Locale = (typeof LOCALES)[number];
