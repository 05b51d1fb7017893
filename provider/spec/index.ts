/**
 * The YAML billing spec: one file (plus an overlay per environment) describing an account's
 * billing setup, checked with the resources' own schemas, and the export of an account as one
 * (from a source of Stripe objects the caller gives). No Pulumi and no HTTP here.
 */
export { formatIssue, overlay, type Location, type SpecIssue } from "./document";
export { SECTIONS, SECTION_NAMES, type SectionName } from "./sections";
export {
  exportBillingSpec,
  type ExportNote,
  type ExportOptions,
  type ExportResult,
  type ExportSource,
} from "./export";
export {
  checkBillingSpec,
  loadBillingSpec,
  overlayFile,
  SpecError,
  type BillingSpec,
  type ConfigRef,
  type LoadOptions,
  type SpecCheck,
  type SpecEntry,
  type SpecRef,
} from "./validate";
