import type { ZodError } from "zod";
import type { ColumnMapping } from "../map/header.js";
import { problem, type Problem, type ProblemCode } from "../problems.js";

// The zod schema's issues as problems: each names the source column the user must fix, and the problem code of
// the field it is about.

/** A payload field's path, dot-separated ("billing_address.zip_code"). */
export type PayloadPath = string;

// Which source column produced each payload path, so schema issues name the column the user must fix. Built once
// per mapping, and only when a row fails the schema.
const ORIGINS = new WeakMap<ColumnMapping, Map<PayloadPath, string | undefined>>();
export function originOf(mapping: ColumnMapping): Map<PayloadPath, string | undefined> {
  let origin = ORIGINS.get(mapping);
  if (origin !== undefined) return origin;
  const address = (prefix: string, columns: Record<string, string | undefined>) =>
    Object.entries(columns).map(([field, column]) => [`${prefix}.${field}`, column] as const);
  origin = new Map<PayloadPath, string | undefined>([
    ["name", mapping.name ?? mapping.full_name],
    ["first_name", mapping.first_name ?? mapping.full_name],
    ["last_name", mapping.last_name ?? mapping.full_name],
    ["email", mapping.email],
    ["extra_emails", mapping.extra_emails ?? mapping.email],
    ["vat_number", mapping.vat_number],
    ["tax_identification_number", mapping.tax_identification_number],
    ["currency", mapping.currency],
    ["e_invoicing_address", mapping.e_invoicing_address],
    ["recipient_code", mapping.recipient_code],
    ["locale", mapping.locale],
    ...address("billing_address", {
      street_address: mapping.address,
      zip_code: mapping.zip_code,
      city: mapping.city,
      province_code: mapping.province_code,
      country_code: mapping.country,
    }),
    ...address("delivery_address", {
      street_address: mapping.delivery_address,
      zip_code: mapping.delivery_zip_code,
      city: mapping.delivery_city,
      province_code: mapping.delivery_province_code,
      country_code: mapping.delivery_country ?? mapping.country,
    }),
  ]);
  ORIGINS.set(mapping, origin);
  return origin;
}

const CODE_BY_FIELD: Record<string, ProblemCode> = {
  name: "name_missing",
  first_name: "name_missing",
  last_name: "name_missing",
  email: "email_invalid",
  zip_code: "zip_invalid",
  province_code: "province_invalid",
  country_code: "country_unknown",
  vat_number: "vat_invalid",
  tax_identification_number: "tax_id_invalid",
  currency: "currency_invalid",
  locale: "locale_invalid",
  phone: "phone_invalid",
};

/** Maps zod issues mechanically: the path names the payload field, the field names the source column. */
export function schemaProblems(
  error: ZodError,
  columnOf: (path: PayloadPath) => string | undefined,
  candidate: Record<string, unknown>,
): Problem[] {
  return error.issues.map((issue) => {
    // extra_emails.3 is the fourth extra e-mail: its column is the extra e-mails column.
    const path = issue.path
      .map(String)
      .join(".")
      .replace(/^extra_emails\.\d+$/, "extra_emails");
    const leaf = path === "extra_emails" ? "email" : String(issue.path[issue.path.length - 1] ?? "");
    const column = columnOf(path);
    let code: ProblemCode = CODE_BY_FIELD[leaf] ?? "field_too_long";
    let message: string;
    if (issue.code === "too_big") {
      code = ["name", "first_name", "last_name"].includes(leaf)
        ? "name_too_long"
        : code === "zip_invalid"
          ? code
          : "field_too_long";
      message =
        issue.origin === "array"
          ? `${path} has more than the ${String(issue.maximum)} entries Qonto accepts`
          : `${path} is longer than the ${String(issue.maximum)} characters Qonto accepts`;
    } else if (
      issue.code === "too_small" ||
      (issue.code === "invalid_type" && valueAt(candidate, issue.path) === undefined)
    ) {
      message = ["name", "first_name", "last_name"].includes(leaf)
        ? candidate.kind === "company"
          ? "the company name is empty"
          : `the ${leaf.replace("_", " ")} is empty`
        : `${path} is empty`;
    } else {
      const value = valueAt(candidate, issue.path);
      message =
        typeof value === "string"
          ? `${path}: "${value}" is not valid (${issue.message})`
          : `${path}: ${issue.message}`;
    }
    return problem(code, message, column);
  });
}

function valueAt(obj: Record<string, unknown>, path: readonly PropertyKey[]): unknown {
  let current: unknown = obj;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
