import type { ProviderOption, SettingSource } from "../../lib/endpoints/settings";

/** Where the active choice comes from, in words. */
export const SOURCE_LABELS: Record<SettingSource, string> = {
  settings: "Chosen here",
  env: "Set by the deployment",
  default: "Automatic default",
};

/** US dollars with enough digits for fractions of a cent. */
export function usd(amount: number): string {
  if (amount === 0) return "$0";
  const digits = amount >= 1 ? 2 : amount >= 0.01 ? 4 : 6;
  return `$${amount.toFixed(digits).replace(/0+$/, "").replace(/\.$/, "")}`;
}

/** Select options: providers this deployment cannot use are shown, disabled, with what they need. */
export function providerChoices(options: ProviderOption[]) {
  return options.map((o) => ({
    value: o.provider,
    label: o.configured ? o.label : `${o.label} — needs ${o.missing ?? "configuration"}`,
    disabled: !o.configured,
  }));
}

/** "1 call", "3 calls". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
