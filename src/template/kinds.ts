// What a template can be: the kinds, formats and languages (below the clients and the invoices templates).

export const TEMPLATE_KINDS = ["clients", "invoices"] as const;

export const TEMPLATE_FORMATS = ["csv", "xlsx"] as const;

export const TEMPLATE_LANGS = ["fr", "en", "it", "de", "es"] as const;

export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];

export type TemplateLang = (typeof TEMPLATE_LANGS)[number];
